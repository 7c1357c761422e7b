// Training from the platform through GraphQL, in process on a fresh database: a tiny job runs in
// its worker process to DONE with checkpoints as model versions; cancel stops a running job; bad
// settings are BAD_USER_INPUT naming the field; roles are enforced.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runTraining } from "@/lib/jobs/run-training";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { queueJobOfTraining } from "@/lib/jobs/training-runner";
import { trainingSpecSchema } from "@/lib/jobs/training-spec";
import { createTestUser, useTestDatabase } from "../helpers/db";
import { createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();

const START = `mutation($input: StartTrainingInput!) { startTraining(input: $input) { id status totalSteps } }`;
const JOB = `query($id: ID!) { trainingJob(id: $id) {
  id status step totalSteps versions error
  history { step loss iclScore evalLoss earlyLoss lateLoss headScores { name previousToken induction } }
  model { id name versions { number } tokenizer { kind vocabSize } }
} }`;

interface JobView {
  id: string; status: string; step: number; totalSteps: number; versions: number; error: string | null;
  history: { step: number; loss: number; iclScore: number; evalLoss: number | null; earlyLoss: number | null; lateLoss: number | null; headScores: { name: string; previousToken: number; induction: number }[] | null }[];
  model: { id: string; name: string; versions: { number: number }[]; tokenizer: { kind: string; vocabSize: number } | null } | null;
}

async function setup() {
  const editor = await createTestUser(t.db, "trainer");
  const viewer = await createTestUser(t.db, "watcher");
  const stranger = await createTestUser(t.db, "stranger");
  const teamId = await createTeamWith(t.db, "Lab", [[editor, "EDITOR"], [viewer, "VIEWER"]]);
  return { editor, viewer, stranger, teamId };
}

async function waitFor(actor: Parameters<typeof gql>[1], id: string, done: (j: JobView) => boolean, timeoutMs = 60_000): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await gql<{ trainingJob: JobView }>(t.db, actor, JOB, { id });
    expect(r.errors).toBeUndefined();
    const job = r.data!.trainingJob;
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} at step ${job.step}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tiny = { task: "repeated-sequences", nLayers: 1, nHeads: 2, dModel: 8, nCtx: 8, steps: 12, seed: 7, batchSize: 2, checkpointEvery: 4, scoreEvery: 3 };

describe("training jobs over GraphQL", () => {
  it("runs a tiny job to DONE, saving every checkpoint as a version of one new model, whose last version is the run's final weights", async () => {
    const { editor, viewer, teamId } = await setup();
    const started = await gql<{ startTraining: { id: string; status: string; totalSteps: number } }>(t.db, editor, START, { input: { teamId, name: "tiny induction", ...tiny } });
    expect(started.errors).toBeUndefined();
    expect(started.data!.startTraining).toMatchObject({ status: "QUEUED", totalSteps: 12 });
    const id = started.data!.startTraining.id;

    const job = await waitFor(viewer, id, (j) => j.status !== "QUEUED" && j.status !== "RUNNING");
    expect(job.error).toBeNull();
    expect(job.status).toBe("DONE");
    expect(job.step).toBe(12);
    expect(job.versions).toBe(3);
    expect(job.model!.name).toBe("tiny induction");
    expect(job.model!.versions.map((v) => v.number).sort()).toEqual([1, 2, 3]);
    expect(job.model!.tokenizer).toEqual({ kind: "vocab", vocabSize: 36 });

    // Every step is in the history (12 < 400 points); scoring steps 3, 6, 9, 12 carry eval and head scores.
    expect(job.history.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const scored = job.history.filter((p) => p.headScores);
    expect(scored.map((p) => p.step)).toEqual([3, 6, 9, 12]);
    for (const p of scored) {
      expect(p.headScores!.map((h) => h.name)).toEqual(["0.0", "0.1"]);
      // The ICL score of the evaluation batch is its late minus early loss (same batch, same step).
      expect(p.earlyLoss).not.toBeNull();
      for (const h of p.headScores!) for (const s of [h.previousToken, h.induction]) expect(s >= 0 && s <= 1).toBe(true);
    }
    for (const p of job.history) expect(Number.isFinite(p.loss) && p.loss > 0).toBe(true);

    // Deterministic: the same spec trained here, in this process, gives the final file stored as version 3.
    const local = await runTraining(trainingSpecSchema.parse(tiny));
    const last = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: job.model!.id, number: 3 }, select: { contentHash: true } });
    expect(last.contentHash).toBe(createHash("sha256").update(local.file).digest("hex"));
    expect(local.finalLoss).toBeGreaterThan(0);
  });

  it("cancels a running job: the row says CANCELLED, the worker is gone and the step count stops", async () => {
    const { editor, teamId } = await setup();
    const started = await gql<{ startTraining: { id: string } }>(t.db, editor, START, { input: { teamId, ...tiny, steps: 20_000, dModel: 16, nCtx: 16, checkpointEvery: 1000, scoreEvery: 100 } });
    expect(started.errors).toBeUndefined();
    const id = started.data!.startTraining.id;
    await waitFor(editor, id, (j) => j.status === "RUNNING" && j.step > 0);

    const cancelled = await gql<{ cancelTraining: { status: string } }>(t.db, editor, `mutation($id: ID!) { cancelTraining(id: $id) { status } }`, { id });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelTraining.status).toBe("CANCELLED");
    const deadline = Date.now() + 10_000;
    const queueId = await queueJobOfTraining(t.db, id);
    expect(queueId).not.toBeNull();
    while (jobRunner(t.db).runningIds().includes(queueId!)) {
      if (Date.now() > deadline) throw new Error("the cancelled job is still active in the runner");
      await new Promise((r) => setTimeout(r, 50));
    }
    const a = await waitFor(editor, id, () => true);
    await new Promise((r) => setTimeout(r, 700));
    const b = await waitFor(editor, id, () => true);
    expect(b.status).toBe("CANCELLED");
    expect(b.step).toBe(a.step);
    expect(b.step).toBeLessThan(20_000);
  });

  it("answers bad settings with BAD_USER_INPUT naming the field, and starts nothing", async () => {
    const { editor, teamId } = await setup();
    const before = await t.db.trainingJob.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ dModel: 10, nHeads: 3 }, "dModel"],
      [{ nLayers: 9 }, "nLayers"],
      [{ steps: 0 }, "steps"],
      [{ task: "poetry" }, "task"],
      [{ nLayers: 4, nHeads: 8, dModel: 256, nCtx: 128, steps: 20_000, batchSize: 64 }, "steps"],
      // Bounds on what one run writes: ⌈steps / checkpointEvery⌉ versions, ⌈steps / scoreEvery⌉ scorings.
      [{ steps: 20_000, checkpointEvery: 1 }, "checkpointEvery"],
      [{ steps: 20_000, checkpointEvery: 399 }, "checkpointEvery"],
      [{ steps: 20_000, scoreEvery: 1 }, "scoreEvery"],
    ];
    for (const [change, field] of cases) {
      const r = await gql(t.db, editor, START, { input: { teamId, ...tiny, ...change } });
      expect(codes(r), JSON.stringify(change)).toEqual(["BAD_USER_INPUT"]);
      const inputErrors = r.errors![0].extensions!.inputErrors as { path: string[] }[];
      expect(inputErrors.map((e) => e.path[0])).toContain(field);
    }
    const budget = await gql(t.db, editor, START, { input: { teamId, ...tiny, ...cases[4][0] } });
    expect(budget.errors![0].message).toMatch(/minutes/);
    const versions = await gql(t.db, editor, START, { input: { teamId, ...tiny, ...cases[5][0] } });
    expect(versions.errors![0].message).toMatch(/20000 versions; at most 50 per run/);
    expect(await t.db.trainingJob.count()).toBe(before);
  });

  it("lets only EDITORs and OWNERs start or cancel, and hides jobs from non-members", async () => {
    const { editor, viewer, stranger, teamId } = await setup();
    expect(codes(await gql(t.db, null, START, { input: { teamId, ...tiny } }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(t.db, viewer, START, { input: { teamId, ...tiny } }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(t.db, stranger, START, { input: { teamId, ...tiny } }))).toEqual(["NOT_FOUND"]);
    const started = await gql<{ startTraining: { id: string } }>(t.db, editor, START, { input: { teamId, ...tiny, steps: 4 } });
    const id = started.data!.startTraining.id;
    expect(codes(await gql(t.db, viewer, `mutation($id: ID!) { cancelTraining(id: $id) { status } }`, { id }))).toEqual(["FORBIDDEN"]);
    const hidden = await gql<{ trainingJob: unknown }>(t.db, stranger, JOB, { id });
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.trainingJob).toBeNull();
    const list = await gql<{ trainingJobs: { id: string }[] }>(t.db, viewer, `query($teamId: ID!) { trainingJobs(teamId: $teamId) { id } }`, { teamId });
    expect(list.data!.trainingJobs.map((j) => j.id)).toContain(id);
    await waitFor(editor, id, (j) => j.status === "DONE");
  });
});
