// Live state of one job as Server-Sent Events (/api/events?job=<id>): a "progress" event with
// { status, fraction, etaSeconds, stage } whenever lib/live says the job changed (from whichever
// instance or worker runs it), then "end". Idle streams run no query (./../live-stream).
import type { Actor } from "../../auth/policy";
import type { Db } from "../../db/client";
import { subscribe } from "../../live";
import { liveRowStream } from "../live-stream";
import { getJobForActor } from "./access";
import { jobEvents } from "./events";
import { ACTIVE_JOB_STATUSES, type JobRow } from "./store";

/** The data of one "progress" event. */
export interface JobStreamEvent {
  id: string;
  status: JobRow["status"];
  fraction: number;
  etaSeconds: number | null;
  stage: string | null;
  error: string | null;
}

/** Checks the actor may see the job (NotFoundError otherwise, before any byte is sent), then streams it. */
export async function jobEventStream(db: Db, actor: Actor | null, jobId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const first = await getJobForActor(db, actor, jobId);
  let last = "";
  return liveRowStream<JobRow>({
    signal,
    first,
    read: () => getJobForActor(db, actor, jobId),
    listen: (changed, resync) => subscribe(db, jobEvents, (e) => e.jobId === jobId && changed(), { onResync: resync }),
    events(job) {
      const event: JobStreamEvent = { id: job.id, status: job.status, fraction: job.progress, etaSeconds: job.etaSeconds, stage: job.stage, error: job.error };
      const text = JSON.stringify(event);
      const fresh = text !== last;
      last = text;
      return { send: fresh ? [["progress", event] as const] : [], ended: !ACTIVE_JOB_STATUSES.includes(job.status), status: job.status };
    },
  });
}
