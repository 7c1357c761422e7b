// Stores the MLP and DT upload fixtures of tests/api/mlp-dt-models.ts (and an attention-only model)
// in a team of `owner` through the same path as POST /api/models' storage (createModelFromUpload).
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { createTeamWith } from "./fixtures";

export async function storeFile(db: Db, owner: Actor, teamId: string, name: string, bytes: Uint8Array): Promise<string> {
  const upload = uploadFromSafetensors(bytes);
  const created = await createModelFromUpload(db, owner, {
    teamId, name, visibility: "TEAM", config: upload.config as unknown as Prisma.InputJsonObject,
    metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
  });
  return created.model.id;
}

export async function storeFiles(db: Db, owner: Actor, files: Record<string, Uint8Array>): Promise<Record<string, string>> {
  const teamId = await createTeamWith(db, `MLP models ${Object.keys(files).join(" ")}`, [[owner, "OWNER"]]);
  const ids: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) ids[name] = await storeFile(db, owner, teamId, name, bytes);
  return ids;
}
