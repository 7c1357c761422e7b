"use client";
// Analyses over GraphQL arrive in an envelope (graphql/modules/circuits `interface Analysis`):
// READY with a result, QUEUED / RUNNING while a background job computes it, FAILED / CANCELLED with
// a message. Rule: a page asks again every POLL_MS while an envelope it shows is QUEUED or RUNNING,
// and stops as soon as none is.
import type { AnalysisState } from "./gql/graphql";

export const POLL_MS = 1_000;

export interface Envelope<R> {
  state: AnalysisState;
  progress?: number | null;
  message?: string | null;
  cached?: boolean;
  result?: R | null;
}

/** True while the envelope's job is still to finish. */
export function pending(e: Pick<Envelope<unknown>, "state"> | null | undefined): boolean {
  return e?.state === "QUEUED" || e?.state === "RUNNING";
}

/** TanStack Query's refetchInterval for a query whose data holds envelopes: poll while any is pending. */
export function pollWhilePending<T>(envelopes: (data: T) => (Pick<Envelope<unknown>, "state"> | null | undefined)[]) {
  return (query: { state: { data: T | undefined } }) => {
    const data = query.state.data;
    return data !== undefined && envelopes(data).some(pending) ? POLL_MS : false;
  };
}
