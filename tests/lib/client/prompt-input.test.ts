import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_PASTED_TOKENS, MAX_TOKEN_ID, parseTokenIds, runInputFromParams, runInputSearch } from "@/lib/client/prompt-input";

describe("the prompt explorer's input", () => {
  it("parses pasted ids separated by commas, spaces or newlines, with or without brackets", () => {
    expect(parseTokenIds("1, 2 3\n4")).toEqual({ ok: true, tokens: [1, 2, 3, 4] });
    expect(parseTokenIds("[5,6,7]")).toEqual({ ok: true, tokens: [5, 6, 7] });
  });

  it("refuses empty input, non-integers, negatives, huge ids and too many ids, naming the entry", () => {
    expect(parseTokenIds("  ")).toMatchObject({ ok: false, message: "Paste at least one token id." });
    expect(parseTokenIds("1, two")).toMatchObject({ ok: false, message: expect.stringContaining("Token 2 (“two”)") });
    expect(parseTokenIds("-1")).toMatchObject({ ok: false });
    expect(parseTokenIds("1.5")).toMatchObject({ ok: false });
    expect(parseTokenIds("99999999999")).toMatchObject({ ok: false });
    expect(parseTokenIds(Array(MAX_PASTED_TOKENS + 1).fill("1").join(" "))).toMatchObject({ ok: false, message: expect.stringContaining(`At most ${MAX_PASTED_TOKENS}`) });
  });

  it(`accepts MAX_PASTED_TOKENS ids up to MAX_TOKEN_ID (${MAX_TOKEN_ID}) and refuses MAX_TOKEN_ID + 1, naming the entry and the bound`, () => {
    expect(parseTokenIds(`0 ${MAX_TOKEN_ID}`)).toEqual({ ok: true, tokens: [0, MAX_TOKEN_ID] });
    expect(parseTokenIds(`0 ${MAX_TOKEN_ID + 1}`)).toEqual({ ok: false, message: `Token 2 (“${MAX_TOKEN_ID + 1}”) is not an id between 0 and ${MAX_TOKEN_ID}.` });
    expect(parseTokenIds(Array(MAX_PASTED_TOKENS).fill("7").join(","))).toMatchObject({ ok: true, tokens: { length: MAX_PASTED_TOKENS } });
  });

  it("round-trips any run through its URL", () => {
    fc.assert(fc.property(fc.oneof(
      fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 50 }).map((tokens) => ({ tokens })),
      fc.string({ minLength: 1, maxLength: 200 }).map((prompt) => ({ prompt })),
    ), (input) => {
      expect(runInputFromParams(new URLSearchParams(runInputSearch(input)))).toEqual(input);
    }));
  });

  it("reads nothing to run from an empty URL or ids that do not parse", () => {
    expect(runInputFromParams(new URLSearchParams(""))).toBeNull();
    expect(runInputFromParams(new URLSearchParams("tokens=a,b"))).toBeNull();
  });
});
