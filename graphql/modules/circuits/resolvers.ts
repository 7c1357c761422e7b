// Resolvers of the circuits domain: the Head and Model analysis fields, and the Analysis interface's
// type resolution (each *Analysis type is named in the SDL; a field's resolver returns its envelope).
import { headResolvers } from "./head-resolvers";
import { modelCircuitResolvers } from "./model-resolvers";
import { groupTrigramsBySegment } from "@/lib/engine/circuits/segment-groups";

type TokenOut = { segment?: string | null };
type TrigramOut = { source: TokenOut; destination: TokenOut; output: TokenOut; score: number };

/** SkipTrigramsAnalysis.segmentGroups: the authorized envelope's trigrams grouped by their tokens' segments. */
function segmentGroups(parent: { result: TrigramOut[] | null }) {
  if (!parent.result) return null;
  const ts = parent.result;
  if (!ts.some((t) => t.source.segment !== undefined)) return [];
  const seg = (t: TokenOut) => t.segment ?? null;
  return groupTrigramsBySegment(ts.map((t) => ({ source: seg(t.source), destination: seg(t.destination), output: seg(t.output), score: t.score }))).map((g) => ({
    ...g,
    trigrams: g.members.map((i) => ts[i]),
  }));
}

export const circuitsResolvers = {
  Head: headResolvers,
  Model: modelCircuitResolvers,
  SkipTrigramsAnalysis: { segmentGroups },
};
