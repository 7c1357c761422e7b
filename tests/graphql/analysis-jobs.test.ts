// Analyses as background jobs on the test database (lib/analysis/get-analysis, lib/jobs/queue): a
// model above the in-process bound (lowered to 0 here so the tiny induction-2l demo takes that path)
// is answered QUEUED, its job runs the kind in a child process (lib/analysis/job-worker) and stores
// the same report the engine computes directly on the file; the second request reads that row; a
// failing analysis ends FAILED with the worker's message and caches nothing; a fifth job of one
// account waits QUEUED for a slot (stage WAITING_STAGE) and gets the slot of a queued job cancelled;
// QUOTA_EXCEEDED only beyond MAX_QUEUED_JOBS_PER_ACCOUNT active jobs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getHeadReportForActor, loadStoredModel } from "@/lib/analysis/head-report";
import { headReportParams } from "@/lib/analysis/kinds/head-report";
import type { Actor } from "@/lib/auth/policy";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import { QuotaError } from "@/lib/db/errors";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { headReport, type HeadReportJson } from "@/lib/engine/circuits/report";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { cancelJobForActor } from "@/lib/jobs/queue/access";
import { MAX_ACTIVE_JOBS_PER_USER, MAX_QUEUED_JOBS_PER_ACCOUNT } from "@/lib/jobs/queue/enqueue";
import { JobRunner, jobRunner, setJobRunner } from "@/lib/jobs/queue/runner";
import { getJob, WAITING_STAGE } from "@/lib/jobs/queue/store";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { jobEnded } from "@/tests/helpers/jobs";
import { createModelRow, createTeamWith } from "./fixtures";

const t = useTestDatabase();
const FILE = path.join(demoModelsDir(), "induction-2l", "model.safetensors");
let owner: Actor;
let teamId: string, modelId: string, emptyId: string;
let direct: HeadReportJson;

beforeAll(async () => {
  owner = await createTestUser(t.db, "owner");
  teamId = await createTeamWith(t.db, "Workers", [[owner, "OWNER"]]);
  const upload = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
  const created = await createModelFromUpload(t.db, owner, {
    teamId, name: "induction in a job", config: upload.config as unknown as Prisma.InputJsonObject,
    metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
  });
  modelId = created.model.id;
  // A version row with no tensors: loading it fails inside the worker.
  emptyId = await createModelRow(t.db, { teamId, name: "no weights", createdBy: owner });
  direct = await headReport(await loadModelFile(FILE), { ...headReportParams.parse({}), kernels: tsKernels });
});
afterAll(() => jobRunner(t.db).stop({ abort: true }));

describe("loadStoredModel", () => {
  it("builds the same engine model from the stored chunks as from the file", async () => {
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId }, select: { id: true, metadata: true } });
    const stored = await loadStoredModel(t.db, version);
    const file = await loadModelFile(FILE);
    expect(stored.config).toEqual(file.config);
    expect(stored.processing).toEqual(file.processing);
    expect(stored.weights.W_E).toEqual(file.weights.W_E);
    expect(stored.weights.blocks[1].W_K).toEqual(file.weights.blocks[1].W_K);
  });
});

describe("getHeadReportForActor above the in-process bound", () => {
  it("answers QUEUED, computes the report in a job equal to headReport on the same file, and the next request reads the row", async () => {
    const first = await getHeadReportForActor(t.db, owner, modelId, { inProcessBytes: 0 });
    expect(["QUEUED", "RUNNING"]).toContain(first.status);
    if (first.status !== "QUEUED" && first.status !== "RUNNING") return;
    const job = await jobEnded(t.db, first.jobId);
    expect(job).toMatchObject({ status: "SUCCEEDED", progress: 1, attempts: 1, leaseOwner: null });
    const again = await getHeadReportForActor(t.db, owner, modelId, { inProcessBytes: 0 });
    expect(again).toMatchObject({ status: "READY", cached: true });
    if (again.status !== "READY") return;
    expect(again.result).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(await t.db.analysisResult.count({ where: { modelVersion: { modelId } } })).toBe(1);
  });

  it("ends FAILED with the worker's message when the analysis fails, caches nothing, and says the same in process", async () => {
    const queued = await getHeadReportForActor(t.db, owner, emptyId, { inProcessBytes: 0 });
    if (queued.status !== "QUEUED" && queued.status !== "RUNNING") throw new Error(`expected a job, got ${queued.status}`);
    const job = await jobEnded(t.db, queued.jobId);
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/^head-report: .*embed\.W_E/);
    const child = await getHeadReportForActor(t.db, owner, emptyId, { inProcessBytes: 0 });
    expect(child).toMatchObject({ status: "FAILED", message: job.error, jobId: job.id, modelVersion: 1 });
    const inProcess = await getHeadReportForActor(t.db, owner, emptyId);
    expect(inProcess).toMatchObject({ status: "FAILED", message: job.error });
    expect(await t.db.analysisResult.count({ where: { modelVersion: { modelId: emptyId } } })).toBe(0);
  });
});

describe("job slots and cancelling a queued job", () => {
  it(`leaves a job beyond ${MAX_ACTIVE_JOBS_PER_USER} dispatched ones waiting, lets it in when a queued job is cancelled, and refuses beyond ${MAX_QUEUED_JOBS_PER_ACCOUNT}`, async () => {
    // A runner that consumes nothing keeps the jobs QUEUED.
    await jobRunner(t.db).stop({ abort: true });
    const idle = new JobRunner(t.db, { consume: false });
    setJobRunner(t.db, idle);
    await idle.start();
    const user = await createTestUser(t.db, "busy");
    await t.db.membership.upsert({ where: { teamId_userId: { teamId, userId: user.userId } }, create: { teamId, userId: user.userId, role: "VIEWER" }, update: {} });
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_JOBS_PER_USER; i++) {
      const m = await createModelRow(t.db, { teamId, name: `q${i}`, createdBy: owner });
      const state = await getHeadReportForActor(t.db, user, m, { inProcessBytes: 0 });
      expect(state).toMatchObject({ status: "QUEUED", progress: { stage: null } });
      if (state.status === "QUEUED") ids.push(state.jobId);
    }
    const extra = await createModelRow(t.db, { teamId, name: "one too many", createdBy: owner });
    const waiting = await getHeadReportForActor(t.db, user, extra, { inProcessBytes: 0 });
    expect(waiting).toMatchObject({ status: "QUEUED", progress: { fraction: 0, stage: WAITING_STAGE } });
    if (waiting.status !== "QUEUED") return;
    // Asked again, it is the same waiting job.
    expect(await getHeadReportForActor(t.db, user, extra, { inProcessBytes: 0 })).toMatchObject({ status: "QUEUED", jobId: waiting.jobId });
    const cancelled = await cancelJobForActor(t.db, user, ids[0]);
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelRequested: true, startedAt: null });
    // Its slot went to the waiting job.
    expect(await getJob(t.db, waiting.jobId)).toMatchObject({ status: "QUEUED", stage: null });
    // An upload's own head report is dispatched whatever the slots (enforceCap false).
    const uploaded = await createModelRow(t.db, { teamId, name: "uploaded", createdBy: owner });
    expect(await getHeadReportForActor(t.db, user, uploaded, { inProcessBytes: 0, enforceCap: false })).toMatchObject({ status: "QUEUED", progress: { stage: null } });
    // Up to MAX_QUEUED_JOBS_PER_ACCOUNT active jobs in all; then QUOTA_EXCEEDED.
    const active = await t.db.job.count({ where: { createdById: user.userId, status: { in: ["QUEUED", "RUNNING"] } } });
    await t.db.job.createMany({
      data: Array.from({ length: MAX_QUEUED_JOBS_PER_ACCOUNT - active }, () => ({ type: "analysis", kind: "ov", teamId, createdById: user.userId, stage: WAITING_STAGE })),
    });
    const over = await createModelRow(t.db, { teamId, name: "over the queue", createdBy: owner });
    await expect(getHeadReportForActor(t.db, user, over, { inProcessBytes: 0 })).rejects.toBeInstanceOf(QuotaError);
    await expect(getHeadReportForActor(t.db, user, over, { inProcessBytes: 0 })).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    await idle.stop();
  });
});
