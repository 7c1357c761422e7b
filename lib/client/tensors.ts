// Decoding the API's big arrays (graphql FloatTensor / IntTensor: `{ shape, dtype, base64 }` of
// little-endian float32 / int32) into typed arrays in the browser. Rule: the shape is checked against
// the byte count before anything is read, and a shape of more than MAX_TENSOR_ELEMENTS is refused.

/** Largest tensor the browser decodes (64 Mi elements, 256 MiB of float32). */
export const MAX_TENSOR_ELEMENTS = 64 * 1024 * 1024;

export interface EncodedTensor {
  shape: number[];
  dtype: string;
  base64: string;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function elementCount(t: EncodedTensor, what: string): number {
  let count = 1;
  for (const d of t.shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`${what}: shape [${t.shape.join(", ")}] has a dimension that is not a non-negative integer`);
    count *= d;
    if (count > MAX_TENSOR_ELEMENTS) throw new RangeError(`${what}: shape [${t.shape.join(", ")}] exceeds ${MAX_TENSOR_ELEMENTS} elements`);
  }
  return count;
}

function decode<T extends Float32Array | Int32Array>(t: EncodedTensor, dtype: string, make: (b: ArrayBuffer, n: number) => T, what: string): T {
  if (t.dtype !== dtype) throw new TypeError(`${what}: expected dtype ${dtype}, got ${t.dtype}`);
  const n = elementCount(t, what);
  // 4 bytes per element: base64 of 4n bytes is ⌈4n/3⌉·4 characters; check before decoding.
  if (t.base64.length !== Math.ceil((4 * n) / 3) * 4) throw new RangeError(`${what}: ${t.base64.length} base64 characters do not hold shape [${t.shape.join(", ")}] of ${dtype}`);
  const bytes = bytesOf(t.base64);
  return make(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 4 * n) as ArrayBuffer, n);
}

/** A FloatTensor's values (little-endian float32, as every browser is). */
export function decodeFloat32(t: EncodedTensor): Float32Array {
  return decode(t, "float32", (b, n) => new Float32Array(b, 0, n), "decodeFloat32");
}

/** An IntTensor's values (little-endian int32). */
export function decodeInt32(t: EncodedTensor): Int32Array {
  return decode(t, "int32", (b, n) => new Int32Array(b, 0, n), "decodeInt32");
}
