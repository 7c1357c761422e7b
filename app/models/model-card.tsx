// One model in the library: name, owner (team and uploader), and its shape at a glance.
import Link from "next/link";
import type { ModelCardFields } from "@/lib/client/operations";

export function ModelCard({ model }: { model: ModelCardFields }) {
  const c = model.config;
  const uploaded = new Date(model.createdAt).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  return (
    <Link href={`/models/${model.id}`} className="card" data-testid="model-card">
      <div className="row" style={{ justifyContent: "space-between", flexWrap: "nowrap", alignItems: "flex-start" }}>
        <div className="card-title">{model.name}</div>
        <span className="badge" style={{ flex: "none", marginTop: "0.2rem" }}>{model.visibility.toLowerCase()}</span>
      </div>
      <div className="card-meta">
        {model.team?.name ?? "A private team"}
        {model.createdBy ? ` · uploaded by ${model.createdBy.name}` : ""} · {uploaded}
      </div>
      <div className="chips">
        <span className="chip">{c.nLayers} layer{c.nLayers === 1 ? "" : "s"}</span>
        {c.nLayers > 0 && <span className="chip">{c.nHeads} head{c.nHeads === 1 ? "" : "s"} per layer</span>}
        <span className="chip">d_model {c.dModel}</span>
        {c.nLayers > 0 && <span className="chip">d_head {c.dHead}</span>}
        <span className="chip">d_vocab {c.dVocab}</span>
        <span className="chip">n_ctx {c.nCtx}</span>
        {c.positionalEmbeddingType !== "standard" && <span className="chip">{c.positionalEmbeddingType}</span>}
      </div>
    </Link>
  );
}
