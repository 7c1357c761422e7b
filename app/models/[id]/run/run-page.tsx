"use client";
// The prompt explorer: type a prompt or paste token ids (a decision transformer gets the trajectory
// view instead, ./trajectory-view.tsx); the tokens as text; every head's attention
// in the attention viewer (sparse top-k rows per layer, drawn on canvas); the top predictions at a
// picked position and the path expansion of a chosen logit (predictions.tsx).
import { useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { RunPatternsQuery } from "@/lib/client/gql/graphql";
import { parseTokenIds, runInputFromParams, runInputSearch, type RunInput } from "@/lib/client/prompt-input";
import { trajectoryFromParams } from "@/lib/client/trajectory-input";
import { queryKeys } from "@/lib/client/query-keys";
import { decodeFloat32, decodeInt32 } from "@/lib/client/tensors";
import { AnalysisStatus } from "../../../_components/analysis-status";
import { splitHeads, type SparsePattern } from "../../../_components/figures/attention";
import { AttentionViewer } from "../../../_components/figures/attention-viewer";
import { ErrorMessage, Loading } from "../../../_components/states";
import { ModelNav } from "../model-nav";
import { dtSummaryOf } from "../dt-panel";
import { Predictions } from "./predictions";
import { TrajectoryView } from "./trajectory-view";
import { RUN_MODEL_QUERY, RUN_PATTERNS_QUERY, RUN_TOKENS_QUERY } from "./run-queries";

/** Keys kept per query row: every key for short runs (exact), the top 16 beyond 64 tokens. */
export function keysPerRow(n: number): number {
  return n <= 64 ? Math.max(1, n) : 16;
}

function RunForm({ initial, onRun }: { initial: RunInput | null; onRun: (input: RunInput) => void }) {
  const [mode, setMode] = useState<"prompt" | "tokens">(initial?.tokens ? "tokens" : "prompt");
  const [text, setText] = useState(initial?.tokens ? initial.tokens.join(", ") : (initial?.prompt ?? ""));
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="panel" onSubmit={(e) => {
      e.preventDefault();
      if (mode === "prompt") {
        if (!text) return setError("Type a prompt.");
        return onRun({ prompt: text });
      }
      const parsed = parseTokenIds(text);
      if (!parsed.ok) return setError(parsed.message);
      onRun({ tokens: parsed.tokens });
    }}>
      <div className="row" role="radiogroup" aria-label="Input">
        <label><input type="radio" checked={mode === "prompt"} onChange={() => setMode("prompt")} /> prompt text</label>
        <label><input type="radio" checked={mode === "tokens"} onChange={() => setMode("tokens")} /> token ids</label>
      </div>
      <label htmlFor="run-input" className="hint">{mode === "prompt" ? "Text, tokenized by the model's tokenizer" : "Token ids separated by commas or spaces"}</label>
      <textarea id="run-input" value={text} onChange={(e) => { setText(e.target.value); setError(null); }} rows={3} style={{ width: "100%", fontFamily: "var(--mono)" }} aria-label={mode === "prompt" ? "Prompt" : "Token ids"} />
      {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
      <button type="submit">Run</button>
    </form>
  );
}

export function RunPage({ id }: { id: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const input = useMemo(() => runInputFromParams(new URLSearchParams(params.toString())), [params]);
  const [picked, setPicked] = useState<number | null>(null);
  const model = useQuery({ queryKey: [...queryKeys.model(id), "run-model"], queryFn: ({ signal }) => gql(RUN_MODEL_QUERY, { id }, signal), staleTime: Infinity });
  const runKey = [...queryKeys.model(id), "run", input] as const;
  const tokensQuery = useQuery({
    queryKey: [...runKey, "tokens"],
    queryFn: ({ signal }) => gql(RUN_TOKENS_QUERY, { id, ...input }, signal),
    enabled: input !== null && !dtSummaryOf(model.data?.model?.config.json ?? null),
    staleTime: Infinity,
  });
  const run = tokensQuery.data?.run;
  const n = run?.tokens.length ?? 0;
  const nLayers = model.data?.model?.config.nLayers ?? 0;
  const k = keysPerRow(n);
  const patterns = useQueries({
    queries: Array.from({ length: run ? nLayers : 0 }, (_, layer) => ({
      queryKey: [...runKey, "patterns", layer, k],
      queryFn: ({ signal }: { signal: AbortSignal }) => gql(RUN_PATTERNS_QUERY, { id, ...input, layer, topK: k }, signal),
      staleTime: Infinity,
      refetchInterval: pollWhilePending((d: RunPatternsQuery) => [d.run?.patterns]),
    })),
  });
  // The decoded arrays change only when a layer's answer does.
  const stamp = patterns.map((p) => p.dataUpdatedAt).join(",");
  const layers = useMemo<SparsePattern[][] | null>(() => {
    if (patterns.length === 0 || patterns.some((p) => !p.data?.run?.patterns.result?.topK)) return null;
    return patterns.map((p) => {
      const t = p.data!.run!.patterns.result!.topK!;
      return splitHeads(t.values.shape, decodeFloat32(t.values), decodeInt32(t.indices));
    });
  }, [stamp]);

  const m = model.data?.model;
  const dt = dtSummaryOf(m?.config.json ?? null);
  const position = picked !== null && picked < n ? picked : n - 1;
  return (
    <div className="page" data-testid="run-page">
      {m ? <ModelNav id={id} name={m.name} current="run" /> : null}
      <h1>Prompt explorer</h1>
      {model.isError ? <ErrorMessage error={model.error} /> : null}
      {m ? <p className="subtle">{m.name}: {m.config.nLayers} layer{m.config.nLayers === 1 ? "" : "s"} × {m.config.nHeads} heads, up to {m.config.nCtx} tokens, {dt ? "a decision transformer (runs a trajectory)" : m.tokenizer ? `${m.tokenizer.kind} tokenizer` : "no tokenizer (paste ids)"}.</p> : null}
      {model.data && !m ? <p>Model not found. <Link href="/models">Back to the library</Link></p> : null}
      {m && dt ? <TrajectoryView id={id} name={m.name} dt={dt} nCtx={m.config.nCtx} nLayers={m.config.nLayers} given={trajectoryFromParams(new URLSearchParams(params.toString()))} /> : null}
      {m && !dt ? <RunForm key={params.toString()} initial={input} onRun={(i) => { setPicked(null); router.push(`${pathname}${runInputSearch(i)}`); }} /> : null}
      {tokensQuery.isError ? <ErrorMessage error={tokensQuery.error} /> : null}
      {input && tokensQuery.isPending ? <Loading what="the run" /> : null}
      {run && m ? (
        <>
          <h2>Attention <span className="subtle">({n} tokens, top {k} keys per row{k >= n ? ", exact" : ""})</span></h2>
          {m.config.nLayers === 0 ? <p className="subtle">A 0-layer model has no attention: its predictions are the direct path.</p> : null}
          {patterns.map((p, layer) => (
            <div key={layer}>
              {p.isError ? <ErrorMessage error={p.error} /> : null}
              <AnalysisStatus what={`Layer ${layer} patterns`} envelope={p.data?.run?.patterns} />
            </div>
          ))}
          {layers ? <AttentionViewer name={`${m.name}-run`} tokens={run.tokens} layers={layers} picked={position} onPick={setPicked} /> : nLayers > 0 ? <Loading what="the attention patterns" /> : null}
          <Predictions id={id} name={m.name} input={input!} tokens={run.tokens} position={position} onPosition={setPicked} />
        </>
      ) : null}
    </div>
  );
}
