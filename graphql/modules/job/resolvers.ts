// Resolvers of the job domain: Query.job, Mutation.cancelJob and the Job type. Rules: access goes
// through lib/jobs/queue/access (the model's or the team's policy); resolvers never run work.
import { z } from "zod";
import { cancelJobForActor, getJobForActor } from "@/lib/jobs/queue/access";
import type { JobRow } from "@/lib/jobs/queue/store";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput } from "../../payload";

const idArgs = z.object({ id: z.string().trim().min(1, "An id is required.").max(200) });

const job: Resolver<unknown, { id: string }, JobRow | null> = (_p, args, { db, actor }) =>
  nullIfNotFound(getJobForActor(db, actor, parseInput(idArgs, args).id));

const cancelJob: Resolver<unknown, { id: string }, JobRow | null> = (_p, args, { db, actor }) =>
  nullIfNotFound(cancelJobForActor(db, actor, parseInput(idArgs, args).id));

export const jobResolvers = {
  Query: { job },
  Mutation: { cancelJob },
  Job: {
    progress: (j: JobRow) => ({ fraction: j.progress, etaSeconds: j.etaSeconds, stage: j.stage }),
  },
};
