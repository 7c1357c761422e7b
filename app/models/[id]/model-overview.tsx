"use client";
// The overview of one model: its config as a table and its heads as a layer × head grid named "L.H",
// coloured by a chosen score and labelled by the head report (heads-panel.tsx); a 0-layer model
// shows its bigram table, a 1-layer model its skip-trigrams (circuit-tables.tsx).
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { MODEL_DETAIL_QUERY } from "@/lib/client/operations";
import { queryKeys } from "@/lib/client/query-keys";
import { formatBytes } from "../../_components/format-bytes";
import { EmptyState, ErrorMessage, Loading } from "../../_components/states";
import { HeadLineagePanel } from "./head-lineage";
import { BigramPanel, SkipTrigramPanel } from "./circuit-tables";
import { StateHeatmapPanel } from "./dt-heatmaps";
import { AttentionSharePanel, dtSummaryOf, MlpBanner, TypedTrigramPanel } from "./dt-panel";
import { FindingsPanel } from "./findings-panel";
import { HeadsPanel } from "./heads-panel";
import { ModelNav } from "./model-nav";

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function ModelOverview({ id }: { id: string }) {
  const query = useQuery({
    queryKey: queryKeys.model(id),
    queryFn: ({ signal }) => gql(MODEL_DETAIL_QUERY, { id }, signal),
  });

  if (query.isPending) return <div className="page"><Loading what="the model" /></div>;
  if (query.isError) return <div className="page"><ErrorMessage error={query.error} /></div>;
  const model = query.data.model;
  if (!model) {
    return (
      <div className="page">
        <EmptyState title="Model not found">
          <p>It does not exist, or it belongs to a team you are not in. <Link href="/models">Back to the library</Link></p>
        </EmptyState>
      </div>
    );
  }

  const json = model.config.json;
  const configEntries = (json !== null && typeof json === "object" ? Object.entries(json) : []).sort(([a], [b]) => a.localeCompare(b));
  const latest = model.versions[0];
  const dt = dtSummaryOf(json);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <ModelNav id={model.id} name={model.name} current="overview" />
          <p className="subtle" style={{ margin: 0 }}>{model.team ? `Team ${model.team.name}` : "A private team"}</p>
          <h1>{model.name}</h1>
          <p className="subtle">
            {model.createdBy ? `Uploaded by ${model.createdBy.name}` : "Uploaded"} on {new Date(model.createdAt).toLocaleString()}
            {latest ? ` · version ${latest.number}, ${formatBytes(latest.byteLength)}` : ""} · <span className="badge">{model.visibility.toLowerCase()}</span>
          </p>
        </div>
      </div>

      {model.attentionOnly ? null : <MlpBanner />}
      {dt ? (
        <section aria-labelledby="dt-heading">
          <h2 id="dt-heading">Decision transformer</h2>
          <p className="subtle">
            Tokens {dt.token_order.join(", ")} per timestep; {dt.n_state_features} state features, actions {dt.action_labels.join(", ")},
            RTG in [{dt.rtg.min}, {dt.rtg.max}], timesteps up to {dt.max_timestep}.
          </p>
          <div className="figure-grid">
            <AttentionSharePanel id={model.id} name={model.name} dt={dt} nCtx={model.config.nCtx} />
            <TypedTrigramPanel id={model.id} name={model.name} />
          </div>
          {dt.grid ? <StateHeatmapPanel id={model.id} name={model.name} dt={{ ...dt, grid: dt.grid }} /> : null}
        </section>
      ) : null}

      <div className="overview">
        <section aria-labelledby="config-heading">
          <h2 id="config-heading" style={{ marginTop: 0 }}>Config</h2>
          <div className="table-wrap">
            <table className="config-table">
              <tbody>
                {configEntries.map(([key, value]) => (
                  <tr key={key}>
                    <td>{key}</td>
                    <td>{formatValue(value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint mono" title="sha256 of the uploaded file">sha256 {model.contentHash.slice(0, 16)}…</p>
        </section>

        <section aria-labelledby="heads-heading">
          <h2 id="heads-heading" style={{ marginTop: 0 }}>
            Heads{" "}
            <span className="subtle">
              ({model.config.nLayers} layer{model.config.nLayers === 1 ? "" : "s"}
              {model.config.nLayers > 0 ? ` × ${model.config.nHeads} head${model.config.nHeads === 1 ? "" : "s"}` : ""})
            </span>
          </h2>
          <HeadsPanel id={model.id} name={model.name} nLayers={model.config.nLayers} nHeads={model.config.nHeads} />
          {model.config.nLayers === 0 && !dt ? <BigramPanel id={model.id} name={model.name} /> : null}
          {model.config.nLayers === 1 && !dt ? <SkipTrigramPanel id={model.id} name={model.name} nHeads={model.config.nHeads} /> : null}
          {model.versions.length >= 2 && model.config.nLayers > 0 ? (
            <>
              <h3>Head lineage</h3>
              <HeadLineagePanel id={model.id} />
            </>
          ) : null}

          <h2>Findings</h2>
          <FindingsPanel modelId={model.id} />

          <h2>Tokenizer</h2>
          {model.tokenizer ? (
            <>
              <p className="subtle">
                {model.tokenizer.kind === "hf" ? "Hugging Face tokenizer.json" : "Vocabulary list"}, {model.tokenizer.vocabSize} tokens. First tokens:
              </p>
              <div className="chips">
                {model.tokenizer.sample.map((t) => (
                  <span key={t.id} className="chip" title={`id ${t.id}`}>
                    {t.id}: {JSON.stringify(t.text)}
                  </span>
                ))}
              </div>
            </>
          ) : (
            <p className="subtle">No tokenizer was uploaded: tokens show as ids.</p>
          )}
        </section>
      </div>
    </div>
  );
}
