"use client";
// A team's activity feed on the team page: who changed what, on which model and head, when, newest
// first, 20 at a time with "Show older" (TEAM_ACTIVITY_QUERY; the server leaves out what the viewer
// may not see).
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { TEAM_ACTIVITY_QUERY, type ActivityEntryFields } from "@/lib/client/activity-operations";
import { queryKeys } from "@/lib/client/query-keys";
import { EmptyState, ErrorMessage, Loading } from "../_components/states";

const PAGE = 20;

function ModelRef({ entry }: { entry: ActivityEntryFields }) {
  if (!entry.modelId) return null;
  const name = entry.modelName ?? "a deleted model";
  const exists = entry.action !== "model.delete" && entry.modelName !== null;
  const head = entry.head ? <> · <Link href={`/models/${entry.modelId}/heads/${entry.head}`}>head {entry.head}</Link></> : null;
  return (
    <span className="subtle">
      {" "}— {exists ? <Link href={`/models/${entry.modelId}`}>{name}</Link> : name}
      {exists ? head : null}
    </span>
  );
}

export function TeamActivity({ teamId }: { teamId: string }) {
  const feed = useInfiniteQuery({
    queryKey: [...queryKeys.team(teamId), "activity"],
    queryFn: ({ pageParam, signal }) => gql(TEAM_ACTIVITY_QUERY, { id: teamId, first: PAGE, after: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.team?.activity.pageInfo.hasNextPage ? last.team.activity.pageInfo.endCursor : null),
  });
  if (feed.isPending) return <Loading what="activity" />;
  if (feed.isError) return <ErrorMessage error={feed.error} />;
  const entries = feed.data.pages.flatMap((p) => p.team?.activity.edges.map((e) => e.node) ?? []);
  if (entries.length === 0) return <EmptyState title="Nothing has happened in this team yet" />;
  return (
    <div>
      <ol className="activity-feed">
        {entries.map((e) => (
          <li key={e.id}>
            <time dateTime={e.createdAt} className="subtle">{new Date(e.createdAt).toLocaleString()}</time>{" "}
            <strong>{e.actorName ?? "A deleted account"}</strong> {e.summary}
            <ModelRef entry={e} />
          </li>
        ))}
      </ol>
      {feed.hasNextPage ? (
        <button type="button" className="secondary" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
          {feed.isFetchingNextPage ? "Loading…" : "Show older"}
        </button>
      ) : null}
    </div>
  );
}
