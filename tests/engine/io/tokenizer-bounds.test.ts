// The count bounds of a tokenizer.json (issue 7): exactly MAX_TOKENIZER_STRINGS strings (keys too)
// and MAX_TOKENIZER_CONTAINERS arrays and objects load; one more is refused fast, naming the bound,
// as text (checked before JSON.parse) and as an already-parsed object (checked by the walk).
import { describe, expect, it } from "vitest";
import { MAX_TOKENIZER_CONTAINERS, MAX_TOKENIZER_STRINGS, parseTokenizer, TokenizerError } from "@/lib/engine/io/tokenizer";
import { timeBoundMs } from "@/tests/helpers/time-bound";

// A WordLevel tokenizer.json of one token, written by hand in the tokenizers library's serialisation
// format (as tests/engine/io/tokenizer.test.ts's).
const base = {
  version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null,
  pre_tokenizer: { type: "Whitespace" }, post_processor: null, decoder: null,
  model: { type: "WordLevel", vocab: { a: 0 }, unk_token: "a" },
};

/** Strings (keys and values) and containers of a JSON value, counted here independently of the parser. */
function census(value: unknown): { strings: number; containers: number } {
  if (typeof value === "string") return { strings: 1, containers: 0 };
  if (typeof value !== "object" || value === null) return { strings: 0, containers: 0 };
  const entries = Array.isArray(value) ? value.map((v) => [null, v] as const) : Object.entries(value);
  return entries.reduce((acc, [k, v]) => {
    const c = census(v);
    return { strings: acc.strings + c.strings + (k === null ? 0 : 1), containers: acc.containers + c.containers };
  }, { strings: 0, containers: 1 });
}

/** `base` plus a key "x" holding `n` copies of `item` (a JSON text), as text. */
function withPadding(item: string, n: number): string {
  return `${JSON.stringify(base).slice(0, -1)},"x":[${new Array(n).fill(item).join(",")}]}`;
}

function refusal(fn: () => unknown): { error: unknown; ms: number } {
  const start = performance.now();
  try {
    fn();
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
  return { error: undefined, ms: performance.now() - start };
}

describe("tokenizer.json count bounds", () => {
  const own = census(base);

  it(`loads a tokenizer.json of exactly MAX_TOKENIZER_STRINGS (${MAX_TOKENIZER_STRINGS}) strings and refuses one more within a second`, () => {
    // "x" is one more key; the padding strings fill the rest.
    const fill = MAX_TOKENIZER_STRINGS - own.strings - 1;
    expect(parseTokenizer(withPadding('""', fill), 1).kind).toBe("hf");
    const over = withPadding('""', fill + 1);
    const text = refusal(() => parseTokenizer(over, 1));
    expect(text.error).toBeInstanceOf(TokenizerError);
    expect((text.error as Error).message).toBe(`tokenizer: tokenizer.json holds more than ${MAX_TOKENIZER_STRINGS} strings (MAX_TOKENIZER_STRINGS)`);
    expect(text.ms).toBeLessThan(timeBoundMs(1000));
    // JSON.parse is the caller's work, outside the timed refusal: the walk's bound is what is timed.
    const overObject: unknown = JSON.parse(over);
    const parsed = refusal(() => parseTokenizer(overObject, 1));
    expect((parsed.error as Error).message).toContain("(MAX_TOKENIZER_STRINGS)");
    expect(parsed.ms).toBeLessThan(timeBoundMs(1000));
  });

  it(`loads a tokenizer.json of exactly MAX_TOKENIZER_CONTAINERS (${MAX_TOKENIZER_CONTAINERS}) arrays and objects and refuses one more within a second`, () => {
    // "x" adds one array; the padding empty arrays fill the rest.
    const fill = MAX_TOKENIZER_CONTAINERS - own.containers - 1;
    expect(parseTokenizer(withPadding("[]", fill), 1).kind).toBe("hf");
    const over = withPadding("[]", fill + 1);
    const text = refusal(() => parseTokenizer(over, 1));
    expect(text.error).toBeInstanceOf(TokenizerError);
    expect((text.error as Error).message).toBe(`tokenizer: tokenizer.json holds more than ${MAX_TOKENIZER_CONTAINERS} arrays and objects (MAX_TOKENIZER_CONTAINERS)`);
    expect(text.ms).toBeLessThan(timeBoundMs(1000));
    // JSON.parse is the caller's work, outside the timed refusal: the walk's bound is what is timed.
    const overObject: unknown = JSON.parse(over);
    const parsed = refusal(() => parseTokenizer(overObject, 1));
    expect((parsed.error as Error).message).toContain("(MAX_TOKENIZER_CONTAINERS)");
    expect(parsed.ms).toBeLessThan(timeBoundMs(1000));
  });

  it("refuses a 63 MB tokenizer.json of empty strings (under MAX_TOKENIZER_BYTES) within a second, before parsing it", () => {
    const { error, ms } = refusal(() => parseTokenizer(withPadding('""', 21_000_000), 1));
    expect((error as Error).message).toContain("(MAX_TOKENIZER_STRINGS)");
    expect(ms).toBeLessThan(timeBoundMs(1000));
  });

  it("still names a NUL inside a deep string by its path", () => {
    const nul = { ...base, added: [{ content: "a\u0000" }] };
    expect(() => parseTokenizer(JSON.stringify(nul), 1)).toThrow('tokenizer: tokenizer.json.added[0].content "a\\u0000" contains a NUL character');
  });
});
