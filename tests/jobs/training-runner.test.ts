// The training runner (lib/jobs/training-runner.ts) on a fresh database, driven directly: a run
// that cannot save its next checkpoint (the owner lost the right to write models mid-run) ends
// FAILED with the reason, and the checkpoints it had saved are removed with their model; jobs run
// one at a time in a one-slot runner and a queued one can be cancelled; jobs orphaned by a restart are failed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelTrainingJobForActor, createTrainingJob, failOrphanedTrainingJobs, getTrainingJobForActor } from "@/lib/db/training-jobs";
import { JobRunner, jobRunner, setJobRunner } from "@/lib/jobs/queue/runner";
import { enqueueTrainingRun, queueJobOfTraining } from "@/lib/jobs/training-runner";
import { requestCancel } from "@/lib/jobs/queue/store";
import { trainingSpecSchema } from "@/lib/jobs/training-spec";
import { createTestUser, useTestDatabase } from "../helpers/db";
import { until } from "../helpers/poll";

const t = useTestDatabase();

// One slot, so the queue test sees a second job wait for the first.
beforeAll(async () => {
  const runner = new JobRunner(t.db, { slots: 1 });
  setJobRunner(t.db, runner);
  await runner.start();
});
afterAll(() => jobRunner(t.db).stop({ abort: true }));

const running = async (trainingJobId: string) => {
  const id = await queueJobOfTraining(t.db, trainingJobId);
  return id !== null && jobRunner(t.db).runningIds().includes(id);
};

describe("training runner", () => {
  it("marks a run FAILED with the reason and deletes its half-trained model when a checkpoint cannot be saved", async () => {
    const owner = await createTestUser(t.db, "owner");
    const editor = await createTestUser(t.db, "editor");
    const team = await t.db.team.create({
      data: { name: "Lab", slug: "lab-runner", memberships: { create: [{ userId: owner.userId, role: "OWNER" }, { userId: editor.userId, role: "EDITOR" }] } },
    });
    const spec = trainingSpecSchema.parse({ task: "markov-copy", nLayers: 1, nHeads: 1, dModel: 8, nCtx: 12, steps: 20_000, seed: 1, batchSize: 2, checkpointEvery: 400 });
    const job = await createTrainingJob(t.db, editor, { teamId: team.id, task: spec.task, config: { ...spec } });
    await enqueueTrainingRun(t.db, job.id);

    const withModel = await until(() => getTrainingJobForActor(t.db, owner, job.id), (j) => j.modelId !== null);
    const modelId = withModel.modelId!;
    expect(await t.db.modelVersion.count({ where: { modelId } })).toBeGreaterThanOrEqual(1);
    await t.db.membership.update({ where: { teamId_userId: { teamId: team.id, userId: editor.userId } }, data: { role: "VIEWER" } });

    const failed = await until(() => getTrainingJobForActor(t.db, owner, job.id), (j) => j.status !== "RUNNING");
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/could not save the run: .*model:update/);
    expect(failed.modelId).toBeNull();
    expect(await t.db.model.count({ where: { id: modelId } })).toBe(0);
    expect(await t.db.tensor.count()).toBe(0);
    await until(() => running(job.id), (active) => !active, 10_000);
    expect((await t.db.job.findFirstOrThrow({ where: { trainingJob: { id: job.id } } })).status).toBe("FAILED");
  });
});

describe("failOrphanedTrainingJobs", () => {
  it("fails the active jobs no process runs any more (removing their models) and leaves kept and ended jobs alone", async () => {
    const owner = await createTestUser(t.db, "orphans");
    const team = await t.db.team.create({ data: { name: "Orphans", slug: "orphans", memberships: { create: [{ userId: owner.userId, role: "OWNER" }] } } });
    const model = await t.db.model.create({ data: { teamId: team.id, name: "half", config: {}, contentHash: "h-orphan" } });
    const mk = (status: "QUEUED" | "RUNNING" | "DONE", modelId: string | null = null) =>
      t.db.trainingJob.create({ data: { ownerId: owner.userId, teamId: team.id, task: "text-chars", config: {}, status, modelId } });
    const running = await mk("RUNNING", model.id);
    const queued = await mk("QUEUED");
    const kept = await mk("RUNNING");
    const done = await mk("DONE");
    expect(await failOrphanedTrainingJobs(t.db, new Set([kept.id]))).toBe(2);
    const status = async (id: string) => (await t.db.trainingJob.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(running.id), await status(queued.id), await status(kept.id), await status(done.id)]).toEqual(["FAILED", "FAILED", "RUNNING", "DONE"]);
    expect(await t.db.model.count({ where: { id: model.id } })).toBe(0);
    expect((await t.db.trainingJob.findUniqueOrThrow({ where: { id: running.id } })).error).toMatch(/restarted/);
  });
});

describe("training runner queue", () => {
  it("runs one job at a time; a queued job can be cancelled before it starts and never runs", async () => {
    const editor = await createTestUser(t.db, "queuer");
    const team = await t.db.team.create({ data: { name: "Queue", slug: "queue-runner", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }] } } });
    const spec = trainingSpecSchema.parse({ task: "text-chars", nLayers: 1, nHeads: 1, dModel: 8, nCtx: 8, steps: 20_000, seed: 2, batchSize: 2 });
    const first = await createTrainingJob(t.db, editor, { teamId: team.id, task: spec.task, config: { ...spec } });
    const second = await createTrainingJob(t.db, editor, { teamId: team.id, task: spec.task, config: { ...spec } });
    await enqueueTrainingRun(t.db, first.id);
    await enqueueTrainingRun(t.db, second.id);
    await until(() => getTrainingJobForActor(t.db, editor, first.id), (j) => j.status === "RUNNING");
    expect((await getTrainingJobForActor(t.db, editor, second.id)).status).toBe("QUEUED");

    expect((await cancelTrainingJobForActor(t.db, editor, second.id)).changed).toBe(true);
    expect((await requestCancel(t.db, (await queueJobOfTraining(t.db, second.id))!))?.status).toBe("CANCELLED");
    expect((await cancelTrainingJobForActor(t.db, editor, first.id)).changed).toBe(true);
    expect((await requestCancel(t.db, (await queueJobOfTraining(t.db, first.id))!))?.cancelRequested).toBe(true);
    await until(async () => jobRunner(t.db).runningIds().length, (n) => n === 0, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const [a, b] = [await getTrainingJobForActor(t.db, editor, first.id), await getTrainingJobForActor(t.db, editor, second.id)];
    expect([a.status, b.status]).toEqual(["CANCELLED", "CANCELLED"]);
    expect(b.startedAt).toBeNull();
    expect((await cancelTrainingJobForActor(t.db, editor, first.id)).changed).toBe(false);
  });
});
