// Executable claims: a small validated structure (never code) stating that one of the engine's
// scores of a head, or of a pair of heads, compares to a threshold — e.g.
//   { metric: "kComposition", from: "0.7", to: "1.4", comparator: ">=", threshold: { baselineStds: 3 } }
//   { metric: "ovCopying", head: "1.4", comparator: ">=", threshold: { value: 0.8 } }
//   { metric: "inductionStripe", head: "1.4", repeatLength: 25, comparator: ">=", threshold: { value: 0.5 } }
// Rule: a claim is evaluated only against the engine's head report (lib/engine/circuits/report.ts,
// computed through lib/analysis), reading the number the report holds — the TL composition score
// `composition.K[l₁][h₁][l₂][h₂]`, `heads[i].ovCopying`, `heads[i].inductionStripe` at the claim's
// repeat length, the random-pair `compositionBaseline` — never re-deriving a score here.
import { z } from "zod";
import type { HeadReportJson } from "@/lib/engine/circuits/report";

/** Per-head scores of the head report a claim may name (HeadScores fields). */
export const HEAD_METRICS = [
  "previousToken",
  "duplicateToken",
  "induction",
  "inductionStripe",
  "ovCopying",
  "qkTokenPositivity",
  "qkPositionalPositivity",
  "variedPeriodInduction",
  "positionalInvariance",
] as const;
export type HeadMetric = (typeof HEAD_METRICS)[number];

/** Composition metrics: the TL composition score from an earlier head into a later head's Q, K or V. */
export const COMPOSITION_METRICS = { qComposition: "Q", kComposition: "K", vComposition: "V" } as const;
export type CompositionMetric = keyof typeof COMPOSITION_METRICS;

/** Largest repeat length a claim may ask its probe for (the head-report kind's own bound). */
export const MAX_CLAIM_REPEAT_LENGTH = 1024;
/** Largest |multiple| of the baseline's standard deviation a threshold may name. */
export const MAX_BASELINE_STDS = 100;
/** Most claims on one annotation. */
export const MAX_CLAIMS_PER_ANNOTATION = 10;

const headName = z.string().trim().regex(/^\d{1,4}\.\d{1,4}$/, 'A head is named "L.H", e.g. "1.4".');
const comparator = z.enum([">=", "<="]);
const valueThreshold = z.object({ value: z.number().finite().min(-1e6).max(1e6) }).strict();
const baselineThreshold = z
  .object({ baselineStds: z.number().finite().min(-MAX_BASELINE_STDS).max(MAX_BASELINE_STDS) })
  .strict()
  .describe("baselineMean + baselineStds · baselineStd of the random-pair composition baseline");

const headClaim = z
  .object({
    metric: z.enum(HEAD_METRICS),
    head: headName,
    repeatLength: z.number().int().min(2, "repeatLength is at least 2").max(MAX_CLAIM_REPEAT_LENGTH, `repeatLength is at most ${MAX_CLAIM_REPEAT_LENGTH}`).optional(),
    comparator,
    threshold: valueThreshold,
  })
  .strict();

const compositionClaim = z
  .object({
    metric: z.enum(Object.keys(COMPOSITION_METRICS) as [CompositionMetric, ...CompositionMetric[]]),
    from: headName,
    to: headName,
    comparator,
    threshold: z.union([valueThreshold, baselineThreshold]),
  })
  .strict()
  .refine((c) => Number(c.from.split(".")[0]) < Number(c.to.split(".")[0]), { message: "Composition goes from an earlier layer into a later one (from's layer < to's layer).", path: ["to"] });

export const claimSpecSchema = z.discriminatedUnion("metric", [headClaim, compositionClaim], {
  error: () => `metric must be one of ${[...HEAD_METRICS, ...Object.keys(COMPOSITION_METRICS)].join(", ")}.`,
});
export type ClaimSpec = z.output<typeof claimSpecSchema>;

/** The heads a claim names. */
export function claimHeads(spec: ClaimSpec): string[] {
  return "head" in spec ? [spec.head] : [spec.from, spec.to];
}

/** The repeat length of the head report a claim needs (undefined: the platform's default probe). */
export function claimRepeatLength(spec: ClaimSpec): number | undefined {
  return "repeatLength" in spec ? spec.repeatLength : undefined;
}

/** A claim in the notation of the issue, e.g. "kComposition(0.7 → 1.4) ≥ baselineMean + 3·baselineStd". */
export function describeClaim(spec: ClaimSpec): string {
  const cmp = spec.comparator === ">=" ? "≥" : "≤";
  if ("head" in spec) {
    const args = spec.repeatLength !== undefined ? `${spec.head}, repeatLength ${spec.repeatLength}` : spec.head;
    return `${spec.metric}(${args}) ${cmp} ${spec.threshold.value}`;
  }
  const t = spec.threshold;
  const rhs = "value" in t ? String(t.value) : `baselineMean ${t.baselineStds < 0 ? "−" : "+"} ${Math.abs(t.baselineStds)}·baselineStd`;
  return `${spec.metric}(${spec.from} → ${spec.to}) ${cmp} ${rhs}`;
}

/** One evaluation of a claim against one head report. */
export interface ClaimEvaluation {
  /** PASS / FAIL, or ERROR when the report cannot answer it (a head outside the model, a missing baseline). */
  status: "PASS" | "FAIL" | "ERROR";
  /** The score the report holds (null on ERROR or when the engine gave no finite number). */
  value: number | null;
  /** The threshold it was compared with (the baseline's mean + k·std resolved). */
  threshold: number | null;
  /** Why, on ERROR. */
  message: string | null;
  modelVersion: number;
  modelVersionId: string;
  engineVersion: string;
  evaluatedAt: string;
}

function parseHead(name: string, report: HeadReportJson): [number, number] | null {
  const [l, h] = name.split(".").map(Number);
  return l < report.config.n_layers && h < report.config.n_heads ? [l, h] : null;
}

/** Compares a claim with a head report of `version` computed by `engineVersion`. */
export function evaluateClaim(spec: ClaimSpec, report: HeadReportJson, at: { modelVersion: number; modelVersionId: string; engineVersion: string }): ClaimEvaluation {
  const base = { ...at, evaluatedAt: new Date().toISOString() };
  const error = (message: string): ClaimEvaluation => ({ status: "ERROR", value: null, threshold: null, message, ...base });
  let value: number | null;
  let threshold: number;
  if ("head" in spec) {
    const at = parseHead(spec.head, report);
    if (!at) return error(`This model has no head ${spec.head}.`);
    const row = report.heads.find((h) => h.layer === at[0] && h.head === at[1]);
    value = row ? (row[spec.metric] as number | null) : null;
    threshold = spec.threshold.value;
  } else {
    const from = parseHead(spec.from, report);
    const to = parseHead(spec.to, report);
    if (!from || !to) return error(`This model has no head ${from ? spec.to : spec.from}.`);
    value = report.composition[COMPOSITION_METRICS[spec.metric]][from[0]]?.[from[1]]?.[to[0]]?.[to[1]] ?? null;
    if ("value" in spec.threshold) threshold = spec.threshold.value;
    else {
      const b = report.compositionBaseline;
      if (!b) return error("The head report has no composition baseline to compare with.");
      threshold = b.mean + spec.threshold.baselineStds * b.std;
    }
  }
  if (value === null || !Number.isFinite(value)) return { status: "FAIL", value: null, threshold, message: "The engine gave no finite score.", ...base };
  const passed = spec.comparator === ">=" ? value >= threshold : value <= threshold;
  return { status: passed ? "PASS" : "FAIL", value, threshold, message: null, ...base };
}
