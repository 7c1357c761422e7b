"use client";
// The overview's Heads panel: the layer × head grid named "L.H", filled with the head report's
// auto-labels once it arrives (graphql Model.headReport), the selected head's scores, and the
// composition heatmap. The grid shows at once; the report has its own loading and error states,
// so a slow or failed analysis never hides the model.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { gql } from "@/lib/client/graphql";
import { ErrorMessage } from "../../_components/states";
import { CompositionHeatmap } from "./composition-heatmap";
import { HeadDetail } from "./head-detail";
import { HeadGrid, type HeadGridProps } from "./head-grid";
import { HEAD_REPORT_QUERY, headReportKey } from "./head-report-query";

export function HeadsPanel({ id, layers }: { id: string; layers: HeadGridProps["layers"] }) {
  const hasHeads = layers.some((l) => l.heads.length > 0);
  const query = useQuery({
    queryKey: headReportKey(id),
    queryFn: ({ signal }) => gql(HEAD_REPORT_QUERY, { id }, signal),
    enabled: hasHeads,
    // A report is fixed for a model version and engine: no refetch on focus.
    staleTime: Infinity,
  });
  const report = query.data?.model?.headReport ?? null;
  const scores = useMemo(() => (report?.status === "READY" ? new Map(report.heads.map((h) => [h.name, h])) : undefined), [report]);
  const [selected, setSelected] = useState<string | null>(null);
  const selectedHead = selected ? scores?.get(selected) : undefined;

  return (
    <div data-testid="heads-panel">
      <HeadGrid layers={layers} scores={scores} selected={selected} onSelect={(name) => setSelected(name === selected ? null : name)} />
      {hasHeads ? (
        <div aria-live="polite">
          {query.isPending ? <p className="hint">Computing the head report (detectors, copying, composition)…</p> : null}
          {query.isError ? <ErrorMessage error={query.error} /> : null}
          {report?.status === "TOO_LARGE" ? <p className="alert" role="status">{report.message}</p> : null}
          {report?.status === "FAILED" ? <p className="alert alert-error" role="alert">{report.message}</p> : null}
          {report?.status === "READY" ? (
            <p className="hint" title={`engine ${report.engineVersion}`}>
              Labels from the head report of version {report.modelVersion}
              {report.cached ? " (cached)" : ""}. Hover a badge for its score; click a head for all its scores.
            </p>
          ) : null}
        </div>
      ) : null}
      {selectedHead ? <HeadDetail head={selectedHead} /> : null}
      {report?.status === "READY" && report.composition && layers.length > 1 ? (
        <>
          <h3>Composition</h3>
          <CompositionHeatmap composition={report.composition} />
        </>
      ) : null}
    </div>
  );
}
