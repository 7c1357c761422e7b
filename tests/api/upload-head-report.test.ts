// An upload starts its model's head report once the upload has committed (app/api/models/route.ts
// wires lib/analysis/head-report's startHeadReportAfterUpload into handleModelUpload's afterCommit):
// a model above the in-process bound (64 KiB of weights) has a QUEUED head-report job when the
// response arrives — created by the uploader, outside the job cap — and Model.headReport answers that
// same job; a tiny model gets no job (its overview computes it in the request). The runner here
// consumes nothing, so the job stays QUEUED and the test does not wait for a child process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_IN_PROCESS_BYTES, HEAD_REPORT_KIND, startHeadReportAfterUpload } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { MAX_ACTIVE_JOBS_PER_USER } from "@/lib/jobs/queue/enqueue";
import { JobRunner, jobRunner, setJobRunner } from "@/lib/jobs/queue/runner";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { buildSafetensors, type BuilderTensor } from "@/tests/helpers/safetensors-builder";
import { createModelRow, createTeamWith } from "@/tests/graphql/fixtures";
import { gql } from "@/tests/graphql/harness";
import { tinyModel, uploadRequest } from "./tiny-model";

const t = useTestDatabase();
let uploader: Actor, teamId: string, idle: JobRunner;

/** A 1-layer model of d_model 64 over 160 tokens: W_E and W_U alone are 2 × 40 KiB of F32. */
function largeModel(seed = 0): Uint8Array {
  const V = 160, D = 64, H = 2, E = 8, T = 8;
  const t = (shape: number[], k: number): BuilderTensor => ({
    shape, data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (((i * 7 + (k + seed) * 13) % 17) / 16 - 0.5) / 4),
  });
  return buildSafetensors({
    "embed.W_E": t([V, D], 1), "pos_embed.W_pos": t([T, D], 2),
    "blocks.0.attn.W_Q": t([H, D, E], 3), "blocks.0.attn.W_K": t([H, D, E], 4), "blocks.0.attn.W_V": t([H, D, E], 5), "blocks.0.attn.W_O": t([H, E, D], 6),
    "unembed.W_U": t([D, V], 7),
  });
}

async function upload(file: Uint8Array, name: string) {
  const response = await handleModelUpload(uploadRequest({ file, name, team: teamId }), {
    db: t.db, getActor: async () => uploader, maxBytes: 64 * 1024 * 1024,
    afterCommit: (result, actor) => startHeadReportAfterUpload(t.db, actor, result.id),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const JOB = `query($id: ID!) { model(id: $id) { headReport { status jobId } } }`;

beforeAll(async () => {
  uploader = await createTestUser(t.db, "uploader");
  teamId = await createTeamWith(t.db, "Upload lab", [[uploader, "OWNER"]]);
  await jobRunner(t.db).stop({ abort: true });
  idle = new JobRunner(t.db, { consume: false });
  setJobRunner(t.db, idle);
  await idle.start();
});
afterAll(() => idle.stop({ abort: true }));

describe("POST /api/models starts the head report", () => {
  it("has a QUEUED head-report job for a model above 64 KiB when the response arrives, the one Model.headReport answers", async () => {
    const file = largeModel();
    expect(file.length).toBeGreaterThan(HEAD_REPORT_IN_PROCESS_BYTES);
    const id = await upload(file, "big enough for a job");
    const jobs = await t.db.job.findMany({ where: { modelVersion: { modelId: id } }, select: { id: true, kind: true, status: true, createdById: true } });
    expect(jobs).toEqual([{ id: jobs[0]?.id, kind: HEAD_REPORT_KIND, status: "QUEUED", createdById: uploader.userId }]);
    const overview = await gql<{ model: { headReport: { status: string; jobId: string } } }>(t.db, uploader, JOB, { id });
    expect(overview.data!.model.headReport).toEqual({ status: "QUEUED", jobId: jobs[0].id });
    expect(await t.db.job.count({ where: { modelVersion: { modelId: id } } })).toBe(1);
  });

  it("enqueues it even when the uploader already has the most active jobs, and starts nothing for a tiny model", async () => {
    for (let i = 0; i < MAX_ACTIVE_JOBS_PER_USER; i++) {
      const m = await createModelRow(t.db, { teamId, name: `busy ${i}`, createdBy: uploader, byteLength: 1 << 20 });
      await t.db.job.create({ data: { type: "analysis", kind: "ov", modelVersionId: (await t.db.modelVersion.findFirstOrThrow({ where: { modelId: m } })).id, teamId, createdById: uploader.userId } });
    }
    const id = await upload(largeModel(1), "at the cap");
    expect(await t.db.job.count({ where: { modelVersion: { modelId: id }, kind: HEAD_REPORT_KIND, status: "QUEUED" } })).toBe(1);
    const tiny = await upload(tinyModel(), "tiny");
    expect(await t.db.job.count({ where: { modelVersion: { modelId: tiny } } })).toBe(0);
  });
});
