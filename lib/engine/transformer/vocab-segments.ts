/**
 * Token groups of a token model whose vocabulary mixes kinds (issue 10 item 3): the optional
 * `__metadata__.vocab_segments` JSON, e.g.
 *   [{ "name": "digits", "start": 0, "end": 10 }, { "name": "ops", "start": 10, "end": 14 }]
 * Each segment is a named, half-open range [start, end) of token ids (rows of W_E, columns of W_U).
 * Rule: segments are disjoint, lie inside [0, d_vocab), have distinct non-empty names, and there are
 * at most MAX_VOCAB_SEGMENTS of them; ids no segment covers belong to no segment. Every fault is a
 * SafetensorsError whose message starts with the field at fault (`__metadata__.vocab_segments[2].end`).
 */
import { describeValue, unstorableCharacter } from "../io/format-error";
import { parseMetadataJson, SafetensorsError } from "../io/safetensors";

/** Most segments a vocabulary may be split into (checked before any per-segment loop). */
export const MAX_VOCAB_SEGMENTS = 64;
/** Longest segment name. */
export const MAX_SEGMENT_NAME_LENGTH = 64;

/** One validated segment: token ids [start, end). */
export interface VocabSegment {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const FIELD = "__metadata__.vocab_segments";
const fail = (field: string, why: string): never => {
  throw new SafetensorsError(`${field} ${why}`);
};

/** Parses and validates `__metadata__.vocab_segments` against d_vocab; undefined when the key is absent. */
export function parseVocabSegments(raw: string | undefined, d_vocab: number): VocabSegment[] | undefined {
  if (raw === undefined) return undefined;
  const v = parseMetadataJson(raw, "vocab_segments");
  if (!Array.isArray(v)) return fail(FIELD, `must be a JSON array of { name, start, end }, got ${describeValue(v, 40)}`);
  if (v.length < 1 || v.length > MAX_VOCAB_SEGMENTS) fail(FIELD, `has ${v.length} segments; it must have 1 to ${MAX_VOCAB_SEGMENTS} (MAX_VOCAB_SEGMENTS)`);
  const out: VocabSegment[] = [];
  const names = new Set<string>();
  for (const [i, s] of v.entries()) {
    const at = `${FIELD}[${i}]`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) fail(at, `must be an object { name, start, end }, got ${describeValue(s, 40)}`);
    const { name, start, end } = s as Record<string, unknown>;
    if (typeof name !== "string" || name.length < 1 || name.length > MAX_SEGMENT_NAME_LENGTH) {
      fail(`${at}.name`, `must be a string of 1 to ${MAX_SEGMENT_NAME_LENGTH} characters (MAX_SEGMENT_NAME_LENGTH), got ${describeValue(name, 40)}`);
    }
    const bad = unstorableCharacter(name as string);
    if (bad) fail(`${at}.name`, `holds ${bad}`);
    if (names.has(name as string)) fail(`${at}.name`, `repeats the name ${JSON.stringify(name)}`);
    names.add(name as string);
    if (!Number.isInteger(start) || (start as number) < 0 || (start as number) >= d_vocab) {
      fail(`${at}.start`, `must be an integer token id from 0 to ${d_vocab - 1} (d_vocab ${d_vocab}), got ${describeValue(start, 40)}`);
    }
    if (!Number.isInteger(end) || (end as number) <= (start as number) || (end as number) > d_vocab) {
      fail(`${at}.end`, `must be an integer from ${(start as number) + 1} to ${d_vocab} (exclusive end, d_vocab ${d_vocab}), got ${describeValue(end, 40)}`);
    }
    out.push({ name: name as string, start: start as number, end: end as number });
  }
  const byStart = out.map((s, i) => ({ s, i })).sort((a, b) => a.s.start - b.s.start);
  for (let k = 1; k < byStart.length; k++) {
    const prev = byStart[k - 1], cur = byStart[k];
    if (cur.s.start < prev.s.end) {
      fail(`${FIELD}[${cur.i}]`, `[${cur.s.start}, ${cur.s.end}) overlaps ${FIELD}[${prev.i}] [${prev.s.start}, ${prev.s.end}) (${JSON.stringify(prev.s.name)})`);
    }
  }
  return out;
}

/** The name of the segment holding token `id`, or null (binary search over the segments sorted by start). */
export function segmentLookup(segments: readonly VocabSegment[] | undefined): (id: number) => string | null {
  if (!segments || segments.length === 0) return () => null;
  const sorted = [...segments].sort((a, b) => a.start - b.start);
  return (id) => {
    let lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = sorted[mid];
      if (id < s.start) hi = mid - 1;
      else if (id >= s.end) lo = mid + 1;
      else return s.name;
    }
    return null;
  };
}
