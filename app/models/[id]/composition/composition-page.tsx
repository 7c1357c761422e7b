"use client";
// The composition page: for Q, K and V, a heatmap of every (earlier head → later head) score
// coloured relative to ARENA's random-pair baseline (white at the baseline mean, orange above,
// purple below, so a flat field at the baseline does not look like a circuit), the induction
// circuits (previous-token head → induction head, K-composition) outlined and clickable.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { compositionGrid } from "@/lib/analysis/display";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { ModelCompositionQuery } from "@/lib/client/gql/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { decodeFloat32 } from "@/lib/client/tensors";
import { AnalysisStatus } from "../../../_components/analysis-status";
import { Figure } from "../../../_components/figures/figure";
import { cellKey, heatmapScene } from "../../../_components/figures/heatmap";
import { unitPosition } from "../../../_components/figures/palette";
import { useWidth } from "../../../_components/figures/use-width";
import { ErrorMessage, Loading } from "../../../_components/states";
import { CiteInFinding } from "../../../findings/cite-in-finding";
import { ModelNav } from "../model-nav";
import { COMPOSITION_QUERY } from "./composition-query";
import { baselineRange, nestScores } from "./composition-scale";

type Kind = "Q" | "K" | "V";
const KINDS: Kind[] = ["K", "Q", "V"];
const TOP = 5;
const KIND_TEXT: Record<Kind, string> = {
  Q: "the earlier head's output read by the later head's queries",
  K: "the earlier head's output read by the later head's keys (induction heads)",
  V: "the earlier head's output read by the later head's values (virtual heads)",
};

export function CompositionPage({ id }: { id: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const kind: Kind = KINDS.find((k) => k === params.get("kind")) ?? "K";
  const [selected, setSelected] = useState<string | null>(null);
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const query = useQuery({
    queryKey: [...queryKeys.model(id), "composition", TOP],
    queryFn: ({ signal }) => gql(COMPOSITION_QUERY, { id, top: TOP }, signal),
    refetchInterval: pollWhilePending((d: ModelCompositionQuery) => (d.model ? [d.model.q, d.model.k, d.model.v, d.model.circuits] : [])),
  });
  const model = query.data?.model;
  const envelope = model ? { Q: model.q, K: model.k, V: model.v }[kind] : null;
  const result = envelope?.result ?? null;
  const induction = useMemo(() => model?.circuits.result?.induction ?? [], [model]);
  const highlight = useMemo(() => new Set(kind === "K" ? induction.map((c) => cellKey(c.previousTokenHead, c.inductionHead)) : []), [kind, induction]);

  const figure = useMemo(() => {
    if (!result) return null;
    const grid = compositionGrid(nestScores(decodeFloat32(result.scores), result.scores.shape));
    const { lo, hi } = baselineRange(result.baseline, grid.max);
    const scene = heatmapScene({
      title: `${kind}-composition between heads, relative to random pairs`, rows: grid.rows.map((r) => r.name), cols: grid.cols.map((c) => c.name), values: grid.values,
      width: Math.min(width, 720), position: (v) => unitPosition(v, lo, hi), highlight, cellText: (v) => v.toFixed(2),
      legend: { palette: "puor", lo, hi, label: `${kind}-composition score; white = random-pair baseline`, markers: [{ value: result.baseline.mean, label: "baseline" }] },
    });
    return { grid, scene };
  }, [result, kind, width, highlight]);

  if (query.isPending) return <div className="page"><Loading what="the composition scores" /></div>;
  if (query.isError) return <div className="page"><ErrorMessage error={query.error} /></div>;
  if (!model) return <div className="page"><p>Model not found. <Link href="/models">Back to the library</Link></p></div>;
  const setKind = (k: Kind) => router.replace(`${pathname}?kind=${k}`, { scroll: false });
  const [writer, reader] = selected?.split(">") ?? [];
  const circuit = induction.find((c) => c.previousTokenHead === writer && c.inductionHead === reader);
  const value = (w: string, r: string) => {
    const i = figure?.grid.rows.findIndex((x) => x.name === w) ?? -1;
    const j = figure?.grid.cols.findIndex((x) => x.name === r) ?? -1;
    return i >= 0 && j >= 0 ? figure!.grid.values[i][j] : null;
  };

  return (
    <div className="page" data-testid="composition-page">
      <ModelNav id={id} name={model.name} current="composition" />
      <h1>Composition</h1>
      {model.config.nLayers >= 2 ? <CiteInFinding modelId={id} kind="COMPOSITION" params={{ mode: kind }} title={`${kind}-composition of ${model.name}`} /> : null}
      {model.config.nLayers < 2 ? <p className="subtle">Composition needs two layers; {model.name} has {model.config.nLayers}.</p> : null}
      <div className="row" role="group" aria-label="Composition type">
        {KINDS.map((k) => <button key={k} type="button" className={k === kind ? undefined : "secondary"} aria-pressed={k === kind} onClick={() => setKind(k)}>{k}-composition</button>)}
      </div>
      <p className="hint">{kind}-composition: {KIND_TEXT[kind]}. Rows: the earlier head (writes); columns: the later head (reads); TL composition_scores.
        {result ? ` Random pairs score ${result.baseline.mean.toFixed(3)} ± ${result.baseline.std.toFixed(3)} (${result.baseline.samples} draws).` : ""}</p>
      <AnalysisStatus what={`${kind}-composition`} envelope={envelope} />
      <div ref={ref} data-testid="composition-heatmap" data-highlight={[...highlight].join(" ")}>
        {figure && result ? (
          <Figure name={`${model.name}-composition-${kind}`} scene={figure.scene} data={{ kind, baseline: result.baseline, rows: figure.grid.rows.map((r) => r.name), cols: figure.grid.cols.map((c) => c.name), values: figure.grid.values, induction }}
            activeKey={selected} onSelect={setSelected} testId="composition-figure"
            describe={(k) => {
              const [w, r] = k.split(">");
              const v = value(w, r);
              return v === null ? null : `${kind}: ${w} → ${r} = ${v.toFixed(4)} (${(v / result.baseline.mean).toFixed(2)}× baseline, z = ${((v - result.baseline.mean) / result.baseline.std).toFixed(1)})${highlight.has(k) ? " · induction circuit, click" : ""}`;
            }} />
        ) : null}
      </div>
      <h2>Induction circuits</h2>
      <AnalysisStatus what="Induction circuits" envelope={model.circuits} />
      {model.circuits.result && induction.length === 0 ? <p className="subtle">No previous-token → induction pair passed the thresholds.</p> : null}
      <div className="row" data-testid="induction-circuits">
        {induction.map((c) => {
          const k = cellKey(c.previousTokenHead, c.inductionHead);
          return <button key={k} type="button" className={selected === k ? undefined : "secondary"} onClick={() => { setKind("K"); setSelected(k); }}>{c.previousTokenHead} → {c.inductionHead}</button>;
        })}
      </div>
      {selected ? (
        <div className="panel" data-testid="composition-selection" style={{ marginTop: "0.75rem" }}>
          <h3>{writer} → {reader}</h3>
          <p>
            {kind}-composition {value(writer, reader)?.toFixed(4) ?? "—"}.{" "}
            <Link href={`/models/${id}/heads/${writer}`}>Head {writer}</Link> · <Link href={`/models/${id}/heads/${reader}`}>Head {reader}</Link>
          </p>
          {circuit ? (
            <p data-testid="induction-selection">
              Induction circuit: {c(circuit.previousTokenHead)} is a previous-token head whose output forms the keys of {c(circuit.inductionHead)} (K-composition {circuit.kComposition.toFixed(4)}
              {circuit.relative != null ? `, ${circuit.relative.toFixed(2)}× the random baseline` : ""}{circuit.zScore != null ? `, z = ${circuit.zScore.toFixed(1)}` : ""}); {circuit.mechanism ? `verified by ${circuit.mechanism} ablation (drop ${circuit.evidence?.ablationDrop?.toFixed(2) ?? "—"})` : "not verified by ablation"}; induction stripe {circuit.inductionScore?.toFixed(2) ?? "—"}.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

const c = (head: string) => <strong>{head}</strong>;
