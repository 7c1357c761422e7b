"use client";
// The overview's Heads panel: the layer × head grid named "L.H" as a figure coloured by a chosen
// score, with the head report's auto-labels as badges (graphql Model.headReport) and people's
// consensus label with its support (Model.headConsensus) as an accent badge; a click opens the
// head's page. The report has its own loading and error states, so a slow or failed analysis never
// hides the model: while its job is QUEUED or RUNNING a progress bar (fraction, ETA, stage) stands
// in for the grid, followed live over /api/events?job=<id> (and asked again every
// PENDING_POLL_MS in case the stream drops); when the job ends the report is read again and the
// grid takes the bar's place.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { HEAD_CONSENSUS_QUERY } from "@/lib/client/collab-operations";
import { gql } from "@/lib/client/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { HeadGridFigure, type HeadRow } from "../../_components/figures/head-grid-figure";
import { currentProgress, JobProgressBar, useJobEvents } from "../../_components/job-progress";
import { ErrorMessage } from "../../_components/states";
import { HEAD_REPORT_QUERY, headReportKey } from "./head-report-query";

/** While the report's job is pending, it is asked for again this often (the SSE stream is the fast path). */
export const PENDING_POLL_MS = 5_000;

const isPending = (status: string | undefined) => status === "QUEUED" || status === "RUNNING";

export interface HeadsPanelProps {
  id: string;
  name: string;
  nLayers: number;
  nHeads: number;
}

export function HeadsPanel({ id, name, nLayers, nHeads }: HeadsPanelProps) {
  const router = useRouter();
  const hasHeads = nLayers > 0 && nHeads > 0;
  const query = useQuery({
    queryKey: headReportKey(id),
    queryFn: ({ signal }) => gql(HEAD_REPORT_QUERY, { id }, signal),
    enabled: hasHeads,
    // A report is fixed for a model version and engine: no refetch on focus.
    staleTime: Infinity,
    refetchInterval: (q) => (isPending(q.state.data?.model?.headReport?.status) ? PENDING_POLL_MS : false),
  });
  const queryClient = useQueryClient();
  // People's consensus per head; live events invalidate it (it sits under queryKeys.collab).
  const consensusQuery = useQuery({
    queryKey: queryKeys.headConsensus(id),
    queryFn: ({ signal }) => gql(HEAD_CONSENSUS_QUERY, { id }, signal),
    enabled: hasHeads,
  });
  const consensus = consensusQuery.data?.model?.headConsensus;
  const report = query.data?.model?.headReport ?? null;
  const live = useJobEvents(isPending(report?.status) ? (report?.jobId ?? null) : null);
  const progress = report ? currentProgress(report, live) : null;
  const ended = live !== null && !isPending(live.status);
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: headReportKey(id) });
  }, [ended, id, queryClient]);
  const rows = useMemo<HeadRow[]>(() => {
    const ready = report?.status === "READY" ? new Map(report.heads.map((h) => [h.name, h])) : null;
    const agreed = new Map((consensus ?? []).flatMap((c) => (c.label ? [[c.head, { label: c.label, count: c.count, accepted: c.accepted !== null && c.accepted !== undefined }] as const] : [])));
    return Array.from({ length: nLayers * nHeads }, (_, i) => {
      const layer = Math.floor(i / nHeads);
      const head = i % nHeads;
      const r = ready?.get(`${layer}.${head}`);
      return { name: `${layer}.${head}`, layer, head, labels: r?.labels ?? [], scores: r ?? {}, consensus: agreed.get(`${layer}.${head}`) ?? null };
    });
  }, [report, consensus, nLayers, nHeads]);
  if (!hasHeads) return <p className="subtle">This model has no attention heads (a 0-layer model: the direct path only).</p>;

  return (
    <div data-testid="heads-panel">
      {progress ? (
        <JobProgressBar what="Head report" progress={progress} />
      ) : (
        <HeadGridFigure name={name} nLayers={nLayers} nHeads={nHeads} heads={rows} onOpen={(head) => router.push(`/models/${id}/heads/${head}`)} />
      )}
      <div aria-live="polite">
        {query.isPending ? <p className="hint">Computing the head report (detectors, copying, composition)…</p> : null}
        {query.isError ? <ErrorMessage error={query.error} /> : null}
        {report?.status === "TOO_LARGE" ? <p className="alert" role="status">{report.message}</p> : null}
        {report?.status === "FAILED" ? <p className="alert alert-error" role="alert">{report.message}</p> : null}
        {report?.status === "READY" ? (
          <p className="hint" title={`engine ${report.engineVersion}`}>
            Labels from the head report of version {report.modelVersion}
            {report.cached ? " (cached)" : ""}. Hover a head for its numbers; click it for its page.
          </p>
        ) : null}
        {report?.status === "READY" && report.skipped.length > 0 ? (
          <ul className="hint" data-testid="head-report-skipped">
            {report.skipped.map((s) => (
              <li key={s.score}>Not computed: {s.score} — {s.reason}.</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
