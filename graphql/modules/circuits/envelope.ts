// The analysis envelope every circuit and forward-run field returns (SDL `interface Analysis`):
// { state, jobId, progress, etaSeconds, stage, message, cached, attentionOnly, result }. Rule: one mapping from
// lib/analysis/get-analysis's state for all fields, so a client handles QUEUED/RUNNING/FAILED the
// same way everywhere; `result` is shaped only once READY.
import type { AnalysisState } from "@/lib/analysis/get-analysis";
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
  /** False for a model with MLP blocks (the analysis covers its attention heads only). */
  attentionOnly: boolean;
  result: T | null;
}

/**
 * The envelope of an analysis state, with `shape` applied to a READY result (a stored JSON result
 * is read as the `R` its kind computes).
 */
export async function envelope<R, T>(state: AnalysisState<R> | AnalysisState<unknown>, shape: (result: R) => T | Promise<T>): Promise<Envelope<T>> {
  const none = { jobId: null, progress: null, etaSeconds: null, stage: null, message: null, cached: false, attentionOnly: state.attentionOnly, result: null };
  switch (state.status) {
    case "READY":
      return { ...none, state: "READY", cached: state.cached, result: await shape(state.result as R) };
    case "QUEUED":
    case "RUNNING":
      return { ...none, state: state.status, jobId: state.jobId, progress: state.progress.fraction, etaSeconds: state.progress.etaSeconds, stage: state.progress.stage };
    case "FAILED":
    case "CANCELLED":
      return { ...none, state: state.status, jobId: state.jobId ?? null, message: state.message };
    default: {
      const never: never = state;
      throw new TypeError(`envelope: unknown state ${JSON.stringify(never)}`);
    }
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
