// lib/collab/evidence.ts's input bounds with the hostile value: MAX_POINTER_SEGMENTS + 1 segments
// in a pointer and MAX_EVIDENCE_LINKS + 1 links are refused with their messages; the bounds pass.
import { describe, expect, it } from "vitest";
import { evidenceLinkSchema, evidenceListSchema, MAX_EVIDENCE_LINKS, MAX_POINTER_SEGMENTS, resolvePointer } from "@/lib/collab/evidence";

const issues = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));
/** A pointer of `n` segments: /0/0/…/0. */
const pointer = (n: number) => "/0".repeat(n);

describe("evidence bounds", () => {
  it(`accepts a pointer of MAX_POINTER_SEGMENTS (${MAX_POINTER_SEGMENTS}) segments and refuses one more`, () => {
    expect(evidenceLinkSchema.safeParse({ kind: "SCORE", resultId: "r1", pointer: pointer(MAX_POINTER_SEGMENTS) }).success).toBe(true);
    expect(issues(evidenceLinkSchema.safeParse({ kind: "SCORE", resultId: "r1", pointer: pointer(MAX_POINTER_SEGMENTS + 1) }))).toEqual([
      `A pointer has at most ${MAX_POINTER_SEGMENTS} segments.`,
    ]);
  });

  it("resolves a stored pointer of MAX_POINTER_SEGMENTS + 1 segments to nothing, without walking it", () => {
    const nested = JSON.parse("[".repeat(MAX_POINTER_SEGMENTS + 1) + "7" + "]".repeat(MAX_POINTER_SEGMENTS + 1));
    expect(resolvePointer(nested, pointer(MAX_POINTER_SEGMENTS + 1))).toEqual({ found: false });
    expect(resolvePointer(nested, pointer(MAX_POINTER_SEGMENTS))).toMatchObject({ found: true });
  });

  it(`accepts MAX_EVIDENCE_LINKS (${MAX_EVIDENCE_LINKS}) links and refuses one more`, () => {
    const links = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: "SCORE", resultId: `r${i}` }));
    expect(evidenceListSchema.safeParse(links(MAX_EVIDENCE_LINKS)).success).toBe(true);
    expect(issues(evidenceListSchema.safeParse(links(MAX_EVIDENCE_LINKS + 1)))).toEqual([`At most ${MAX_EVIDENCE_LINKS} evidence links.`]);
  });
});
