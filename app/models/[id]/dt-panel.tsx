"use client";
// The overview's section for a model with MLP blocks (issue 10): a banner saying plainly what
// `attentionOnly: false` means, and for a decision transformer the attention-only share of a probe
// trajectory (banner figure + one bar per state token) and its typed skip-trigrams as a table.
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { pollWhilePending } from "@/lib/client/analysis";
import { gql } from "@/lib/client/graphql";
import type { DecisionTransformerShareQuery, TypedSkipTrigramsQuery } from "@/lib/client/gql/graphql";
import { AnalysisStatus } from "../../_components/analysis-status";
import { barScene } from "../../_components/figures/bars";
import { Figure } from "../../_components/figures/figure";
import { TokenTable } from "../../_components/figures/token-table";
import { ErrorMessage } from "../../_components/states";
import { dtKeys, DT_SHARE_QUERY, TYPED_TRIGRAMS_QUERY } from "./dt-queries";

/** What the overview knows of a DT from its stored config (lib/engine/transformer/stored-config.ts). */
export interface DTSummary {
  token_order: string[];
  n_state_features: number;
  n_actions: number;
  action_labels: string[];
  max_timestep: number;
  rtg: { min: number; max: number };
  grid?: { width: number; height: number; channels: string[] } | null;
}

export function dtSummaryOf(json: unknown): DTSummary | null {
  const dt = (json as { decision_transformer?: DTSummary } | null)?.decision_transformer;
  return dt && typeof dt === "object" && Array.isArray(dt.action_labels) ? dt : null;
}

/** Steps in the probe trajectory: 3, or fewer when the context holds fewer. */
const PROBE_STEPS = 3;
const TRIGRAMS = 20;

/**
 * The probe: up to PROBE_STEPS steps from timestep 0, RTG at its maximum ("RTG high"), every state
 * feature 0 and action 0 — a fixed input, so the share is comparable across versions.
 */
export function probeTrajectory(dt: DTSummary, n_ctx: number) {
  const perStep = dt.token_order.indexOf("state") + 1;
  const T = Math.max(1, Math.min(PROBE_STEPS, Math.floor((n_ctx - perStep) / 3) + 1, dt.max_timestep + 1));
  return {
    timesteps: Array.from({ length: T }, (_, t) => t),
    rtg: Array.from({ length: T }, () => dt.rtg.max),
    states: Array.from({ length: T }, () => Array.from({ length: dt.n_state_features }, () => 0)),
    actions: Array.from({ length: T - 1 }, () => 0),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function MlpBanner() {
  return (
    <p className="alert alert-warn" role="note" data-testid="attention-only-banner">
      <strong>attentionOnly: false.</strong> This model has MLP blocks. The paper&apos;s analyses on this page (QK and OV circuits,
      composition, skip-trigrams, head scores) describe its attention heads only; whatever the MLPs compute between the heads is not in
      them, so they explain part of what the model does, not all of it. The attention-only share below says how large that part is.
    </p>
  );
}

export function AttentionSharePanel({ id, name, dt, nCtx }: { id: string; name: string; dt: DTSummary; nCtx: number }) {
  const trajectory = useMemo(() => probeTrajectory(dt, nCtx), [dt, nCtx]);
  const query = useQuery({
    queryKey: dtKeys.share(id, trajectory),
    queryFn: ({ signal }) => gql(DT_SHARE_QUERY, { id, trajectory }, signal),
    refetchInterval: pollWhilePending((d: DecisionTransformerShareQuery) => [d.run?.attentionShare]),
  });
  const envelope = query.data?.run?.attentionShare;
  const share = envelope?.result;
  const scene = useMemo(
    () => (share ? barScene({
      title: "Attention-only share per state token", width: 420, bar: 14, format: pct, reference: { value: 1, label: "100%" },
      items: share.positions.map((p) => ({ key: p.label, label: `${p.label} → ${p.targetLabel}`, value: p.share })),
    }) : null),
    [share],
  );
  return (
    <section aria-labelledby="share-heading">
      <h3 id="share-heading">Attention-only share</h3>
      <p className="hint">
        Each state token&apos;s top action logit split by direct logit attribution (ln_final&apos;s scale frozen) into the direct path,
        each head and each MLP; the share is Σ|direct + heads| / Σ|all terms|. Probe trajectory: {trajectory.timesteps.length} steps,
        RTG {dt.rtg.max} (high), every state feature 0.
      </p>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      <AnalysisStatus what="Attention-only share" envelope={envelope} />
      {share ? (
        <>
          <p className="alert alert-ok" data-testid="attention-share-banner">
            The direct path and the attention heads carry <strong>{pct(share.mean)}</strong> of the action logits&apos; attribution on
            average; the MLPs carry {pct(1 - share.mean)}.
          </p>
          {scene ? <Figure name={`${name}-attention-share`} scene={scene} data={share} testId="attention-share-figure" /> : null}
        </>
      ) : null}
    </section>
  );
}

export function TypedTrigramPanel({ id, name }: { id: string; name: string }) {
  const query = useQuery({
    queryKey: dtKeys.typedTrigrams(id, TRIGRAMS),
    queryFn: ({ signal }) => gql(TYPED_TRIGRAMS_QUERY, { id, topK: TRIGRAMS }, signal),
    refetchInterval: pollWhilePending((d: TypedSkipTrigramsQuery) => [d.model?.typedSkipTrigrams]),
  });
  const envelope = query.data?.model?.typedSkipTrigrams;
  const groups = envelope?.result ?? [];
  return (
    <section aria-labelledby="typed-trigram-heading" className="figure-grid-wide">
      <h3 id="typed-trigram-heading">Typed skip-trigrams</h3>
      <p className="hint">
        “[an earlier RTG, state feature, action, timestep or position] … [the current state] → action”, grouped by source type and action.
        A source marked “routing” writes mostly outside what the action head reads: its effect reaches the actions through the MLPs, not directly.
      </p>
      {query.isError ? <ErrorMessage error={query.error} /> : null}
      <AnalysisStatus what="Typed skip-trigrams" envelope={envelope} />
      {groups.length > 0 ? (
        <TokenTable
          name={`${name}-typed-skip-trigrams`} title={`Top ${TRIGRAMS} typed skip-trigrams of ${name}`} testId="typed-trigram-table"
          columns={["group", "head", "source", "destination state", "action", "score", "routing"]}
          rows={groups.flatMap((g) => g.trigrams.map((t) => [
            { text: `${g.sourceType} → state → ${g.action}` }, { text: t.head }, { text: `${t.source.type}: ${t.source.label}` },
            { text: t.destination.label }, { text: t.action }, { number: t.score }, { text: t.routing ? "routing, not direct" : "direct" },
          ]))}
        />
      ) : null}
    </section>
  );
}
