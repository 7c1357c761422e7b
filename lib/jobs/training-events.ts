// Live progress of one training job as Server-Sent Events (what /api/events streams). The job row is
// the source of truth, re-read only when lib/live says it changed (`trainingEvents`, published by
// the runner on whichever instance runs it, and by cancels): an idle stream runs no query at all.
// Rule: each "progress" event carries the job's state and only the history points the client has
// not had yet; the stream ends with an "end" event once the job is CANCELLED, FAILED or DONE (or a
// "failure" event when the row can no longer be read); after the listener reconnects the row is re-read.
import type { Actor } from "../auth/policy";
import type { Db } from "../db/client";
import { ACTIVE_STATUSES, getTrainingJobForActor, type TrainingJobRow } from "../db/training-jobs";
import type { ProgressPoint } from "./run-training";
import { subscribe } from "../live";
import { liveRowStream } from "./live-stream";
import { trainingEvents, type TrainingProgress } from "./training-runner";

/** The data of one "progress" event. */
export interface TrainingEvent {
  id: string;
  status: TrainingJobRow["status"];
  step: number;
  totalSteps: number;
  versions: number;
  error: string | null;
  modelId: string | null;
  /** History points after the last event's (all of them in the first event). */
  points: ProgressPoint[];
  final: TrainingProgress["final"] | null;
}

function eventOf(job: TrainingJobRow, afterStep: number): TrainingEvent {
  const p = (job.progress ?? {}) as Partial<TrainingProgress>;
  return {
    id: job.id,
    status: job.status,
    step: p.step ?? 0,
    totalSteps: p.totalSteps ?? (job.config as { steps?: number }).steps ?? 0,
    versions: p.versions ?? 0,
    error: job.error,
    modelId: job.modelId,
    points: (p.history ?? []).filter((point) => point.step > afterStep),
    final: p.final ?? null,
  };
}

/**
 * Checks that the actor may see the job (NotFoundError/UnauthenticatedError otherwise, before any
 * byte is sent), then streams its events until it ends or `signal` aborts.
 */
export async function trainingEventStream(db: Db, actor: Actor | null, jobId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const first = await getTrainingJobForActor(db, actor, jobId);
  return liveRowStream({
    signal,
    first,
    read: () => getTrainingJobForActor(db, actor, jobId),
    listen: (changed, resync) => subscribe(db, trainingEvents, (e) => e.jobId === jobId && changed(), { onResync: resync }),
    events: (() => {
      let lastStep = -1;
      let lastUpdate = 0;
      return (job: TrainingJobRow) => {
        if (job.updatedAt.getTime() === lastUpdate) return { send: [], ended: !ACTIVE_STATUSES.includes(job.status), status: job.status };
        lastUpdate = job.updatedAt.getTime();
        const event = eventOf(job, lastStep);
        if (event.points.length) lastStep = event.points[event.points.length - 1].step;
        return { send: [["progress", event] as const], ended: !ACTIVE_STATUSES.includes(job.status), status: job.status };
      };
    })(),
  });
}
