// The job handler of type "analysis": reads the version's tensors, runs the kind in a child process
// (./job-worker through lib/jobs/child, so the runner's event loop stays free) and stores the result
// in AnalysisResult under the job's key. Rules: the row was authorized when the job was created;
// the result is stored only if the job still holds its lease (a cancelled or superseded job writes
// nothing); an engine failure is a JobFailure (FAILED with the engine's message, never cached).
import { saveAnalysisResult } from "../db/analyses";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { VERSION_SUMMARY } from "../db/models";
import { readAllStoredTensorBytes } from "../db/tensors";
import { describeEnd, runChild } from "../jobs/child";
import { JobFailure, type JobHandler } from "../jobs/queue/types";
import type { AnalysisRequest, AnalysisResponse } from "./job-protocol";
import { engineVersion } from "./engine-version";
import { metadataOf } from "./stored-model";

/** An analysis child is stopped after this long: 30 minutes. */
export const ANALYSIS_TIMEOUT_MS = 30 * 60 * 1000;

export const runAnalysisJob: JobHandler = async (db: Db, job, ctx) => {
  if (!job.modelVersionId || !job.engineVersion) throw new JobFailure("This analysis job names no model version.");
  // A worker running other engine code would store its result under a key nobody asks for: leave
  // the job to a worker of the same version (retried, then FAILED with this message).
  if (job.engineVersion !== engineVersion()) throw new Error(`this worker runs engine ${engineVersion()}, the job was asked for ${job.engineVersion}`);
  const version = await db.modelVersion.findUnique({ where: { id: job.modelVersionId }, select: VERSION_SUMMARY });
  if (!version) throw new JobFailure("The model version was deleted.");
  let tensors: AnalysisRequest["tensors"] | null = await readAllStoredTensorBytes(db, version.id);
  const request: AnalysisRequest = { type: "run", kind: job.kind, params: job.params, tensors, metadata: metadataOf(version) };
  let result: unknown;
  let failure: string | null = null;
  const running = runChild<AnalysisResponse>("lib/analysis/job-worker.ts", request, {
    signal: ctx.signal,
    timeoutMs: ANALYSIS_TIMEOUT_MS,
    onMessage(message) {
      if (message.type === "progress") {
        ctx.progress(message.total > 0 ? message.done / message.total : 0, message.stage);
        return false;
      }
      if (message.type === "done") result = message.result;
      else failure = message.message;
      return true;
    },
  });
  // The child has its own copy now: drop ours so this process does not hold the weights twice.
  request.tensors = new Map();
  tensors = null;
  const end = await running;
  if (failure !== null) throw new JobFailure(String(failure).startsWith(`${job.kind}: `) ? failure : `${job.kind}: ${failure}`);
  if (end.ended !== "done") {
    if (end.ended === "aborted") return; // the runner records CANCELLED (or the lost lease)
    throw new Error(describeEnd(end, `the ${job.kind} process`));
  }
  if (ctx.signal.aborted) return;
  await saveAnalysisResult(db, { modelVersionId: version.id, kind: job.kind, params: job.params, engineVersion: job.engineVersion }, result as Prisma.InputJsonValue);
};
