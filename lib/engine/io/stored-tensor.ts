/**
 * A tensor as the database stores it (lib/db/tensors: little-endian F32, F16 or BF16 bytes, not
 * widened), and its one widening to Float32. Rule: weights travel as stored (an F16 model's bytes
 * are half its Float32 size) and are widened once, where the engine needs them — the analysis child
 * process, not the server that read them. Pure TypeScript.
 */
import type { Tensor } from "../tensor/tensor";
import { readTensor, type FloatDtype } from "./safetensors";

export interface StoredTensorBytes {
  dtype: FloatDtype;
  shape: number[];
  bytes: Uint8Array;
}

/** Widens stored bytes to Float32: F16 and BF16 exactly (safetensors readTensor), F32 as a view over `t.bytes` (no copy). */
export function decodeStoredTensor(name: string, t: StoredTensorBytes): Tensor<Float32Array> {
  return readTensor({ name, dtype: t.dtype, shape: t.shape, begin: 0, end: t.bytes.length }, t.bytes, { checkFinite: false });
}
