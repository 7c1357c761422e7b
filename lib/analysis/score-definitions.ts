// Every per-head score the pages show, with its one-line definition and its range, in one list:
// the overview's "colour by" choice, the head page's score table and their legends all read it.
// Rule: the wording follows graphql/modules/analysis/schema.graphql and docs/CLI.md; the numbers
// themselves always come from the engine through the API.

export interface ScoreDefinition {
  key: ScoreKey;
  /** Short name for menus and tables. */
  name: string;
  /** One line: what the number is, in TransformerLens / ARENA / paper terms. */
  definition: string;
  /** "unit": in [0, 1]; "signed": in [−1, 1] (drawn on a diverging palette centred on 0). */
  range: "unit" | "signed";
}

export type ScoreKey =
  | "previousToken" | "duplicateToken" | "induction" | "inductionStripe" | "ovCopying"
  | "qkTokenPositivity" | "qkPositionalPositivity" | "variedPeriodInduction" | "positionalInvariance" | "distanceFromUniform";

export const SCORE_DEFINITIONS: readonly ScoreDefinition[] = [
  { key: "previousToken", name: "previous-token", definition: "TL head_detector previous_token_head (mul): mean attention to the token before, on the probe batch", range: "unit" },
  { key: "duplicateToken", name: "duplicate-token", definition: "TL head_detector duplicate_token_head: mean attention to earlier copies of the current token", range: "unit" },
  { key: "induction", name: "induction", definition: "TL head_detector induction_head: mean attention to the token after an earlier copy of the current one", range: "unit" },
  { key: "inductionStripe", name: "induction stripe", definition: "ARENA induction score: mean attention on the stripe at offset 1 − L over L random tokens repeated twice", range: "unit" },
  { key: "ovCopying", name: "OV copying", definition: "Re(Σλ)/Σ|λ| of the full OV circuit W_E W_OV W_U (paper: copying eigenvalues)", range: "signed" },
  { key: "qkTokenPositivity", name: "QK token positivity", definition: "Re(Σλ)/Σ|λ| of W_E W_QK W_Eᵀ (positive: attends to the same token)", range: "signed" },
  { key: "qkPositionalPositivity", name: "QK positional positivity", definition: "Re(Σλ)/Σ|λ| of W_pos W_QK W_posᵀ (positive: attends to the same position)", range: "signed" },
  { key: "variedPeriodInduction", name: "varied-period induction", definition: "TL induction score on sequences whose repeat period varies (token-driven heads keep it)", range: "unit" },
  { key: "positionalInvariance", name: "positional invariance", definition: "1 − mean total variation between attention rows on different token contents (1: position alone decides)", range: "unit" },
  { key: "distanceFromUniform", name: "distance from uniform", definition: "Mean total variation between the head's attention rows and uniform causal attention (0: uniform)", range: "unit" },
];

/** The scores every head report row carries (the head report query selects exactly these). */
export const REPORT_SCORE_KEYS = ["previousToken", "duplicateToken", "induction", "inductionStripe", "ovCopying", "qkTokenPositivity", "qkPositionalPositivity"] as const satisfies readonly ScoreKey[];

export function scoreDefinition(key: ScoreKey): ScoreDefinition {
  const d = SCORE_DEFINITIONS.find((s) => s.key === key);
  if (!d) throw new RangeError(`scoreDefinition: unknown score ${key}`);
  return d;
}
