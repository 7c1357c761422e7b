// Merging a stale annotation edit with the current value a CONFLICT carries.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ConflictMerge } from "@/app/_components/collab/conflict-merge";
import { conflictingFields, mergeDrafts, parseConflictCurrent, sameEvidence } from "@/app/_components/collab/merge";

const mine = { label: "induction", body: "my text", confidence: 0.9 };
const theirs = { label: "copying", body: "their text", confidence: 0.9 };

describe("conflict merge", () => {
  it("lists only the fields that differ", () => {
    expect(conflictingFields(mine, theirs)).toEqual(["label", "body"]);
    expect(conflictingFields(mine, { ...mine })).toEqual([]);
  });

  it("takes each field from the chosen side and an edited body over both", () => {
    expect(mergeDrafts(mine, theirs, { label: "theirs", body: "mine", confidence: "mine" })).toEqual({ label: "copying", body: "my text", confidence: 0.9 });
    expect(mergeDrafts(mine, theirs, { label: "mine", body: "theirs", confidence: "mine" }, "both texts")).toEqual({ label: "induction", body: "both texts", confidence: 0.9 });
  });

  it("reads the annotation a CONFLICT error carries and refuses anything else", () => {
    expect(parseConflictCurrent({ id: "a", label: "x", body: "", confidence: 0.5, version: 3, head: "1.4" })).toEqual({ id: "a", label: "x", body: "", confidence: 0.5, version: 3, evidence: [] });
    const link = { kind: "SCORE", resultId: "r1", pointer: "/heads/2/induction", caption: "induction" };
    expect(parseConflictCurrent({ id: "a", label: "x", body: "", confidence: 0.5, version: 3, evidence: [{ ...link, extra: 1 }] })!.evidence).toEqual([link]);
    expect(parseConflictCurrent({ id: "a", label: "x", body: "", confidence: 0.5, version: 3, evidence: [{ kind: "SCORE" }] })).toBeNull();
    expect(parseConflictCurrent({ id: "a", label: "x" })).toBeNull();
    expect(parseConflictCurrent(null)).toBeNull();
  });

  it("compares evidence lists link by link, order and captions included", () => {
    const a = { kind: "SCORE", resultId: "r1", pointer: "/heads/2/induction", caption: "induction" };
    const b = { kind: "COMPOSITION", resultId: "r1", pointer: "/composition/K/0/0/1/0", caption: "" };
    expect(sameEvidence([a, b], [{ ...a }, { ...b }])).toBe(true);
    expect(sameEvidence([a, b], [b, a])).toBe(false);
    expect(sameEvidence([a], [{ ...a, caption: "other" }])).toBe(false);
    expect(sameEvidence([a], [])).toBe(false);
  });

  it("shows both evidence lists only when they differ", () => {
    const link = { kind: "COMPOSITION", resultId: "r1", pointer: "/composition/K/0/0/1/0", caption: "K-composition 0.0 → 1.0" };
    const render = (mineLinks: typeof link[], theirLinks: typeof link[]) => renderToStaticMarkup(createElement(ConflictMerge, {
      mine: { ...mine, evidence: mineLinks }, theirs: { ...theirs, version: 4, evidence: theirLinks }, busy: false, onResubmit: () => undefined, onCancel: () => undefined,
    }));
    const differs = render([link], []);
    expect(differs).toContain('data-testid="merge-evidence-mine"');
    expect(differs).toContain("composition /composition/K/0/0/1/0</span> — K-composition 0.0 → 1.0");
    expect(differs).toMatch(/data-testid="merge-evidence-theirs"><div>\(none\)<\/div>/);
    expect(differs).toContain("label, text, evidence, then resubmit");
    const same = render([link], [{ ...link }]);
    expect(same).not.toContain("merge-evidence");
    expect(same).toContain("label, text, then resubmit");
  });
});
