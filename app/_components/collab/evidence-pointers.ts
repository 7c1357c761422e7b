// The JSON pointers the annotation form's evidence fields build, one helper per evidence kind, into
// the stored results lib/collab/evidence resolves (the shapes of lib/analysis/kinds): a head's score
// or a composition pair in a head report (`heads[i][score]`, `composition[M][l1][h1][l2][h2]`, TL
// all_composition_scores order: the earlier head writes, the later reads), an entry of a stored OV
// or QK circuit (`top[r]` / `bottom[r]` = { row, col, value }), a prompt run's mean loss
// (run-logits `loss`) and, for a figure, a whole result. Pure: the form and its tests share it.

/** The analysis kinds (lib/analysis/kinds/*_KIND, tested equal) a link of each evidence kind may cite; null: any. */
export const SOURCE_KINDS = {
  SCORE: ["head-report"],
  COMPOSITION: ["head-report"],
  OV_ENTRY: ["ov-circuit"],
  QK_ENTRY: ["qk-circuit"],
  PROMPT_RUN: ["run-logits", "run-patterns", "run-attention-share", "run-path-expansion", "run-term-importance"],
  FIGURE: null,
} as const satisfies Record<string, readonly string[] | null>;
export type PointerKind = keyof typeof SOURCE_KINDS;

/** Whether a stored result of analysis kind `sourceKind` suits a link of `kind`. */
export function suitsKind(kind: PointerKind, sourceKind: string): boolean {
  const kinds: readonly string[] | null = SOURCE_KINDS[kind];
  return kinds === null || kinds.includes(sourceKind);
}

/** Most ranks a circuit-entry pointer offers (the circuits' own MAX_TOP_K is larger; the server bounds the pointer). */
export const MAX_ENTRY_RANK = 1000;

export interface HeadRef {
  layer: number;
  index: number;
}

/** "1.4" → { layer: 1, index: 4 }; null for anything else. */
export function parseHead(name: string): HeadRef | null {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(name.trim());
  return m ? { layer: Number(m[1]), index: Number(m[2]) } : null;
}

/** A head's score in a head report: `/heads/<layer·n_heads + head>/<score key>`. */
export function scorePointer(reportIndex: number, scoreKey: string): string {
  return `/heads/${reportIndex}/${scoreKey}`;
}

/**
 * The composition score between `head` and `partner` in a head report: the earlier-layer head is
 * the sender (index 1), the later the receiver (TL composition_scores(left = earlier OV, right =
 * later Q/K/V)); null for two heads of one layer, which do not compose.
 */
export function compositionPointer(mode: "Q" | "K" | "V", head: HeadRef, partner: HeadRef): string | null {
  if (head.layer === partner.layer) return null;
  const [from, to] = head.layer < partner.layer ? [head, partner] : [partner, head];
  return `/composition/${mode}/${from.layer}/${from.index}/${to.layer}/${to.index}`;
}

/** The rank-th (1-based) top or bottom entry of a stored OV or QK circuit; null outside 1..MAX_ENTRY_RANK. */
export function circuitEntryPointer(list: "top" | "bottom", rank: number): string | null {
  return Number.isInteger(rank) && rank >= 1 && rank <= MAX_ENTRY_RANK ? `/${list}/${rank - 1}` : null;
}

/** A prompt run's value: the mean next-token loss of a run-logits result, else the whole run. */
export function promptRunPointer(sourceKind: string): string {
  return sourceKind === "run-logits" ? "/loss" : "";
}
