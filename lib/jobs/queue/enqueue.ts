// Creating jobs: the per-account slots and the one-active-job-per-analysis rule.
// Rules: the caps count the actor's QUEUED and RUNNING jobs of every type (analyses and training)
// and are checked before the row is written: a training run beyond MAX_ACTIVE_JOBS_PER_USER is
// refused (QUOTA_EXCEEDED); an analysis beyond it is written QUEUED with WAITING_STAGE and not
// dispatched (./admit lets it in when a slot frees), and refused only beyond
// MAX_QUEUED_JOBS_PER_ACCOUNT; an analysis already queued or running (anyone's) is joined, not
// duplicated, and costs the caller nothing; a new row is dispatched after it commits.
import type { Actor } from "../../auth/policy";
import type { Db, DbOrTx } from "../../db/client";
import { QuotaError } from "../../db/errors";
import { Prisma } from "../../db/generated/client";
import { countDispatchedJobs, MAX_ACTIVE_JOBS_PER_USER, MAX_QUEUED_JOBS_PER_ACCOUNT } from "./admit";
import { jobRunner } from "./runner";
import { ACTIVE_JOB_STATUSES, JOB_FIELDS, WAITING_STAGE, type JobRow } from "./store";

export { MAX_ACTIVE_JOBS_PER_USER, MAX_QUEUED_JOBS_PER_ACCOUNT } from "./admit";

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

/** Whether an analysis of `actor` must wait for a slot (QuotaError beyond MAX_QUEUED_JOBS_PER_ACCOUNT active jobs). */
async function mustWait(db: Db, actor: Actor): Promise<boolean> {
  const active = await db.job.count({ where: { createdById: actor.userId, status: { in: ACTIVE_JOB_STATUSES } } });
  if (active >= MAX_QUEUED_JOBS_PER_ACCOUNT) {
    throw new QuotaError(`You already have ${active} jobs queued or running; the limit is ${MAX_QUEUED_JOBS_PER_ACCOUNT}. Wait for some to finish or cancel some.`);
  }
  return (await countDispatchedJobs(db, actor.userId)) >= MAX_ACTIVE_JOBS_PER_USER;
}

/**
 * The analysis's active job, or a new QUEUED one created by `actor`, dispatched to a worker — or,
 * when the actor's slots are taken, left waiting (stage WAITING_STAGE) until one frees. Unless
 * `enforceCap` is false (e.g. the head report an upload enqueues: dispatched at once, uncounted).
 */
export async function enqueueAnalysisJob(db: Db, actor: Actor | null, input: AnalysisJobInput, options: { enforceCap?: boolean } = {}): Promise<JobRow> {
  const existing = await findActiveAnalysisJob(db, input);
  if (existing) return existing;
  if (actor === null || options.enforceCap === false) return createAnalysisJob(db, actor, input, false);
  // One decision at a time per account in this process: the fields of one GraphQL request resolve
  // concurrently, and each would otherwise count the same free slots (across instances the count
  // stays approximate, by at most the instances' concurrent requests).
  const previous = decisions.get(actor.userId) ?? Promise.resolve();
  const turn = previous.then(async () => createAnalysisJob(db, actor, input, await mustWait(db, actor)));
  const settled = turn.then(() => undefined, () => undefined);
  decisions.set(actor.userId, settled);
  void settled.then(() => {
    if (decisions.get(actor.userId) === settled) decisions.delete(actor.userId);
  });
  return turn;
}

/** The last slot decision queued per account (see enqueueAnalysisJob); on globalThis, so one per process for every copy of this module. */
const decisions: Map<string, Promise<void>> = ((globalThis as { __circuitboardSlotDecisions?: Map<string, Promise<void>> }).__circuitboardSlotDecisions ??= new Map());

async function createAnalysisJob(db: Db, actor: Actor | null, input: AnalysisJobInput, waiting: boolean): Promise<JobRow> {
  let job: JobRow;
  try {
    job = await db.job.create({
      data: {
        type: "analysis", kind: input.kind, params: input.params, modelVersionId: input.modelVersionId, paramsHash: input.paramsHash,
        engineVersion: input.engineVersion, activeKey: activeKeyOf(input), teamId: input.teamId, createdById: actor?.userId ?? null,
        ...(waiting ? { stage: WAITING_STAGE } : {}),
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
  if (!waiting) await jobRunner(db).dispatch(job.id);
  return job;
}
