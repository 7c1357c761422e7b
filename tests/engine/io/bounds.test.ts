// The attacker's headers of issue 7: every count read from a file is refused against a named bound
// before anything is built from it, fast, with a ModelFormatError naming the bound or the field.
import { describe, expect, it } from "vitest";
import { ModelFormatError } from "@/lib/engine/io/format-error";
import { MAX_HEADER_DEPTH, MAX_METADATA_JSON_DEPTH } from "@/lib/engine/io/json-depth";
import {
  MAX_METADATA_ENTRIES,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_RANK,
  MAX_TENSORS,
  parseMetadataJson,
  parseSafetensorsHeader,
  SafetensorsError,
} from "@/lib/engine/io/safetensors";
import { MAX_TOKEN_LENGTH, MAX_TOKENIZER_DEPTH, MAX_VOCAB, parseTokenizer, TokenizerError } from "@/lib/engine/io/tokenizer";
import { MAX_HEADS, MAX_LAYERS } from "@/lib/engine/transformer/config";
import { validateModelHeader } from "@/lib/engine/transformer/weights";
import { rawSafetensors } from "@/tests/helpers/safetensors-builder";
import { timeBoundMs } from "@/tests/helpers/time-bound";

/** Runs `fn`, expecting a ModelFormatError of class `cls` within `ms` milliseconds; returns it. */
function refusedFast(fn: () => unknown, cls: typeof ModelFormatError = ModelFormatError, ms = 1000): ModelFormatError {
  const start = performance.now();
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(performance.now() - start).toBeLessThan(timeBoundMs(ms));
  expect(error).toBeInstanceOf(cls);
  return error as ModelFormatError;
}

const f32 = (shape: number[], begin = 0) => {
  const n = shape.reduce((a, b) => a * b, 1) * 4;
  return { dtype: "F32", shape, data_offsets: [begin, begin + n] };
};

/** Header JSON + zero data of the size the entries need. */
function file(header: Record<string, unknown>): Uint8Array {
  let end = 0;
  for (const v of Object.values(header)) {
    const offs = (v as { data_offsets?: number[] }).data_offsets;
    if (offs) end = Math.max(end, offs[1]);
  }
  return rawSafetensors(JSON.stringify(header), new Uint8Array(end));
}

const parseModel = (bytes: Uint8Array) => validateModelHeader(parseSafetensorsHeader(bytes, bytes.length));

describe("safetensors header bounds", () => {
  it("refuses a 4 KB header naming blocks.30000000 within a second, naming MAX_LAYERS", () => {
    const bytes = file({ "embed.W_E": f32([4, 2]), "pos_embed.W_pos": f32([3, 2], 32), "blocks.30000000.attn.b_O": f32([2], 56) });
    expect(bytes.length).toBeLessThan(4096);
    const e = refusedFast(() => parseModel(bytes), SafetensorsError);
    expect(e.message).toContain(`at most ${MAX_LAYERS} layers (MAX_LAYERS)`);
    expect(e.tensor).toBe("blocks.30000000");
  });

  it("refuses a layer index with 150 digits the same way", () => {
    const bytes = file({ "embed.W_E": f32([4, 2]), [`blocks.${"9".repeat(150)}.attn.b_O`]: f32([2], 32) });
    expect(refusedFast(() => parseModel(bytes)).message).toContain("MAX_LAYERS");
  });

  it(`refuses more than MAX_TENSORS (${MAX_TENSORS}) entries, e.g. 50 000 zero-size tensors, within a second`, () => {
    const header: Record<string, unknown> = {};
    for (let i = 0; i < 50_000; i++) header[`t${i}`] = { dtype: "F32", shape: [0], data_offsets: [0, 0] };
    const bytes = rawSafetensors(JSON.stringify(header));
    const e = refusedFast(() => parseSafetensorsHeader(bytes, bytes.length), SafetensorsError);
    expect(e.message).toBe(`safetensors: header has 50000 entries, more than the ${MAX_TENSORS}-tensor limit (MAX_TENSORS)`);
  });

  it("accepts exactly MAX_TENSORS entries plus __metadata__ (the bound is inclusive)", () => {
    const header: Record<string, unknown> = { __metadata__: {} };
    for (let i = 0; i < MAX_TENSORS; i++) header[`t${i}`] = { dtype: "F32", shape: [0], data_offsets: [0, 0] };
    const bytes = rawSafetensors(JSON.stringify(header));
    expect(parseSafetensorsHeader(bytes, bytes.length).tensors.size).toBe(MAX_TENSORS);
  });

  it(`refuses a rank above MAX_RANK (${MAX_RANK}) and a dimension above MAX_DIM`, () => {
    const deep = file({ a: { dtype: "F32", shape: new Array(MAX_RANK + 1).fill(1), data_offsets: [0, 4] } });
    expect(refusedFast(() => parseSafetensorsHeader(deep, deep.length)).message).toContain("MAX_RANK");
    const wide = file({ a: { dtype: "F32", shape: [2 ** 31, 0], data_offsets: [0, 0] } });
    expect(refusedFast(() => parseSafetensorsHeader(wide, wide.length)).message).toContain("MAX_DIM");
  });

  it("refuses shapes whose element count overflows 2^53 instead of matching a wrapped byte count", () => {
    const bytes = file({ a: { dtype: "F32", shape: [2 ** 30, 2 ** 30, 2 ** 30], data_offsets: [0, 0] } });
    expect(refusedFast(() => parseSafetensorsHeader(bytes, bytes.length)).message).toContain("span 0 bytes");
  });

  it(`refuses a tensor name longer than MAX_NAME_LENGTH (${MAX_NAME_LENGTH})`, () => {
    const bytes = file({ ["x".repeat(MAX_NAME_LENGTH + 1)]: f32([1]) });
    expect(refusedFast(() => parseSafetensorsHeader(bytes, bytes.length)).message).toContain("(MAX_NAME_LENGTH)");
  });

  it("refuses NUL and unpaired surrogates in tensor names, metadata keys and metadata values, naming the field", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ "a\u0000b": f32([1]) }, "tensor name"],
      [{ "a\ud800": f32([1]) }, "tensor name"],
      [{ __metadata__: { "k\u0000": "v" } }, "__metadata__ key"],
      [{ __metadata__: { note: "v\u0000" } }, "__metadata__.note"],
      [{ __metadata__: { note: "\udc00x" } }, "__metadata__.note"],
    ];
    for (const [header, field] of cases) {
      const bytes = file(header);
      const e = refusedFast(() => parseSafetensorsHeader(bytes, bytes.length));
      expect(e.message).toContain(field);
      expect(e.message).toMatch(/a NUL character|an unpaired surrogate/);
    }
  });

  it("accepts a properly paired surrogate (an emoji) in a name", () => {
    const bytes = file({ "emoji😀": f32([1]) });
    expect([...parseSafetensorsHeader(bytes, bytes.length).tensors.keys()]).toEqual(["emoji😀"]);
  });

  it(`refuses more than MAX_METADATA_ENTRIES (${MAX_METADATA_ENTRIES}) metadata entries`, () => {
    const meta = Object.fromEntries(Array.from({ length: MAX_METADATA_ENTRIES + 1 }, (_, i) => [`k${i}`, "v"]));
    const bytes = file({ __metadata__: meta });
    expect(refusedFast(() => parseSafetensorsHeader(bytes, bytes.length)).message).toContain("MAX_METADATA_ENTRIES");
  });

  it(`refuses more than MAX_HEADS (${MAX_HEADS}) heads`, () => {
    const H = MAX_HEADS + 1;
    const bytes = file({ "embed.W_E": f32([2, 1]), "pos_embed.W_pos": f32([2, 1], 8), "blocks.0.attn.W_Q": f32([H, 1, 1], 16) });
    expect(refusedFast(() => parseModel(bytes)).message).toContain("(MAX_HEADS)");
  });
});

describe("nesting and metadata-value bounds (bound accepted, bound + 1 refused)", () => {
  /** `depth` nested arrays around a 0: "[[0]]" has depth 2. */
  const nested = (depth: number) => "[".repeat(depth) + "0" + "]".repeat(depth);

  it(`refuses a header nesting MAX_HEADER_DEPTH + 1 (${MAX_HEADER_DEPTH + 1}) levels before parsing it, naming the bound`, () => {
    const header = (depth: number) => `{"__metadata__":{},"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":${nested(depth - 2)}}}`;
    const ok = rawSafetensors(header(MAX_HEADER_DEPTH), new Uint8Array(4));
    expect(() => parseSafetensorsHeader(ok, ok.length)).not.toThrow(/MAX_HEADER_DEPTH/);
    const deep = rawSafetensors(header(MAX_HEADER_DEPTH + 1), new Uint8Array(4));
    expect(refusedFast(() => parseSafetensorsHeader(deep, deep.length), SafetensorsError).message).toBe(
      `safetensors: header JSON nests ${MAX_HEADER_DEPTH + 1} levels deep, more than the ${MAX_HEADER_DEPTH}-level limit (MAX_HEADER_DEPTH)`,
    );
  });

  it(`refuses a __metadata__ JSON string nesting MAX_METADATA_JSON_DEPTH + 1 (${MAX_METADATA_JSON_DEPTH + 1}) levels, naming the field`, () => {
    expect(parseMetadataJson(nested(MAX_METADATA_JSON_DEPTH), "config")).toBeInstanceOf(Array);
    expect(refusedFast(() => parseMetadataJson(nested(MAX_METADATA_JSON_DEPTH + 1), "config"), SafetensorsError).message).toBe(
      `__metadata__.config nests ${MAX_METADATA_JSON_DEPTH + 1} levels deep, more than the ${MAX_METADATA_JSON_DEPTH}-level limit (MAX_METADATA_JSON_DEPTH)`,
    );
  });

  it(`refuses a __metadata__ value of MAX_METADATA_VALUE_LENGTH + 1 characters, naming the key`, () => {
    const ok = file({ __metadata__: { note: "v".repeat(MAX_METADATA_VALUE_LENGTH) } });
    expect(parseSafetensorsHeader(ok, ok.length).metadata.note).toHaveLength(MAX_METADATA_VALUE_LENGTH);
    const long = file({ __metadata__: { note: "v".repeat(MAX_METADATA_VALUE_LENGTH + 1) } });
    const e = refusedFast(() => parseSafetensorsHeader(long, long.length), SafetensorsError);
    expect(e.message).toContain(`__metadata__.note`);
    expect(e.message).toContain(`is ${MAX_METADATA_VALUE_LENGTH + 1} characters, more than the ${MAX_METADATA_VALUE_LENGTH}-character limit (MAX_METADATA_VALUE_LENGTH)`);
  });
});

describe("tokenizer bounds", () => {
  it("refuses lone surrogates and NULs in a vocabulary, naming the entry", () => {
    expect(refusedFast(() => parseTokenizer('["a", "\\ud800"]', 2), TokenizerError).message).toBe(
      'tokenizer: vocabulary entry 1 "\\ud800" contains an unpaired surrogate at index 0',
    );
    expect(refusedFast(() => parseTokenizer('["a\\u0000", "b"]', 2), TokenizerError).message).toContain("vocabulary entry 0");
  });

  it(`refuses a token longer than MAX_TOKEN_LENGTH (${MAX_TOKEN_LENGTH}) and more than MAX_VOCAB entries`, () => {
    expect(refusedFast(() => parseTokenizer(JSON.stringify(["a", "b".repeat(MAX_TOKEN_LENGTH + 1)]), 2)).message).toContain("MAX_TOKEN_LENGTH");
    const big = JSON.stringify(new Array(MAX_VOCAB + 1).fill("a"));
    expect(refusedFast(() => parseTokenizer(big, MAX_VOCAB + 1), TokenizerError, 3000).message).toContain("(MAX_VOCAB)");
  });

  it("handles a vocabulary of 200 000 entries without spreading it into one call (no stack overflow)", () => {
    const vocab = Array.from({ length: 200_000 }, (_, i) => `t${i}`);
    expect(parseTokenizer(JSON.stringify(vocab), vocab.length).tokenString(199_999)).toBe("t199999");
  });

  it(`refuses a tokenizer.json nested deeper than MAX_TOKENIZER_DEPTH (${MAX_TOKENIZER_DEPTH}) and NULs in its keys`, () => {
    let nested = "0";
    for (let i = 0; i < 100_000; i++) nested = `[${nested}]`;
    const deep = `{"model": {"type": "WordLevel", "vocab": {}}, "x": ${nested}}`;
    expect(refusedFast(() => parseTokenizer(deep, 2), TokenizerError).message).toContain("MAX_TOKENIZER_DEPTH");
    const nul = '{"model": {"type": "WordLevel", "vocab": {"a\\u0000": 0}, "unk_token": "a"}}';
    expect(refusedFast(() => parseTokenizer(nul, 2), TokenizerError).message).toContain("contains a NUL character");
  });
});
