// The filter of a search across heads (Query.searchHeads) and the match of one head against it.
// Rules: every input is bounded here (text length, score name from SEARCH_SCORE_NAMES, score range,
// σ multiple, page size) before anything is read; a head is matched only on what is stored — the
// cached head report's numbers (lib/engine/circuits/report.ts, never re-derived here: the partner
// K-composition is the report's TL score `composition.K[l₁][h₁][l₂][h₂]` and σ is measured against
// the report's own random-pair `compositionBaseline`), the annotations and the claims' last
// evaluation. Every condition given must hold (AND).
import { z } from "zod";
import { SCORE_DEFINITIONS, type ScoreKey } from "@/lib/analysis/score-definitions";
import type { HeadReportJson, HeadScores } from "@/lib/engine/circuits/report";
import { MAX_HEAD_SEARCH_FIRST, MAX_SEARCH_SCORE_BOUND, MAX_SEARCH_SIGMA, MAX_SEARCH_TEXT_CHARS, SNIPPET_CHARS } from "./head-search-bounds";
import { LABEL_NAME } from "./label-names";
import { consensusOf, type ConsensusInput } from "./votes";

export { MAX_HEAD_SEARCH_FIRST, MAX_SEARCH_SCORE_BOUND, MAX_SEARCH_SIGMA, MAX_SEARCH_TEXT_CHARS, SNIPPET_CHARS };

/** Scores a range may name: every per-head score of the head report (lib/analysis/score-definitions). */
export const SEARCH_SCORE_NAMES = SCORE_DEFINITIONS.map((d) => d.key) as [ScoreKey, ...ScoreKey[]];

const bound = z.number().finite().min(-MAX_SEARCH_SCORE_BOUND, `is at least −${MAX_SEARCH_SCORE_BOUND}`).max(MAX_SEARCH_SCORE_BOUND, `is at most ${MAX_SEARCH_SCORE_BOUND}`);

export const headSearchFilterSchema = z
  .object({
    label: z.string().trim().min(1, "label is empty").max(40, "label is at most 40 characters").regex(LABEL_NAME, "label is a kebab-case label name, e.g. induction").nullish(),
    text: z.string().trim().min(1, "text is empty").max(MAX_SEARCH_TEXT_CHARS, `text is at most ${MAX_SEARCH_TEXT_CHARS} characters`).nullish(),
    claimStatus: z.enum(["PASSING", "FAILING"]).nullish(),
    score: z
      .object({
        name: z.string().refine((n): n is ScoreKey => (SEARCH_SCORE_NAMES as string[]).includes(n), { message: `score.name is one of ${SEARCH_SCORE_NAMES.join(", ")}` }),
        min: bound.nullish(),
        max: bound.nullish(),
      })
      .refine((s) => s.min != null || s.max != null, { message: "score needs min or max", path: ["min"] })
      .refine((s) => s.min == null || s.max == null || s.min <= s.max, { message: "score.min must not exceed score.max", path: ["max"] })
      .nullish(),
    partnerKComposition: z
      .object({ minSigma: z.number().finite().min(-MAX_SEARCH_SIGMA, `minSigma is at least −${MAX_SEARCH_SIGMA}`).max(MAX_SEARCH_SIGMA, `minSigma is at most ${MAX_SEARCH_SIGMA}`) })
      .nullish(),
  })
  .default({});
export type HeadSearchFilter = z.output<typeof headSearchFilterSchema>;

/** True when the filter can only be answered from a head report (heads of unanalysed models never match). */
export function needsReport(filter: HeadSearchFilter): boolean {
  return Boolean(filter.score || filter.partnerKComposition);
}

/** What is stored about one annotation of a head. */
export interface AnnotationFacts extends ConsensusInput {
  id: string;
  body: string;
  claims: readonly { passing: boolean | null }[];
}

/** What is stored about one head: its report row (null: no cached report) and its annotations. */
export interface HeadFacts {
  name: string;
  layer: number;
  index: number;
  report: HeadReportJson | null;
  annotations: readonly AnnotationFacts[];
}

/** The induction label's K-composition partner of a head, with its score against the random baseline. */
export interface PartnerKComposition {
  partner: string;
  /** TL K-composition score partner → head (report.composition.K). */
  value: number;
  /** The report's random-pair baseline (null: the report has none). */
  baselineMean: number | null;
  baselineStd: number | null;
  /** (value − baselineMean) / baselineStd; null when the report has no baseline or its std is 0. */
  sigma: number | null;
}

export interface HeadSearchMatch {
  analysed: boolean;
  engineLabels: string[];
  scores: { name: ScoreKey; value: number }[];
  partnerKComposition: PartnerKComposition | null;
  consensusLabel: string | null;
  consensusCount: number;
  annotationCount: number;
  annotationSnippet: string | null;
  passingClaims: number;
  failingClaims: number;
}

function reportRow(head: HeadFacts): HeadScores | null {
  return head.report?.heads.find((h) => h.layer === head.layer && h.head === head.index) ?? null;
}

/** The partner K-composition of an induction head, read from the report (null: no partner or no report). */
export function partnerKCompositionOf(head: HeadFacts): PartnerKComposition | null {
  const row = reportRow(head);
  const partner = row?.labels.find((l) => l.label === "induction" && l.partner)?.partner;
  if (!row || !partner || !head.report) return null;
  const [pl, ph] = partner.split(".").map(Number);
  const value = head.report.composition.K[pl]?.[ph]?.[head.layer]?.[head.index];
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const b = head.report.compositionBaseline;
  const sigma = b && b.std > 0 ? (value - b.mean) / b.std : null;
  return { partner, value, baselineMean: b?.mean ?? null, baselineStd: b?.std ?? null, sigma };
}

/** A window of plain text around the first case-insensitive occurrence of `needle` (or the start). */
export function snippetOf(body: string, needle?: string | null): string {
  const flat = body.replace(/\s+/g, " ").trim();
  const at = needle ? flat.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - Math.floor((SNIPPET_CHARS - needle!.length) / 2), flat.length - SNIPPET_CHARS));
  const cut = flat.slice(start, start + SNIPPET_CHARS);
  return `${start > 0 ? "…" : ""}${cut}${start + SNIPPET_CHARS < flat.length ? "…" : ""}`;
}

/** The head's match against the filter, or null when one of the filter's conditions fails. */
export function matchHead(filter: HeadSearchFilter, head: HeadFacts): HeadSearchMatch | null {
  const row = reportRow(head);
  if (needsReport(filter) && !row) return null;
  const engineLabels = row ? row.labels.map((l) => l.label) : [];
  if (filter.label && !engineLabels.includes(filter.label as never) && !head.annotations.some((a) => a.label === filter.label)) return null;
  const text = filter.text?.toLowerCase();
  const quoted = text ? head.annotations.find((a) => a.body.toLowerCase().includes(text)) : (head.annotations.find((a) => a.accepted && a.body) ?? head.annotations.find((a) => a.body));
  if (text && !quoted) return null;
  const claims = head.annotations.flatMap((a) => a.claims);
  const passingClaims = claims.filter((c) => c.passing === true).length;
  const failingClaims = claims.filter((c) => c.passing === false).length;
  if (filter.claimStatus === "PASSING" && !passingClaims) return null;
  if (filter.claimStatus === "FAILING" && !failingClaims) return null;
  const scores: HeadSearchMatch["scores"] = [];
  if (filter.score && row) {
    const value = row[filter.score.name];
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    if ((filter.score.min != null && value < filter.score.min) || (filter.score.max != null && value > filter.score.max)) return null;
    scores.push({ name: filter.score.name, value });
  }
  const partner = partnerKCompositionOf(head);
  if (filter.partnerKComposition && (partner?.sigma == null || partner.sigma < filter.partnerKComposition.minSigma)) return null;
  const consensus = consensusOf(head.name, head.annotations);
  return {
    analysed: row !== null,
    engineLabels,
    scores,
    partnerKComposition: partner,
    consensusLabel: consensus.label,
    consensusCount: consensus.count,
    annotationCount: head.annotations.length,
    annotationSnippet: quoted ? snippetOf(quoted.body, filter.text) : null,
    passingClaims,
    failingClaims,
  };
}
