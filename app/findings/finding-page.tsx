"use client";
// The finding page's client part: the finding (GraphQL `finding`, or `sharedFinding` for a share
// link's holder), its view, and the controls its editors get.
import { useQuery } from "@tanstack/react-query";
import { FINDING_PAGE_QUERY, SHARED_FINDING_QUERY } from "@/lib/client/finding-operations";
import { gql } from "@/lib/client/graphql";
import { EmptyState, ErrorMessage, Loading } from "../_components/states";
import { FindingControls, FindingExports } from "./finding-controls";
import { FindingEditor } from "./finding-editor";
import { FindingView } from "./finding-view";

export function FindingPage({ id }: { id: string }) {
  const queryKey = ["finding", id] as const;
  const query = useQuery({ queryKey, queryFn: ({ signal }) => gql(FINDING_PAGE_QUERY, { id }, signal) });
  if (query.isPending) return <div className="page"><Loading what="the finding" /></div>;
  if (query.isError) return <div className="page"><ErrorMessage error={query.error} /></div>;
  const finding = query.data.finding;
  if (!finding) return <div className="page"><EmptyState title="Finding not found"><p>It does not exist, or it is not shared with you.</p></EmptyState></div>;
  return (
    <FindingView finding={finding}>
      <FindingExports id={finding.id} />
      {finding.canEdit ? <FindingControls finding={finding} queryKey={queryKey} /> : null}
      {finding.canEdit ? <FindingEditor finding={finding} queryKey={queryKey} /> : null}
    </FindingView>
  );
}

export function SharedFindingPage({ token }: { token: string }) {
  const query = useQuery({ queryKey: ["shared-finding", token], queryFn: ({ signal }) => gql(SHARED_FINDING_QUERY, { token }, signal) });
  if (query.isPending) return <div className="page"><Loading what="the finding" /></div>;
  if (query.isError) return <div className="page"><ErrorMessage error={query.error} /></div>;
  const finding = query.data.sharedFinding;
  return (
    <FindingView finding={finding}>
      <FindingExports id={finding.id} token={token} />
    </FindingView>
  );
}
