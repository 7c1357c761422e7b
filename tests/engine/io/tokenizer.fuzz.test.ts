// Property-based fuzzing of the tokenizer parser (issue 7 item 9): hostile vocabularies and
// tokenizer.json files either give a tokenizer whose id range fits d_vocab and whose stored sample
// (tokenSample, kept with an upload) is computed, or are refused with the engine's typed client
// error (ModelFormatError with a message) — never a RangeError, TypeError or stack overflow — and
// every case finishes within PER_CASE_MS and adds less than MAX_CASE_MEMORY_BYTES to peak RSS and to
// live memory (tests/helpers/memory-bound.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelFormatError } from "@/lib/engine/io/format-error";
import { parseTokenizer, tokenSample } from "@/lib/engine/io/tokenizer";
import { fuzzRuns, jsonText, nastyString, nastyValue, nested } from "@/tests/helpers/fuzz-safetensors";
import { expectMemoryBounded, memoryMark, mib } from "@/tests/helpers/memory-bound";
import { timeBoundMs } from "@/tests/helpers/time-bound";

const PER_CASE_MS = 200;

/** Minimal tokenizer.json files of each model type, written by hand in the tokenizers format. */
const common = { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: { type: "Whitespace" }, post_processor: null, decoder: null };
const BASES: Record<string, Record<string, unknown>> = {
  wordLevel: { ...common, model: { type: "WordLevel", vocab: { "[UNK]": 0, hello: 1, world: 2, "!": 3 }, unk_token: "[UNK]" } },
  bpe: { ...common, model: { type: "BPE", dropout: null, unk_token: "<unk>", continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, vocab: { "<unk>": 0, h: 1, e: 2, l: 3, o: 4, he: 5, ll: 6, hell: 7 }, merges: ["h e", "l l", "he ll"] } },
  wordPiece: { ...common, model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: { "[UNK]": 0, play: 1, "##ing": 2, "##ed": 3 } } },
  unigram: { ...common, model: { type: "Unigram", unk_id: 0, vocab: [["<unk>", 0], ["a", -1.5], ["b", -2], ["ab", -1]] } },
};
const D_VOCAB = 16;

interface Case {
  input: unknown;
  d_vocab: number;
}

const stats = { cases: 0, parsed: 0, slowest: 0, largestGrowth: 0 };

/** The property: a tokenizer within d_vocab with its sample, or a ModelFormatError, within PER_CASE_MS. */
function parsesOrRefuses({ input, d_vocab }: Case): void {
  const memory = memoryMark();
  const start = performance.now();
  let error: unknown;
  let size: number | undefined;
  try {
    const tok = parseTokenizer(input, d_vocab);
    tokenSample(tok);
    tok.decode([0, 1, d_vocab - 1]);
    size = tok.size;
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - start;
  stats.cases++;
  stats.slowest = Math.max(stats.slowest, ms);
  if (error === undefined) {
    stats.parsed++;
    expect(size).toBeLessThanOrEqual(d_vocab);
  } else {
    if (!(error instanceof ModelFormatError)) throw new Error(`not a ModelFormatError: ${String(error)}`, { cause: error });
    expect(error.message.length).toBeGreaterThan(0);
  }
  expect(ms).toBeLessThan(timeBoundMs(PER_CASE_MS));
  expectMemoryBounded(memory, stats, "the case");
}

/** A token text: mostly ordinary, sometimes NUL, lone surrogates or too long. */
const token = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 2, arbitrary: nastyString }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) });

/** Vocabulary arrays (as values or JSON text) with hostile entries, d_vocab equal or not. */
const vocabCase: fc.Arbitrary<Case> = fc
  .tuple(fc.array(fc.oneof({ weight: 8, arbitrary: token }, { weight: 1, arbitrary: nastyValue }), { maxLength: 200 }), fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, fc.integer({ min: 1, max: 300 })), fc.boolean())
  .map(([vocab, d, asText]) => ({ input: asText ? jsonText(vocab) : vocab, d_vocab: d < 0 ? Math.max(1, vocab.length) : d }));

/** Paths inside a tokenizer.json that a hostile file may set to anything. */
const PATHS = ["model", "model.type", "model.vocab", "model.merges", "model.unk_token", "model.unk_id", "model.continuing_subword_prefix", "model.max_input_chars_per_word", "model.dropout", "model.fuse_unk", "pre_tokenizer", "pre_tokenizer.type", "normalizer", "decoder", "post_processor", "added_tokens", "truncation", "padding"];

const typeNames = fc.constantFrom("WordLevel", "BPE", "WordPiece", "Unigram", "Whitespace", "ByteLevel", "Metaspace", "Sequence", "Split", "NFC", "Lowercase", "Replace", "TemplateProcessing", "BertPreTokenizer", "Strip", "Prepend", "", "\u0000");

/** A value for a tokenizer.json field: hostile JSON, or a plausible object of a random type. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyValue,
  fc.record({ type: typeNames }, { requiredKeys: [] }),
  fc.tuple(typeNames, fc.dictionary(fc.constantFrom("pretokenizers", "normalizers", "decoders", "pattern", "content", "behavior", "invert", "replacement", "prepend_scheme", "add_prefix_space", "trim_offsets", "use_regex", "single", "pair", "special_tokens", "prepend"), nastyValue, { maxKeys: 4 })).map(([type, rest]) => ({ type, ...rest })),
  fc.dictionary(token, fc.oneof(fc.integer({ min: -5, max: 40 }), nastyValue), { maxKeys: 20 }),
  fc.array(fc.oneof(token.map((t) => `${t} ${t}`), fc.tuple(token, fc.double()).map(([t, s]) => [t, s]), nastyValue), { maxLength: 20 }),
  fc.array(fc.record({ id: fc.oneof(fc.integer({ min: -3, max: 40 }), nastyValue), content: token, special: fc.boolean(), single_word: fc.boolean(), lstrip: fc.boolean(), rstrip: fc.boolean(), normalized: fc.boolean() }), { maxLength: 5 }),
);

function setPath(json: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = json;
  for (const k of keys.slice(0, -1)) {
    if (typeof at[k] !== "object" || at[k] === null) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]] = value;
}

/** A tokenizer.json of each model type with 1–4 fields set to hostile values. */
const hfCase: fc.Arbitrary<Case> = fc
  .tuple(fc.constantFrom(...Object.keys(BASES)), fc.array(fc.tuple(fc.constantFrom(...PATHS), fieldValue), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 64 }), fc.boolean())
  .map(([base, edits, d_vocab, asText]) => {
    const json = structuredClone(BASES[base]);
    for (const [path, value] of edits) setPath(json, path, value);
    const text = jsonText(json);
    // Parsing a deeply nested value here would cost more than the case itself (the parser refuses the text first).
    return { input: asText || text.length > 50_000 ? text : JSON.parse(text), d_vocab };
  });

/** Character-level edits of valid JSON text (vocabulary or tokenizer.json): flips, inserts, deletes, cuts. */
const textCase: fc.Arbitrary<Case> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...Object.values(BASES).map((b) => JSON.stringify(b))), fc.constant(JSON.stringify(["a", "b", "c", " "]))),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 8 }), fc.string({ unit: "binary", maxLength: 4 })), { minLength: 1, maxLength: 5 }),
    fc.integer({ min: 1, max: 32 }),
  )
  .map(([text, edits, d_vocab]) => {
    let out = text;
    for (const [p, del, ins] of edits) {
      const i = Math.floor(p * out.length);
      out = out.slice(0, i) + ins + out.slice(i + del);
    }
    return { input: out, d_vocab };
  });

/** Deeply nested JSON in place of the whole file or inside a field. */
const deepCase: fc.Arbitrary<Case> = fc
  .tuple(fc.integer({ min: 1, max: 300_000 }), fc.constantFrom("array" as const, "object" as const), fc.constantFrom("whole", ...PATHS))
  .map(([depth, kind, where]) => {
    const deep = nested(depth, kind);
    if (where === "whole") return { input: deep.text, d_vocab: D_VOCAB };
    const json = structuredClone(BASES.wordLevel);
    setPath(json, where, deep);
    return { input: jsonText(json), d_vocab: D_VOCAB };
  });

describe("tokenizer fuzz", () => {
  it("parses the unmutated bases (the mutations start from valid tokenizers)", () => {
    for (const base of Object.values(BASES)) expect(parseTokenizer(JSON.stringify(base), D_VOCAB).kind).toBe("hf");
  });

  describe("regressions the fuzzer found", () => {
    const refusedFast = (run: () => unknown, message: RegExp) => {
      const start = performance.now();
      expect(run).toThrow(ModelFormatError);
      expect(run).toThrow(message);
      expect(performance.now() - start).toBeLessThan(2 * PER_CASE_MS);
    };

    it("a 100 000-deep vocabulary entry is a TokenizerError (JSON.stringify in the message overflowed the stack)", () => {
      refusedFast(() => parseTokenizer(["a", JSON.parse(nested(1000, "array").text), "b"], 3), /vocabulary entry 1 is an array of 1 items, not a string/);
      refusedFast(() => parseTokenizer(`["a", ${nested(100_000, "array").text}]`, 2), /nests 65 levels deep.*MAX_TOKENIZER_DEPTH/);
    });

    it("a BPE model.vocab given as an array holding 934387476 is refused at once (the library made a 934M-slot sparse array: 106 s)", () => {
      const json = structuredClone(BASES.bpe);
      setPath(json, "model.vocab", [["1"], " ", 934387476, "a b"]);
      refusedFast(() => parseTokenizer(JSON.stringify(json), D_VOCAB), /model\.vocab of a "BPE" model must be an object of token ids/);
    });

    it("a WordPiece model.vocab object with an id of 1987873615 is refused at once, naming the limit", () => {
      const json = structuredClone(BASES.wordPiece);
      setPath(json, "model.vocab", { "[UNK]": 0, play: 1987873615 });
      refusedFast(() => parseTokenizer(JSON.stringify(json), D_VOCAB), /model\.vocab entry "play" has id 1987873615, not a token id in \[0, 1048576\)/);
      setPath(json, "model.vocab", { "[UNK]": 0, play: 1.5 });
      refusedFast(() => parseTokenizer(JSON.stringify(json), D_VOCAB), /has id 1\.5/);
    });

    it("an added token with a huge id is refused before the library stores it at vocab[id]", () => {
      const json = structuredClone(BASES.wordLevel);
      setPath(json, "added_tokens", [{ id: 2 ** 31, content: "x", special: true, single_word: false, lstrip: false, rstrip: false, normalized: false }]);
      refusedFast(() => parseTokenizer(JSON.stringify(json), D_VOCAB), /added_tokens\[0\] has id 2147483648/);
    });

    it("a Strip decoder decoding an id the vocabulary lacks is a TokenizerError (the library threw a TypeError)", () => {
      const json = structuredClone(BASES.wordLevel);
      setPath(json, "decoder", { type: "Strip", content: " ", start: 1, stop: 1 });
      const tok = parseTokenizer(JSON.stringify(json), D_VOCAB);
      refusedFast(() => tok.decode([0, 9]), /tokenizer\.json cannot decode token ids/);
    });
  });

  it("vocabulary arrays with hostile entries: 1 000 cases", () => {
    fc.assert(fc.property(vocabCase, parsesOrRefuses), fuzzRuns(1000));
  });

  it("tokenizer.json files with hostile fields: 1 500 cases", () => {
    fc.assert(fc.property(hfCase, parsesOrRefuses), fuzzRuns(1500));
  });

  it("character edits of valid JSON text: 500 cases", () => {
    fc.assert(fc.property(textCase, parsesOrRefuses), fuzzRuns(500));
  });

  it("300 000-deep nesting, whole or in a field: 200 cases, then reports the counts", () => {
    fc.assert(fc.property(deepCase, parsesOrRefuses), fuzzRuns(200));
    console.info(`[tokenizer fuzz] ${stats.cases} cases, ${stats.parsed} parsed, slowest ${stats.slowest.toFixed(1)} ms, largest memory growth ${mib(stats.largestGrowth)}`);
    expect(stats.cases).toBe(3200);
  });
});
