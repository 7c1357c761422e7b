// Who may see and cancel a job. Rules: an analysis job is seen by whoever may read its model
// (lib/db/models), so a private model's job is NotFound to a non-member; a training job by whoever
// may see its run (as trainingJob: a reader of the team who may read the run's model). Cancelling an analysis takes its creator or someone who may
// update the model; cancelling a training run takes an EDITOR or OWNER of the team (as cancelTraining).
import { authorize, type Actor } from "../../auth/policy";
import { modelResource, teamResource } from "../../db/access";
import type { Db, DbOrTx } from "../../db/client";
import { NotFoundError } from "../../db/errors";
import { getModelForActor } from "../../db/models";
import { cancelTrainingJobForActor, getTrainingJobForActor } from "../../db/training-jobs";
import { notifyTraining } from "../training-runner";
import { admitWaitingJobs } from "./admit";
import { jobRunner } from "./runner";
import { getJob, requestCancel, type JobRow } from "./store";

const notFound = () => new NotFoundError("No job with that id.");

async function modelIdOf(db: DbOrTx, job: JobRow): Promise<string> {
  if (!job.modelVersionId) throw notFound();
  const version = await db.modelVersion.findUnique({ where: { id: job.modelVersionId }, select: { modelId: true } });
  if (!version) throw notFound();
  return version.modelId;
}

/** A job the actor may see; NotFoundError otherwise (never revealing that it exists). */
export async function getJobForActor(db: DbOrTx, actor: Actor | null, id: string): Promise<JobRow> {
  const job = await getJob(db, id);
  if (!job) throw notFound();
  if (job.type === "analysis") {
    await getModelForActor(db, actor, await modelIdOf(db, job));
  } else {
    if (!job.teamId) throw notFound();
    authorize(actor, "team:read", await teamResource(db, actor, job.teamId), "job");
    const training = await db.trainingJob.findUnique({ where: { jobId: id }, select: { id: true } });
    if (training) await getTrainingJobForActor(db, actor, training.id);
  }
  return job;
}

/** Asks a job to stop (see ./store requestCancel); FORBIDDEN for a reader who may not cancel it. */
export async function cancelJobForActor(db: Db, actor: Actor | null, id: string): Promise<JobRow> {
  const job = await getJobForActor(db, actor, id);
  if (job.type === "training") {
    const training = await db.trainingJob.findUnique({ where: { jobId: id }, select: { id: true } });
    if (training) {
      const { changed } = await cancelTrainingJobForActor(db, actor, training.id);
      if (changed) await notifyTraining(db, training.id);
    }
  } else if (job.createdById !== actor?.userId) {
    const model = await getModelForActor(db, actor, await modelIdOf(db, job));
    authorize(actor, "model:update", await modelResource(db, actor, model), "model");
  }
  const after = (await requestCancel(db, id)) ?? job;
  // A queued job cancelled frees its slot at once: the account's next waiting job goes in.
  if (job.createdById && job.status === "QUEUED") await admitWaitingJobs(db, job.createdById, jobRunner(db));
  return after;
}
