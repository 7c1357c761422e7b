// Jobs that survive (issue 7 item 7), in Postgres mode with real `npm run worker` processes
// (scripts/worker.ts) on one database: `kill -9` of the worker running an analysis leaves it to
// another worker, which finishes it within a minute (never RUNNING for ever); `kill -9` of the worker
// running a training job marks it FAILED within a minute and removes its half-trained model; a
// cancel issued through one client ("instance A", this test process, which consumes no jobs) stops
// the training run a worker started from another process ("instance B") runs.
// Embedded PGlite has no second process to kill or cancel from: there the file reports itself skipped.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getHeadReportForActor } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { listenSourceOf } from "@/lib/db/client";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { cancelJobForActor } from "@/lib/jobs/queue/access";
import { JobRunner, setJobRunner } from "@/lib/jobs/queue/runner";
import { getJob, LEASE_MS } from "@/lib/jobs/queue/store";
import { startTrainingJob } from "@/lib/jobs/training-runner";
import { trainingSpecSchema } from "@/lib/jobs/training-spec";
import { createTestUser, testDbMode, useTestDatabase } from "../helpers/db";
import { until } from "../helpers/poll";

const t = useTestDatabase();
const postgres = testDbMode() === "postgres";
const MINUTE = 60_000;
const workers: ChildProcess[] = [];
let runner: JobRunner;
let owner: Actor;
let teamId: string;

/** Starts `npm run worker` (one slot) on the test database; resolves once it says it is ready. */
function startWorker(): Promise<ChildProcess> {
  const source = listenSourceOf(t.db);
  if (source?.kind !== "postgres") throw new Error("not Postgres");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "scripts", "worker.ts")], {
    env: { ...process.env, DATABASE_URL: source.url, CIRCUITBOARD_JOB_SLOTS: "1", CIRCUITBOARD_JOB_CONSUME: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("[worker] ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`the worker exited (${code}) before it was ready: ${out}`)));
  });
}

const slowSpec = trainingSpecSchema.parse({ task: "text-chars", nLayers: 1, nHeads: 2, dModel: 16, nCtx: 16, steps: 20_000, seed: 3, batchSize: 4, checkpointEvery: 500, scoreEvery: 100 });

describe.runIf(postgres)("jobs that survive (Postgres, npm run worker processes)", () => {
  beforeAll(async () => {
    // This process is "instance A": it enqueues, cancels and sweeps, but runs no job itself.
    runner = new JobRunner(t.db, { consume: false });
    setJobRunner(t.db, runner);
    await runner.start();
    owner = await createTestUser(t.db, "survivor");
    const team = await t.db.team.create({ data: { name: "Survive", slug: "survive", memberships: { create: [{ userId: owner.userId, role: "OWNER" }] } } });
    teamId = team.id;
  });
  afterEach(() => {
    for (const w of workers.splice(0)) if (w.exitCode === null) w.kill("SIGKILL");
  });
  afterAll(() => runner.stop());

  it("kill -9 of the worker running an analysis: another worker retries it and it succeeds within a minute", async () => {
    const upload = uploadFromSafetensors(new Uint8Array(readFileSync(path.join(demoModelsDir(), "induction-2l", "model.safetensors"))));
    const { model } = await createModelFromUpload(t.db, owner, {
      teamId, name: "killed mid-report", config: upload.config as unknown as Prisma.InputJsonObject, metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
    });
    const first = await getHeadReportForActor(t.db, owner, model.id, { inProcessBytes: 0 });
    if (first.status !== "QUEUED") throw new Error(`expected QUEUED, got ${first.status}`);
    const w1 = await startWorker();
    const running = await until(() => getJob(t.db, first.jobId), (j) => j?.status === "RUNNING", MINUTE, "the first worker to claim the job");
    expect(running!.leaseOwner).toContain(`:${w1.pid}:`);
    process.kill(w1.pid!, "SIGKILL");
    const killedAt = Date.now();
    const w2 = await startWorker();
    const done = await until(() => getJob(t.db, first.jobId), (j) => j?.status === "SUCCEEDED" || j?.status === "FAILED", MINUTE + 30_000, "the job to end");
    expect(done).toMatchObject({ status: "SUCCEEDED", attempts: 2, leaseOwner: null });
    expect(done!.endedAt!.getTime() - killedAt).toBeLessThan(MINUTE);
    expect(await getHeadReportForActor(t.db, owner, model.id, { inProcessBytes: 0 })).toMatchObject({ status: "READY", cached: true });
    w2.kill("SIGTERM");
  });

  it("kill -9 of the worker running a training job: the job is FAILED within a minute and its half-trained model is gone", async () => {
    const training = await startTrainingJob(t.db, owner, { teamId, task: slowSpec.task, config: { ...slowSpec, name: "killed mid-run" } as Prisma.InputJsonObject });
    const w = await startWorker();
    const withModel = await until(() => t.db.trainingJob.findUniqueOrThrow({ where: { id: training.id } }), (j) => j.modelId !== null, MINUTE, "the first checkpoint");
    process.kill(w.pid!, "SIGKILL");
    const killedAt = Date.now();
    const failed = await until(() => t.db.trainingJob.findUniqueOrThrow({ where: { id: training.id } }), (j) => j.status !== "RUNNING", MINUTE + 30_000, "the run to end");
    expect(Date.now() - killedAt).toBeLessThan(MINUTE);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/stopped responding/);
    expect(await t.db.model.count({ where: { id: withModel.modelId! } })).toBe(0);
    expect((await getJob(t.db, training.jobId!))).toMatchObject({ status: "FAILED", leaseOwner: null });
  });

  it("a cancel issued on instance A is seen by the worker started from instance B, which stops training", async () => {
    const w = await startWorker();
    const training = await startTrainingJob(t.db, owner, { teamId, task: slowSpec.task, config: { ...slowSpec, name: "cancelled elsewhere" } as Prisma.InputJsonObject });
    const jobId = training.jobId!;
    await until(() => getJob(t.db, jobId), (j) => j?.status === "RUNNING" && j.leaseOwner!.includes(`:${w.pid}:`) && j.progress > 0, MINUTE, "worker B to run the job");
    const asked = Date.now();
    const cancelled = await cancelJobForActor(t.db, owner, jobId);
    expect(cancelled.cancelRequested).toBe(true);
    // Seen at once through lib/live (not only at the next heartbeat or lease expiry).
    const ended = await until(() => getJob(t.db, jobId), (j) => j?.status !== "RUNNING", LEASE_MS, "worker B to stop the job");
    expect(ended!.status).toBe("CANCELLED");
    expect(Date.now() - asked).toBeLessThan(LEASE_MS);
    const a = await t.db.trainingJob.findUniqueOrThrow({ where: { id: training.id } });
    expect(a.status).toBe("CANCELLED");
    const versionsThen = a.modelId ? await t.db.modelVersion.count({ where: { modelId: a.modelId } }) : 0;
    await new Promise((r) => setTimeout(r, 2000));
    const b = await t.db.trainingJob.findUniqueOrThrow({ where: { id: training.id } });
    expect(b.progress).toEqual(a.progress);
    expect(b.modelId ? await t.db.modelVersion.count({ where: { modelId: b.modelId } }) : 0).toBe(versionsThen);
    expect(w.exitCode).toBeNull(); // the worker itself lives on
  });
});

describe.runIf(!postgres)("jobs that survive", () => {
  it("needs Postgres (two processes on one database); run through scripts/test-integration.mjs", () => {
    expect(postgres).toBe(false);
  });
});
