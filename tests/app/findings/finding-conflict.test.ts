// The finding editor's merge of a stale edit: reading a CONFLICT's current finding, and the line
// diff shown between the current body and the draft.
import { describe, expect, it } from "vitest";
import { BODY_MAX_CHARS, lineDiff, parseFindingConflict, TITLE_MAX_CHARS } from "@/app/findings/finding-conflict";
import { MAX_FINDING_BODY_CHARS, MAX_FINDING_TITLE_CHARS } from "@/lib/findings/limits";

describe("finding conflict", () => {
  it("bounds the form's fields as the server does", () => {
    expect([TITLE_MAX_CHARS, BODY_MAX_CHARS]).toEqual([MAX_FINDING_TITLE_CHARS, MAX_FINDING_BODY_CHARS]);
  });

  it("reads the finding a CONFLICT error carries and refuses anything else", () => {
    expect(parseFindingConflict({ id: "f", title: "T", body: "b", version: 3, visibility: "DRAFT", figures: [] })).toEqual({ title: "T", body: "b", version: 3 });
    expect(parseFindingConflict({ title: "T", body: "b" })).toBeNull();
    expect(parseFindingConflict({ title: "T", body: 7, version: 2 })).toBeNull();
    expect(parseFindingConflict(null)).toBeNull();
  });

  it("diffs line by line: kept lines once, a changed line as removed then added", () => {
    const parts = lineDiff("one\ntwo\nthree\n", "one\nTWO\nthree\nfour\n");
    expect(parts.filter((p) => p.removed).map((p) => p.value)).toEqual(["two\n"]);
    expect(parts.filter((p) => p.added).map((p) => p.value).join("")).toBe("TWO\n" + "four\n");
    // Reading the kept and added parts in order gives the new text; the kept and removed the old.
    expect(parts.filter((p) => !p.removed).map((p) => p.value).join("")).toBe("one\nTWO\nthree\nfour\n");
    expect(parts.filter((p) => !p.added).map((p) => p.value).join("")).toBe("one\ntwo\nthree\n");
  });
});
