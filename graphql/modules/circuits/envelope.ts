// The analysis envelope every circuit and forward-run field returns (SDL `interface Analysis`):
// { state, jobId, progress, message, cached, result }. Rule: one mapping from lib/analysis's outcome
// for all fields, so a client handles QUEUED/RUNNING/FAILED the same way everywhere; `result` is
// shaped only once READY.
import type { AnalysisOutcome } from "@/lib/analysis/analyze";
import type { HeadReportState } from "@/lib/analysis/head-report";
import type { HeadReportJson } from "@/lib/engine/circuits/report";
import { ErrorCode } from "../../errors";
import { GraphQLError } from "graphql";

export interface Envelope<T> {
  state: "READY" | "QUEUED" | "RUNNING" | "FAILED" | "CANCELLED";
  jobId: string | null;
  progress: number | null;
  etaSeconds: number | null;
  stage: string | null;
  message: string | null;
  cached: boolean;
  result: T | null;
}

/** The envelope of an outcome, with `shape` applied to a READY result. */
export async function envelope<R, T>(outcome: AnalysisOutcome<R> | AnalysisOutcome, shape: (result: R) => T | Promise<T>): Promise<Envelope<T>> {
  switch (outcome.status) {
    case "READY":
      return { state: "READY", jobId: null, progress: null, etaSeconds: null, stage: null, message: null, cached: outcome.cached, result: await shape(outcome.result as R) };
    case "QUEUED":
    case "RUNNING":
      return { state: outcome.status, jobId: outcome.jobId, progress: outcome.progress, etaSeconds: null, stage: null, message: null, cached: false, result: null };
    case "FAILED":
    case "CANCELLED":
      return { state: outcome.status, jobId: null, progress: null, etaSeconds: null, stage: null, message: outcome.message, cached: false, result: null };
    default: {
      const never: never = outcome;
      throw new TypeError(`envelope: unknown outcome ${JSON.stringify(never)}`);
    }
  }
}

/** The head report's job state as an analysis outcome (progress as the job's fraction done). */
export function reportOutcome(o: HeadReportState): AnalysisOutcome<HeadReportJson> {
  switch (o.status) {
    case "READY":
      return { status: "READY", result: o.result, cached: o.cached };
    case "QUEUED":
    case "RUNNING":
      return { status: o.status, jobId: o.jobId, progress: o.progress.fraction };
    default:
      return { status: o.status, message: o.message };
  }
}

/** BAD_USER_INPUT naming the argument at fault. */
export function badArg(arg: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, inputErrors: [{ path: [arg], message }] } });
}

/** "L.H" → [layer, head], checked against the model's shape (BAD_USER_INPUT naming `arg` otherwise). */
export function parseHeadName(name: string, config: { n_layers: number; n_heads: number }, arg: string): { layer: number; head: number } {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(name.trim());
  const layer = m ? Number(m[1]) : -1;
  const head = m ? Number(m[2]) : -1;
  if (!m || layer >= config.n_layers || head >= config.n_heads) {
    throw badArg(arg, `${arg}: no head ${JSON.stringify(name.slice(0, 40))}; heads are "L.H" with 0 ≤ L < ${config.n_layers} and 0 ≤ H < ${config.n_heads}`);
  }
  return { layer, head };
}
