// A circuit field of a model above the old 1 MiB in-request limit (d_model 256, d_vocab 4096: 8 MiB
// of embeddings) answers through a background job (lib/analysis/get-analysis → lib/jobs/queue →
// lib/analysis/job-worker in a child process): first QUEUED or RUNNING with a job id, then, once the
// job SUCCEEDED, READY from the analysis cache with the same entries as the engine's fullOV and
// circuitTopK called directly on the same safetensors bytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { circuitTopK, fullOV } from "@/lib/engine/circuits/qk-ov";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { loadModel, type AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { jobEnded } from "@/tests/helpers/jobs";
import { buildSafetensors, type BuilderTensor } from "@/tests/helpers/safetensors-builder";
import { createTeamWith } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
afterAll(() => jobRunner(t.db).stop({ abort: true }));

/** The shape of the model: 2 layers × 2 heads, d_model 256, d_head 16, d_vocab 4096, n_ctx 32. */
const SHAPE = { n_layers: 2, n_heads: 2, d_model: 256, d_head: 16, d_vocab: 4096, n_ctx: 32 };

/** Seeded uniform values in [-0.5, 0.5) (mulberry32), so the file is the same every run. */
function random(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    out[i] = ((x ^ (x >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return out;
}

function bigModelFile(): Uint8Array {
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V, n_ctx: T } = SHAPE;
  let seed = 1;
  const tensor = (shape: number[]): BuilderTensor => ({ shape, data: random(shape.reduce((a, b) => a * b, 1), seed++) });
  const tensors: Record<string, BuilderTensor> = { "embed.W_E": tensor([V, D]), "pos_embed.W_pos": tensor([T, D]) };
  for (let l = 0; l < L; l++) {
    for (const w of ["W_Q", "W_K", "W_V"]) tensors[`blocks.${l}.attn.${w}`] = tensor([H, D, E]);
    tensors[`blocks.${l}.attn.W_O`] = tensor([H, E, D]);
  }
  tensors["unembed.W_U"] = tensor([D, V]);
  return buildSafetensors(tensors);
}

let owner: Actor;
let modelId: string;
let engine: AttnOnlyModel;
let byteLength: number;

beforeAll(async () => {
  owner = await createTestUser(t.db, "owner");
  const teamId = await createTeamWith(t.db, "Big models", [[owner, "OWNER"]]);
  const bytes = bigModelFile();
  const { header, tensors } = readSafetensors(bytes);
  engine = loadModel(tensors, { metadata: { ...header.metadata } });
  const upload = uploadFromSafetensors(bytes);
  const created = await createModelFromUpload(t.db, owner, {
    teamId, name: "8 MiB model", visibility: "TEAM", config: upload.config as unknown as Prisma.InputJsonObject,
    metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
  });
  modelId = created.model.id;
  byteLength = Number((await t.db.modelVersion.findFirstOrThrow({ where: { modelId }, select: { byteLength: true } })).byteLength);
});

const OV = `query($id: ID!) { model(id: $id) { head(name: "1.1") {
  ov(topK: 5, perSource: 0, bottomK: 3) { state jobId progress etaSeconds stage message cached result { top { row col value } bottom { row col value } } }
} } }`;

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const plain = (es: { row: number; col: number; value: number }[]) => es.map((e) => ({ row: e.row, col: e.col, value: e.value }));

async function ov(): Promise<Any> {
  const r = await gql<Any>(t.db, owner, OV, { id: modelId });
  expect(r.errors).toBeUndefined();
  return r.data!.model.head.ov;
}

describe("a circuit field of a model above 1 MiB", () => {
  it("answers QUEUED or RUNNING with a job, which SUCCEEDS; then READY from the cache, equal to fullOV + circuitTopK on the same bytes", async () => {
    expect(byteLength).toBeGreaterThan(1024 * 1024);
    const first = await ov();
    expect(["QUEUED", "RUNNING"]).toContain(first.state);
    expect(first.jobId).toEqual(expect.any(String));
    expect(first.result).toBeNull();
    // A second request while the job runs joins it rather than starting another.
    const joined = await ov();
    if (joined.state !== "READY") expect(joined.jobId).toBe(first.jobId);

    const job = await jobEnded(t.db, first.jobId);
    expect(job).toMatchObject({ status: "SUCCEEDED", type: "analysis", kind: "ov-circuit", progress: 1 });

    const done = await ov();
    expect(done).toMatchObject({ state: "READY", cached: true, jobId: null, message: null });
    const thin = await fullOV(engine.weights, 1, 1, { kernels: tsKernels });
    expect(plain(done.result.top)).toEqual(plain((await circuitTopK(thin, 5, { kernels: tsKernels })).entries));
    expect(plain(done.result.bottom)).toEqual(plain((await circuitTopK(thin, 3, { kernels: tsKernels, smallest: true })).entries));
    expect(await t.db.job.count({ where: { kind: "ov-circuit" } })).toBe(1);
  });
});
