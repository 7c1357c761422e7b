// Waiting for a background job in integration tests: one poll of the job row (lib/jobs/queue/store)
// until it leaves QUEUED/RUNNING, so every test that waits on a job waits the same way and fails
// naming the job and its last status rather than with a test timeout.
import type { Db } from "@/lib/db/client";
import { getJob, type JobRow } from "@/lib/jobs/queue/store";
import { until } from "./poll";

/** How long a test waits for a job by default: a child-process analysis on a loaded 2-core machine. */
export const JOB_WAIT_MS = 120_000;

/** The job's row once it has ended (any status but QUEUED/RUNNING); throws when it has not after `timeoutMs`. */
export async function jobEnded(db: Db, jobId: string, timeoutMs = JOB_WAIT_MS): Promise<JobRow> {
  const job = await until(() => getJob(db, jobId), (j) => j === null || (j.status !== "QUEUED" && j.status !== "RUNNING"), timeoutMs, `job ${jobId} to end`);
  if (!job) throw new Error(`job ${jobId} does not exist`);
  return job;
}
