"use client";
// The prompt explorer for a decision transformer (issue 10 item 4): a trajectory (DT-FORMAT.md JSON,
// pasted or from ?trajectory=) drawn as a strip of typed tokens — RTG values, state tokens as small
// images of their grid's first channel when the model has a grid, actions by label — with the
// greedy action under every state, the RTG sweep at the last state, and the attention viewer over
// the same positions.
import { useQueries, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { TrajectoryPatternsQuery } from "@/lib/client/gql/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { decodeFloat32 } from "@/lib/client/tensors";
import { parseTrajectory, trajectorySearch, type TrajectoryJson } from "@/lib/client/trajectory-input";
import { AnalysisStatus } from "../../../_components/analysis-status";
import { splitHeads, type SparsePattern } from "../../../_components/figures/attention";
import { AttentionViewer } from "../../../_components/figures/attention-viewer";
import { ErrorMessage, Loading } from "../../../_components/states";
import { probeTrajectory, type DTSummary } from "../dt-panel";
import { RtgSweepPanel } from "./rtg-sweep";
import { TRAJECTORY_PATTERNS_QUERY, TRAJECTORY_RUN_QUERY } from "./trajectory-queries";

/** A dense [heads, n, n] pattern as the viewer's sparse form with every key of a row, ranked by weight. */
export function denseAsRanked(shape: number[], dense: Float32Array): { shape: number[]; values: Float32Array; indices: Int32Array } {
  const [H, n] = shape;
  const values = new Float32Array(H * n * n), indices = new Int32Array(H * n * n);
  for (let r = 0; r < H * n; r++) {
    const row = Array.from({ length: n }, (_, k) => k).sort((a, b) => dense[r * n + b] - dense[r * n + a]);
    row.forEach((k, j) => {
      values[r * n + j] = dense[r * n + k];
      indices[r * n + j] = k;
    });
  }
  return { shape: [H, n, n], values, indices };
}

const TYPE_FILL: Record<string, string> = { rtg: "#f6e3a1", state: "#cfe3f5", action: "#d5ebcf" };
const CELL = 9;

/** A state's first grid channel as a small image (cells shaded by value / the trajectory's max). */
function StateImage({ features, grid, max }: { features: number[]; grid: NonNullable<DTSummary["grid"]>; max: number }) {
  const { width: W, height: H } = grid;
  return (
    <svg width={W * CELL} height={H * CELL} role="img" aria-label={`${grid.channels[0]} grid`} style={{ display: "block", margin: "2px auto" }}>
      {Array.from({ length: W * H }, (_, i) => {
        const x = Math.floor(i / H), y = i % H;
        const v = max > 0 ? Math.max(0, Math.min(1, features[x * H + y] / max)) : 0;
        return <rect key={i} x={x * CELL} y={y * CELL} width={CELL - 1} height={CELL - 1} fill={`rgba(31, 78, 140, ${0.08 + 0.92 * v})`} />;
      })}
    </svg>
  );
}

function TrajectoryForm({ initial, onRun }: { initial: TrajectoryJson; onRun: (t: TrajectoryJson) => void }) {
  const [text, setText] = useState(JSON.stringify(initial));
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="panel" onSubmit={(e) => {
      e.preventDefault();
      const parsed = parseTrajectory(text);
      if (!parsed.ok) return setError(parsed.message);
      onRun(parsed.trajectory);
    }}>
      <label htmlFor="trajectory-input" className="hint">Trajectory JSON: {"{ timesteps, rtg, states, actions }"} (DT-FORMAT.md)</label>
      <textarea id="trajectory-input" value={text} onChange={(e) => { setText(e.target.value); setError(null); }} rows={3} style={{ width: "100%", fontFamily: "var(--mono)" }} aria-label="Trajectory" />
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      <button type="submit">Run</button>
    </form>
  );
}

export function TrajectoryView({ id, name, dt, nCtx, nLayers, given }: { id: string; name: string; dt: DTSummary; nCtx: number; nLayers: number; given: TrajectoryJson | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const trajectory = useMemo(() => given ?? probeTrajectory(dt, nCtx), [given, dt, nCtx]);
  const [picked, setPicked] = useState<number | null>(null);
  const key = [...queryKeys.model(id), "trajectory", trajectory] as const;
  const run = useQuery({ queryKey: [...key, "run"], queryFn: ({ signal }) => gql(TRAJECTORY_RUN_QUERY, { id, trajectory }, signal), staleTime: Infinity });
  const positions = run.data?.run?.positions ?? [];
  const n = positions.length;
  const patterns = useQueries({
    queries: Array.from({ length: n > 0 ? nLayers : 0 }, (_, layer) => ({
      queryKey: [...key, "patterns", layer],
      queryFn: ({ signal }: { signal: AbortSignal }) => gql(TRAJECTORY_PATTERNS_QUERY, { id, trajectory, layer }, signal),
      staleTime: Infinity,
      refetchInterval: pollWhilePending((d: TrajectoryPatternsQuery) => [d.run?.patterns]),
    })),
  });
  const stamp = patterns.map((p) => p.dataUpdatedAt).join(",");
  const layers = useMemo<SparsePattern[][] | null>(() => {
    if (patterns.length === 0 || patterns.some((p) => !p.data?.run?.patterns.result?.dense)) return null;
    return patterns.map((p) => {
      const d = p.data!.run!.patterns.result!.dense!;
      const ranked = denseAsRanked(d.shape, decodeFloat32(d));
      return splitHeads(ranked.shape, ranked.values, ranked.indices);
    });
  }, [stamp]);
  const logits = run.data?.run?.actionLogits;
  /** Greedy action label per state position. */
  const greedy = useMemo(() => {
    const r = logits?.result;
    if (!r) return new Map<number, string>();
    const values = decodeFloat32(r.logits), A = r.actions.length;
    return new Map(r.statePositions.map((p, s) => {
      let best = 0;
      for (let a = 1; a < A; a++) if (values[s * A + a] > values[s * A + best]) best = a;
      return [p, r.actions[best]] as const;
    }));
  }, [logits]);
  const maxFeature = useMemo(() => Math.max(0, ...trajectory.states.flat()), [trajectory]);
  const tokens = useMemo(() => positions.map((p) => ({ id: p.index, text: p.label })), [positions]);
  const position = picked !== null && picked < n ? picked : n - 1;
  const gridOk = dt.grid && dt.grid.width * dt.grid.height * dt.grid.channels.length === dt.n_state_features;
  return (
    <>
      <TrajectoryForm key={JSON.stringify(trajectory)} initial={trajectory} onRun={(t) => { setPicked(null); router.push(`${pathname}${trajectorySearch(t)}`); }} />
      {given ? null : <p className="hint">A probe trajectory (RTG high, every feature 0); paste one, or open a link with ?trajectory=.</p>}
      {run.isError ? <ErrorMessage error={run.error} /> : null}
      {run.isPending ? <Loading what="the trajectory run" /> : null}
      {n > 0 ? (
        <>
          <h2>Trajectory <span className="subtle">({trajectory.timesteps.length} steps, {n} tokens)</span></h2>
          <ol className="row" data-testid="trajectory-strip" aria-label="Trajectory tokens" style={{ listStyle: "none", padding: 0, flexWrap: "wrap", gap: 4 }}>
            {positions.map((p) => {
              const step = p.timestep === null ? -1 : trajectory.timesteps.indexOf(p.timestep);
              const value = p.type === "rtg" ? `RTG ${trajectory.rtg[step]}` : p.type === "action" ? (dt.action_labels[trajectory.actions[step]] ?? `#${trajectory.actions[step]}`) : null;
              return (
                <li key={p.index} data-type={p.type} onClick={() => setPicked(p.index)}
                  style={{ background: TYPE_FILL[p.type] ?? "#eee", border: p.index === position ? "2px solid #1b1f24" : "1px solid #c9ced6", borderRadius: 4, padding: "2px 4px", minWidth: 48, textAlign: "center", fontSize: 12, cursor: "pointer" }}>
                  <div style={{ fontFamily: "var(--mono)" }}>{p.label}</div>
                  {p.type === "state" && gridOk ? <StateImage features={trajectory.states[step]} grid={dt.grid!} max={maxFeature} /> : null}
                  {value ? <div>{value}</div> : null}
                  {greedy.has(p.index) ? <div className="subtle" title="greedy action (argmax of the action logits)">→ {greedy.get(p.index)}</div> : null}
                </li>
              );
            })}
          </ol>
          <AnalysisStatus what="Action logits" envelope={logits} />
          <RtgSweepPanel id={id} name={name} trajectory={trajectory} />
          <h2>Attention <span className="subtle">(every key, exact)</span></h2>
          {patterns.map((p, layer) => (
            <div key={layer}>
              {p.isError ? <ErrorMessage error={p.error} /> : null}
              <AnalysisStatus what={`Layer ${layer} patterns`} envelope={p.data?.run?.patterns} />
            </div>
          ))}
          {layers ? <AttentionViewer name={`${name}-trajectory`} tokens={tokens} layers={layers} picked={position} onPick={setPicked} /> : nLayers > 0 ? <Loading what="the attention patterns" /> : null}
        </>
      ) : null}
    </>
  );
}
