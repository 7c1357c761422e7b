"use client";
// The overview's circuit tables for shallow models: a 0-layer model's bigram table (the direct path
// W_E W_U, paper §"Zero-layer transformers") and a 1-layer model's skip-trigrams per head (paper
// §"One-layer attention-only transformers"), each from its GraphQL analysis field.
import { useQueries, useQuery } from "@tanstack/react-query";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { HeadSkipTrigramsQuery, ModelDirectPathQuery } from "@/lib/client/gql/graphql";
import { AnalysisStatus } from "../../_components/analysis-status";
import { TokenTable } from "../../_components/figures/token-table";
import { ErrorMessage } from "../../_components/states";
import { circuitKeys, DIRECT_PATH_QUERY, SKIP_TRIGRAMS_QUERY } from "./circuit-queries";
import { SegmentGroupsTable } from "./segment-groups";

const BIGRAMS = 20;
const TRIGRAMS = 15;

export function BigramPanel({ id, name }: { id: string; name: string }) {
  const query = useQuery({
    queryKey: circuitKeys.directPath(id, BIGRAMS),
    queryFn: ({ signal }) => gql(DIRECT_PATH_QUERY, { id, topK: BIGRAMS }, signal),
    refetchInterval: pollWhilePending((d: ModelDirectPathQuery) => [d.model?.directPath]),
  });
  const envelope = query.data?.model?.directPath;
  const top = envelope?.result?.top ?? [];
  return (
    <section aria-labelledby="bigram-heading">
      <h3 id="bigram-heading">Bigram table</h3>
      <p className="hint">With no attention layer the model is its direct path W_E W_U: the logit of each next token given the current one. The strongest bigrams over the whole vocabulary:</p>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      <AnalysisStatus what="Direct path" envelope={envelope} />
      {top.length > 0 ? (
        <TokenTable
          name={`${name}-bigrams`} title={`Top ${top.length} bigrams of ${name} (W_E W_U)`} testId="bigram-table"
          columns={["current token", "next token", "logit"]}
          rows={top.map((e) => [e.rowToken ? { token: e.rowToken } : { text: String(e.row) }, e.colToken ? { token: e.colToken } : { text: String(e.col) }, { number: e.value }])}
        />
      ) : null}
    </section>
  );
}

export function SkipTrigramPanel({ id, name, nHeads }: { id: string; name: string; nHeads: number }) {
  const heads = Array.from({ length: nHeads }, (_, h) => `0.${h}`);
  const queries = useQueries({
    queries: heads.map((head) => ({
      queryKey: circuitKeys.skipTrigrams(id, head, TRIGRAMS),
      queryFn: ({ signal }: { signal: AbortSignal }) => gql(SKIP_TRIGRAMS_QUERY, { id, head, topK: TRIGRAMS }, signal),
      refetchInterval: pollWhilePending((d: HeadSkipTrigramsQuery) => [d.model?.head.skipTrigrams]),
    })),
  });
  return (
    <section aria-labelledby="trigram-heading">
      <h3 id="trigram-heading">Skip-trigrams</h3>
      <p className="hint">A 1-layer model reads as skip-trigrams “source … destination → output”: the QK circuit makes the destination attend to the source, the OV circuit makes the source raise the output.</p>
      <div className="figure-grid">
        {queries.map((q, i) => {
          const envelope = q.data?.model?.head.skipTrigrams;
          const rows = envelope?.result ?? [];
          return (
            <div key={heads[i]}>
              {q.isError ? <ErrorMessage error={q.error} /> : null}
              <AnalysisStatus what={`Skip-trigrams of ${heads[i]}`} envelope={envelope} />
              {rows.length > 0 ? (
                <TokenTable
                  name={`${name}-skip-trigrams-${heads[i]}`} title={`Head ${heads[i]}: top ${rows.length} skip-trigrams`} testId="skip-trigram-table"
                  columns={["source", "destination", "output", "score"]}
                  rows={rows.map((t) => [{ token: t.source }, { token: t.destination }, { token: t.output }, { number: t.score }])}
                />
              ) : null}
              <SegmentGroupsTable name={`${name}-${heads[i]}`} groups={envelope?.segmentGroups} />
            </div>
          );
        })}
      </div>
    </section>
  );
}
