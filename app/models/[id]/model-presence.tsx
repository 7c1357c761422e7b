"use client";
// Presence and live updates on every view of a model: opens the model's activity stream (which
// lists this viewer in Model.viewers and invalidates the collaboration queries on each event) and
// names the other people looking at the model now ("also here: alice").
import { useQuery } from "@tanstack/react-query";
import { MODEL_VIEWERS_QUERY } from "@/lib/client/collab-operations";
import { gql } from "@/lib/client/graphql";
import { useViewer } from "@/lib/client/hooks";
import { useModelActivity } from "@/lib/client/live";
import { queryKeys } from "@/lib/client/query-keys";

/** A presence row lives 30 s after its last beat when its server died; re-read at that pace too. */
const VIEWERS_REFRESH_MS = 30_000;

/** Names shown before "and N more". */
const MAX_NAMES = 4;

export function othersHere(viewers: { userId: string; name: string }[], selfId: string | null): string | null {
  const others = viewers.filter((v) => v.userId !== selfId).map((v) => v.name);
  if (others.length === 0) return null;
  const shown = others.slice(0, MAX_NAMES).join(", ");
  return others.length > MAX_NAMES ? `${shown} and ${others.length - MAX_NAMES} more` : shown;
}

/** Signed in only: a visitor of a PUBLIC model is neither listed nor told who is here (lib/collab/presence). */
export function ModelPresence({ id }: { id: string }) {
  const signedIn = Boolean(useViewer().data?.me);
  return signedIn ? <SignedInPresence id={id} /> : null;
}

function SignedInPresence({ id }: { id: string }) {
  useModelActivity(id);
  const query = useQuery({
    queryKey: queryKeys.viewers(id),
    queryFn: ({ signal }) => gql(MODEL_VIEWERS_QUERY, { id }, signal),
    refetchInterval: VIEWERS_REFRESH_MS,
    staleTime: 0,
  });
  const text = query.data?.model ? othersHere(query.data.model.viewers, query.data.me?.id ?? null) : null;
  return (
    <span className="subtle" data-testid="presence" aria-live="polite" style={{ marginLeft: "auto", fontSize: "0.85rem" }}>
      {text ? <>also here: {text}</> : null}
    </span>
  );
}
