"use client";
// A decision transformer's state features drawn on their observation grid (issue 10 item 3): for a
// chosen action, one heatmap per grid channel of each feature's direct-path effect on that action's
// logit (W_E_state[f] · W_U[:, action], the paper's zero-layer term, from Model.directPath over the
// DT's typed rows, whose first n_state_features rows are the state features). Which cells of the
// view push the action head toward "down" before any head has moved information?
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { DtDirectPathQuery } from "@/lib/client/gql/graphql";
import { decodeFloat32, decodeInt32 } from "@/lib/client/tensors";
import { AnalysisStatus } from "../../_components/analysis-status";
import { Figure } from "../../_components/figures/figure";
import { heatmapScene } from "../../_components/figures/heatmap";
import { unitPosition } from "../../_components/figures/palette";
import { ErrorMessage } from "../../_components/states";
import type { DTSummary } from "./dt-panel";
import { dtKeys, DT_DIRECT_PATH_QUERY, MAX_PER_TOKEN } from "./dt-queries";

type Grid = NonNullable<DTSummary["grid"]>;

/** values[channel][y][x] of one action, null where the top-k table does not hold that action. */
export function channelMaps(grid: Grid, values: Float32Array, indices: Int32Array, k: number, action: number): (number | null)[][][] {
  const { width: W, height: H } = grid;
  return grid.channels.map((_, c) => Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => {
    const f = c * W * H + x * H + y;
    for (let j = 0; j < k; j++) if (indices[f * k + j] === action) return values[f * k + j];
    return null;
  })));
}

export function StateHeatmapPanel({ id, name, dt }: { id: string; name: string; dt: DTSummary & { grid: Grid } }) {
  const k = Math.min(MAX_PER_TOKEN, dt.n_actions);
  const [action, setAction] = useState(0);
  const query = useQuery({
    queryKey: dtKeys.directPath(id, k),
    queryFn: ({ signal }) => gql(DT_DIRECT_PATH_QUERY, { id, perToken: k }, signal),
    refetchInterval: pollWhilePending((d: DtDirectPathQuery) => [d.model?.directPath]),
  });
  const envelope = query.data?.model?.directPath;
  const table = envelope?.result?.perToken;
  const maps = useMemo(() => (table ? channelMaps(dt.grid, decodeFloat32(table.values), decodeInt32(table.indices), k, action) : null), [table, dt.grid, k, action]);
  const bound = useMemo(() => (maps ? Math.max(1e-6, ...maps.flat(2).map((v) => Math.abs(v ?? 0))) : 1), [maps]);
  return (
    <section aria-labelledby="state-heatmap-heading">
      <h3 id="state-heatmap-heading">State features on the grid</h3>
      <p className="hint">
        Each cell: the direct path W_E_state[feature] · W_U[:, {dt.action_labels[action]}] of that cell&apos;s feature, one map per channel
        ({dt.grid.width} × {dt.grid.height}, x across, y down). Orange pushes toward the action, purple away (the legend); the heads add what the context says.
      </p>
      <div className="row" role="radiogroup" aria-label="Action">
        {dt.action_labels.map((label, a) => (
          <label key={label}><input type="radio" checked={a === action} onChange={() => setAction(a)} /> {label}</label>
        ))}
      </div>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      <AnalysisStatus what="Direct path" envelope={envelope} />
      {k < dt.n_actions ? <p className="hint">Only each feature&apos;s top {k} actions are listed; other cells are grey.</p> : null}
      <div className="figure-grid" data-testid="state-heatmaps">
        {maps?.map((rows, c) => (
          <Figure
            key={dt.grid.channels[c]} name={`${name}-state-${dt.grid.channels[c]}-${dt.action_labels[action]}`} data={rows} testId={`state-heatmap-${c}`}
            scene={heatmapScene({
              title: `${dt.grid.channels[c]} → ${dt.action_labels[action]}`, width: 320, maxCell: 48,
              rows: Array.from({ length: dt.grid.height }, (_, y) => `y${y}`), cols: Array.from({ length: dt.grid.width }, (_, x) => `x${x}`),
              values: rows, position: (v) => unitPosition(v, -bound, bound), cellText: (v) => v.toFixed(1),
              legend: { palette: "puor", lo: -bound, hi: bound, label: `direct logit effect on ${dt.action_labels[action]}` },
            })}
          />
        ))}
      </div>
    </section>
  );
}
