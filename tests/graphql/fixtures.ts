// Rows for GraphQL tests, written straight through Prisma (the upload path has its own tests in
// tests/api): teams with members in given roles, and models with a config, a version and optionally
// a vocabulary tokenizer.
import { createHash } from "node:crypto";
import type { Actor, Role } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import type { UploadTensor } from "@/lib/db/tensors";
import { randomTensors, type FixtureConfig } from "@/tests/engine/transformer/fixtures";

let counter = 0;

/** A team whose members are given with their roles. */
export async function createTeamWith(db: Db, name: string, members: [Actor, Role][], isPublic = false): Promise<string> {
  const team = await db.team.create({
    data: {
      name,
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${++counter}`,
      isPublic,
      memberships: { create: members.map(([actor, role]) => ({ userId: actor.userId, role })) },
    },
    select: { id: true },
  });
  return team.id;
}

export interface ModelFixture {
  teamId: string;
  name: string;
  visibility?: "PRIVATE" | "TEAM" | "PUBLIC";
  createdBy?: Actor;
  /** TL sizes; the defaults describe a 2-layer, 3-head model. */
  config?: Partial<Record<"n_layers" | "n_heads" | "d_model" | "d_head" | "d_vocab" | "n_ctx", number>>;
  vocab?: string[];
  byteLength?: number;
}

/** A model row with one version (and a tokenizer when `vocab` is given); returns its id. */
export async function createModelRow(db: Db, f: ModelFixture): Promise<string> {
  const config = {
    n_layers: 2, n_heads: 3, d_model: 8, d_head: 4, d_vocab: f.vocab?.length ?? 5, n_ctx: 6,
    positional_embedding_type: "standard", normalization_type: null, eps: 1e-5, biases: false,
    ...f.config,
  };
  const hash = `hash-${++counter}`;
  const tokenizer = f.vocab
    ? await db.tokenizer.create({ data: { kind: "vocab", data: f.vocab, vocabSize: f.vocab.length, sha256: `tok-${counter}` }, select: { id: true } })
    : null;
  const model = await db.model.create({
    data: {
      teamId: f.teamId,
      name: f.name,
      visibility: f.visibility ?? "TEAM",
      config,
      contentHash: hash,
      createdById: f.createdBy?.userId ?? null,
      tokenizerId: tokenizer?.id ?? null,
      versions: { create: { number: 1, contentHash: hash, config, byteLength: BigInt(f.byteLength ?? 1234) } },
    },
    select: { id: true },
  });
  return model.id;
}

/** An upload of seeded random attention-only weights (tests/engine/transformer/fixtures) as F32 tensors. */
export function randomModelUpload(cfg: FixtureConfig, seed: number) {
  const tensors: UploadTensor[] = Object.entries(randomTensors(cfg, seed)).map(([name, x]) => ({
    name, dtype: "F32", shape: x.shape, chunks: [new Uint8Array(Float32Array.from(x.data).buffer)],
  }));
  const hash = createHash("sha256");
  for (const u of tensors) for (const c of u.chunks as Uint8Array[]) hash.update(c);
  return { config: { ...cfg }, tensors, contentHash: hash.digest("hex") };
}
