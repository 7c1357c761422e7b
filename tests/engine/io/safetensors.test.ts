import { describe, expect, it } from "vitest";
import {
  parseSafetensorsHeader,
  readSafetensors,
  readTensor,
  safetensorsHeaderLength,
  SafetensorsError,
  MAX_HEADER_BYTES,
  assertFinitePiece,
} from "@/lib/engine/io/safetensors";
import { ModelFormatError } from "@/lib/engine/io/format-error";
import { buildSafetensors, rawSafetensors, toBF16Bits, toF16Bits } from "@/tests/helpers/safetensors-builder";

/** Captures the SafetensorsError thrown by `fn` (failing the test if none is thrown). */
function errorOf(fn: () => unknown): SafetensorsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    expect(e).toBeInstanceOf(ModelFormatError);
    return e as SafetensorsError;
  }
  throw new Error("expected a SafetensorsError, nothing was thrown");
}

const entry = (dtype: string, shape: number[], begin: number, end: number) => ({ dtype, shape, data_offsets: [begin, end] });

describe("parseSafetensorsHeader", () => {
  it("parses a valid file's entries in data order and keeps the __metadata__ string map", () => {
    const file = buildSafetensors(
      { b: { shape: [2], data: [3, 4] }, a: { shape: [1, 3], data: [1, 2, 5] } },
      { metadata: { config: "{}", note: "x" } },
    );
    const h = parseSafetensorsHeader(file, file.length);
    expect([...h.tensors.keys()]).toEqual(["b", "a"]);
    expect(h.tensors.get("a")).toEqual({ name: "a", dtype: "F32", shape: [1, 3], begin: 8, end: 20 });
    expect(h.metadata).toEqual({ config: "{}", note: "x" });
    expect(h.dataStart % 8).toBe(0);
    expect(h.dataBytes).toBe(20);
  });

  it("works on just the header prefix of a stream when the total size is not known", () => {
    const file = buildSafetensors({ w: { shape: [4], data: [1, 2, 3, 4] } });
    const n = safetensorsHeaderLength(file.subarray(0, 8));
    const h = parseSafetensorsHeader(file.subarray(0, 8 + n));
    expect(h.tensors.get("w")?.end).toBe(16);
    expect(h.dataBytes).toBeUndefined();
  });

  it("refuses a prefix shorter than the header it announces", () => {
    const file = buildSafetensors({ w: { shape: [4], data: [1, 2, 3, 4] } });
    expect(errorOf(() => parseSafetensorsHeader(file.subarray(0, 12))).message).toMatch(/header needs \d+ bytes but only 12/);
  });

  it("refuses a truncated file, naming the tensor whose data runs past the end", () => {
    const file = buildSafetensors({ a: { shape: [2], data: [1, 2] }, b: { shape: [4], data: [1, 2, 3, 4] } });
    const cut = file.subarray(0, file.length - 3);
    const e = errorOf(() => parseSafetensorsHeader(cut, cut.length));
    expect(e.tensor).toBe("b");
    expect(e.message).toBe("tensor b: data_offsets [8, 24] run past the 21-byte data section (file truncated?)");
  });

  it("refuses a file shorter than the 8-byte length field", () => {
    expect(errorOf(() => parseSafetensorsHeader(new Uint8Array(5), 5)).message).toMatch(/5 bytes, shorter than the 8-byte/);
  });

  it("refuses a header claiming 2^40 bytes before reading it", () => {
    const prefix = new Uint8Array(16);
    new DataView(prefix.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(errorOf(() => parseSafetensorsHeader(prefix)).message).toBe(
      `safetensors: header length 1099511627776 bytes exceeds the ${MAX_HEADER_BYTES}-byte limit`,
    );
  });

  it("refuses a header longer than the file", () => {
    const prefix = new Uint8Array(16);
    new DataView(prefix.buffer).setBigUint64(0, 1000n, true);
    expect(errorOf(() => safetensorsHeaderLength(prefix, 100)).message).toMatch(/header length 1000 bytes exceeds the 92 bytes/);
  });

  it("refuses overlapping offsets, naming both tensors", () => {
    const header = JSON.stringify({
      "blocks.0.attn.W_K": entry("F32", [25], 0, 100),
      "blocks.0.attn.W_Q": entry("F32", [25], 50, 150),
    });
    const file = rawSafetensors(header, new Uint8Array(150));
    const e = errorOf(() => parseSafetensorsHeader(file, file.length));
    expect(e.tensor).toBe("blocks.0.attn.W_Q");
    expect(e.message).toBe("tensor blocks.0.attn.W_Q: data_offsets [50, 150] overlap blocks.0.attn.W_K [0, 100]");
  });

  it("refuses data_offsets whose length disagrees with shape × itemsize", () => {
    const file = rawSafetensors(JSON.stringify({ w: entry("F16", [3], 0, 8) }), new Uint8Array(8));
    expect(errorOf(() => parseSafetensorsHeader(file, file.length)).message).toBe(
      "tensor w: data_offsets [0, 8] span 8 bytes but shape [3] of F16 needs 6",
    );
  });

  it("refuses malformed entries, naming the tensor and the field", () => {
    const cases: [unknown, RegExp][] = [
      [{ dtype: 1, shape: [1], data_offsets: [0, 4] }, /tensor w: dtype must be a string/],
      [{ dtype: "F32", shape: [-1], data_offsets: [0, 4] }, /tensor w: shape must be an array of non-negative integers/],
      [{ dtype: "F32", shape: [1], data_offsets: [4, 0] }, /tensor w: data_offsets must be \[begin, end\]/],
      [{ dtype: "F32", shape: [1] }, /tensor w: data_offsets must be/],
      [{ dtype: "Q4", shape: [1], data_offsets: [0, 4] }, /tensor w: unknown dtype Q4/],
      [[1, 2], /tensor w: header entry must be an object/],
    ];
    for (const [raw, re] of cases) {
      const file = rawSafetensors(JSON.stringify({ w: raw }), new Uint8Array(4));
      const e = errorOf(() => parseSafetensorsHeader(file, file.length));
      expect(e.message).toMatch(re);
      expect(e.tensor).toBe("w");
    }
  });

  it("refuses an I64 tensor by name and dtype", () => {
    const file = rawSafetensors(JSON.stringify({ "embed.W_E": entry("I64", [2], 0, 16) }), new Uint8Array(16));
    const e = errorOf(() => parseSafetensorsHeader(file, file.length));
    expect(e.message).toBe("tensor embed.W_E: dtype I64 is not supported (accepted: F32, F16, BF16)");
    expect(e.tensor).toBe("embed.W_E");
  });

  it("accepts TransformerLens's BOOL mask and IGNORE buffers as skipped entries", () => {
    const header = JSON.stringify({
      "blocks.0.attn.mask": entry("BOOL", [2, 2], 0, 4),
      "blocks.0.attn.IGNORE": entry("F32", [], 4, 8),
      w: entry("F32", [1], 8, 12),
    });
    const file = rawSafetensors(header, new Uint8Array(12));
    const h = parseSafetensorsHeader(file, file.length);
    expect(h.skipped.map((s) => s.name)).toEqual(["blocks.0.attn.mask", "blocks.0.attn.IGNORE"]);
    expect([...h.tensors.keys()]).toEqual(["w"]);
    expect(errorOf(() => parseSafetensorsHeader(file, file.length, { skip: () => false })).message).toMatch(/dtype BOOL is not supported/);
  });

  it("refuses bad JSON, invalid UTF-8, a non-object header and a non-string metadata value", () => {
    const bad = rawSafetensors('{"w": {"dtype": "F32",', new Uint8Array(0));
    expect(errorOf(() => parseSafetensorsHeader(bad, bad.length)).message).toMatch(/^safetensors: header is not valid UTF-8 JSON/);
    const bytes = rawSafetensors("{}      ");
    bytes[9] = 0xff;
    expect(errorOf(() => parseSafetensorsHeader(bytes, bytes.length)).message).toMatch(/not valid UTF-8 JSON/);
    const arr = rawSafetensors("[1, 2]");
    expect(errorOf(() => parseSafetensorsHeader(arr, arr.length)).message).toBe("safetensors: header must be a JSON object");
    const meta = rawSafetensors(JSON.stringify({ __metadata__: { n: 3 } }));
    expect(errorOf(() => parseSafetensorsHeader(meta, meta.length)).message).toBe("safetensors: __metadata__.n must be a string, got number");
  });
});

describe("readTensor", () => {
  it("reads F32 values as written, as a zero-copy view when aligned", () => {
    const file = buildSafetensors({ w: { shape: [2, 2], data: [1.5, -2, 0.25, 1e-30] } });
    const { tensors } = readSafetensors(file);
    const w = tensors.get("w")!;
    expect(w.shape).toEqual([2, 2]);
    expect([...w.data]).toEqual([1.5, -2, 0.25, Math.fround(1e-30)]);
    expect(w.data.buffer).toBe(file.buffer);
  });

  it("copies F32 data that is not 4-byte aligned and reads it correctly", () => {
    const file = buildSafetensors({ w: { shape: [3], data: [1, 2, 3] } });
    const shifted = new Uint8Array(file.length + 1).subarray(1);
    shifted.set(file);
    const w = readSafetensors(shifted).tensors.get("w")!;
    expect([...w.data]).toEqual([1, 2, 3]);
    expect(w.data.buffer).not.toBe(shifted.buffer);
  });

  it("widens F16 bit patterns exactly (IEEE 754 binary16 table values)", () => {
    // bits → value, from the binary16 definition: 0x3c00 = 1, 0xc000 = −2, 0x3555 = 0.333251953125,
    // 0x7bff = 65504 (largest normal), 0x0001 = 2^−24 (smallest subnormal), 0x0400 = 2^−14, 0x8000 = −0.
    const bits = [0x3c00, 0xc000, 0x3555, 0x7bff, 0x0001, 0x0400, 0x8000];
    const expected = [1, -2, 0.333251953125, 65504, 2 ** -24, 2 ** -14, -0];
    const data = new Uint8Array(bits.length * 2);
    bits.forEach((b, i) => new DataView(data.buffer).setUint16(2 * i, b, true));
    const w = readTensor({ name: "w", dtype: "F16", shape: [bits.length], begin: 0, end: data.length }, data);
    expect([...w.data]).toEqual(expected);
    expect(Object.is(w.data[6], -0)).toBe(true);
  });

  it("widens BF16 bit patterns exactly (top half of the float32 bits)", () => {
    // 0x3f80 = 1, 0xc040 = −3, 0x4049 = 3.140625, 0x0080 = 2^−126, 0x3e20 = 0.15625.
    const bits = [0x3f80, 0xc040, 0x4049, 0x0080, 0x3e20];
    const expected = [1, -3, 3.140625, 2 ** -126, 0.15625];
    const data = new Uint8Array(bits.length * 2);
    bits.forEach((b, i) => new DataView(data.buffer).setUint16(2 * i, b, true));
    const w = readTensor({ name: "w", dtype: "BF16", shape: [bits.length], begin: 0, end: data.length }, data);
    expect([...w.data]).toEqual(expected);
  });

  it("round-trips the test builder's F16 and BF16 encoders on representable values", () => {
    expect(toF16Bits(1)).toBe(0x3c00);
    expect(toF16Bits(65504)).toBe(0x7bff);
    expect(toF16Bits(2 ** -24)).toBe(0x0001);
    expect(toF16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(toBF16Bits(-3)).toBe(0xc040);
    const values = [0.5, -0.75, 3, 1024, 2 ** -20];
    for (const dtype of ["F16", "BF16"] as const) {
      const file = buildSafetensors({ w: { shape: [values.length], data: values } }, { dtype });
      expect([...readSafetensors(file).tensors.get("w")!.data]).toEqual(values);
    }
  });

  it("round-trips every finite F16 bit pattern through the reader and the builder's encoder", () => {
    const bytes = new Uint8Array(65536 * 2);
    for (let h = 0; h < 65536; h++) new DataView(bytes.buffer).setUint16(2 * h, h, true);
    const all = readTensor({ name: "all", dtype: "F16", shape: [65536], begin: 0, end: bytes.length }, bytes, { checkFinite: false }).data;
    for (let h = 0; h < 65536; h++) {
      if (((h >> 10) & 0x1f) === 31) continue; // Infinity and NaN
      if (toF16Bits(all[h]) !== h) throw new Error(`bits 0x${h.toString(16)} → ${all[h]} → 0x${toF16Bits(all[h]).toString(16)}`);
    }
    // Halfway between 1 and the next half (1 + 2^-10) rounds to even (1); just above rounds up.
    expect(toF16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01);
    expect(toF16Bits(70000)).toBe(0x7c00);
  });

  it("refuses a NaN value, naming the tensor and its flat index", () => {
    const file = buildSafetensors({ "blocks.0.attn.W_V": { shape: [2, 2], data: [0, 1, NaN, 3] } });
    const e = errorOf(() => readSafetensors(file));
    expect(e.message).toBe("tensor blocks.0.attn.W_V: non-finite value NaN at flat index 2");
    expect(e.tensor).toBe("blocks.0.attn.W_V");
    const inf = buildSafetensors({ w: { shape: [2], data: [1, -Infinity] } }, { dtype: "F16" });
    expect(errorOf(() => readSafetensors(inf)).message).toBe("tensor w: non-finite value -Infinity at flat index 1");
  });

  it("refuses bytes of the wrong length", () => {
    expect(errorOf(() => readTensor({ name: "w", dtype: "F32", shape: [2], begin: 0, end: 8 }, new Uint8Array(4))).message).toBe(
      "tensor w: expected 8 bytes, got 4",
    );
  });
});

describe("assertFinitePiece", () => {
  it("reports the flat index within the whole tensor when checking a piece of a stream", () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat32(4, Infinity, true);
    const e = errorOf(() => assertFinitePiece({ name: "embed.W_E", dtype: "F32" }, bytes, 400));
    expect(e.message).toBe("tensor embed.W_E: non-finite value Infinity at flat index 101");
    const half = new Uint8Array([0x00, 0x3c, 0x00, 0x7e]); // 1, NaN in F16
    expect(errorOf(() => assertFinitePiece({ name: "w", dtype: "F16", }, half, 2)).message).toBe("tensor w: non-finite value NaN at flat index 2");
    expect(() => assertFinitePiece({ name: "w", dtype: "F16" }, half.subarray(0, 2), 0)).not.toThrow();
    expect(errorOf(() => assertFinitePiece({ name: "w", dtype: "F32" }, bytes.subarray(0, 6), 0)).message).toMatch(/not a whole number of F32 items/);
  });
});
