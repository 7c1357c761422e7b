/**
 * A 1-layer GELU token model in TransformerLens names (embed, pos_embed, blocks.0.ln1/attn/ln2/mlp,
 * ln_final, unembed), written to safetensors bytes here, read back and analysed. In one layer the MLP
 * sits after the only attention layer, so every attention analysis must equal that of the same file
 * with its MLP and ln2 tensors removed — an independent expectation — while the report says
 * `attentionOnly: false`.
 */
import { describe, expect, it } from "vitest";
import { headReport } from "@/lib/engine/circuits/report";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { loadModel } from "@/lib/engine/transformer/weights";
import "@/lib/engine/linalg/kernels-ts";
import { buildSafetensors } from "@/tests/helpers/safetensors-builder";
import { randomTensors, type FixtureConfig } from "@/tests/engine/transformer/fixtures";

const cfg: FixtureConfig = { n_layers: 1, n_heads: 4, d_model: 32, d_head: 8, d_vocab: 40, n_ctx: 24, d_mlp: 128, act_fn: "gelu", ln: true, biases: true };

function geluFile(withMlp: boolean): Uint8Array {
  const t = randomTensors(cfg, 7);
  const kept = Object.entries(t).filter(([name]) => withMlp || !/\.(mlp|ln2)\./.test(name));
  const config = withMlp
    ? { n_layers: 1, n_heads: 4, d_model: 32, d_head: 8, d_vocab: 40, n_ctx: 24, d_mlp: 128, act_fn: "gelu", attn_only: false, normalization_type: "LN", gated_mlp: false }
    : { n_layers: 1, n_heads: 4, d_model: 32, d_head: 8, d_vocab: 40, n_ctx: 24, attn_only: true, normalization_type: "LN" };
  return buildSafetensors(Object.fromEntries(kept.map(([k, v]) => [k, { shape: [...v.shape], data: v.data }])), { metadata: { config: JSON.stringify(config) } });
}

function load(file: Uint8Array) {
  const { header, tensors } = readSafetensors(file);
  return loadModel(tensors, { metadata: header.metadata });
}

describe("a 1-layer GELU TransformerLens token model", () => {
  it("loads with its MLP and reports attentionOnly: false with the same attention analyses as its attention part", async () => {
    const withMlp = load(geluFile(true));
    const attnPart = load(geluFile(false));
    expect(withMlp.config).toMatchObject({ d_mlp: 128, act_fn: "gelu", gated_mlp: false });
    expect(withMlp.weights.blocks[0].mlp).toBeTruthy();
    const opts = { baselineSamples: 0, batch: 2, repeatLength: 8 };
    const a = await headReport(withMlp, opts);
    const b = await headReport(attnPart, opts);
    expect(a.attentionOnly).toBe(false);
    expect(b.attentionOnly).toBe(true);
    expect(a.heads.map((h) => h.name)).toEqual(["0.0", "0.1", "0.2", "0.3"]);
    expect(a.heads).toEqual(b.heads);
    const trigrams = await skipTrigrams(withMlp.weights, 0, 1, 10);
    expect(trigrams.length).toBeGreaterThan(0);
    expect(trigrams).toEqual(await skipTrigrams(attnPart.weights, 0, 1, 10));
  });
});
