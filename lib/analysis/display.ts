// How the overview page shows a head report (app/models/[id]): badge text for a head's labels, score
// formatting, and the composition heatmap's rows, columns and colour scale. Pure functions with no
// Node or React imports, so the browser bundle and the unit tests share them.
// Rule: nothing here computes a score; it only names and places the engine's numbers.

/** A label as the head report gives it (graphql HeadLabel). */
export interface LabelView {
  label: string;
  score: number | null;
  partner: string | null;
  mechanism: string | null;
}

/** A score with two decimals, "—" when undefined (null or not finite). */
export function formatScore(score: number | null | undefined): string {
  return typeof score === "number" && Number.isFinite(score) ? score.toFixed(2) : "—";
}

const MECHANISM_SHORT: Record<string, string> = { "k-composition": "K-comp", positional: "positional" };

/**
 * The badge of one label: an induction label names its partner head and mechanism
 * ("induction ← 0.0 (K-comp)"; "(unverified)" when removing the partner did not confirm it),
 * every other label its score ("previous-token 0.81").
 */
export function labelBadgeText(l: LabelView): string {
  if (l.label === "induction" && (l.partner || l.mechanism)) {
    const mechanism = l.mechanism ? (MECHANISM_SHORT[l.mechanism] ?? l.mechanism) : "unverified";
    return `induction${l.partner ? ` ← ${l.partner}` : ""} (${mechanism})`;
  }
  return `${l.label} ${formatScore(l.score)}`;
}

/** The hover text of a badge: the score its threshold was applied to, and the partner and mechanism. */
export function labelBadgeTitle(l: LabelView): string {
  const parts = [`${l.label}: score ${formatScore(l.score)}`];
  if (l.partner) parts.push(`K-composition partner ${l.partner}`);
  if (l.mechanism) parts.push(`mechanism ${l.mechanism}`);
  return parts.join(" · ");
}

/** One head on a heatmap axis. */
export interface HeadAxis {
  name: string;
  layer: number;
  head: number;
}

export interface CompositionGrid {
  /** Earlier heads (layers 0 … n_layers − 2): the writers whose output composes. */
  rows: HeadAxis[];
  /** Later heads (layers 1 … n_layers − 1): the readers. */
  cols: HeadAxis[];
  /** values[r][c] = scores[row.layer][row.head][col.layer][col.head], null where col.layer ≤ row.layer. */
  values: (number | null)[][];
  /** Largest defined value (0 when none): the top of the colour scale. */
  max: number;
}

function headsOf(layers: number[], nHeads: number): HeadAxis[] {
  return layers.flatMap((layer) => Array.from({ length: nHeads }, (_, head) => ({ name: `${layer}.${head}`, layer, head })));
}

/**
 * The heatmap of one composition mode from TL layout [layer₁][head₁][layer₂][head₂]: rows are the
 * heads that write (all layers but the last), columns the heads that read (all layers but the
 * first); pairs where the reader is not in a later layer have no score (null).
 * Throws a RangeError when the array is not [n_layers][n_heads][n_layers][n_heads].
 */
export function compositionGrid(scores: (number | null)[][][][]): CompositionGrid {
  const nLayers = scores.length;
  const nHeads = scores[0]?.length ?? 0;
  for (const [a, byHead] of scores.entries()) {
    for (const [b, byLayer] of byHead.entries()) {
      if (byHead.length !== nHeads || byLayer.length !== nLayers || byLayer.some((row) => row.length !== nHeads)) {
        throw new RangeError(`compositionGrid: scores[${a}][${b}] is not [${nLayers}][${nHeads}] (TL layout [layer, head, layer, head])`);
      }
    }
  }
  const rows = headsOf(Array.from({ length: Math.max(0, nLayers - 1) }, (_, l) => l), nHeads);
  const cols = headsOf(Array.from({ length: Math.max(0, nLayers - 1) }, (_, l) => l + 1), nHeads);
  let max = 0;
  const values = rows.map((r) =>
    cols.map((c) => {
      if (c.layer <= r.layer) return null;
      const v = scores[r.layer][r.head][c.layer][c.head];
      if (typeof v !== "number" || !Number.isFinite(v)) return null;
      max = Math.max(max, v);
      return v;
    }),
  );
  return { rows, cols, values, max };
}

/** The colour scale's ends: white at 0, the accent blue (#2450d8) at the scale's top. */
const LOW = [255, 255, 255] as const;
const HIGH = [0x24, 0x50, 0xd8] as const;

/** Position of `value` on a 0 … max scale, clamped to [0, 1] (0 when max ≤ 0). */
export function scalePosition(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value / max));
}

/** The fill for a position t ∈ [0, 1] on the scale, linear in RGB between its ends, as "rgb(r, g, b)". */
export function scaleColour(t: number): string {
  const c = LOW.map((low, i) => Math.round(low + (HIGH[i] - low) * Math.min(1, Math.max(0, t))));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

const LABEL_ABBREVIATION: Record<string, string> = {
  induction: "IND",
  "previous-token": "PREV",
  "duplicate-token": "DUP",
  copying: "COPY",
  positional: "POS",
};

/**
 * A badge's spellings from the most to the least explicit, for cells of any width: the full
 * labelBadgeText, a short form ("ind ← 0.0", "prev 0.81"), the abbreviation ("IND", "PREV") and
 * its first letter for the narrowest cells (12 heads on a phone).
 */
export function labelBadgeVariants(l: LabelView): string[] {
  const abbreviation = LABEL_ABBREVIATION[l.label] ?? l.label.slice(0, 4).toUpperCase();
  const short = l.label === "induction" && l.partner ? `ind ← ${l.partner}` : `${abbreviation.toLowerCase()} ${formatScore(l.score)}`;
  return [labelBadgeText(l), short, abbreviation, abbreviation[0]];
}
