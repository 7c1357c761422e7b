// Training jobs (lib/jobs runs them): the rows, who may see and steer them, and the writes a run
// makes as it goes — progress, checkpoints as versions of one new model, the end state.
// Rules: readers of the team see its jobs — except a job whose model they may not read (a PRIVATE
// trained model: its name is in the job's config, its scores in the progress), which is NotFound
// to them like the model itself; EDITORs and OWNERs start and cancel them (through lib/auth/policy); a job leaves QUEUED/RUNNING exactly once (guarded updates, so a late message
// never overwrites CANCELLED); a FAILED job leaves no model behind; every checkpoint is written
// all-or-nothing through lib/db/tensors, the same storage path uploads use.
import { createHash } from "node:crypto";
import { authorize, can, type Actor } from "@/lib/auth/policy";
import { modelResource, readableModelsWhere, teamResource } from "./access";
import { audit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { tokenizerUpload, uploadFromSafetensors } from "./demo-models";
import { NotFoundError } from "./errors";
import type { Prisma, TrainingStatus } from "./generated/client";
import { addModelVersion, createModelFromUpload } from "./tensors";

export const TRAINING_JOB_FIELDS = {
  id: true,
  ownerId: true,
  teamId: true,
  task: true,
  config: true,
  status: true,
  progress: true,
  error: true,
  modelId: true,
  createdAt: true,
  updatedAt: true,
  startedAt: true,
  endedAt: true,
  jobId: true,
} as const satisfies Prisma.TrainingJobSelect;

export type TrainingJobRow = Prisma.TrainingJobGetPayload<{ select: typeof TRAINING_JOB_FIELDS }>;

/** Statuses a job can still leave. */
export const ACTIVE_STATUSES: TrainingStatus[] = ["QUEUED", "RUNNING"];

/** Creates a QUEUED job for an EDITOR or OWNER of the team. `config` is the validated spec (+ name). */
export async function createTrainingJob(db: Db, actor: Actor | null, input: { teamId: string; task: string; config: Prisma.InputJsonObject }): Promise<TrainingJobRow> {
  authorize(actor, "model:create", await teamResource(db, actor, input.teamId), "team");
  return db.$transaction(async (tx) => {
    const job = await tx.trainingJob.create({
      data: { ownerId: actor.userId, teamId: input.teamId, task: input.task, config: input.config, progress: { step: 0, history: [] } },
      select: TRAINING_JOB_FIELDS,
    });
    await audit(tx, actor, "training.start", "team", input.teamId, { jobId: job.id, task: input.task });
    return job;
  });
}

/** What the policy needs of a job's model. */
const JOB_MODEL_POLICY = { select: { teamId: true, visibility: true, createdById: true, team: { select: { isPublic: true } } } } as const;

/**
 * A job the actor may see: one of a team they can read whose model (if any yet) they can read;
 * NotFoundError otherwise, so a PRIVATE trained model's name and scores stay with its readers.
 */
export async function getTrainingJobForActor(db: DbOrTx, actor: Actor | null, jobId: string): Promise<TrainingJobRow> {
  const found = await db.trainingJob.findUnique({ where: { id: jobId }, select: { ...TRAINING_JOB_FIELDS, model: JOB_MODEL_POLICY } });
  if (!found) throw new NotFoundError("No training job with that id.");
  const team = await teamResource(db, actor, found.teamId);
  authorize(actor, "team:read", team, "training job");
  const { model, ...job } = found;
  // The model lives in the job's team (its role is already known); modelResource loads it otherwise.
  const readable = !model || can(actor, "model:read", model.teamId === team.teamId
    ? { kind: "model", teamId: team.teamId, teamIsPublic: team.isPublic, role: team.role, visibility: model.visibility, createdById: model.createdById }
    : await modelResource(db, actor, model));
  if (!readable) throw new NotFoundError("No training job with that id.");
  return job;
}

/** The team's jobs the actor may see (as getTrainingJobForActor), newest first (at most `take`). */
export async function listTrainingJobsForActor(db: DbOrTx, actor: Actor | null, teamId: string, take = 50): Promise<TrainingJobRow[]> {
  authorize(actor, "team:read", await teamResource(db, actor, teamId), "team");
  return db.trainingJob.findMany({
    where: { teamId, OR: [{ modelId: null }, { model: readableModelsWhere(actor) }] },
    select: TRAINING_JOB_FIELDS,
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(take, 1), 200),
  });
}

/**
 * Marks a QUEUED or RUNNING job CANCELLED (EDITOR or OWNER of its team). Returns the job and
 * whether this call changed it (false when it had already ended).
 */
export async function cancelTrainingJobForActor(db: Db, actor: Actor | null, jobId: string): Promise<{ job: TrainingJobRow; changed: boolean }> {
  const found = await getTrainingJobForActor(db, actor, jobId);
  authorize(actor, "model:create", await teamResource(db, actor, found.teamId), "team");
  const { count } = await db.trainingJob.updateMany({ where: { id: jobId, status: { in: ACTIVE_STATUSES } }, data: { status: "CANCELLED", endedAt: new Date() } });
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId }, select: TRAINING_JOB_FIELDS });
  return { job, changed: count === 1 };
}

// ── Writes of the runner (lib/jobs), acting for the job's owner ──

/** QUEUED → RUNNING; false when the job was cancelled before it started. */
export async function markTrainingJobRunning(db: Db, jobId: string): Promise<boolean> {
  const { count } = await db.trainingJob.updateMany({ where: { id: jobId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
  return count === 1;
}

/** Replaces the progress JSON of a job that is still running. */
export async function saveTrainingProgress(db: Db, jobId: string, progress: Prisma.InputJsonObject): Promise<void> {
  await db.trainingJob.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { progress } });
}

async function ownerActor(db: DbOrTx, ownerId: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { id: true, email: true, name: true } });
  return { userId: user.id, email: user.email, name: user.name, via: "session" };
}

/**
 * Stores a checkpoint (safetensors bytes): the first one creates the job's model (version 1, with
 * the task's vocabulary as tokenizer), later ones add versions. Returns the model id and version number.
 */
export async function saveTrainingCheckpoint(
  db: Db,
  jobId: string,
  input: { file: Uint8Array; step: number; name: string; vocab: readonly string[] },
): Promise<{ modelId: string; version: number }> {
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId }, select: { ownerId: true, teamId: true, modelId: true } });
  const actor = await ownerActor(db, job.ownerId);
  const upload = uploadFromSafetensors(input.file);
  const config = upload.config as unknown as Prisma.InputJsonObject;
  if (job.modelId) {
    const version = await addModelVersion(db, actor, job.modelId, { config, metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash });
    return { modelId: job.modelId, version: version.number };
  }
  // The model is this job's output: keyed by the job (two runs with one seed are two models), not
  // by the first checkpoint's bytes; finishTrainingJob re-keys it by the final file when it can.
  const jobKey = createHash("sha256").update(`training-job:${jobId}:${upload.contentHash}`).digest("hex");
  const created = await createModelFromUpload(db, actor, {
    teamId: job.teamId,
    name: input.name,
    config,
    metadata: upload.metadata,
    tensors: upload.tensors,
    tokenizer: tokenizerUpload(JSON.stringify(input.vocab), upload.config.d_vocab),
    contentHash: jobKey,
  });
  await db.modelVersion.update({ where: { id: created.version.id }, data: { contentHash: upload.contentHash } });
  await db.trainingJob.update({ where: { id: jobId }, data: { modelId: created.model.id } });
  return { modelId: created.model.id, version: created.version.number };
}

/** RUNNING → DONE with the final progress; the model is re-keyed by its final file's hash when no other model of the team has it. */
export async function finishTrainingJob(db: Db, jobId: string, progress: Prisma.InputJsonObject, finalHash: string): Promise<boolean> {
  const { count } = await db.trainingJob.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { status: "DONE", progress, endedAt: new Date() } });
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId }, select: { teamId: true, modelId: true } });
  if (count === 1 && job.modelId) {
    const clash = await db.model.findFirst({ where: { teamId: job.teamId, contentHash: finalHash }, select: { id: true } });
    if (!clash) await db.model.update({ where: { id: job.modelId }, data: { contentHash: finalHash } });
  }
  return count === 1;
}

/**
 * QUEUED/RUNNING → FAILED with a message for the user; the job's model (its checkpoints) is
 * deleted so a failed run leaves no half-trained model behind.
 */
export async function failTrainingJob(db: Db, jobId: string, message: string): Promise<boolean> {
  // One transaction: nobody sees the job FAILED while its model still exists.
  return db.$transaction(async (tx) => {
    const { count } = await tx.trainingJob.updateMany({ where: { id: jobId, status: { in: ACTIVE_STATUSES } }, data: { status: "FAILED", error: message.slice(0, 2000), endedAt: new Date() } });
    if (count !== 1) return false;
    const job = await tx.trainingJob.findUniqueOrThrow({ where: { id: jobId }, select: { modelId: true } });
    if (job.modelId) await tx.model.deleteMany({ where: { id: job.modelId } });
    return true;
  });
}

/** Jobs left QUEUED/RUNNING by a process that is gone (embedded restart): marked FAILED. */
export async function failOrphanedTrainingJobs(db: Db, keep: ReadonlySet<string>): Promise<number> {
  const orphans = await db.trainingJob.findMany({ where: { status: { in: ACTIVE_STATUSES } }, select: { id: true } });
  let n = 0;
  for (const { id } of orphans) if (!keep.has(id) && (await failTrainingJob(db, id, "The server restarted while this job was running."))) n++;
  return n;
}
