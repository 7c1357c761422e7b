/**
 * Test helpers for model-file validation: TL tensors → safetensors bytes (through the tests' own
 * encoder), header validation, and catching the SafetensorsError a fault must raise.
 */
import { expect } from "vitest";
import { validateModelHeader } from "@/lib/engine/transformer/weights";
import { parseSafetensorsHeader, SafetensorsError } from "@/lib/engine/io/safetensors";
import type { Tensor } from "@/lib/engine/tensor/tensor";
import { buildSafetensors } from "@/tests/helpers/safetensors-builder";

export function fileOf(t: Record<string, Tensor>, metadata?: Record<string, string>, dtype?: "F16" | "BF16") {
  return buildSafetensors(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { shape: [...v.shape], data: v.data }])), { metadata, dtype });
}

export function validate(file: Uint8Array) {
  return validateModelHeader(parseSafetensorsHeader(file, file.length));
}

export function faultOf(fn: () => unknown): SafetensorsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    return e as SafetensorsError;
  }
  throw new Error("expected a SafetensorsError");
}
