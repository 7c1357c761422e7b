// The head search's result table: each head links to its head page, with the model and version it
// came from, the engine's labels, the consensus, the matched numbers and an annotation snippet
// (plain text, never HTML).
import Link from "next/link";
import type { SearchHeadsQuery } from "@/lib/client/gql/graphql";
import { scoreDefinition, type ScoreKey } from "@/lib/analysis/score-definitions";
import { EmptyState } from "../_components/states";
import styles from "./search.module.css";

type Hit = SearchHeadsQuery["searchHeads"]["edges"][number]["node"];

const fmt = (v: number | null | undefined, digits = 3) => (v == null ? "–" : v.toFixed(digits));

export function SearchResults({ hits, notAnalysed, scoreName }: { hits: Hit[]; notAnalysed: { id: string; name: string }[]; scoreName: string | null }) {
  const scoreTitle = scoreName ? scoreDefinition(scoreName as ScoreKey).name : null;
  return (
    <>
      {hits.length === 0 ? (
        <EmptyState title="No heads match">
          <p>Try fewer conditions{notAnalysed.length ? ", or analyse the models listed below" : ""}.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table aria-label="Heads found">
            <thead>
              <tr>
                <th>Head</th>
                <th>Model</th>
                <th>Version</th>
                <th>Engine labels</th>
                <th>Consensus</th>
                {scoreTitle && <th>{scoreTitle}</th>}
                <th>Partner K-comp.</th>
                <th>Claims</th>
                <th>Annotation</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((h) => (
                <tr key={`${h.model.id}/${h.head}`}>
                  <td><Link href={`/models/${h.model.id}/heads/${h.head}`} className="mono">{h.head}</Link></td>
                  <td><Link href={`/models/${h.model.id}`}>{h.model.name}</Link></td>
                  <td>{h.modelVersion ?? "–"}</td>
                  <td>{h.analysed ? (h.engineLabels.join(", ") || "–") : <span className="subtle">not analysed yet</span>}</td>
                  <td>{h.consensusLabel ? `${h.consensusLabel} (${h.consensusCount})` : "–"}</td>
                  {scoreTitle && <td className="mono">{fmt(h.scores[0]?.value)}</td>}
                  <td className="mono">
                    {h.partnerKComposition ? `${h.partnerKComposition.partner}: ${fmt(h.partnerKComposition.value)} (${fmt(h.partnerKComposition.sigma, 1)}σ)` : "–"}
                  </td>
                  <td>{h.passingClaims + h.failingClaims ? `${h.passingClaims} pass · ${h.failingClaims} fail` : "–"}</td>
                  <td className={styles.snippet}>{h.annotationSnippet ?? (h.annotationCount ? `${h.annotationCount} annotation${h.annotationCount > 1 ? "s" : ""}` : "–")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {notAnalysed.length > 0 && (
        <p className={`subtle ${styles.notAnalysed}`} aria-label="Models not analysed yet">
          Not analysed yet (their heads match only through annotations and claims; open one to analyse it):{" "}
          {notAnalysed.map((m, i) => (
            <span key={m.id}>{i > 0 && ", "}<Link href={`/models/${m.id}`}>{m.name}</Link></span>
          ))}
        </p>
      )}
    </>
  );
}
