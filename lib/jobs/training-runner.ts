// Runs training jobs as jobs of the one queue (./queue, type "training"): each run trains in its own
// child process (./train-worker through ./child, the plumbing analyses use too) while the runner's
// process stores what it reports: progress (throttled), checkpoints as model versions, the end state.
// Rules: a job's TrainingJob row changes only through lib/db/training-jobs' guarded writes, so cancel
// wins over any message still in flight; the worker is killed on cancel (seen from any instance) or
// when the lease is lost; a failure or a crash — of the worker or of the whole process, found by
// any instance's lease sweep — marks the job FAILED and removes the job's half-trained model; every
// change is published on `trainingEvents` (lib/live) for /api/events.
import { createHash } from "node:crypto";
import type { Actor } from "../auth/policy";
import type { Db, DbOrTx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import {
  createTrainingJob,
  failTrainingJob,
  finishTrainingJob,
  markTrainingJobRunning,
  saveTrainingCheckpoint,
  saveTrainingProgress,
  TRAINING_JOB_FIELDS,
  type TrainingJobRow,
} from "../db/training-jobs";
import { defineChannel, publish } from "../live";
import { describeEnd, runChild } from "./child";
import { checkJobCap } from "./queue/enqueue";
import { jobRunner } from "./queue/runner";
import { JOB_FIELDS, type JobRow } from "./queue/store";
import { JobFailure, type JobHandler } from "./queue/types";
import type { ProgressPoint, TrainingOutcome } from "./run-training";
import { buildTask } from "./tasks";
import { trainingSpecSchema, type TrainingSpec } from "./training-spec";
import type { ParentMessage, WorkerMessage } from "./worker-protocol";

/** Progress rows are rewritten at most this often while a job runs. */
const PROGRESS_WRITE_MS = 300;
/** History keeps about this many points per run (plus every scoring step). */
const HISTORY_POINTS = 400;

/** A training job's row changed (progress, checkpoint, end): subscribers re-read it. */
export const trainingEvents = defineChannel<{ jobId: string }>("training_events");

/** Publishes a change of training job `id`. */
export function notifyTraining(db: DbOrTx, id: string): Promise<void> {
  return publish(db, trainingEvents, { jobId: id });
}

/** The progress JSON of a job row. */
export interface TrainingProgress {
  step: number;
  totalSteps: number;
  history: ProgressPoint[];
  /** Checkpoints saved so far (model version numbers). */
  versions: number;
  /** Summary written when the job is done. */
  final?: Omit<TrainingOutcome, "file" | "vocab" | "config" | "taskDescription">;
}

/**
 * Starts a training run for an EDITOR or OWNER of the team: checks the actor's job cap, creates the
 * TrainingJob and its queue Job, and dispatches it. `config` is the validated spec plus its name.
 */
export async function startTrainingJob(db: Db, actor: Actor | null, input: { teamId: string; task: string; config: Prisma.InputJsonObject }): Promise<TrainingJobRow> {
  if (actor) await checkJobCap(db, actor);
  const training = await createTrainingJob(db, actor, input);
  return enqueueTrainingRun(db, training.id, actor?.userId ?? null);
}

/** Queues the run of an existing QUEUED TrainingJob (creates its Job row and dispatches it). */
export async function enqueueTrainingRun(db: Db, trainingJobId: string, createdById: string | null = null): Promise<TrainingJobRow> {
  const training = await db.trainingJob.findUniqueOrThrow({ where: { id: trainingJobId }, select: { teamId: true, ownerId: true } });
  const job = await db.job.create({
    data: { type: "training", kind: "training", params: { trainingJobId }, teamId: training.teamId, createdById: createdById ?? training.ownerId, maxAttempts: 1 },
    select: JOB_FIELDS,
  });
  const row = await db.trainingJob.update({ where: { id: trainingJobId }, data: { jobId: job.id }, select: TRAINING_JOB_FIELDS });
  await jobRunner(db).dispatch(job.id);
  return row;
}

/** The queue Job of a training job, if it has one. */
export async function queueJobOfTraining(db: DbOrTx, trainingJobId: string): Promise<string | null> {
  return (await db.trainingJob.findUnique({ where: { id: trainingJobId }, select: { jobId: true } }))?.jobId ?? null;
}

/** The queue's handler of type "training". */
export const runTrainingQueueJob: JobHandler = async (db, job, ctx) => {
  const trainingJobId = (job.params as { trainingJobId?: unknown }).trainingJobId;
  if (typeof trainingJobId !== "string") throw new JobFailure("This training job names no run.");
  const row = await db.trainingJob.findUnique({ where: { id: trainingJobId }, select: { config: true } });
  if (!row) throw new JobFailure("The training run was deleted.");
  const config = row.config as { name?: unknown };
  const spec = specOfConfig(row.config);
  const name = typeof config.name === "string" ? config.name : `${spec.task} run`;
  try {
    await trainOnce(db, trainingJobId, spec, name, ctx.signal, (step) => ctx.progress(step / spec.steps, "training"));
  } catch (error) {
    const message = error instanceof JobFailure ? error.message : `training stopped: ${error instanceof Error ? error.message : String(error)}`;
    if (!ctx.signal.aborted && (await failTrainingJob(db, trainingJobId, message))) await notifyTraining(db, trainingJobId);
    throw error instanceof JobFailure ? error : new JobFailure(message);
  }
};

/**
 * The sweeper found a training job's worker dead (its lease ran out): the run is FAILED (or stays
 * CANCELLED) and its half-trained model removed, never left RUNNING.
 */
export async function trainingJobLost(db: Db, job: Pick<JobRow, "params" | "error">): Promise<void> {
  const trainingJobId = (job.params as { trainingJobId?: unknown }).trainingJobId;
  if (typeof trainingJobId !== "string") return;
  if (await failTrainingJob(db, trainingJobId, job.error ?? "The worker running this job stopped.")) await notifyTraining(db, trainingJobId);
}

/** One run of a TrainingJob in a child process; throws JobFailure with the reason when it did not finish. */
async function trainOnce(db: Db, id: string, spec: TrainingSpec, name: string, signal: AbortSignal, onStep: (step: number) => void): Promise<void> {
  if (!(await markTrainingJobRunning(db, id))) return; // cancelled while queued
  await notifyTraining(db, id);
  const vocab = buildTask(spec.task).vocab;
  const progress: TrainingProgress = { step: 0, totalSteps: spec.steps, history: [], versions: 0 };
  const sampleEvery = Math.max(1, Math.ceil(spec.steps / HISTORY_POINTS));
  let lastWrite = 0;
  let writing: Promise<void> = Promise.resolve();
  let failure: string | null = null;
  const end = await runChild<WorkerMessage>("lib/jobs/train-worker.ts", { type: "start", spec } satisfies ParentMessage, {
    signal,
    async onMessage(message) {
      switch (message.type) {
        case "progress": {
          for (const p of message.points) {
            progress.step = p.step;
            if (p.step % sampleEvery === 0 || p.headScores || p.step === spec.steps || p.step === 1) progress.history.push(p);
          }
          onStep(progress.step);
          if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) {
            lastWrite = Date.now();
            await writing;
            writing = saveTrainingProgress(db, id, progress as unknown as Prisma.InputJsonObject).then(() => notifyTraining(db, id));
          }
          return false;
        }
        case "checkpoint": {
          try {
            const saved = await saveTrainingCheckpoint(db, id, { file: message.file, step: message.step, name, vocab });
            progress.versions = saved.version;
          } catch (error) {
            failure = `could not save the run: ${error instanceof Error ? error.message : String(error)}`;
            return true;
          }
          await notifyTraining(db, id);
          return false;
        }
        case "done": {
          await writing;
          const { file, vocab: _v, config: _c, taskDescription: _t, ...final } = message.outcome;
          progress.final = final;
          const hash = createHash("sha256").update(file).digest("hex");
          await finishTrainingJob(db, id, progress as unknown as Prisma.InputJsonObject, hash);
          await notifyTraining(db, id);
          return true;
        }
        case "error":
          failure = message.message;
          return true;
        default:
          throw new TypeError(`training runner: unexpected message ${JSON.stringify(message satisfies never)}`);
      }
    },
  });
  await writing.catch(() => undefined);
  if (failure !== null) throw new JobFailure(failure);
  if (end.ended === "aborted") return;
  if (end.ended !== "done") throw new JobFailure(describeEnd(end, "the training process"));
}

/** Parses a job row's stored config back into a spec (throws a ZodError if it no longer validates). */
export function specOfConfig(config: unknown): TrainingSpec {
  return trainingSpecSchema.parse(config);
}
