// A claim as the form edits it, and the spec it sends to addClaim: the validated structure of
// graphql/modules/claims (lib/collab/claims.ts claimSpecSchema), never code. Rule: this only shapes
// the fields; the server validates the spec and answers which field is at fault.
import { COMPOSITION_METRICS, HEAD_METRICS, type CompositionMetric, type HeadMetric } from "@/lib/collab/claims";

export type ClaimMetric = HeadMetric | CompositionMetric;
export const CLAIM_METRICS: readonly ClaimMetric[] = [...HEAD_METRICS, ...(Object.keys(COMPOSITION_METRICS) as CompositionMetric[])];

export interface ClaimDraft {
  metric: ClaimMetric;
  /** The head a head metric is about, and the head a composition goes into ("L.H"). */
  head: string;
  /** A composition's earlier head ("L.H"). */
  from: string;
  comparator: ">=" | "<=";
  /** "value": a number; "baselineStds": baselineMean + k·baselineStd (composition only). */
  thresholdKind: "value" | "baselineStds";
  threshold: string;
  /** The probe's repeat length (head metrics; "" for the default). */
  repeatLength: string;
}

export function isCompositionMetric(metric: ClaimMetric): metric is CompositionMetric {
  return metric in COMPOSITION_METRICS;
}

/** A fresh draft about `head`: the example "kComposition(earlier → head) ≥ baselineMean + 3·baselineStd" when the head has an earlier layer, else ovCopying ≥ 0.8. */
export function newClaimDraft(head: string): ClaimDraft {
  const layer = Number(head.split(".")[0]);
  return layer > 0
    ? { metric: "kComposition", head, from: `${layer - 1}.0`, comparator: ">=", thresholdKind: "baselineStds", threshold: "3", repeatLength: "" }
    : { metric: "ovCopying", head, from: "", comparator: ">=", thresholdKind: "value", threshold: "0.8", repeatLength: "" };
}

/** The spec addClaim takes for a draft. */
export function claimSpecOf(d: ClaimDraft): Record<string, unknown> {
  const n = Number(d.threshold);
  if (isCompositionMetric(d.metric)) {
    return { metric: d.metric, from: d.from.trim(), to: d.head.trim(), comparator: d.comparator, threshold: d.thresholdKind === "baselineStds" ? { baselineStds: n } : { value: n } };
  }
  return { metric: d.metric, head: d.head.trim(), comparator: d.comparator, threshold: { value: n }, ...(d.repeatLength.trim() ? { repeatLength: Number(d.repeatLength) } : {}) };
}
