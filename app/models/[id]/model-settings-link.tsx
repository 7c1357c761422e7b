"use client";
// The model nav's Settings link, shown to the model team's EDITORs and OWNERs (who may rename it or
// change who sees it; lib/auth/policy "model:update"). Others can still open the page by URL to
// download the weights.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { MODEL_VIEWER_ROLE_QUERY } from "@/lib/client/model-settings-operations";
import { queryKeys } from "@/lib/client/query-keys";

export function ModelSettingsLink({ id, current }: { id: string; current: boolean }) {
  const role = useQuery({
    queryKey: [...queryKeys.model(id), "viewer-role"],
    queryFn: ({ signal }) => gql(MODEL_VIEWER_ROLE_QUERY, { id }, signal),
    staleTime: 60_000,
  });
  const viewerRole = role.data?.model?.team?.viewerRole;
  if (viewerRole !== "OWNER" && viewerRole !== "EDITOR" && !current) return null;
  return <Link href={`/models/${id}/settings`} aria-current={current ? "page" : undefined}>Settings</Link>;
}
