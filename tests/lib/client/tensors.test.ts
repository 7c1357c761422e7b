import { describe, expect, it } from "vitest";
import { decodeFloat32, decodeInt32, MAX_TENSOR_ELEMENTS } from "@/lib/client/tensors";

const b64 = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

describe("decoding the API's base64 tensors", () => {
  it("round-trips little-endian float32 and int32 of the given shape", () => {
    const f = new Float32Array([0.5, -1.25, 3e-8, 7]);
    expect(Array.from(decodeFloat32({ shape: [2, 2], dtype: "float32", base64: b64(f) }))).toEqual(Array.from(f));
    const i = new Int32Array([1, -2, 2 ** 30]);
    expect(Array.from(decodeInt32({ shape: [3], dtype: "int32", base64: b64(i) }))).toEqual([1, -2, 2 ** 30]);
  });

  it("refuses a wrong dtype, a byte count that does not match the shape, and an oversized shape, naming them", () => {
    const f = new Float32Array([1, 2]);
    expect(() => decodeFloat32({ shape: [2], dtype: "int32", base64: b64(f) })).toThrow(/expected dtype float32, got int32/);
    expect(() => decodeFloat32({ shape: [3], dtype: "float32", base64: b64(f) })).toThrow(/do not hold shape \[3\]/);
    expect(() => decodeFloat32({ shape: [MAX_TENSOR_ELEMENTS, 2], dtype: "float32", base64: "" })).toThrow(/exceeds/);
    expect(() => decodeInt32({ shape: [-1], dtype: "int32", base64: "" })).toThrow(/not a non-negative integer/);
  });
});
