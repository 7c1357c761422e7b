// The figures a finding embeds: per kind, the params (zod, checked at every edge: add, import) and
// the shape of the values frozen from the pinned version (zod too, so an import is checked as
// strictly as a freeze). Rules: a figure's value is built here from an analysis result that the
// engine computed (lib/analysis kinds) — nothing here computes a score; every list is bounded by a
// named constant of ./limits.
import { z } from "zod";
import { SCORE_DEFINITIONS, type ScoreKey } from "@/lib/analysis/score-definitions";
import { FIGURE_VALUE_TOLERANCE, MAX_COMPOSITION_HEADS, MAX_FIGURE_PROMPT_CHARS, MAX_FIGURE_TOKENS, MAX_FIGURE_TOP_K } from "./limits";

export const FIGURE_KINDS = ["HEAD_CARD", "COMPOSITION", "ATTENTION", "OV_TABLE"] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** A head name "L.H" (checked against the model's shape where the model is known). */
export const headNameSchema = z.string().regex(/^\d{1,4}\.\d{1,4}$/, 'a head is named "L.H", e.g. "1.4"');

const tokenIds = z.array(z.number().int().min(0).max(10_000_000)).min(1, "give at least one token").max(MAX_FIGURE_TOKENS, `at most ${MAX_FIGURE_TOKENS} tokens`);

export const figureParamsSchemas = {
  HEAD_CARD: z.strictObject({ head: headNameSchema }),
  COMPOSITION: z.strictObject({ mode: z.enum(["Q", "K", "V"]) }),
  ATTENTION: z
    .strictObject({
      head: headNameSchema,
      prompt: z.string().min(1, "the prompt is empty").max(MAX_FIGURE_PROMPT_CHARS, `a prompt is at most ${MAX_FIGURE_PROMPT_CHARS} characters`).optional(),
      tokens: tokenIds.optional(),
    })
    .refine((p) => (p.prompt === undefined) !== (p.tokens === undefined), { message: "give exactly one of prompt and tokens", path: ["prompt"] }),
  OV_TABLE: z.strictObject({ head: headNameSchema, topK: z.number().int().min(1, "topK is at least 1").max(MAX_FIGURE_TOP_K, `topK is at most ${MAX_FIGURE_TOP_K}`).default(10) }),
} as const;

export type FigureParams = { [K in FigureKind]: z.output<(typeof figureParamsSchemas)[K]> };

/** The heads a figure's params name (to check against the model). */
export function figureHeads(kind: FigureKind, params: Record<string, unknown>): string[] {
  return kind === "COMPOSITION" ? [] : [String(params.head)];
}

// ── frozen values ──

/** A stored number (NaN and ±∞ are stored as null). */
const num = z.number().nullable();
const token = z.strictObject({ id: z.number().int().min(0), text: z.string().max(200) });
const SCORE_KEYS = SCORE_DEFINITIONS.map((d) => d.key) as [ScoreKey, ...ScoreKey[]];
const scores = z.strictObject(Object.fromEntries(SCORE_KEYS.map((k) => [k, num])) as Record<ScoreKey, typeof num>);

export const figureValueSchemas = {
  HEAD_CARD: z.strictObject({
    head: headNameSchema,
    scores,
    labels: z.array(z.strictObject({ label: z.string().max(40), score: num, partner: headNameSchema.optional() })).max(16),
    repeatLength: z.number().int().min(0),
  }),
  COMPOSITION: z
    .strictObject({
      mode: z.enum(["Q", "K", "V"]),
      /** Head names in layer-major order, the rows and columns of `scores`. */
      heads: z.array(headNameSchema).min(1).max(MAX_COMPOSITION_HEADS),
      /** scores[i][j]: the composition of heads[i] (writer) into heads[j] (reader), TL all_composition_scores. */
      scores: z.array(z.array(num).max(MAX_COMPOSITION_HEADS)).max(MAX_COMPOSITION_HEADS),
      baseline: z.strictObject({ mean: num, std: num }).nullable(),
    })
    .refine((v) => v.scores.length === v.heads.length && v.scores.every((r) => r.length === v.heads.length), { message: "scores must be heads × heads", path: ["scores"] }),
  ATTENTION: z
    .strictObject({
      head: headNameSchema,
      tokens: z.array(token).min(1).max(MAX_FIGURE_TOKENS),
      /** pattern[q][k]: attention of query position q on key position k. */
      pattern: z.array(z.array(num).max(MAX_FIGURE_TOKENS)).max(MAX_FIGURE_TOKENS),
    })
    .refine((v) => v.pattern.length === v.tokens.length && v.pattern.every((r) => r.length === v.tokens.length), { message: "pattern must be tokens × tokens", path: ["pattern"] }),
  OV_TABLE: z.strictObject({
    head: headNameSchema,
    /** The largest entries of W_E W_OV W_U: source token → output token. */
    top: z.array(z.strictObject({ source: token, output: token, value: num })).max(MAX_FIGURE_TOP_K),
  }),
} as const;

export type FigureValue = { [K in FigureKind]: z.output<(typeof figureValueSchemas)[K]> };
export type AnyFigureValue = FigureValue[FigureKind];

/** True when two frozen values differ: any number by more than FIGURE_VALUE_TOLERANCE, or any other part at all. */
export function valuesDiffer(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) > FIGURE_VALUE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return true;
    return a.some((x, i) => valuesDiffer(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (valuesDiffer((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return true;
    return false;
  }
  return a !== b;
}
