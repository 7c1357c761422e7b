// The analysis-kind registry's name rule (lib/analysis/kinds/registry): a name of MAX_KIND_NAME
// characters registers, one more is refused with a TypeError naming the bound.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { analysisKind, defineAnalysisKind, MAX_KIND_NAME } from "@/lib/analysis/kinds/registry";

/** A lower-case kind name of exactly `n` characters ("bound-test-" then letters). */
const nameOf = (n: number, letter: string) => `bound-test-${letter.repeat(n - "bound-test-".length)}`;

const define = (kind: string) => defineAnalysisKind({ kind, params: z.object({}), compute: () => ({}) });

describe("analysis kind names", () => {
  it(`registers a kind name of MAX_KIND_NAME (${MAX_KIND_NAME}) characters and refuses one of ${MAX_KIND_NAME + 1}`, () => {
    const at = nameOf(MAX_KIND_NAME, "a");
    expect(at).toHaveLength(MAX_KIND_NAME);
    expect(define(at).kind).toBe(at);
    expect(analysisKind(at)?.kind).toBe(at);
    const over = nameOf(MAX_KIND_NAME + 1, "b");
    expect(() => define(over)).toThrow(new TypeError(`analysis kind "${over}" must be lower-case words joined by "-" (at most ${MAX_KIND_NAME} characters)`));
    expect(analysisKind(over)).toBeUndefined();
  });

  it("refuses a malformed name and a second definition of a name", () => {
    expect(() => define("Bound-Test")).toThrow(TypeError);
    define("bound-test-twice");
    expect(() => define("bound-test-twice")).toThrow('analysis kind "bound-test-twice" is defined twice');
  });
});
