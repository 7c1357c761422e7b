/**
 * Skip-trigrams of a token model grouped by the vocab segments of their tokens (issue 10 item 3;
 * segments from `__metadata__.vocab_segments`, ../transformer/vocab-segments.ts): the paper's
 * "[source] … [destination] → [output]" (§"One-layer attention-only transformers") read as
 * "[source segment] … [destination segment] → [output segment]", as typed.ts groups a DT's by row type.
 * Tokens outside every segment group under null.
 */

/** A trigram as this module reads it: its tokens' segment names and its score. */
export interface SegmentedTrigram {
  readonly source: string | null;
  readonly destination: string | null;
  readonly output: string | null;
  readonly score: number;
}

export interface SegmentTrigramGroup {
  readonly sourceSegment: string | null;
  readonly destinationSegment: string | null;
  readonly outputSegment: string | null;
  /** Sum of the members' scores; groups are listed by it, descending. */
  readonly totalScore: number;
  /** Members, and their indices in the input list (ranked order kept). */
  readonly count: number;
  readonly members: number[];
}

/** Groups `trigrams` by (source segment → destination segment → output segment). */
export function groupTrigramsBySegment(trigrams: readonly SegmentedTrigram[]): SegmentTrigramGroup[] {
  const byKey = new Map<string, { sourceSegment: string | null; destinationSegment: string | null; outputSegment: string | null; totalScore: number; members: number[] }>();
  trigrams.forEach((t, i) => {
    const key = JSON.stringify([t.source, t.destination, t.output]);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { sourceSegment: t.source, destinationSegment: t.destination, outputSegment: t.output, totalScore: 0, members: [] }));
    g.totalScore += t.score;
    g.members.push(i);
  });
  return [...byKey.values()].map((g) => ({ ...g, count: g.members.length })).sort((a, b) => b.totalScore - a.totalScore || a.members[0] - b.members[0]);
}
