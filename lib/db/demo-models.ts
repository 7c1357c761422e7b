// The demo models the repository ships (models/<name>/{model.safetensors, tokenizer.json, card.json})
// loaded into the public "Demo" team, so the first page a new user sees has models on it.
// Rules: models go through the same storage path as uploads (the engine's header validation, then
// lib/db/tensors' all-or-nothing createModelFromUpload); seeding is idempotent because a model is
// recognised by the sha256 of its safetensors file, so a second start stores nothing.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Actor } from "@/lib/auth/policy";
import { parseSafetensorsHeader } from "@/lib/engine/io/safetensors";
import { parseTokenizer, tokenSample } from "@/lib/engine/io/tokenizer";
import { storedConfig, type StoredModelConfig } from "@/lib/engine/transformer/stored-config";
import { validateModelHeader } from "@/lib/engine/transformer/weights";
import type { Db } from "./client";
import { DEMO_CURATOR_EMAIL, DEMO_TEAM_SLUG } from "./demo";
import { BadInputError, NotFoundError } from "./errors";
import type { Prisma } from "./generated/client";
import { createModelFromUpload, type UploadTensor, type UploadTokenizer } from "./tensors";

/** A safetensors file read into what lib/db/tensors stores: validated config, metadata, tensors, hash. */
export interface FileUpload {
  config: StoredModelConfig;
  metadata: Record<string, string>;
  tensors: UploadTensor[];
  /** sha256 (hex) of the whole file. */
  contentHash: string;
}

/**
 * Validates a whole safetensors file held in memory with the engine (header, TL names, config) and
 * slices it into the tensors `createModelFromUpload` / `addModelVersion` consume.
 */
export function uploadFromSafetensors(file: Uint8Array): FileUpload {
  const header = parseSafetensorsHeader(file, file.length);
  const config = storedConfig(validateModelHeader(header));
  const tensors: UploadTensor[] = [...header.tensors.values()].map((e) => ({
    name: e.name,
    dtype: e.dtype,
    shape: e.shape,
    chunks: [file.subarray(header.dataStart + e.begin, header.dataStart + e.end)],
  }));
  const contentHash = createHash("sha256").update(file).digest("hex");
  return { config, metadata: { ...header.metadata }, tensors, contentHash };
}

/** A vocabulary (JSON array of token strings) or HF tokenizer.json, checked against d_vocab. */
export function tokenizerUpload(text: string, d_vocab: number): UploadTokenizer | null {
  const tokenizer = parseTokenizer(text, d_vocab);
  if (tokenizer.kind === "ids") return null;
  return { kind: tokenizer.kind, data: JSON.parse(text) as Prisma.InputJsonValue, vocabSize: tokenizer.size, sample: tokenSample(tokenizer) };
}

/** The repository's models/ folder ($CIRCUITBOARD_ROOT or the working directory). */
export function demoModelsDir(): string {
  return path.join(process.env.CIRCUITBOARD_ROOT ?? process.cwd(), "models");
}

export interface SeededModel {
  name: string;
  modelId: string;
  /** False when the Demo team already had this exact file. */
  created: boolean;
}

/**
 * Loads every models/<name>/ that has a model.safetensors into the public Demo team (made by
 * ensureDemoAccount, which must run first), as its owner the curator account, visible to every account.
 * Idempotent. A folder whose files do not validate throws, naming the folder.
 */
export async function seedDemoModels(db: Db, options: { modelsDir?: string } = {}): Promise<SeededModel[]> {
  const dir = options.modelsDir ?? demoModelsDir();
  const user = await db.user.findUnique({ where: { email: DEMO_CURATOR_EMAIL }, select: { id: true, email: true, name: true } });
  const team = await db.team.findUnique({ where: { slug: DEMO_TEAM_SLUG }, select: { id: true } });
  if (!user || !team) throw new NotFoundError("seedDemoModels: the Demo team and its curator do not exist; run ensureDemoAccount first.");
  const actor: Actor = { userId: user.id, email: user.email, name: user.name, via: "session" };
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "model.safetensors")))
    .map((d) => d.name)
    .sort();
  const seeded: SeededModel[] = [];
  for (const name of names) {
    const folder = path.join(dir, name);
    try {
      const file = new Uint8Array(readFileSync(path.join(folder, "model.safetensors")));
      const upload = uploadFromSafetensors(file);
      const tokenizerFile = path.join(folder, "tokenizer.json");
      const tokenizer = existsSync(tokenizerFile) ? tokenizerUpload(readFileSync(tokenizerFile, "utf8"), upload.config.d_vocab) : null;
      const cardFile = path.join(folder, "card.json");
      const card = existsSync(cardFile) ? (JSON.parse(readFileSync(cardFile, "utf8")) as { purpose?: unknown }) : {};
      const metadata = { ...upload.metadata, ...(typeof card.purpose === "string" ? { purpose: card.purpose } : {}) };
      const result = await createModelFromUpload(db, actor, {
        teamId: team.id,
        name,
        visibility: "PUBLIC",
        config: upload.config as unknown as Prisma.InputJsonObject,
        metadata,
        tensors: upload.tensors,
        tokenizer,
        contentHash: upload.contentHash,
      });
      seeded.push({ name, modelId: result.model.id, created: !result.duplicate });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new BadInputError(`demo model ${name} (${folder}) could not be loaded: ${why}`, "models");
    }
  }
  return seeded;
}
