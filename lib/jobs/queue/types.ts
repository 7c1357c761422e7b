// What a job handler gets and may throw (lib/jobs/queue/runner runs handlers by job type).
import type { Db } from "../../db/client";
import type { JobRow } from "./store";

export interface JobContext {
  /** Aborted when a cancel is requested (from any instance) or the lease is lost. */
  signal: AbortSignal;
  /** Fraction done (0 … 1) and the current stage; stored and published, throttled, with an ETA. */
  progress(fraction: number, stage?: string | null): void;
  /** This worker's lease owner id. */
  owner: string;
}

/** A failure written for the user (the engine refused the model, the run diverged …): FAILED, never retried. */
export class JobFailure extends Error {
  override name = "JobFailure";
}

/** Runs one claimed job to its end; resolves when it succeeded, throws JobFailure (or anything else) when not. */
export type JobHandler = (db: Db, job: JobRow, ctx: JobContext) => Promise<void>;
