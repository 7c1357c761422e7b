"use client";
// A decision transformer's RTG sweep on the shown trajectory (issue 10 item 4; ForwardRun.rtgSweep):
// the action probabilities at the last state as the last step's return-to-go runs over the model's
// [rtg.min, rtg.max] (Chen et al. 2021 §5.3, return conditioning), drawn as a heatmap of actions ×
// RTG values. Does asking for a higher return change what the model does here?
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { TrajectoryRtgSweepQuery } from "@/lib/client/gql/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { decodeFloat32 } from "@/lib/client/tensors";
import type { TrajectoryJson } from "@/lib/client/trajectory-input";
import { AnalysisStatus } from "../../../_components/analysis-status";
import { Figure } from "../../../_components/figures/figure";
import { heatmapScene } from "../../../_components/figures/heatmap";
import { useWidth } from "../../../_components/figures/use-width";
import { ErrorMessage } from "../../../_components/states";
import { TRAJECTORY_RTG_SWEEP_QUERY } from "./trajectory-queries";

const POINTS = 11;

export function RtgSweepPanel({ id, name, trajectory }: { id: string; name: string; trajectory: TrajectoryJson }) {
  const query = useQuery({
    queryKey: [...queryKeys.model(id), "trajectory", trajectory, "rtgSweep", POINTS],
    queryFn: ({ signal }) => gql(TRAJECTORY_RTG_SWEEP_QUERY, { id, trajectory, points: POINTS }, signal),
    staleTime: Infinity,
    refetchInterval: pollWhilePending((d: TrajectoryRtgSweepQuery) => [d.run?.rtgSweep]),
  });
  const [ref, width] = useWidth<HTMLElement>(520);
  const envelope = query.data?.run?.rtgSweep;
  const r = envelope?.result;
  /** values[action][point]: the sweep's [points, n_actions] probabilities transposed. */
  const values = useMemo(() => {
    if (!r) return null;
    const p = decodeFloat32(r.probs), A = r.actions.length;
    return r.actions.map((_, a) => r.rtg.map((_, i) => p[i * A + a]));
  }, [r]);
  const last = trajectory.rtg[trajectory.rtg.length - 1];
  return (
    <section aria-labelledby="rtg-sweep-heading" ref={ref}>
      <h2 id="rtg-sweep-heading">RTG sweep <span className="subtle">(the last step&apos;s return-to-go varied; now {last})</span></h2>
      <p className="hint">The action probabilities at the last state as the last RTG runs over the model&apos;s range: a column per RTG value, brighter = more likely (the legend).</p>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      <AnalysisStatus what="RTG sweep" envelope={envelope} />
      {r && values ? (
        <Figure
          name={`${name}-rtg-sweep`} testId="rtg-sweep-figure" data={{ rtg: r.rtg, actions: r.actions, probs: values }}
          scene={heatmapScene({
            title: "P(action | last state) by RTG", width: Math.min(520, width), maxCell: 44,
            rows: r.actions, cols: r.rtg.map((v) => String(Math.round(v * 100) / 100)),
            values, position: (v) => v, cellText: (v) => v.toFixed(2),
            legend: { palette: "viridis", lo: 0, hi: 1, label: "probability" },
          })}
        />
      ) : null}
    </section>
  );
}
