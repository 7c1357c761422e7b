"use client";
// The sections of a head's page, each drawing one analysis envelope once it is READY.
import Link from "next/link";
import { useMemo } from "react";
import { formatScore } from "@/lib/analysis/display";
import { SCORE_DEFINITIONS, type ScoreKey } from "@/lib/analysis/score-definitions";
import type { HeadCircuitsQuery, HeadCompositionQuery, HeadScoresQuery, HeadSpectraQuery } from "@/lib/client/gql/graphql";
import { AnalysisStatus } from "../../../../_components/analysis-status";
import { barScene } from "../../../../_components/figures/bars";
import { complexPlaneScene, eigenKey } from "../../../../_components/figures/complex-plane";
import { Figure } from "../../../../_components/figures/figure";
import { TokenTable, type Cell } from "../../../../_components/figures/token-table";
import { useWidth } from "../../../../_components/figures/use-width";
import { SegmentGroupsTable } from "../../segment-groups";

type HeadScores = NonNullable<HeadScoresQuery["model"]>["head"];
type HeadCircuits = NonNullable<HeadCircuitsQuery["model"]>["head"];
type HeadSpectra = NonNullable<HeadSpectraQuery["model"]>["head"];
type HeadComposition = NonNullable<HeadCompositionQuery["model"]>["head"];
type Entry = NonNullable<HeadCircuits["qk"]["result"]>["top"][number];

export function ScoreTable({ name, envelope }: { name: string; envelope: HeadScores["scores"] }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const scores = envelope.result;
  const scene = useMemo(() => barScene({
    title: "Every score of the head report", width: Math.min(width, 560), palette: "puor", format: (v) => v.toFixed(3),
    items: SCORE_DEFINITIONS.flatMap((d) => { const v = scores?.[d.key as ScoreKey]; return typeof v === "number" ? [{ key: d.key, label: d.name, value: v }] : []; }),
  }), [scores, width]);
  return (
    <div ref={ref}>
      <AnalysisStatus what="Scores" envelope={envelope} />
      {scores ? (
        <>
          <Figure name={`${name}-scores`} scene={scene} data={scores} testId="head-scores-figure"
            describe={(k) => { const d = SCORE_DEFINITIONS.find((s) => s.key === k); return d ? `${d.name} = ${formatScore(scores[d.key])}: ${d.definition}` : null; }} />
          <div className="table-wrap">
            <table data-testid="head-scores">
              <thead><tr><th scope="col">score</th><th scope="col">value</th><th scope="col">definition</th></tr></thead>
              <tbody>
                {SCORE_DEFINITIONS.map((d) => (
                  <tr key={d.key}><td className="mono">{d.name}</td><td className="mono" style={{ textAlign: "right" }}>{formatScore(scores[d.key])}</td><td className="hint">{d.definition}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

const EVIDENCE: [keyof NonNullable<NonNullable<HeadScores["labels"]["result"]>[number]["evidence"]>, string][] = [
  ["partnerKComposition", "partner's K-composition (TL composition_scores)"],
  ["baselineMean", "random-pair baseline mean"],
  ["baselineStd", "random-pair baseline std"],
  ["stripeWithoutPartner", "induction stripe with the partner removed from the keys"],
  ["ablationDrop", "fraction of the stripe lost without the partner (≥ 0.5 verifies)"],
  ["groupAblationDrop", "fraction lost without every earlier previous-token head"],
  ["variedPeriodInduction", "induction score on varied repeat periods"],
  ["positionalInvariance", "positional invariance of the attention"],
];

export function LabelEvidence({ envelope }: { envelope: HeadScores["labels"] }) {
  const labels = envelope.result;
  return (
    <div data-testid="head-labels">
      <AnalysisStatus what="Labels" envelope={envelope} />
      {labels && labels.length === 0 ? <p className="subtle">No label: no score passed its threshold.</p> : null}
      {labels?.map((l, i) => (
        <div key={i} style={{ marginBottom: "0.75rem" }}>
          <p style={{ margin: 0 }}>
            <span className="badge" data-label={l.label}>{l.label}</span> score {formatScore(l.score)}
            {l.partner ? <> · partner <Link href={`./${l.partner}`}>{l.partner}</Link></> : null}
            {l.mechanism ? ` · ${l.mechanism}` : l.label === "induction" ? " · not verified by ablation" : ""}
            {l.evidence?.partnerPreviousToken === false ? " · partner below the previous-token threshold" : ""}
          </p>
          {l.evidence ? (
            <table className="mono" style={{ fontSize: "0.8rem" }}>
              <tbody>
                {EVIDENCE.filter(([k]) => typeof l.evidence?.[k] === "number").map(([k, text]) => (
                  <tr key={k}><td>{text}</td><td style={{ textAlign: "right" }}>{formatScore(l.evidence![k] as number)}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ))}
    </div>
  );
}

const tokenCell = (t: Entry["rowToken"], index: number): Cell => (t ? { token: t } : { text: String(index) });
const entryRows = (entries: Entry[]): Cell[][] => entries.map((e) => [tokenCell(e.rowToken, e.row), tokenCell(e.colToken, e.col), { number: e.value }]);

export function CircuitTables({ name, head }: { name: string; head: HeadCircuits }) {
  const ov = head.ov.result;
  const qk = head.qk.result;
  return (
    <div className="figure-grid">
      <div>
        <AnalysisStatus what="OV circuit" envelope={head.ov} />
        {ov ? (
          <>
            <TokenTable name={`${name}-ov-top`} testId="ov-table" title={`OV circuit W_E W_OV W_U: top ${ov.top.length} entries`} columns={["source token", "output token", "logit effect"]} rows={entryRows(ov.top)} caption="A copying head puts source = output here." />
            {ov.bottom.length > 0 ? <TokenTable name={`${name}-ov-bottom`} title={`OV circuit: ${ov.bottom.length} most negative entries (suppression)`} columns={["source token", "output token", "logit effect"]} rows={entryRows(ov.bottom)} /> : null}
          </>
        ) : null}
      </div>
      <div>
        <AnalysisStatus what="QK circuit" envelope={head.qk} />
        {qk ? <TokenTable name={`${name}-qk-top`} testId="qk-table" title={`QK circuit W_E W_QK W_Eᵀ: top ${qk.top.length} entries`} columns={["query token", "key token", "score"]} rows={entryRows(qk.top)} caption="Attention scores before the 1/√d_head scaling." /> : null}
      </div>
    </div>
  );
}

function EigenFigure({ name, title, envelope }: { name: string; title: string; envelope: HeadSpectra["ovEigen"] }) {
  const r = envelope.result;
  const scene = useMemo(() => (r ? complexPlaneScene({ title, re: r.re, im: r.im, size: 260 }) : null), [r, title]);
  return (
    <div>
      <h3>{title}</h3>
      <AnalysisStatus what={title} envelope={envelope} />
      {r && scene ? (
        <>
          <p className="hint">Re(Σλ)/Σ|λ| = {formatScore(r.positivity)} (positive: {title.startsWith("OV") ? "copying" : "attends to the same token"}).</p>
          <Figure name={name} scene={scene} data={r} testId="eigen-figure"
            describe={(k) => { const i = r.re.findIndex((_, j) => eigenKey(j) === k); return i < 0 ? null : `λ${i} = ${r.re[i].toPrecision(4)} ${r.im[i] < 0 ? "−" : "+"} ${Math.abs(r.im[i]).toPrecision(4)}i, |λ| = ${Math.hypot(r.re[i], r.im[i]).toPrecision(4)}`; }} />
        </>
      ) : null}
    </div>
  );
}

function SingularFigure({ name, title, envelope }: { name: string; title: string; envelope: HeadSpectra["ovSvd"] }) {
  const values = envelope.result?.values;
  const scene = useMemo(() => (values ? barScene({ title, width: 300, bar: 10, items: values.map((v, i) => ({ key: `σ${i}`, label: `σ${i}`, value: v })) }) : null), [values, title]);
  return (
    <div>
      <h3>{title}</h3>
      <AnalysisStatus what={title} envelope={envelope} />
      {values && scene ? <Figure name={name} scene={scene} data={{ values }} describe={(k) => { const i = Number(k.slice(1)); return `σ${i} = ${values[i]?.toPrecision(4)} (${((values[i] / values[0]) * 100).toFixed(1)}% of σ0)`; }} /> : null}
    </div>
  );
}

export function Spectra({ name, head }: { name: string; head: HeadSpectra }) {
  return (
    <div className="figure-grid">
      <EigenFigure name={`${name}-ov-eigenvalues`} title="OV eigenvalues (W_E W_OV W_U)" envelope={head.ovEigen} />
      <EigenFigure name={`${name}-qk-eigenvalues`} title="QK eigenvalues (W_E W_QK W_Eᵀ)" envelope={head.qkEigen} />
      <SingularFigure name={`${name}-ov-singular-values`} title="Singular values of W_OV" envelope={head.ovSvd} />
      <SingularFigure name={`${name}-qk-singular-values`} title="Singular values of W_QK" envelope={head.qkSvd} />
    </div>
  );
}

export function CompositionPartners({ id, name, head }: { id: string; name: string; head: HeadComposition }) {
  const kinds = [["K", head.k], ["Q", head.q], ["V", head.v]] as const;
  return (
    <>
      <p className="hint">Each bar is a composition score divided by the random-pair baseline mean (ARENA): 1 is no more than two unrelated heads. See the <Link href={`/models/${id}/composition`}>composition page</Link> for every pair.</p>
      <div className="figure-grid">
        {kinds.map(([kind, envelope]) => {
          const rows = envelope.result ?? [];
          const scene = barScene({
            title: `${kind}-composition of ${head.name}, relative to random pairs`, width: 320, reference: { value: 1, label: "random" }, format: (v) => `${v.toFixed(2)}×`,
            items: rows.map((r) => ({ key: r.head, label: r.direction === "READS_FROM" ? `${r.head} → ${head.name}` : `${head.name} → ${r.head}`, value: r.relative })),
          });
          return (
            <div key={kind} data-testid={`composes-${kind}`}>
              <h3>{kind}-composition</h3>
              <AnalysisStatus what={`${kind}-composition`} envelope={envelope} />
              {envelope.result && rows.length === 0 ? <p className="subtle">No other head in an earlier or later layer.</p> : null}
              {rows.length > 0 ? <Figure name={`${name}-composes-${kind}`} scene={scene} data={rows}
                describe={(k) => { const r = rows.find((x) => x.head === k); return r ? `${kind}: ${r.direction === "READS_FROM" ? `${r.head} → ${head.name}` : `${head.name} → ${r.head}`} score ${r.score.toFixed(4)}, ${r.relative.toFixed(2)}× baseline, z = ${r.zScore.toFixed(1)}` : null; }} /> : null}
            </div>
          );
        })}
      </div>
    </>
  );
}

export function SkipTrigrams({ name, envelope }: { name: string; envelope: HeadComposition["skipTrigrams"] }) {
  const rows = envelope.result ?? [];
  return (
    <>
      <h2>Skip-trigrams</h2>
      <AnalysisStatus what="Skip-trigrams" envelope={envelope} />
      {rows.length > 0 ? (
        <TokenTable name={`${name}-skip-trigrams`} testId="skip-trigram-table" title={`Top ${rows.length} skip-trigrams “source … destination → output”`}
          columns={["source", "destination", "output", "score", "QK", "OV"]}
          rows={rows.map((t) => [{ token: t.source }, { token: t.destination }, { token: t.output }, { number: t.score }, { number: t.qk, digits: 2 }, { number: t.ov, digits: 2 }])} />
      ) : null}
      <SegmentGroupsTable name={name} groups={envelope.segmentGroups} />
    </>
  );
}
