// The Job rows (prisma Job): every write the queue makes. A job leaves QUEUED by a guarded claim
// (one worker wins), is held by its worker only while the lease holds (renewLease), ends exactly
// once (guarded on status and lease owner), and a job whose lease ran out is retried or FAILED by
// any instance's sweeper (sweepExpiredLeases). Rules: every state change is published on
// ./events after it is written; `activeKey` is set only while a job is QUEUED or RUNNING, so one
// analysis has at most one active job (the unique index decides races).
import type { Db, DbOrTx } from "../../db/client";
import type { JobStatus, Prisma } from "../../db/generated/client";
import { publish } from "../../live";
import { jobEvents, type JobEvent } from "./events";

export const JOB_FIELDS = {
  id: true, type: true, kind: true, params: true, modelVersionId: true, paramsHash: true, engineVersion: true,
  status: true, progress: true, stage: true, etaSeconds: true, attempts: true, maxAttempts: true,
  leaseOwner: true, leaseExpiresAt: true, cancelRequested: true, error: true, createdById: true, teamId: true,
  createdAt: true, updatedAt: true, startedAt: true, endedAt: true,
} as const satisfies Prisma.JobSelect;

export type JobRow = Prisma.JobGetPayload<{ select: typeof JOB_FIELDS }>;

export const ACTIVE_JOB_STATUSES: JobStatus[] = ["QUEUED", "RUNNING"];

/**
 * The stage of a QUEUED analysis that waits for one of its account's MAX_ACTIVE_JOBS_PER_USER slots
 * (./enqueue): it is not dispatched, claimed or picked up by a sweep until ./enqueue's
 * admitWaitingJobs clears the stage and dispatches it.
 */
export const WAITING_STAGE = "waiting for a free slot";

/** Rows not waiting for a slot (a NULL stage included, which `not` alone would leave out). */
export const NOT_WAITING = { OR: [{ stage: null }, { stage: { not: WAITING_STAGE } }] } satisfies Prisma.JobWhereInput;

/** A lease lasts this long; the holder renews it every HEARTBEAT_MS. */
export const LEASE_MS = 20_000;
export const HEARTBEAT_MS = 5_000;

export function eventOf(job: Pick<JobRow, "id" | "status" | "progress" | "etaSeconds" | "stage">, extra: Partial<JobEvent> = {}): JobEvent {
  return { jobId: job.id, status: job.status, fraction: job.progress, etaSeconds: job.etaSeconds, stage: job.stage, ...extra };
}

async function announce(db: DbOrTx, id: string, extra: Partial<JobEvent> = {}): Promise<void> {
  const job = await db.job.findUnique({ where: { id }, select: JOB_FIELDS });
  if (job) await publish(db, jobEvents, eventOf(job, extra));
}

export async function getJob(db: DbOrTx, id: string): Promise<JobRow | null> {
  return db.job.findUnique({ where: { id }, select: JOB_FIELDS });
}

/** QUEUED → RUNNING for `owner` with a fresh lease (attempts + 1); null when another worker won or the job is not QUEUED. */
export async function claimJob(db: Db, id: string, owner: string): Promise<JobRow | null> {
  const now = new Date();
  const { count } = await db.job.updateMany({
    where: { id, status: "QUEUED", cancelRequested: false, ...NOT_WAITING },
    data: { status: "RUNNING", leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + LEASE_MS), heartbeatAt: now, startedAt: now, attempts: { increment: 1 }, error: null },
  });
  if (count !== 1) return null;
  await announce(db, id);
  return getJob(db, id);
}

/**
 * Renews `owner`'s lease and stores the progress; returns whether the lease is still held and
 * whether a cancel was requested (the worker stops in either case).
 */
export async function renewLease(db: Db, id: string, owner: string, progress?: { fraction: number; etaSeconds: number | null; stage: string | null }): Promise<{ held: boolean; cancelRequested: boolean }> {
  const now = new Date();
  const { count } = await db.job.updateMany({
    where: { id, status: "RUNNING", leaseOwner: owner },
    data: { leaseExpiresAt: new Date(now.getTime() + LEASE_MS), heartbeatAt: now, ...(progress ? { progress: progress.fraction, etaSeconds: progress.etaSeconds, stage: progress.stage } : {}) },
  });
  const row = await db.job.findUnique({ where: { id }, select: { cancelRequested: true } });
  if (count === 1 && progress) await publish(db, jobEvents, { jobId: id, status: "RUNNING", ...progress });
  return { held: count === 1, cancelRequested: row?.cancelRequested ?? true };
}

/** RUNNING (held by `owner`) → SUCCEEDED / FAILED / CANCELLED, or back to QUEUED for a retry. False when the lease was lost. */
export async function endJob(db: DbOrTx, id: string, owner: string, status: Exclude<JobStatus, "RUNNING">, error?: string): Promise<boolean> {
  const ended = status !== "QUEUED";
  const { count } = await db.job.updateMany({
    where: { id, status: "RUNNING", leaseOwner: owner },
    data: {
      status, leaseOwner: null, leaseExpiresAt: null, error: error?.slice(0, 2000) ?? null,
      ...(ended ? { endedAt: new Date(), activeKey: null, etaSeconds: null } : { progress: 0, stage: null, etaSeconds: null }),
      ...(status === "SUCCEEDED" ? { progress: 1 } : {}),
    },
  });
  if (count === 1) await announce(db, id, status === "QUEUED" ? { dispatch: true } : {});
  return count === 1;
}

/**
 * Asks for a job to stop: a QUEUED job is CANCELLED at once; a RUNNING one gets cancelRequested
 * and a `cancel` event, which the worker holding it sees wherever it runs (and its next heartbeat
 * reads the flag if the event was missed). Returns the job after the change.
 */
export async function requestCancel(db: Db, id: string): Promise<JobRow | null> {
  await db.job.updateMany({ where: { id, status: "QUEUED" }, data: { status: "CANCELLED", cancelRequested: true, activeKey: null, endedAt: new Date() } });
  await db.job.updateMany({ where: { id, status: "RUNNING" }, data: { cancelRequested: true } });
  const job = await getJob(db, id);
  if (job) await publish(db, jobEvents, eventOf(job, { cancel: true }));
  return job;
}

/** What a sweep found: jobs put back in the queue and jobs failed. */
export interface SweepOutcome {
  retried: JobRow[];
  failed: JobRow[];
}

/**
 * Every RUNNING job whose lease ran out before `now` (its worker died or hung): retried (back to
 * QUEUED) while attempts remain and no cancel was asked, else FAILED (CANCELLED when a cancel was).
 * Training jobs are never retried (their run writes versions as it goes). Safe to run on every
 * instance at once: each change is guarded on the expired lease.
 */
export async function sweepExpiredLeases(db: Db, now = new Date()): Promise<SweepOutcome> {
  const expired = await db.job.findMany({ where: { status: "RUNNING", leaseExpiresAt: { lt: now } }, select: JOB_FIELDS, take: 100 });
  const out: SweepOutcome = { retried: [], failed: [] };
  for (const job of expired) {
    const guard = { id: job.id, status: "RUNNING" as const, leaseOwner: job.leaseOwner, leaseExpiresAt: { lt: now } };
    const retry = job.type !== "training" && !job.cancelRequested && job.attempts < job.maxAttempts;
    const message = `The worker running this job stopped responding (attempt ${job.attempts} of ${job.maxAttempts}).`;
    const { count } = await db.job.updateMany({
      where: guard,
      data: retry
        ? { status: "QUEUED", leaseOwner: null, leaseExpiresAt: null, progress: 0, stage: null, etaSeconds: null, error: message }
        : { status: job.cancelRequested ? "CANCELLED" : "FAILED", leaseOwner: null, leaseExpiresAt: null, activeKey: null, endedAt: now, error: message },
    });
    if (count !== 1) continue;
    const after = (await getJob(db, job.id))!;
    (retry ? out.retried : out.failed).push(after);
    await publish(db, jobEvents, eventOf(after, retry ? { dispatch: true } : {}));
  }
  return out;
}

/** Ids of QUEUED jobs not waiting for a slot, oldest first (what an embedded runner picks up after a restart). */
export async function queuedJobIds(db: Db, take = 100): Promise<string[]> {
  const rows = await db.job.findMany({ where: { status: "QUEUED", ...NOT_WAITING }, select: { id: true }, orderBy: { createdAt: "asc" }, take });
  return rows.map((r) => r.id);
}
