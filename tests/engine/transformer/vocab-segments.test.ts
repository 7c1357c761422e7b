// `__metadata__.vocab_segments` (issue 10 item 3; lib/engine/transformer/vocab-segments.ts): hand-written
// cases naming the field at fault, the path through inferConfig and storedConfig, and a property-based
// fuzz whose oracle is a brute-force cover array (each id marked by the segments holding it), a
// different code path from the parser's sort-and-compare and the lookup's binary search.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelFormatError } from "@/lib/engine/io/format-error";
import { SafetensorsError } from "@/lib/engine/io/safetensors";
import { inferConfig } from "@/lib/engine/transformer/config";
import { storedConfig } from "@/lib/engine/transformer/stored-config";
import { MAX_SEGMENT_NAME_LENGTH, MAX_VOCAB_SEGMENTS, parseVocabSegments, segmentLookup } from "@/lib/engine/transformer/vocab-segments";
import { fuzzRuns, jsonText, nastyString, nastyValue, nested } from "@/tests/helpers/fuzz-safetensors";

const V = 20;
const seg = (name: string, start: number, end: number) => ({ name, start, end });
const refused = (value: unknown, field: RegExp, d_vocab = V) => {
  const run = () => parseVocabSegments(typeof value === "string" ? value : JSON.stringify(value), d_vocab);
  expect(run).toThrow(SafetensorsError);
  expect(run).toThrow(field);
};

/** Shapes of a 1-layer, 2-head attention-only token model with d_vocab V. */
function tokenShapes(): Map<string, number[]> {
  const [D, H, E, T] = [8, 2, 4, 6];
  return new Map<string, number[]>([
    ["embed.W_E", [V, D]], ["pos_embed.W_pos", [T, D]], ["unembed.W_U", [D, V]],
    ["blocks.0.attn.W_Q", [H, D, E]], ["blocks.0.attn.W_K", [H, D, E]], ["blocks.0.attn.W_V", [H, D, E]], ["blocks.0.attn.W_O", [H, E, D]],
  ]);
}

describe("parseVocabSegments", () => {
  it("is undefined without the key and keeps valid segments in the file's order", () => {
    expect(parseVocabSegments(undefined, V)).toBeUndefined();
    const s = [seg("ops", 10, 14), seg("digits", 0, 10), seg("end", 19, 20)];
    expect(parseVocabSegments(JSON.stringify(s), V)).toEqual(s);
  });

  it("refuses overlapping, out-of-range and malformed segments, naming the field", () => {
    refused([seg("a", 0, 10), seg("b", 9, 12)], /^__metadata__\.vocab_segments\[1\] \[9, 12\) overlaps __metadata__\.vocab_segments\[0\]/);
    refused([seg("b", 5, 12), seg("a", 0, 6)], /vocab_segments\[0\] \[5, 12\) overlaps __metadata__\.vocab_segments\[1\]/);
    refused([seg("a", 0, 21)], /^__metadata__\.vocab_segments\[0\]\.end must be an integer from 1 to 20/);
    refused([seg("a", 20, 21)], /^__metadata__\.vocab_segments\[0\]\.start must be an integer token id from 0 to 19/);
    refused([seg("a", -1, 2)], /vocab_segments\[0\]\.start/);
    refused([seg("a", 3, 3)], /vocab_segments\[0\]\.end/);
    refused([seg("a", 0, 2.5)], /vocab_segments\[0\]\.end/);
    refused([seg("a", 0, 2), seg("a", 2, 4)], /vocab_segments\[1\]\.name repeats the name "a"/);
    refused([seg("", 0, 2)], /vocab_segments\[0\]\.name must be a string of 1 to 64/);
    refused([seg("x".repeat(MAX_SEGMENT_NAME_LENGTH + 1), 0, 2)], /vocab_segments\[0\]\.name.*MAX_SEGMENT_NAME_LENGTH/);
    refused([seg("a\u0000", 0, 2)], /vocab_segments\[0\]\.name holds a NUL/);
    refused([{ start: 0, end: 2 }], /vocab_segments\[0\]\.name/);
    refused([[0, 2]], /vocab_segments\[0\] must be an object/);
    refused({ digits: [0, 10] }, /^__metadata__\.vocab_segments must be a JSON array/);
    refused([], /has 0 segments; it must have 1 to 64/);
    refused("[{", /vocab_segments is not valid JSON/);
  });

  it("bounds the segment count before looking at any segment", () => {
    const many = Array.from({ length: MAX_VOCAB_SEGMENTS + 1 }, (_, i) => seg(`s${i}`, i, i + 1));
    refused(many, /has 65 segments.*MAX_VOCAB_SEGMENTS/, 1000);
    expect(parseVocabSegments(JSON.stringify(many.slice(0, MAX_VOCAB_SEGMENTS)), 1000)).toHaveLength(MAX_VOCAB_SEGMENTS);
    refused(nested(100_000, "array").text, /nests .* levels deep/);
  });

  it("segmentLookup names the segment of every id, null outside all of them", () => {
    const look = segmentLookup([seg("ops", 10, 14), seg("digits", 0, 10)]);
    expect([0, 9, 10, 13, 14, 19].map(look)).toEqual(["digits", "digits", "ops", "ops", null, null]);
    expect(segmentLookup(undefined)(3)).toBeNull();
  });
});

describe("vocab_segments through inferConfig and storedConfig", () => {
  it("stores the segments of a token model in its config", () => {
    const segments = [seg("digits", 0, 10), seg("ops", 10, 14)];
    const validated = inferConfig(tokenShapes(), { vocab_segments: JSON.stringify(segments) });
    expect(validated.segments).toEqual(segments);
    expect(storedConfig(validated).vocab_segments).toEqual(segments);
    expect(storedConfig(inferConfig(tokenShapes(), {})).vocab_segments).toBeUndefined();
  });

  it("checks the segments against d_vocab from embed.W_E", () => {
    expect(() => inferConfig(tokenShapes(), { vocab_segments: JSON.stringify([seg("all", 0, V + 1)]) })).toThrow(/vocab_segments\[0\]\.end must be an integer from 1 to 20 \(exclusive end, d_vocab 20\)/);
  });
});

/** The segment list the parser must accept, by brute force: every id covered at most once, all fields in range. */
function oracleAccepts(v: unknown, d_vocab: number): boolean {
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_VOCAB_SEGMENTS) return false;
  const cover = new Uint8Array(d_vocab);
  const names: string[] = [];
  for (const s of v) {
    if (typeof s !== "object" || s === null || Array.isArray(s)) return false;
    const { name, start, end } = s as Record<string, unknown>;
    if (typeof name !== "string" || name.length === 0 || name.length > MAX_SEGMENT_NAME_LENGTH || names.includes(name)) return false;
    if (/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name)) return false;
    names.push(name);
    if (typeof start !== "number" || typeof end !== "number" || !Number.isInteger(start) || !Number.isInteger(end)) return false;
    if (start < 0 || end > d_vocab || start >= end) return false;
    for (let i = start; i < end; i++) if (cover[i]++ > 0) return false;
  }
  return true;
}

const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("digits", "ops", "words", "a", "b", "c", "special") }, { weight: 1, arbitrary: nastyString }, { weight: 1, arbitrary: fc.string({ maxLength: 70 }) });
const bound = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: -2, max: 34 }) }, { weight: 1, arbitrary: nastyValue }, { weight: 1, arbitrary: fc.double() });
const segmentValue = fc.oneof({ weight: 10, arbitrary: fc.record({ name, start: bound, end: bound }, { requiredKeys: [] }) }, { weight: 1, arbitrary: nastyValue });
/** Disjoint segments from sorted cut points (shuffled), then sometimes one field nudged by ±1 or replaced: near the boundary of validity. */
const nearValidCase = fc
  .tuple(fc.integer({ min: 1, max: 32 }), fc.uniqueArray(fc.integer({ min: 0, max: 32 }), { minLength: 2, maxLength: 10 }), fc.boolean(), fc.option(fc.tuple(fc.nat(), fc.constantFrom("start", "end", "name"), fc.constantFrom(-1, 1))))
  .map(([d_vocab, cuts, gaps, edit]): [unknown, number] => {
    const c = [...new Set(cuts.map((x) => Math.min(x, d_vocab)))].sort((a, b) => a - b);
    const segs: Record<string, unknown>[] = [];
    for (let i = 0; i + 1 < c.length; i += gaps ? 2 : 1) segs.push({ name: `s${i}`, start: c[i], end: c[i + 1] });
    segs.reverse();
    if (edit && segs.length > 0) {
      const [at, key, delta] = edit;
      const s = segs[at % segs.length];
      s[key] = key === "name" ? `s${Number(String(s.name).slice(1)) + delta * 2}` : (s[key] as number) + delta;
    }
    return [segs, d_vocab];
  });
const segmentsCase = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(fc.oneof({ weight: 10, arbitrary: fc.array(segmentValue, { maxLength: 8 }) }, { weight: 1, arbitrary: nastyValue }), fc.integer({ min: 1, max: 32 })) },
  { weight: 1, arbitrary: nearValidCase },
);

describe("vocab_segments fuzz", () => {
  it("accepts exactly what the brute-force oracle accepts, with a lookup equal to the cover array: 2 000 cases", () => {
    let accepted = 0;
    fc.assert(
      fc.property(segmentsCase, ([value, d_vocab]) => {
        const want = oracleAccepts(value, d_vocab);
        let got: ReturnType<typeof parseVocabSegments>;
        try {
          got = parseVocabSegments(jsonText(value), d_vocab);
        } catch (e) {
          if (!(e instanceof ModelFormatError)) throw new Error(`not a ModelFormatError: ${String(e)}`, { cause: e });
          expect(e.message).toMatch(/^__metadata__\.vocab_segments/);
          expect(want).toBe(false);
          return;
        }
        expect(want).toBe(true);
        accepted++;
        const look = segmentLookup(got);
        for (let id = 0; id < d_vocab; id++) {
          const holder = (value as { name: string; start: number; end: number }[]).find((s) => id >= s.start && id < s.end);
          expect(look(id)).toBe(holder ? holder.name : null);
        }
      }),
      fuzzRuns(2000),
    );
    // The generator must reach both outcomes, or the property says little.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(1700);
  });
});
