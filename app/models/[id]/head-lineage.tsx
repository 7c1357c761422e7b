"use client";
// The overview's Head lineage table (graphql Model.headLineage), shown for models with at least two
// versions (training checkpoints): one row per head of the latest version, one column per version,
// each cell the head it matched there, shaded by similarity from the random baseline (white) to 1
// (accent). A head is "born" where its row turns from pale to dark. Loads on its own, so a slow or
// refused lineage never hides the rest of the overview.
import { useQuery } from "@tanstack/react-query";
import { formatScore, scaleColour, scalePosition } from "@/lib/analysis/display";
import { gql } from "@/lib/client/graphql";
import { ErrorMessage } from "../../_components/states";
import { HEAD_LINEAGE_QUERY, headLineageKey } from "./head-lineage-query";
import styles from "./heads.module.css";

export function HeadLineagePanel({ id }: { id: string }) {
  const query = useQuery({
    queryKey: headLineageKey(id),
    queryFn: ({ signal }) => gql(HEAD_LINEAGE_QUERY, { id }, signal),
    // Fixed for a set of versions and an engine: no refetch on focus.
    staleTime: Infinity,
  });
  const lineage = query.data?.model?.headLineage ?? null;
  const baseline = lineage?.baseline ?? 0;

  return (
    <div data-testid="head-lineage" aria-live="polite">
      {query.isPending ? <p className="hint">Matching heads across versions…</p> : null}
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      {lineage?.status === "TOO_LARGE" ? <p className="alert" role="status">{lineage.message}</p> : null}
      {lineage?.status === "READY" ? (
        <>
          <p className="hint">
            Each head of version {lineage.versions[lineage.versions.length - 1]} and the head it matched at every version
            (subspace overlap of W_Q, W_K, W_V, W_O; unrelated heads score ≈ {formatScore(baseline)}){lineage.cached ? " (cached)" : ""}.
          </p>
          <div className="table-wrap">
            <table className={styles.lineage}>
              <thead>
                <tr>
                  <th scope="col">Head</th>
                  {lineage.versions.map((v) => <th key={v} scope="col">v{v}</th>)}
                </tr>
              </thead>
              <tbody>
                {lineage.heads.map((h) => (
                  <tr key={h.name}>
                    <th scope="row">{h.name}</th>
                    {h.trace.map((s) => {
                      const t = scalePosition(s.similarity - baseline, 1 - baseline);
                      return (
                        <td key={s.version} title={`version ${s.version}: head ${s.head}, similarity ${formatScore(s.similarity)}`}
                          style={{ background: scaleColour(t), color: t > 0.55 ? "#fff" : undefined }}>
                          {s.head}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
