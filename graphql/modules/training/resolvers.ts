// Resolvers of the training domain: trainingTasks, trainingJob(s), TrainingJob's nested fields,
// startTraining and cancelTraining. Rules: input is validated with lib/jobs' one zod schema (a
// ZodError becomes BAD_USER_INPUT with inputErrors); access is decided by lib/db/training-jobs
// through the policy's `can`; the run itself happens in lib/jobs' runner, never in the resolver.
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { getModelForActor, type ModelSummary } from "@/lib/db/models";
import { getTeamForActor, type TeamSummary } from "@/lib/db/teams";
import {
  cancelTrainingJobForActor,
  getTrainingJobForActor,
  listTrainingJobsForActor,
  type TrainingJobRow,
} from "@/lib/db/training-jobs";
import { listTasks, type TaskInfo } from "@/lib/jobs/tasks";
import { notifyTraining, queueJobOfTraining, startTrainingJob, type TrainingProgress } from "@/lib/jobs/training-runner";
import { requestCancel } from "@/lib/jobs/queue/store";
import { trainingSpecSchema } from "@/lib/jobs/training-spec";
import type { ProgressPoint } from "@/lib/jobs/run-training";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput } from "../../payload";
import type { UserParent } from "../user/resolvers";

const id = z.string().trim().min(1, "An id is required.").max(200);

const startInput = z.object({
  teamId: id,
  name: z.string().trim().min(1, "name must not be empty").max(120, "name is at most 120 characters").optional(),
}).and(trainingSpecSchema);

/** GraphQL sends explicit nulls for cleared optional fields; zod's optional() means "absent". */
function withoutNulls(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null));
}

function progressOf(job: TrainingJobRow): Partial<TrainingProgress> {
  return (job.progress ?? {}) as Partial<TrainingProgress>;
}

// ── Query ──

const trainingTasks: Resolver<unknown, object, TaskInfo[]> = () => listTasks();

const trainingJob: Resolver<unknown, { id: string }, TrainingJobRow | null> = (_p, args, { db, actor }) =>
  nullIfNotFound(getTrainingJobForActor(db, actor, parseInput(z.object({ id }), args).id));

const trainingJobs: Resolver<unknown, { teamId: string; first?: number }, TrainingJobRow[]> = (_p, args, { db, actor }) => {
  const { teamId, first } = parseInput(z.object({ teamId: id, first: z.number().int().min(1).max(200).default(20) }), withoutNulls(args));
  return listTrainingJobsForActor(db, actor, teamId, first);
};

// ── TrainingJob ──

const step: Resolver<TrainingJobRow, object, number> = (job) => progressOf(job).step ?? 0;
const totalSteps: Resolver<TrainingJobRow, object, number> = (job) => progressOf(job).totalSteps ?? (job.config as { steps?: number }).steps ?? 0;
const history: Resolver<TrainingJobRow, object, ProgressPoint[]> = (job) => progressOf(job).history ?? [];
const versions: Resolver<TrainingJobRow, object, number> = (job) => progressOf(job).versions ?? 0;

const jobModel: Resolver<TrainingJobRow, object, ModelSummary | null> = (job, _a, { db, actor }) =>
  job.modelId ? nullIfNotFound(getModelForActor(db, actor, job.modelId)) : null;

const jobTeam: Resolver<TrainingJobRow, object, TeamSummary> = (job, _a, { db, actor }) => getTeamForActor(db, actor, job.teamId);

const owner: Resolver<TrainingJobRow, object, UserParent | null> = async (job, _a, { db }) =>
  db.user.findUnique({ where: { id: job.ownerId }, select: { id: true, name: true, email: true } });

// ── Mutation ──

const startTraining: Resolver<unknown, { input: unknown }, TrainingJobRow> = async (_p, args, { db, actor }) => {
  const input = parseInput(startInput, withoutNulls(args.input));
  const { teamId, name, ...spec } = input;
  const modelName = name ?? `${spec.task} ${spec.nLayers}L×${spec.nHeads}H d${spec.dModel} seed ${spec.seed}`;
  return startTrainingJob(db, actor, { teamId, task: spec.task, config: { ...spec, name: modelName } as Prisma.InputJsonObject });
};

const cancelTraining: Resolver<unknown, { id: string }, TrainingJobRow> = async (_p, args, { db, actor }) => {
  const { job, changed } = await cancelTrainingJobForActor(db, actor, parseInput(z.object({ id }), args).id);
  if (changed) {
    await notifyTraining(db, job.id);
    const queued = await queueJobOfTraining(db, job.id);
    if (queued) await requestCancel(db, queued);
  }
  return job;
};

export const trainingResolvers = {
  Query: { trainingTasks, trainingJob, trainingJobs },
  TrainingJob: { step, totalSteps, history, versions, model: jobModel, team: jobTeam, owner },
  Mutation: { startTraining, cancelTraining },
};
