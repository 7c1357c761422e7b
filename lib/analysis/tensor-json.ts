// Big arrays as they travel in analysis results and over GraphQL: `{ shape, dtype, base64 }` with the
// bytes little-endian (FloatTensor / IntTensor in the SDL), never nested JSON lists of numbers.
// Rule: the element count is checked against the shape before anything is encoded, and the bytes
// are little-endian whatever the host (DataView writes them explicitly on a big-endian machine).
import { endianness } from "node:os";

export type TensorDtype = "float32" | "int32";

/** A dense row-major array of `shape` as base64 of little-endian float32 or int32. */
export interface TensorJson {
  readonly shape: number[];
  readonly dtype: TensorDtype;
  readonly base64: string;
}

function checkShape(length: number, shape: readonly number[], op: string): void {
  const n = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isInteger(d) && d >= 0) || n !== length) {
    throw new RangeError(`${op}: ${length} elements do not fill shape [${shape.join(", ")}]`);
  }
}

function encode(bytes: ArrayBufferView, dtype: TensorDtype, values: ArrayLike<number>): string {
  if (endianness() === "LE") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  const out = Buffer.alloc(values.length * 4);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < values.length; i++) {
    if (dtype === "float32") view.setFloat32(i * 4, values[i], true);
    else view.setInt32(i * 4, values[i], true);
  }
  return out.toString("base64");
}

/** `values` (any numbers, rounded to float32) as a FloatTensor of `shape`. */
export function floatTensor(values: ArrayLike<number>, shape: readonly number[]): TensorJson {
  checkShape(values.length, shape, "floatTensor");
  const f = values instanceof Float32Array ? values : Float32Array.from(values);
  return { shape: [...shape], dtype: "float32", base64: encode(f, "float32", f) };
}

/** Integer `values` (ids, indices) as an IntTensor of `shape`. */
export function intTensor(values: ArrayLike<number>, shape: readonly number[]): TensorJson {
  checkShape(values.length, shape, "intTensor");
  const a = values instanceof Int32Array ? values : Int32Array.from(values);
  return { shape: [...shape], dtype: "int32", base64: encode(a, "int32", a) };
}

/** Decodes a tensor (tests, the CLI's readers): Float32Array or Int32Array with its shape. */
export function decodeTensor(t: TensorJson): { shape: number[]; data: Float32Array | Int32Array } {
  const bytes = Buffer.from(t.base64, "base64");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength / 4;
  const data = t.dtype === "float32" ? new Float32Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = t.dtype === "float32" ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  checkShape(n, t.shape, "decodeTensor");
  return { shape: [...t.shape], data };
}
