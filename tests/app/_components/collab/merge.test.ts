// Merging a stale annotation edit with the current value a CONFLICT carries.
import { describe, expect, it } from "vitest";
import { conflictingFields, mergeDrafts, parseConflictCurrent } from "@/app/_components/collab/merge";

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
    expect(parseConflictCurrent({ id: "a", label: "x", body: "", confidence: 0.5, version: 3, head: "1.4" })).toEqual({ id: "a", label: "x", body: "", confidence: 0.5, version: 3 });
    expect(parseConflictCurrent({ id: "a", label: "x" })).toBeNull();
    expect(parseConflictCurrent(null)).toBeNull();
  });
});
