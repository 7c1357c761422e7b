// Slots per account: at most MAX_ACTIVE_JOBS_PER_USER of an account's jobs are dispatched (QUEUED
// for a worker, or RUNNING) at once; analyses asked for beyond that wait QUEUED with WAITING_STAGE,
// up to MAX_QUEUED_JOBS_PER_ACCOUNT active jobs in all, and are admitted oldest first as slots free.
// Rules: admission clears the stage with a guarded update (one instance wins each job) and only
// then dispatches; it runs when a job of the account ends here and on every runner's sweep, so a
// slot freed on another instance or by cancelling a queued job is used within one sweep.
import type { Db } from "../../db/client";
import { ACTIVE_JOB_STATUSES, NOT_WAITING, WAITING_STAGE } from "./store";

/** Most jobs (analyses and training runs) of one account dispatched to workers at once. */
export const MAX_ACTIVE_JOBS_PER_USER = 4;
/** Most active jobs (dispatched or waiting for a slot) one account may have; beyond it QUOTA_EXCEEDED. */
export const MAX_QUEUED_JOBS_PER_ACCOUNT = 64;
/** Accounts with waiting jobs looked at per sweep. */
const ACCOUNTS_PER_SWEEP = 50;

interface Dispatcher {
  dispatch(jobId: string): Promise<void>;
}

/** How many of the account's jobs hold a slot (QUEUED for a worker, or RUNNING). */
export function countDispatchedJobs(db: Db, userId: string): Promise<number> {
  return db.job.count({ where: { createdById: userId, status: { in: ACTIVE_JOB_STATUSES }, ...NOT_WAITING } });
}

/** Dispatches the account's oldest waiting jobs into its free slots; returns their ids. */
export async function admitWaitingJobs(db: Db, userId: string, runner: Dispatcher): Promise<string[]> {
  const free = MAX_ACTIVE_JOBS_PER_USER - (await countDispatchedJobs(db, userId));
  if (free <= 0) return [];
  const waiting = await db.job.findMany({
    where: { createdById: userId, status: "QUEUED", stage: WAITING_STAGE }, select: { id: true }, orderBy: { createdAt: "asc" }, take: free,
  });
  const admitted: string[] = [];
  for (const { id } of waiting) {
    const { count } = await db.job.updateMany({ where: { id, status: "QUEUED", stage: WAITING_STAGE }, data: { stage: null } });
    if (count !== 1) continue;
    admitted.push(id);
    await runner.dispatch(id);
  }
  return admitted;
}

/** admitWaitingJobs for every account that has waiting jobs (the sweep's safety net). */
export async function admitWaitingJobsOfAll(db: Db, runner: Dispatcher): Promise<void> {
  const accounts = await db.job.findMany({
    where: { status: "QUEUED", stage: WAITING_STAGE, createdById: { not: null } }, select: { createdById: true }, distinct: ["createdById"], take: ACCOUNTS_PER_SWEEP,
  });
  for (const { createdById } of accounts) if (createdById) await admitWaitingJobs(db, createdById, runner);
}
