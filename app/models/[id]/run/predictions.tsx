"use client";
// The prompt explorer's predictions: the top next tokens at the picked position (TL logits), and
// for a chosen one the path expansion of its logit (paper §"Path Expansion of Logits"): direct
// path, positional path, biases, each head and each virtual head, as a bar chart whose bars add up
// to the logit.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { RunPathExpansionQuery, RunPredictionsQuery } from "@/lib/client/gql/graphql";
import type { RunInput } from "@/lib/client/prompt-input";
import { queryKeys } from "@/lib/client/query-keys";
import { AnalysisStatus } from "../../../_components/analysis-status";
import { barScene } from "../../../_components/figures/bars";
import { Figure } from "../../../_components/figures/figure";
import { tokenLabel } from "../../../_components/figures/table-scene";
import { useWidth } from "../../../_components/figures/use-width";
import { ErrorMessage } from "../../../_components/states";
import { RUN_PATH_EXPANSION_QUERY, RUN_PREDICTIONS_QUERY } from "./run-queries";

const TOP = 10;
/** Bars drawn at most (the strongest terms by |contribution|; the JSON export has every term). */
const MAX_BARS = 24;

export interface PredictionsProps {
  id: string;
  name: string;
  input: RunInput;
  tokens: { id: number; text: string }[];
  position: number;
  onPosition: (p: number) => void;
}

export function Predictions({ id, name, input, tokens, position, onPosition }: PredictionsProps) {
  const [target, setTarget] = useState<number | null>(null);
  const [ref, width] = useWidth<HTMLDivElement>(560);
  const runKey = [...queryKeys.model(id), "run", input] as const;
  const predictions = useQuery({
    queryKey: [...runKey, "logits", position, TOP],
    queryFn: ({ signal }) => gql(RUN_PREDICTIONS_QUERY, { id, ...input, position, topK: TOP }, signal),
    staleTime: Infinity,
    refetchInterval: pollWhilePending((d: RunPredictionsQuery) => [d.run?.logits]),
  });
  const envelope = predictions.data?.run?.logits;
  const top = envelope?.result?.positions[0]?.predictions ?? [];
  const chosen = target ?? top[0]?.token.id ?? null;
  const expansion = useQuery({
    queryKey: [...runKey, "pathExpansion", position, chosen],
    queryFn: ({ signal }) => gql(RUN_PATH_EXPANSION_QUERY, { id, ...input, position, target: chosen! }, signal),
    enabled: chosen !== null,
    staleTime: Infinity,
    refetchInterval: pollWhilePending((d: RunPathExpansionQuery) => [d.run?.pathExpansion]),
  });
  const pe = expansion.data?.run?.pathExpansion;
  const terms = pe?.result?.terms;
  const scene = useMemo(() => {
    if (!terms || !pe?.result) return null;
    const strongest = [...terms].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, MAX_BARS);
    return barScene({ title: `Path expansion of the logit of ${tokenLabel(pe.result.target.text)} at position ${pe.result.position}`, width: Math.min(width, 640), palette: "puor", items: strongest.map((t) => ({ key: t.term, label: t.term, value: t.contribution })) });
  }, [terms, pe, width]);

  return (
    <section aria-labelledby="predictions-heading">
      <h2 id="predictions-heading">Predictions</h2>
      <div className="row">
        <label htmlFor="position">Position</label>
        <input id="position" type="number" min={0} max={tokens.length - 1} value={position} onChange={(e) => { setTarget(null); onPosition(Math.max(0, Math.min(tokens.length - 1, Number(e.target.value) || 0))); }} style={{ width: "6rem" }} />
        <span className="mono">after {tokenLabel(tokens[position]?.text ?? "")}</span>
      </div>
      {predictions.isError ? <ErrorMessage error={predictions.error} /> : null}
      <AnalysisStatus what="Predictions" envelope={envelope} />
      <div className="figure-grid" ref={ref}>
        {top.length > 0 ? (
          <div className="table-wrap">
            <table data-testid="predictions" className="mono" style={{ fontSize: "0.82rem" }}>
              <caption className="subtle" style={{ textAlign: "left" }}>Top {top.length} next tokens at position {position}; choose one to expand its logit.</caption>
              <thead><tr><th scope="col">token</th><th scope="col">logit</th><th scope="col" /></tr></thead>
              <tbody>
                {top.map((p) => (
                  <tr key={p.token.id} aria-selected={p.token.id === chosen}>
                    <td title={`id ${p.token.id}`}>{tokenLabel(p.token.text)}</td>
                    <td style={{ textAlign: "right" }}>{p.logit.toFixed(3)}</td>
                    <td><button type="button" className={p.token.id === chosen ? undefined : "secondary"} style={{ padding: "0.05rem 0.5rem" }} onClick={() => setTarget(p.token.id)}>expand</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div data-testid="path-expansion">
          {expansion.isError ? <ErrorMessage error={expansion.error} /> : null}
          <AnalysisStatus what="Path expansion" envelope={pe} />
          {scene && pe?.result ? (
            <>
              <p className="hint">Logit {pe.result.logit.toFixed(3)} of {tokenLabel(pe.result.target.text)} = the sum of {pe.result.terms.length} terms{pe.result.terms.length > MAX_BARS ? ` (the ${MAX_BARS} largest drawn)` : ""}.</p>
              <Figure name={`${name}-path-expansion-${position}-${pe.result.target.id}`} scene={scene} data={pe.result} testId="path-expansion-figure"
                describe={(k) => { const t = pe.result!.terms.find((x) => x.term === k); return t ? `${t.term} (${t.kind}${t.heads.length ? `: ${t.heads.join(" → ")}` : ""}) contributes ${t.contribution.toFixed(4)}` : null; }} />
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
