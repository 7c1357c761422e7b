/**
 * Safetensors parsing over plain bytes (no Node import: the browser, workers and the upload route
 * all use this file). Format: 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: { string: string } }`, then
 * the data section, offsets relative to its start.
 * Rule: nothing leaves this module unvalidated — a header that parses has bounded length, offsets
 * inside the data section that do not overlap, byte lengths matching shape × itemsize, and only
 * F32/F16/BF16 model tensors; every failure is a `SafetensorsError` naming the tensor or field.
 */
import type { Tensor } from "../tensor/tensor";
import { describeValue, ModelFormatError, unstorableCharacter } from "./format-error";
import { jsonDepthBeyond, MAX_HEADER_DEPTH, MAX_METADATA_JSON_DEPTH } from "./json-depth";

/** Any failure to parse or validate a safetensors file. `tensor` names the tensor at fault, if one is. */
export class SafetensorsError extends ModelFormatError {
  constructor(message: string, tensor?: string) {
    super(message, tensor);
    this.name = "SafetensorsError";
  }
}

/** Dtypes the engine loads (widened to Float32). */
export type FloatDtype = "F32" | "F16" | "BF16";
export const FLOAT_DTYPES: readonly FloatDtype[] = ["F32", "F16", "BF16"];

/** Item sizes of every dtype the safetensors format defines, so offsets of any entry can be checked. */
const ITEM_SIZE: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1,
  I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4,
  I64: 8, U64: 8, F64: 8,
};

/** Largest header accepted (the reference implementation's limit): 100 MB. */
export const MAX_HEADER_BYTES = 100_000_000;
/** Most header entries (tensors, buffers included): a 48-layer model with LayerNorm has ~500. */
export const MAX_TENSORS = 4096;
/** Longest tensor name, in UTF-16 code units (TL names are under 40). */
export const MAX_NAME_LENGTH = 200;
/** Largest tensor rank (TL weights have rank ≤ 3). */
export const MAX_RANK = 8;
/** Largest single dimension of a shape. */
export const MAX_DIM = 2 ** 31 - 1;
/** Most `__metadata__` entries. */
export const MAX_METADATA_ENTRIES = 256;
/** Largest `__metadata__` value (a TL config JSON is about 2 KB). */
export const MAX_METADATA_VALUE_LENGTH = 1_000_000;

/**
 * TransformerLens registers these buffers in its state dict (`blocks.{l}.attn.mask` is a BOOL
 * causal mask, `blocks.{l}.attn.IGNORE` a scalar); they carry no weights. By default the parser
 * checks their offsets but neither their dtype nor loads them (see `SafetensorsHeader.skipped`).
 */
export const TL_BUFFER_PATTERN = /^blocks\.\d+\.attn\.(mask|IGNORE)$/;

/** One tensor's header entry; `begin`/`end` are byte offsets within the data section. */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly begin: number;
  readonly end: number;
}

export interface SafetensorsHeader {
  /** N, the JSON header's byte length. */
  readonly headerBytes: number;
  /** Offset of the data section in the file: 8 + N. */
  readonly dataStart: number;
  /** Size of the data section when the total file size was given. */
  readonly dataBytes?: number;
  /** Loadable tensors (dtype F32/F16/BF16), in data-section order. */
  readonly tensors: ReadonlyMap<string, SafetensorsEntry & { dtype: FloatDtype }>;
  /** Entries matched by `skip` (TL buffers by default): offsets checked, never loaded. */
  readonly skipped: readonly SafetensorsEntry[];
  /** The `__metadata__` string map ({} when absent). */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface ParseOptions {
  /** Entries to check structurally but not load; default `TL_BUFFER_PATTERN`. */
  skip?: (name: string) => boolean;
}

function readU64(prefix: Uint8Array): number {
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  return hi * 2 ** 32 + lo; // exact below 2^53; anything near that is refused by the bounds anyway
}

/**
 * Reads and bounds-checks the header length N from the first 8 bytes, so a streaming reader knows
 * how many bytes to buffer before calling `parseSafetensorsHeader`.
 * Throws unless 8 ≤ prefix length, 2 ≤ N ≤ MAX_HEADER_BYTES and (when known) N ≤ totalBytes − 8.
 */
export function safetensorsHeaderLength(prefix: Uint8Array, totalBytes?: number): number {
  if (totalBytes !== undefined && totalBytes < 8) {
    throw new SafetensorsError(`safetensors: file is ${totalBytes} bytes, shorter than the 8-byte header length`);
  }
  if (prefix.length < 8) throw new SafetensorsError(`safetensors: need the first 8 bytes for the header length, got ${prefix.length}`);
  const n = readU64(prefix);
  if (n > MAX_HEADER_BYTES) {
    throw new SafetensorsError(`safetensors: header length ${n} bytes exceeds the ${MAX_HEADER_BYTES}-byte limit`);
  }
  if (totalBytes !== undefined && n > totalBytes - 8) {
    throw new SafetensorsError(`safetensors: header length ${n} bytes exceeds the ${totalBytes - 8} bytes after the length field (file truncated?)`);
  }
  if (n < 2) throw new SafetensorsError(`safetensors: header length ${n} is too small for a JSON object`);
  return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** Refuses a name or metadata string that is too long (`bound` names the limit) or not storable as text. */
function checkText(what: string, text: string, maxLength: number, bound: string): void {
  if (text.length > maxLength) {
    throw new SafetensorsError(`safetensors: ${what} ${JSON.stringify(text.slice(0, 60))}… is ${text.length} characters, more than the ${maxLength}-character limit (${bound})`);
  }
  const bad = unstorableCharacter(text);
  if (bad) throw new SafetensorsError(`safetensors: ${what} ${JSON.stringify(text.slice(0, 60))} contains ${bad}`);
}

function parseEntry(name: string, raw: unknown): SafetensorsEntry {
  checkText("tensor name", name, MAX_NAME_LENGTH, "MAX_NAME_LENGTH");
  if (name.length === 0) throw new SafetensorsError(`safetensors: a tensor name is empty`);
  if (!isPlainObject(raw)) throw new SafetensorsError(`tensor ${name}: header entry must be an object with dtype, shape and data_offsets`, name);
  const { dtype, shape, data_offsets: offsets } = raw;
  if (typeof dtype !== "string") throw new SafetensorsError(`tensor ${name}: dtype must be a string, got ${describeValue(dtype)}`, name);
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every((d) => isCount(d) && d <= MAX_DIM)) {
    throw new SafetensorsError(
      `tensor ${name}: shape must be an array of non-negative integers, at most ${MAX_RANK} of them (MAX_RANK), each ≤ ${MAX_DIM} (MAX_DIM), got ${describeValue(shape, 200)}`,
      name,
    );
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw new SafetensorsError(`tensor ${name}: data_offsets must be [begin, end] with 0 ≤ begin ≤ end, got ${describeValue(offsets)}`, name);
  }
  const itemSize = ITEM_SIZE[dtype];
  if (itemSize === undefined) throw new SafetensorsError(`tensor ${name}: unknown dtype ${dtype}`, name);
  // The product is exact while it stays below 2^53; past that no data_offsets span can match anyway.
  let elements = 1;
  for (const d of shape as number[]) elements = Math.min(elements * d, Number.MAX_SAFE_INTEGER);
  const [begin, end] = offsets as [number, number];
  if (end - begin !== elements * itemSize) {
    throw new SafetensorsError(
      `tensor ${name}: data_offsets [${begin}, ${end}] span ${end - begin} bytes but shape [${shape.join(", ")}] of ${dtype} needs ${elements * itemSize}`,
      name,
    );
  }
  return { name, dtype, shape: [...(shape as number[])], begin, end };
}

function parseMetadata(raw: unknown): Record<string, string> {
  if (!isPlainObject(raw)) throw new SafetensorsError(`safetensors: __metadata__ must be an object of strings`);
  const out: Record<string, string> = {};
  const entries = Object.entries(raw);
  if (entries.length > MAX_METADATA_ENTRIES) {
    throw new SafetensorsError(`safetensors: __metadata__ has ${entries.length} entries, more than the ${MAX_METADATA_ENTRIES}-entry limit (MAX_METADATA_ENTRIES)`);
  }
  for (const [k, v] of entries) {
    checkText("__metadata__ key", k, MAX_NAME_LENGTH, "MAX_NAME_LENGTH");
    if (typeof v !== "string") throw new SafetensorsError(`safetensors: __metadata__.${k} must be a string, got ${typeof v}`);
    checkText(`__metadata__.${k.slice(0, 60)}`, v, MAX_METADATA_VALUE_LENGTH, "MAX_METADATA_VALUE_LENGTH");
    out[k] = v;
  }
  return out;
}

/**
 * Parses a JSON string held in `__metadata__` (`field` names it, e.g. "config"), refusing nesting
 * deeper than MAX_METADATA_JSON_DEPTH before parsing; a SafetensorsError naming the field otherwise.
 */
export function parseMetadataJson(raw: string, field: string): unknown {
  const depth = jsonDepthBeyond(raw, MAX_METADATA_JSON_DEPTH);
  if (depth !== undefined) {
    throw new SafetensorsError(`__metadata__.${field} nests ${depth} levels deep, more than the ${MAX_METADATA_JSON_DEPTH}-level limit (MAX_METADATA_JSON_DEPTH)`);
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new SafetensorsError(`__metadata__.${field} is not valid JSON (${(e as Error).message})`);
  }
}

/**
 * Parses and validates the header from the first bytes of a file (at least 8 + N of them; more is
 * fine, so a whole file works too). With `totalBytes`, offsets are also checked against the data
 * section's size, which catches truncated files before any data is read.
 */
export function parseSafetensorsHeader(prefix: Uint8Array, totalBytes?: number, opts: ParseOptions = {}): SafetensorsHeader {
  const skip = opts.skip ?? ((name: string) => TL_BUFFER_PATTERN.test(name));
  const n = safetensorsHeaderLength(prefix, totalBytes);
  if (prefix.length < 8 + n) {
    throw new SafetensorsError(`safetensors: header needs ${8 + n} bytes but only ${prefix.length} are available (file truncated?)`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(prefix.subarray(8, 8 + n));
  } catch (e) {
    throw new SafetensorsError(`safetensors: header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  const depth = jsonDepthBeyond(text, MAX_HEADER_DEPTH);
  if (depth !== undefined) throw new SafetensorsError(`safetensors: header JSON nests ${depth} levels deep, more than the ${MAX_HEADER_DEPTH}-level limit (MAX_HEADER_DEPTH)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SafetensorsError(`safetensors: header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (!isPlainObject(json)) throw new SafetensorsError(`safetensors: header must be a JSON object`);

  const names = Object.keys(json);
  if (names.length > MAX_TENSORS + 1) {
    throw new SafetensorsError(`safetensors: header has ${names.length} entries, more than the ${MAX_TENSORS}-tensor limit (MAX_TENSORS)`);
  }
  const dataBytes = totalBytes === undefined ? undefined : totalBytes - 8 - n;
  let metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(json)) {
    if (name === "__metadata__") {
      metadata = parseMetadata(raw);
      continue;
    }
    const entry = parseEntry(name, raw);
    if (dataBytes !== undefined && entry.end > dataBytes) {
      throw new SafetensorsError(
        `tensor ${name}: data_offsets [${entry.begin}, ${entry.end}] run past the ${dataBytes}-byte data section (file truncated?)`,
        name,
      );
    }
    entries.push(entry);
  }

  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    // Zero-byte tensors occupy nothing and cannot overlap.
    if (cur.begin < prev.end && cur.end > cur.begin) {
      throw new SafetensorsError(
        `tensor ${cur.name}: data_offsets [${cur.begin}, ${cur.end}] overlap ${prev.name} [${prev.begin}, ${prev.end}]`,
        cur.name,
      );
    }
  }

  const tensors = new Map<string, SafetensorsEntry & { dtype: FloatDtype }>();
  const skipped: SafetensorsEntry[] = [];
  for (const e of sorted) {
    if (skip(e.name)) {
      skipped.push(e);
    } else if ((FLOAT_DTYPES as readonly string[]).includes(e.dtype)) {
      tensors.set(e.name, e as SafetensorsEntry & { dtype: FloatDtype });
    } else {
      throw new SafetensorsError(`tensor ${e.name}: dtype ${e.dtype} is not supported (accepted: ${FLOAT_DTYPES.join(", ")})`, e.name);
    }
  }
  return { headerBytes: n, dataStart: 8 + n, dataBytes, tensors, skipped, metadata };
}

let f16Table: Float32Array | undefined;

/** All 65536 half-precision values widened exactly (IEEE 754 binary16 → binary32). */
function halfTable(): Float32Array {
  if (f16Table) return f16Table;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) t[h] = sign * frac * 2 ** -24; // zero and subnormals
    else if (exp === 31) t[h] = frac === 0 ? sign * Infinity : NaN;
    else t[h] = sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  f16Table = t;
  return t;
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface ReadTensorOptions {
  /** Check every value is finite (default true). */
  checkFinite?: boolean;
  /** Always copy F32 data, even when a zero-copy view is possible (default false). */
  copy?: boolean;
}

/**
 * Decodes one tensor from exactly its bytes (`bytes.length === entry.end − entry.begin`), widening
 * F16 and BF16 to Float32 (exact). F32 data aligned to 4 bytes on a little-endian host is returned
 * as a view over `bytes` (no copy) unless `copy`. Non-finite values are refused, naming the tensor
 * and the flat index.
 */
export function readTensor(entry: SafetensorsEntry, bytes: Uint8Array, opts: ReadTensorOptions = {}): Tensor<Float32Array> {
  const { name, dtype, shape } = entry;
  const byteLength = entry.end - entry.begin;
  if (bytes.length !== byteLength) {
    throw new SafetensorsError(`tensor ${name}: expected ${byteLength} bytes, got ${bytes.length}`, name);
  }
  let data: Float32Array;
  if (dtype === "F32") {
    const n = byteLength / 4;
    if (littleEndianHost && !opts.copy && bytes.byteOffset % 4 === 0) {
      data = new Float32Array(bytes.buffer, bytes.byteOffset, n);
    } else {
      data = new Float32Array(n);
      const view = new DataView(bytes.buffer, bytes.byteOffset, byteLength);
      for (let i = 0; i < n; i++) data[i] = view.getFloat32(4 * i, true);
    }
  } else if (dtype === "F16" || dtype === "BF16") {
    const n = byteLength / 2;
    data = new Float32Array(n);
    if (dtype === "F16") {
      const table = halfTable();
      for (let i = 0; i < n; i++) data[i] = table[bytes[2 * i] | (bytes[2 * i + 1] << 8)];
    } else {
      // bfloat16 is the top half of a float32: shift its bits up by 16.
      if (!littleEndianHost) throw new SafetensorsError(`tensor ${name}: BF16 widening needs a little-endian host`, name);
      const bits = new Uint32Array(data.buffer);
      for (let i = 0; i < n; i++) bits[i] = (bytes[2 * i] | (bytes[2 * i + 1] << 8)) << 16;
    }
  } else {
    throw new SafetensorsError(`tensor ${name}: dtype ${dtype} is not supported (accepted: ${FLOAT_DTYPES.join(", ")})`, name);
  }
  if (opts.checkFinite !== false) assertFiniteTensor(name, data);
  return { data, shape: [...shape] };
}

/**
 * Throws a SafetensorsError naming the tensor and the first flat index holding NaN or ±Infinity.
 * `firstIndex` is the flat index of data[0] when checking a tensor piece by piece (streaming).
 */
export function assertFiniteTensor(name: string, data: Float32Array, firstIndex = 0): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) throw new SafetensorsError(`tensor ${name}: non-finite value ${v} at flat index ${firstIndex + i}`, name);
  }
}

/**
 * Checks one piece of a tensor's bytes (a whole number of items, starting `byteOffset` bytes into
 * the tensor) for non-finite values, so a stream can be validated without holding the tensor.
 */
export function assertFinitePiece(entry: Pick<SafetensorsEntry, "name" | "dtype">, piece: Uint8Array, byteOffset: number): void {
  const itemSize = ITEM_SIZE[entry.dtype];
  if (!(FLOAT_DTYPES as readonly string[]).includes(entry.dtype)) {
    throw new SafetensorsError(`tensor ${entry.name}: dtype ${entry.dtype} is not supported (accepted: ${FLOAT_DTYPES.join(", ")})`, entry.name);
  }
  if (piece.length % itemSize !== 0 || byteOffset % itemSize !== 0) {
    throw new SafetensorsError(`tensor ${entry.name}: piece at byte ${byteOffset} of ${piece.length} bytes is not a whole number of ${entry.dtype} items`, entry.name);
  }
  const n = piece.length / itemSize;
  const values = readTensor({ name: entry.name, dtype: entry.dtype, shape: [n], begin: 0, end: piece.length }, piece, { checkFinite: false }).data;
  assertFiniteTensor(entry.name, values, byteOffset / itemSize);
}

/**
 * Parses a whole file held in memory and decodes every loadable tensor (F32 as views into `file`
 * where aligned). For large files on the server prefer `loadSafetensorsFile` (safetensors-file.ts).
 */
export function readSafetensors(file: Uint8Array, opts: ParseOptions & ReadTensorOptions = {}): { header: SafetensorsHeader; tensors: Map<string, Tensor<Float32Array>> } {
  const header = parseSafetensorsHeader(file, file.length, opts);
  const tensors = new Map<string, Tensor<Float32Array>>();
  for (const entry of header.tensors.values()) {
    const bytes = file.subarray(header.dataStart + entry.begin, header.dataStart + entry.end);
    tensors.set(entry.name, readTensor(entry, bytes, opts));
  }
  return { header, tensors };
}
