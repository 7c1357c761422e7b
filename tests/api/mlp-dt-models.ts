// Upload fixtures for models with MLP blocks (DT-FORMAT.md): a 1-layer GELU token model in
// TransformerLens names with MLP and LayerNorm, and a small decision transformer with MLPs and LN
// (tests/engine/transformer/dt-fixtures.ts), both encoded by the tests' own safetensors builder.
// Their weights are the seeded random tensors of tests/engine/transformer/fixtures.ts, so a test can
// compare what the platform computes with that file's float64 reference forward pass.
import type { Tensor } from "@/lib/engine/tensor/tensor";
import { dtMetadata, dtTensors, DT_CFG } from "@/tests/engine/transformer/dt-fixtures";
import { randomTensors, type FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { buildSafetensors, type BuilderTensor } from "@/tests/helpers/safetensors-builder";

/** 1 layer, GELU MLP of width 16, LayerNorm, biases; every axis a different size. */
export const GELU_CFG: FixtureConfig = { n_layers: 1, n_heads: 2, d_model: 8, d_head: 3, d_vocab: 7, n_ctx: 6, d_mlp: 16, act_fn: "gelu", ln: true, biases: true };

/** The TL `config` metadata of the GELU model, as HookedTransformerConfig would write it. */
export function geluMetadata(c: FixtureConfig = GELU_CFG): Record<string, string> {
  const { n_layers, n_heads, d_model, d_head, d_vocab, n_ctx, d_mlp, act_fn } = c;
  return { config: JSON.stringify({ n_layers, n_heads, d_model, d_head, d_vocab, n_ctx, d_mlp, act_fn, gated_mlp: false, attn_only: false, normalization_type: "LN", positional_embedding_type: "standard" }) };
}

export function geluTensors(seed = 5): Record<string, Tensor> {
  return randomTensors(GELU_CFG, seed);
}

export function dtModelTensors(seed = 7): Record<string, Tensor> {
  return dtTensors(DT_CFG, seed);
}

export { DT_CFG, dtMetadata };

/** Engine-style tensors → builder tensors (the builder encodes them independently of lib/engine/io). */
export function asBuilder(t: Record<string, Tensor>): Record<string, BuilderTensor> {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, { shape: [...v.shape], data: v.data }]));
}

export function geluFile(tensors = geluTensors(), metadata = geluMetadata()): Uint8Array {
  return buildSafetensors(asBuilder(tensors), { metadata });
}

export function dtFile(tensors = dtModelTensors(), metadata = dtMetadata(DT_CFG)): Uint8Array {
  return buildSafetensors(asBuilder(tensors), { metadata });
}
