"use client";
// A token model's skip-trigrams grouped by vocab segment (issue 10 item 3: `vocab_segments` in the
// upload's __metadata__; SkipTrigramsAnalysis.segmentGroups): one row per (source segment →
// destination segment → output segment) with how many of the listed trigrams fall in it and their
// total score. Renders nothing for a model without segments.
import { TokenTable } from "../../_components/figures/token-table";

export interface SegmentGroupRow {
  sourceSegment?: string | null;
  destinationSegment?: string | null;
  outputSegment?: string | null;
  count: number;
  totalScore: number;
}

const seg = (s: string | null | undefined) => s ?? "(no segment)";

export function SegmentGroupsTable({ name, groups }: { name: string; groups: readonly SegmentGroupRow[] | null | undefined }) {
  if (!groups || groups.length === 0) return null;
  return (
    <TokenTable
      name={`${name}-segment-groups`} testId="segment-group-table"
      title="The same trigrams by vocab segment “source … destination → output” (vocab_segments)"
      columns={["source segment", "destination segment", "output segment", "trigrams", "total score"]}
      rows={groups.map((g) => [{ text: seg(g.sourceSegment) }, { text: seg(g.destinationSegment) }, { text: seg(g.outputSegment) }, { number: g.count, digits: 0 }, { number: g.totalScore }])}
    />
  );
}
