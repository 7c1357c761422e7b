// Models for the circuits integration tests: the three shipped demos (seeded as `npm start` does) and
// an uploaded 2-layer model (the tiny biased model of tests/api, through createModelFromUpload), each
// with the engine's own model loaded straight from the same safetensors bytes, so expected values
// come from the engine functions called directly, never from the GraphQL path.
import { readFileSync } from "node:fs";
import { afterAll } from "vitest";
import path from "node:path";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { demoModelsDir, seedDemoModels, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { parseTokenizer, type ModelTokenizer } from "@/lib/engine/io/tokenizer";
import { loadModel, type AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { tinyModel } from "@/tests/api/tiny-model";
import { createTeamWith } from "./fixtures";

export interface CircuitModel {
  name: string;
  modelId: string;
  /** The engine's model of the same bytes (default processing, as the platform loads it). */
  engine: AttnOnlyModel;
  tokenizer: ModelTokenizer | null;
}

function engineOf(bytes: Uint8Array): AttnOnlyModel {
  const { header, tensors } = readSafetensors(bytes);
  return loadModel(tensors, { metadata: { ...header.metadata } });
}

/** Seeds the demos and uploads the tiny 2-layer model into a team of `owner`. */
export async function circuitModels(db: Db, owner: Actor): Promise<Record<"bigram" | "skip" | "induction" | "uploaded", CircuitModel>> {
  const seeded = await seedDemoModels(db);
  const demo = (dir: string, key: string): CircuitModel => {
    const bytes = new Uint8Array(readFileSync(path.join(demoModelsDir(), dir, "model.safetensors")));
    const tokText = readFileSync(path.join(demoModelsDir(), dir, "tokenizer.json"), "utf8");
    const engine = engineOf(bytes);
    return { name: key, modelId: seeded.find((s) => s.name === dir)!.modelId, engine, tokenizer: parseTokenizer(tokText, engine.config.d_vocab) };
  };
  const teamId = await createTeamWith(db, "Circuit uploads", [[owner, "OWNER"]]);
  const bytes = tinyModel({ biases: true });
  const upload = uploadFromSafetensors(bytes);
  const created = await createModelFromUpload(db, owner, {
    teamId, name: "uploaded 2-layer", visibility: "TEAM", config: upload.config as unknown as Prisma.InputJsonObject,
    metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
  });
  return {
    bigram: demo("bigram-0l", "bigram"),
    skip: demo("skip-trigram-1l", "skip"),
    induction: demo("induction-2l", "induction"),
    uploaded: { name: "uploaded", modelId: created.model.id, engine: engineOf(bytes), tokenizer: null },
  };
}

/**
 * Lifts the per-account analysis rate limit for a test file that computes dozens of analyses as one
 * account (the limit itself is tested in tests/graphql/rate-limit.test.ts and circuits-model.test.ts).
 * Call at the top of the file, before its first query builds the server.
 */
export function liftAnalysisRateLimit(): void {
  const saved = process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE;
  process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE = "100000";
  afterAll(() => {
    if (saved === undefined) delete process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE;
    else process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE = saved;
  });
}
