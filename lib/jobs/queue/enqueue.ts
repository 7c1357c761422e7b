// Creating jobs: the per-user cap on active jobs and the one-active-job-per-analysis rule.
// Rules: the cap counts the actor's QUEUED and RUNNING jobs of every type (analyses and training)
// and is checked before the row is written; an analysis already queued or running (anyone's) is
// joined, not duplicated, and costs the caller nothing; the new row is dispatched after it commits.
import type { Actor } from "../../auth/policy";
import type { Db, DbOrTx } from "../../db/client";
import { QuotaError } from "../../db/errors";
import { Prisma } from "../../db/generated/client";
import { jobRunner } from "./runner";
import { ACTIVE_JOB_STATUSES, JOB_FIELDS, type JobRow } from "./store";

/** Most jobs (analyses and training runs) one account may have queued or running at once. */
export const MAX_ACTIVE_JOBS_PER_USER = 4;

/** Throws QuotaError when the actor already has MAX_ACTIVE_JOBS_PER_USER active jobs. */
export async function checkJobCap(db: DbOrTx, actor: Actor): Promise<void> {
  const active = await db.job.count({ where: { createdById: actor.userId, status: { in: ACTIVE_JOB_STATUSES } } });
  if (active >= MAX_ACTIVE_JOBS_PER_USER) {
    throw new QuotaError(`You already have ${active} jobs queued or running; the limit is ${MAX_ACTIVE_JOBS_PER_USER}. Wait for one to finish or cancel one.`);
  }
}

export interface AnalysisJobInput {
  modelVersionId: string;
  teamId: string;
  kind: string;
  /** The kind's parsed parameters. */
  params: Prisma.InputJsonValue;
  paramsHash: string;
  engineVersion: string;
}

/** The key of an analysis's one active job. */
export function activeKeyOf(input: Pick<AnalysisJobInput, "modelVersionId" | "kind" | "paramsHash" | "engineVersion">): string {
  return `${input.modelVersionId}:${input.kind}:${input.paramsHash}:${input.engineVersion}`;
}

/** The active job of an analysis, if one is queued or running. */
export async function findActiveAnalysisJob(db: DbOrTx, input: Parameters<typeof activeKeyOf>[0]): Promise<JobRow | null> {
  return db.job.findUnique({ where: { activeKey: activeKeyOf(input) }, select: JOB_FIELDS });
}

/**
 * The analysis's active job, or a new QUEUED one created by `actor` (capped unless `enforceCap` is
 * false, e.g. the head report an upload enqueues), dispatched to a worker.
 */
export async function enqueueAnalysisJob(db: Db, actor: Actor | null, input: AnalysisJobInput, options: { enforceCap?: boolean } = {}): Promise<JobRow> {
  const existing = await findActiveAnalysisJob(db, input);
  if (existing) return existing;
  if (actor && options.enforceCap !== false) await checkJobCap(db, actor);
  let job: JobRow;
  try {
    job = await db.job.create({
      data: {
        type: "analysis", kind: input.kind, params: input.params, modelVersionId: input.modelVersionId, paramsHash: input.paramsHash,
        engineVersion: input.engineVersion, activeKey: activeKeyOf(input), teamId: input.teamId, createdById: actor?.userId ?? null,
      },
      select: JOB_FIELDS,
    });
  } catch (error) {
    // Another request created it between our read and our write: join that one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await findActiveAnalysisJob(db, input);
      if (raced) return raced;
    }
    throw error;
  }
  await jobRunner(db).dispatch(job.id);
  return job;
}
