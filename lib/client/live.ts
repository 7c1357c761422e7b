"use client";
// Live streams in the browser. Activity of one model: one Subscription.modelActivity stream over
// /api/graphql/stream (graphql-sse, distinct-connections mode), each event turned into
// invalidations of the TanStack queries it can change (activityInvalidations), so another person's
// annotation, vote or comment appears without a reload. Rule: events only name rows; the rows are
// always re-read through the usual queries, which check access again. A reconnect may have missed
// events, so it invalidates everything the stream covers. The viewer's notifications: one
// Subscription.notificationSignals stream whose signals re-read the bell's query.
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { createClient } from "graphql-sse";
import { useEffect } from "react";
import type { ActivityEvent } from "./collab-operations";
import { MODEL_ACTIVITY_SUBSCRIPTION, NOTIFICATION_SIGNALS_SUBSCRIPTION } from "./collab-operations";
import { queryKeys } from "./query-keys";

/** The SSE endpoint of subscriptions (the API serves queries and mutations at /api/graphql). */
export const GRAPHQL_STREAM_ENDPOINT = "/api/graphql/stream";

/** Reconnect attempts after a dropped stream before giving up (graphql-sse backs off between them). */
const STREAM_RETRY_ATTEMPTS = 20;

/** The query keys one activity event makes stale. */
export function activityInvalidations(event: Pick<ActivityEvent, "modelId" | "kind">): QueryKey[] {
  const id = event.modelId;
  switch (event.kind) {
    case "ANNOTATION":
    case "VOTE":
      return [queryKeys.collab(id)];
    case "LABEL":
      return [queryKeys.collab(id), queryKeys.collabContext(id)];
    case "COMMENT":
    case "CLAIM":
      // A comment may @mention the viewer and a claim may start failing: both notify.
      return [queryKeys.collab(id), queryKeys.notifications()];
    case "PRESENCE":
      return [queryKeys.viewers(id)];
    case "FINDING":
      return [queryKeys.findings(id)];
    case "RESYNC":
      return [queryKeys.collab(id), queryKeys.collabContext(id), queryKeys.viewers(id), queryKeys.notifications(), queryKeys.findings(id)];
    default: {
      const unreachable: never = event.kind;
      throw new Error(`unknown activity kind ${String(unreachable)}`);
    }
  }
}

/**
 * Opens the model's activity stream while the calling component is mounted (which also lists the
 * viewer in Model.viewers) and invalidates the queries each event changes.
 */
export function useModelActivity(modelId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const invalidate = (keys: QueryKey[]) => keys.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey }));
    return openStream<{ modelActivity: ActivityEvent }>(MODEL_ACTIVITY_SUBSCRIPTION.toString(), { modelId }, {
      // Presence changed on our own connect; a reconnect may have missed events.
      connected: (reconnected) => invalidate(reconnected ? activityInvalidations({ modelId, kind: "RESYNC" }) : [queryKeys.viewers(modelId)]),
      next: (data) => {
        if (data.modelActivity) invalidate(activityInvalidations(data.modelActivity));
      },
    });
  }, [modelId, queryClient]);
}

/**
 * Opens the signed-in viewer's Subscription.notificationSignals stream while the calling component
 * (the header's bell) is mounted, and re-reads the notifications on each signal and on reconnect.
 */
export function useNotificationSignals(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
    return openStream(NOTIFICATION_SIGNALS_SUBSCRIPTION.toString(), {}, { connected: (reconnected) => { if (reconnected) refresh(); }, next: refresh });
  }, [queryClient]);
}

/** One subscription over its own graphql-sse connection; returns the function that closes it. */
function openStream<T>(query: string, variables: Record<string, unknown>, on: { connected(reconnected: boolean): void; next(data: T): void }): () => void {
  const client = createClient({
    url: new URL(GRAPHQL_STREAM_ENDPOINT, window.location.origin).toString(),
    credentials: "same-origin",
    retryAttempts: STREAM_RETRY_ATTEMPTS,
    on: { connected: on.connected },
  });
  const unsubscribe = client.subscribe<T>({ query, variables }, {
    next: (result) => {
      if (result.data) on.next(result.data);
    },
    // Access ended or retries exhausted: the page keeps working without live updates.
    error: () => undefined,
    complete: () => undefined,
  });
  return () => {
    unsubscribe();
    client.dispose();
  };
}
