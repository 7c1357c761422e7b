/**
 * Auto-labels for heads, always carried with the scores that earned them.
 * Rule: a label is emitted only when its score passes the documented threshold below; every
 * threshold is on a score defined elsewhere exactly (TL `head_detector`, ARENA's stripe, the
 * eigenvalue positivity), so a reader can re-derive every label from the report's numbers.
 */

export type LabelName = "previous-token" | "duplicate-token" | "induction" | "copying" | "positional";
export type InductionMechanism = "k-composition" | "positional";

export interface HeadLabel {
  readonly label: LabelName;
  /** The score the threshold was applied to. */
  readonly score: number;
  /** Induction only: the earlier head feeding this head's keys, "L.H". */
  readonly partner?: string;
  readonly mechanism?: InductionMechanism;
  /** Induction only: the numbers the partner and mechanism were decided on. */
  readonly evidence?: InductionEvidence;
}

export interface InductionEvidence {
  /** TL K-composition score of partner → this head. */
  readonly partnerKComposition?: number;
  /** Whether the partner passed the previous-token threshold. */
  readonly partnerPreviousToken?: boolean;
  /** Induction stripe with the partner's output removed from this head's keys, and the fraction lost. */
  readonly stripeWithoutPartner?: number;
  readonly ablationDrop?: number;
  /** Fraction lost when every earlier previous-token head is removed (only computed when the partner alone is not enough). */
  readonly groupAblationDrop?: number;
  /** TL induction score on sequences of varied repeat period (token-driven heads keep it). */
  readonly variedPeriodInduction: number;
  /** Agreement of the head's attention across different token contents (1: position alone decides). */
  readonly positionalInvariance: number;
}

/**
 * Thresholds (docs/CLI.md "Labels"). TL "mul" scores on L random tokens repeated twice reach at
 * most ≈ 0.5 for duplicate-token and induction heads (the first L query rows have nothing to find),
 * and ≈ (n−1)/n for previous-token heads; ARENA's stripe and the positivities reach 1.
 */
export const LABEL_THRESHOLDS = Object.freeze({
  /** previous-token: TL previous-token score ≥ this. */
  previousToken: 0.4,
  /** duplicate-token: TL duplicate-token score ≥ this. */
  duplicateToken: 0.25,
  /** induction: ARENA stripe ≥ inductionStripe, or TL induction score ≥ induction. */
  inductionStripe: 0.4,
  induction: 0.25,
  /**
   * token-driven: TL induction score on varied-period sequences ≥ this, and positional invariance
   * below `positional`; otherwise the induction head's mechanism is "positional".
   */
  variedPeriodInduction: 0.25,
  /** K-composition verified: removing the partner from the keys loses ≥ this fraction of the stripe. */
  ablationDrop: 0.5,
  /** copying: OV copying score Re(Σλ)/Σ|λ| ≥ this. */
  copying: 0.7,
  /** positional: attention on different token contents agrees to ≥ this (1 − mean total variation) ... */
  positional: 0.9,
  /** ... and is not (near-)uniform: mean total variation from uniform causal attention ≥ this. */
  positionalSharpness: 0.25,
});

/** Scores one head's labels are decided from. */
export interface LabelInputs {
  readonly previousToken: number;
  readonly duplicateToken: number;
  readonly induction: number;
  readonly inductionStripe: number;
  /** null when the model has no copying score (HeadReportJson.skipped). */
  readonly ovCopying: number | null;
  readonly positionalInvariance: number;
  readonly distanceFromUniform: number;
  readonly variedPeriodInduction: number;
}

/** True when the head's induction scores pass a threshold (before its mechanism is examined). */
export function looksLikeInduction(s: LabelInputs): boolean {
  return s.inductionStripe >= LABEL_THRESHOLDS.inductionStripe || s.induction >= LABEL_THRESHOLDS.induction;
}

/** Partner evidence from the K-composition search and the key ablation (absent for layer 0). */
export interface PartnerEvidence {
  readonly name: string;
  readonly kComposition: number;
  readonly previousTokenLike: boolean;
  readonly stripeWithoutPartner: number;
  readonly ablationDrop: number;
  readonly groupAblationDrop?: number;
}

/**
 * Labels of one head. Induction's mechanism: "k-composition" (with partner) when the head is
 * token-driven (stays inductive at varied periods, attention changes with content) and removing the
 * partner (or, failing that, all earlier previous-token heads together) from its keys loses
 * ≥ ablationDrop of the stripe; "positional" (no partner) when it is
 * not token-driven (its attention is the same whatever the tokens, or it stops being inductive once
 * the period varies); neither
 * (partner named, mechanism left out) when it is token-driven but the partner was not verified.
 */
export function labelHead(s: LabelInputs, partner?: PartnerEvidence): HeadLabel[] {
  const T = LABEL_THRESHOLDS;
  const out: HeadLabel[] = [];
  if (s.previousToken >= T.previousToken) out.push({ label: "previous-token", score: s.previousToken });
  if (s.duplicateToken >= T.duplicateToken) out.push({ label: "duplicate-token", score: s.duplicateToken });
  if (looksLikeInduction(s)) {
    const score = s.inductionStripe >= T.inductionStripe ? s.inductionStripe : s.induction;
    const tokenDriven = s.variedPeriodInduction >= T.variedPeriodInduction && s.positionalInvariance < T.positional;
    const evidence: InductionEvidence = {
      variedPeriodInduction: s.variedPeriodInduction,
      positionalInvariance: s.positionalInvariance,
      ...(partner ? { partnerKComposition: partner.kComposition, partnerPreviousToken: partner.previousTokenLike, stripeWithoutPartner: partner.stripeWithoutPartner, ablationDrop: partner.ablationDrop } : {}),
      ...(partner?.groupAblationDrop !== undefined ? { groupAblationDrop: partner.groupAblationDrop } : {}),
    };
    const verified = !!partner && Math.max(partner.ablationDrop, partner.groupAblationDrop ?? 0) >= T.ablationDrop;
    if (!tokenDriven) out.push({ label: "induction", score, mechanism: "positional", evidence });
    else if (partner && verified) out.push({ label: "induction", score, partner: partner.name, mechanism: "k-composition", evidence });
    else out.push({ label: "induction", score, ...(partner ? { partner: partner.name } : {}), evidence });
  }
  if (s.ovCopying !== null && s.ovCopying >= T.copying) out.push({ label: "copying", score: s.ovCopying });
  if (s.positionalInvariance >= T.positional && s.distanceFromUniform >= T.positionalSharpness) out.push({ label: "positional", score: s.positionalInvariance });
  return out;
}
