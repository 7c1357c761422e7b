// fast-check arbitraries of hostile safetensors files, for the parser's unit fuzz suite and the
// upload route's integration fuzz suite: a valid tiny model mutated at the byte level (flips,
// inserts, deletes, truncation), at the header level (huge, negative and non-integer shape dims and
// offsets, duplicate names, NUL and lone surrogates in names and metadata, huge layer indices, deep
// JSON nesting, a hostile `__metadata__.config`) and in the header length field (lies).
// Header JSON is written by `jsonText` below, so a mutation can place raw tokens JSON.stringify
// cannot produce (duplicate keys, 1e400, 30-digit integers, 100 000-deep nesting).
import fc from "fast-check";
import { tinyTensors } from "@/tests/api/tiny-model";
import { dtMetadata, dtTensors } from "@/tests/engine/transformer/dt-fixtures";
import type { FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { buildSafetensors } from "./safetensors-builder";

/** A small decision transformer with MLPs and LayerNorm (DT-FORMAT.md), the third base file. */
const DT_SMALL: FixtureConfig = { n_layers: 1, n_heads: 2, d_model: 4, d_head: 2, d_vocab: 3, n_ctx: 6, d_mlp: 4, act_fn: "gelu", ln: true, biases: true };

/** A JSON fragment written verbatim (a number literal JSON.stringify cannot produce, deep nesting). */
export class Raw {
  constructor(readonly text: string) {}
}

/** An object whose keys may repeat (written in order, as a hostile client would). */
export class Pairs {
  constructor(readonly pairs: [string, unknown][]) {}
}

/** Serialises plain values, `Raw` fragments and `Pairs` objects to JSON text. */
export function jsonText(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Pairs) return `{${value.pairs.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  if (value !== null && typeof value === "object") return jsonText(new Pairs(Object.entries(value)));
  return JSON.stringify(value) ?? "null";
}

/** `depth` nested arrays (or objects) around `inner`: deep nesting without recursion. */
export function nested(depth: number, kind: "array" | "object", inner = "1"): Raw {
  const [open, close] = kind === "array" ? ["[", "]"] : ['{"a":', "}"];
  return new Raw(open.repeat(depth) + inner + close.repeat(depth));
}

/** Numbers a header should never contain, as JSON literals. */
const nastyNumberLiteral: fc.Arbitrary<Raw> = fc
  .oneof(
    fc.constantFrom("-1", "-0", "0.5", "1.0000000001", "1e400", "-1e400", "1e308", "2147483648", "4294967296", "9007199254740993", "18446744073709551616", "123456789012345678901234567890", "1e-400"),
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  )
  .map((t) => new Raw(t));

/** Text a database cannot store or a parser should bound: NUL, lone surrogates, very long. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "\u0000", "a\u0000b", "\ud800", "x\udc00", "\udbff\u0000", "\ud83d\ude00", "__metadata__", " ", "\uffff", "\ufeff"),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 190, max: 5000 }).map((n) => "n".repeat(n)),
);

/** Layer indices a file may name: at and above MAX_LAYERS, huge, with many digits, leading zeros. */
const nastyLayer: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("255", "256", "257", "30000000", "4294967296", "9007199254740993", "9".repeat(150), "00", "01", "-1", "1e3"),
  fc.nat().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
);

/** Tensor names: TL names at hostile layer indices, and hostile text. */
export const nastyName: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(nastyLayer, fc.constantFrom("attn.W_Q", "attn.W_K", "attn.W_V", "attn.W_O", "attn.b_O", "attn.b_Q", "ln1.w", "ln1.b", "mlp.W_in", "mlp.W_out", "attn.mask", "attn.IGNORE")).map(([l, w]) => `blocks.${l}.${w}`),
  nastyString,
  fc.tuple(fc.constantFrom("embed.W_E", "pos_embed.W_pos", "unembed.W_U", "blocks.0.attn.W_Q"), nastyString).map(([n, s]) => n + s),
);

/** Any JSON value, hostile ones first: deep nesting, hostile numbers and strings, wrong types. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyNumberLiteral,
  nastyString,
  fc.constantFrom(null, true, false, [], {}, [[]], [null], ["1"], [1, 2, 3]),
  fc.tuple(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom("array" as const, "object" as const)).map(([d, k]) => nested(d, k)),
  fc.array(nastyNumberLiteral, { maxLength: 12 }),
);

/** A shape: mostly arrays of hostile numbers (ranks 0 … 12), sometimes not an array at all. */
const nastyShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(fc.oneof(nastyNumberLiteral, fc.nat({ max: 8 }).map((n) => new Raw(String(n)))), { maxLength: 12 }),
  nastyValue,
);

const nastyOffsets: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(nastyNumberLiteral, nastyNumberLiteral),
  fc.tuple(fc.nat({ max: 2000 }), fc.nat({ max: 2000 })).map(([a, b]) => [a, b]),
  fc.array(nastyNumberLiteral, { maxLength: 4 }),
  nastyValue,
);

const nastyDtype: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("F32", "F16", "BF16", "F64", "I64", "BOOL", "U8", "f32", "", "F8_E4M3", "\u0000"),
  nastyValue,
);

/** A header entry: `[name, entry]` of the base file. */
type Entry = [string, unknown];

/** One structural change to the header's entries (indices are taken modulo the entry count). */
type HeaderMutation = (entries: Entry[]) => Entry[];

const pick = (entries: Entry[], i: number) => (entries.length === 0 ? -1 : i % entries.length);

function setField(entries: Entry[], i: number, field: string, value: unknown): Entry[] {
  const at = pick(entries, i);
  if (at < 0) return entries;
  const [name, raw] = entries[at];
  const next = raw !== null && typeof raw === "object" && !(raw instanceof Raw) ? { ...(raw as object), [field]: value } : { [field]: value };
  return entries.map((e, j) => (j === at ? [name, next] : e));
}

const headerMutation: fc.Arbitrary<HeaderMutation> = fc.oneof(
  fc.tuple(fc.nat(), nastyShape).map(([i, v]): HeaderMutation => (es) => setField(es, i, "shape", v)),
  fc.tuple(fc.nat(), fc.nat({ max: 3 }), nastyNumberLiteral).map(([i, d, v]): HeaderMutation => (es) => {
    const at = pick(es, i);
    const shape = at < 0 ? undefined : (es[at][1] as { shape?: unknown } | null)?.shape;
    if (!Array.isArray(shape)) return es;
    const next = [...shape];
    next[d % Math.max(1, next.length)] = v;
    return setField(es, i, "shape", next);
  }),
  fc.tuple(fc.nat(), nastyOffsets).map(([i, v]): HeaderMutation => (es) => setField(es, i, "data_offsets", v)),
  fc.tuple(fc.nat(), nastyDtype).map(([i, v]): HeaderMutation => (es) => setField(es, i, "dtype", v)),
  fc.tuple(fc.nat(), fc.string(), nastyValue).map(([i, k, v]): HeaderMutation => (es) => setField(es, i, k, v)),
  fc.tuple(fc.nat(), nastyName).map(([i, n]): HeaderMutation => (es) => es.map((e, j) => (j === pick(es, i) ? [n, e[1]] : e))),
  fc.tuple(fc.nat(), fc.option(nastyValue)).map(([i, v]): HeaderMutation => (es) => {
    const at = pick(es, i);
    return at < 0 ? es : [...es, [es[at][0], v ?? es[at][1]]]; // a duplicate name, same or other entry
  }),
  fc.tuple(nastyName, nastyValue).map(([n, v]): HeaderMutation => (es) => [...es, [n, v]]),
  fc.nat().map((i): HeaderMutation => (es) => es.filter((_, j) => j !== pick(es, i))),
  fc.tuple(nastyName, fc.integer({ min: 0, max: 200 })).map(([n, count]): HeaderMutation => (es) => [
    ...es,
    ...Array.from({ length: count }, (_, k): Entry => [`${n}${k}`, { dtype: "F32", shape: [0], data_offsets: [0, 0] }]),
  ]),
  metadataMutation().map((m): HeaderMutation => (es) => [...es.filter(([n]) => n !== "__metadata__"), ["__metadata__", m]]),
);

/** A hostile `__metadata__`: wrong types, hostile keys and values, a hostile `config` JSON string. */
function metadataMutation(): fc.Arbitrary<unknown> {
  const configValue = fc.oneof(
    fc.dictionary(fc.constantFrom("n_layers", "n_heads", "d_model", "d_head", "d_vocab", "n_ctx", "eps", "normalization_type", "positional_embedding_type", "d_mlp", "act_fn", "gated_mlp", "attn_only"), nastyValue, { maxKeys: 6 }).map(jsonText),
    nastyValue.map(jsonText),
    nastyString,
  );
  const dtPaths = ["token_order", "readout", "state", "state.n_features", "state.labels", "state.grid", "state.grid.width", "state.grid.channels", "state.grid.index", "state.encoding", "actions", "actions.labels", "actions.padding_row", "rtg", "rtg.min", "rtg.max"];
  const dtValue = fc.tuple(fc.constantFrom(...dtPaths), nastyValue).map(([path, v]) => {
    const spec = JSON.parse(dtMetadata(DT_SMALL).decision_transformer) as Record<string, unknown>;
    const keys = path.split(".");
    let at: Record<string, unknown> = spec;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1]] = v;
    return jsonText(spec);
  });
  return fc.oneof(
    fc.dictionary(nastyString, nastyString, { maxKeys: 5 }),
    fc.record({ config: configValue }),
    fc.record({ config: fc.constant(dtMetadata(DT_SMALL).config), decision_transformer: fc.oneof(dtValue, nastyValue.map(jsonText)) }),
    fc.integer({ min: 250, max: 2000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]))),
    nastyValue,
  );
}


/** The base files the mutations start from: the tiny TL model without and with biases, and a DT. */
export type BaseKind = "tiny" | "biases" | "dt";
export const BASE_KINDS: readonly BaseKind[] = ["tiny", "biases", "dt"];
const baseKind = fc.constantFrom(...BASE_KINDS);

function baseFile(kind: BaseKind): Uint8Array {
  if (kind === "dt") {
    const tensors = Object.fromEntries(Object.entries(dtTensors(DT_SMALL, 1)).map(([n, t]) => [n, { shape: [...t.shape], data: t.data }]));
    return buildSafetensors(tensors, { metadata: dtMetadata(DT_SMALL) });
  }
  return buildSafetensors(tinyTensors({ biases: kind === "biases" }), { metadata: { config: JSON.stringify({ n_layers: 2, n_ctx: 4 }) } });
}

/** The valid base file's header entries and data section. */
export function baseParts(kind: BaseKind): { entries: Entry[]; data: Uint8Array } {
  const bytes = baseFile(kind);
  const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  return { entries: Object.entries(header), data: bytes.slice(8 + n) };
}

/** A header length field: the true length, or a lie near it, or any 64-bit value. */
const lengthField: fc.Arbitrary<(n: number) => bigint> = fc.oneof(
  { weight: 6, arbitrary: fc.constant((n: number) => BigInt(n)) },
  fc.integer({ min: -16, max: 16 }).map((d) => (n: number) => BigInt(Math.max(0, n + d))),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((v) => () => v),
  fc.constantFrom(0n, 1n, 2n, 100_000_001n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n).map((v) => () => v),
);

/** Assembles a file: 8-byte length (possibly a lie), header text, data. */
export function assemble(headerText: string, data: Uint8Array, length: (n: number) => bigint = (n) => BigInt(n)): Uint8Array {
  const json = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** One byte-level edit at a position given as a fraction of the file, biased to the header. */
type ByteEdit = (bytes: Uint8Array) => Uint8Array;

const position = fc.oneof(fc.nat({ max: 64 }), fc.double({ min: 0, max: 1, noNaN: true }));
const at = (p: number, length: number) => Math.min(length, Number.isInteger(p) ? p : Math.floor(p * length));

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.tuple(position, fc.integer({ min: 1, max: 255 })).map(([p, mask]): ByteEdit => (b) => {
    const i = at(p, b.length - 1);
    const out = b.slice();
    if (i >= 0 && i < out.length) out[i] ^= mask;
    return out;
  }),
  fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([p, ins]): ByteEdit => (b) => {
    const i = at(p, b.length);
    const out = new Uint8Array(b.length + ins.length);
    out.set(b.subarray(0, i));
    out.set(ins, i);
    out.set(b.subarray(i), i + ins.length);
    return out;
  }),
  fc.tuple(position, fc.integer({ min: 1, max: 64 })).map(([p, len]): ByteEdit => (b) => {
    const i = at(p, b.length);
    const out = new Uint8Array(Math.max(0, b.length - Math.min(len, b.length - i)));
    out.set(b.subarray(0, i));
    out.set(b.subarray(Math.min(b.length, i + len)), i);
    return out;
  }),
  position.map((p): ByteEdit => (b) => b.slice(0, at(p, b.length))),
);

/** A header made hostile by 1–4 structural mutations, its length field possibly lying. */
export const mutatedHeaderFile: fc.Arbitrary<Uint8Array> = fc
  .tuple(baseKind, fc.array(headerMutation, { minLength: 1, maxLength: 4 }), lengthField, fc.boolean())
  .map(([kind, mutations, length, padTruncate]) => {
    const { entries, data } = baseParts(kind);
    const mutated = mutations.reduce((es, m) => m(es), entries);
    return assemble(jsonText(new Pairs(mutated)), padTruncate ? data.subarray(0, data.length >> 1) : data, length);
  });

/** A header that is not an object of entries at all, or nests very deeply. */
export const nonObjectHeaderFile: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.oneof(nastyValue, fc.integer({ min: 1, max: 300_000 }).map((d) => nested(d, "object", "{}"))), lengthField)
  .map(([v, length]) => assemble(jsonText(v), new Uint8Array(0), length));

/** A valid file (or one with a hostile header) with 1–6 byte-level edits anywhere, data section included. */
export const byteEditedFile: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: baseKind.map((kind) => {
    const { entries, data } = baseParts(kind);
    return assemble(jsonText(new Pairs(entries)), data);
  }) }, mutatedHeaderFile), fc.array(byteEdit, { minLength: 1, maxLength: 6 }))
  .map(([file, edits]) => edits.reduce((b, e) => e(b), file));

/** Every kind of hostile file above. */
export const hostileSafetensors: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: mutatedHeaderFile },
  { weight: 1, arbitrary: nonObjectHeaderFile },
  { weight: 3, arbitrary: byteEditedFile },
);

/**
 * fast-check options for `numRuns` cases whose failure report stays readable: the seed and path to
 * replay it, the error (with its cause), and the counterexample cut to 2 000 characters.
 */
export function fuzzRuns<T>(numRuns: number): fc.Parameters<T> {
  return {
    numRuns,
    reporter(details) {
      if (!details.failed) return;
      const error = details.errorInstance as Error & { cause?: unknown };
      const cause = error?.cause instanceof Error ? ` (cause: ${error.cause.stack?.split("\n").slice(0, 4).join(" | ")})` : "";
      const example = fc.stringify(details.counterexample);
      throw new Error(
        `property failed after ${details.numRuns} cases (replay with { seed: ${details.seed}, path: "${details.counterexamplePath}" }): ${String(error)}${cause}\ncounterexample (${example.length} chars): ${example.slice(0, 2000)}`,
      );
    },
  };
}
