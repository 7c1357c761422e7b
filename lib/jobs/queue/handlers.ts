// The job types and their handlers. Rule: one handler per type; a job whose type is unknown here
// fails with a message rather than sitting QUEUED (e.g. a worker older than the app).
import { runAnalysisJob } from "../../analysis/analysis-job";
import { runTrainingQueueJob } from "../training-runner";
import { JobFailure, type JobHandler } from "./types";

/** The handler of a job type (looked up at call time: training-runner and the queue import each other). */
export function jobHandler(type: string): JobHandler {
  const handlers: Record<string, JobHandler> = { analysis: runAnalysisJob, training: runTrainingQueueJob };
  return handlers[type] ?? (async () => {
    throw new JobFailure(`This worker cannot run jobs of type "${type}".`);
  });
}
