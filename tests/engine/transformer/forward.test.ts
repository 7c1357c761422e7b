import { describe, expect, it } from "vitest";
import { loadModel } from "@/lib/engine/transformer/weights";
import { runWithCache, nextTokenLoss } from "@/lib/engine/transformer/forward";
import "@/lib/engine/linalg/kernels-ts";
import { expectClose } from "@/tests/helpers/tolerance";
import { randomTensors, referenceForward, type FixtureConfig } from "./fixtures";

const base: FixtureConfig = { n_layers: 2, n_heads: 3, d_model: 16, d_head: 4, d_vocab: 23, n_ctx: 12 };
const tokens = [3, 7, 7, 1, 22, 0, 3, 7, 9, 14];

async function compare(c: FixtureConfig, seed: number) {
  const t = randomTensors(c, seed);
  const metadata = { config: JSON.stringify({ positional_embedding_type: c.shortformer ? "shortformer" : "standard" }) };
  const model = loadModel(t, { metadata, processing: { fold_ln: false } });
  const cache = await runWithCache(model, tokens);
  const ref = referenceForward(c, t, tokens);
  for (let l = 0; l < c.n_layers; l++) {
    expectClose(cache.pattern[l].data, ref.patterns[l].flat(2), { abs: 1e-5 }, `layer ${l} patterns`);
  }
  expectClose(cache.logits.data, ref.logits.flat(), { abs: 1e-3 }, "logits");
  expectClose(cache.resid_final.data, ref.resid_final.flat(), { abs: 1e-4 }, "resid_final");
  return { model, cache, ref };
}

describe("runWithCache against a float64 reference", () => {
  it("matches on a 2-layer model with standard positions and no biases", async () => {
    await compare(base, 1);
  });
  it("matches on a 2-layer model with biases and shortformer positions", async () => {
    await compare({ ...base, biases: true, shortformer: true }, 2);
  });
  it("matches on a 2-layer model with LayerNorm and biases, unfolded", async () => {
    await compare({ ...base, biases: true, ln: true }, 3);
  });
  it("matches on a 1-layer shortformer model with LayerNorm", async () => {
    await compare({ ...base, n_layers: 1, ln: true, shortformer: true }, 4);
  });
  it("matches on a 0-layer (bigram) model with biases", async () => {
    const { cache } = await compare({ ...base, n_layers: 0, biases: true }, 9);
    expect(cache.pattern).toEqual([]);
  });
  it("matches with LayerNorm folded on load (the default), since fold_ln is exact", async () => {
    const c = { ...base, biases: true, ln: true };
    const t = randomTensors(c, 5);
    const model = loadModel(t);
    expect(model.processing.fold_ln).toBe(true);
    expect(model.config.normalization_type).toBe("LNPre");
    const cache = await runWithCache(model, tokens);
    const ref = referenceForward(c, t, tokens);
    expectClose(cache.pattern[1].data, ref.patterns[1].flat(2), { abs: 1e-5 }, "patterns");
    expectClose(cache.logits.data, ref.logits.flat(), { abs: 1e-3 }, "logits");
  });
});

describe("runWithCache for patterns only", () => {
  it("keepResult: false gives the float64 reference's patterns and residuals with no per-head result", async () => {
    const c = { ...base, n_layers: 3, biases: true, ln: true, shortformer: true };
    const t = randomTensors(c, 11);
    const model = loadModel(t, { metadata: { config: JSON.stringify({ positional_embedding_type: "shortformer" }) }, processing: { fold_ln: false } });
    const cache = await runWithCache(model, tokens, { keepResult: false });
    const ref = referenceForward(c, t, tokens);
    for (let l = 0; l < c.n_layers; l++) {
      expectClose(cache.pattern[l].data, ref.patterns[l].flat(2), { abs: 1e-5 }, `layer ${l} patterns`);
      expect(cache.result[l].data.length).toBe(0);
    }
    expectClose(cache.resid_final.data, ref.resid_final.flat(), { abs: 1e-4 }, "resid_final");
    expectClose(cache.logits.data, ref.logits.flat(), { abs: 1e-3 }, "logits");
  });

  it("stopAfterPattern gives every layer's reference pattern and leaves the last layer's V, z, output and the logits empty", async () => {
    const c = { ...base, biases: true, shortformer: true };
    const t = randomTensors(c, 12);
    const model = loadModel(t, { metadata: { config: JSON.stringify({ positional_embedding_type: "shortformer" }) } });
    const cache = await runWithCache(model, tokens, { stopAfterPattern: true });
    const ref = referenceForward(c, t, tokens);
    for (let l = 0; l < c.n_layers; l++) expectClose(cache.pattern[l].data, ref.patterns[l].flat(2), { abs: 1e-5 }, `layer ${l} patterns`);
    const last = c.n_layers - 1;
    expect(cache.result[0].data.length).toBe(c.n_heads * tokens.length * c.d_model);
    expect([cache.v[last].data.length, cache.z[last].data.length, cache.result[last].data.length, cache.resid_post[last].data.length]).toEqual([0, 0, 0, 0]);
    expect([cache.resid_final.shape, cache.logits.shape, cache.log_probs]).toEqual([[tokens.length, 0], [tokens.length, 0], null]);
  });
});

describe("runWithCache invariants", () => {
  it("puts exact zeros above the diagonal and makes every pattern row sum to 1", async () => {
    const model = loadModel(randomTensors(base, 6));
    const cache = await runWithCache(model, tokens);
    const n = tokens.length;
    for (const pat of cache.pattern) {
      for (let h = 0; h < base.n_heads; h++) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) {
            const v = pat.data[(h * n + i) * n + j];
            if (j > i) expect(v).toBe(0);
            s += v;
          }
          expectClose(s, 1, { abs: 1e-6 }, "row sum");
        }
      }
    }
    expect(cache.pattern[0].shape).toEqual([3, n, n]);
    expect(cache.q[1].shape).toEqual([3, n, 4]);
    expect(cache.result[0].shape).toEqual([3, n, 16]);
  });

  it("gives log-probs whose exponentials sum to 1 and a loss equal to the mean of −log p(next token)", async () => {
    const model = loadModel(randomTensors(base, 7));
    const cache = await runWithCache(model, tokens);
    const V = base.d_vocab;
    let manual = 0;
    for (let p = 0; p < tokens.length; p++) {
      let s = 0;
      for (let j = 0; j < V; j++) s += Math.exp(cache.log_probs!.data[p * V + j]);
      expectClose(s, 1, { abs: 1e-5 }, "probability sum");
      if (p < tokens.length - 1) manual -= cache.log_probs!.data[p * V + tokens[p + 1]];
    }
    expectClose(nextTokenLoss(cache.logits.data, tokens, V).loss, manual / (tokens.length - 1), { abs: 1e-5 }, "loss");
    expect(cache.log_probs).toBe(cache.log_probs); // computed once, then kept
  });

  it("skips the unembedding when asked, with the same attention activations", async () => {
    const model = loadModel(randomTensors(base, 10));
    const full = await runWithCache(model, tokens);
    const attnOnly = await runWithCache(model, tokens, { unembed: false });
    expect(attnOnly.logits.shape).toEqual([tokens.length, 0]);
    expect(attnOnly.log_probs).toBeNull();
    expect(attnOnly.pattern[1].data).toEqual(full.pattern[1].data);
    expect(attnOnly.resid_final.data).toEqual(full.resid_final.data);
  });

  it("refuses token ids outside the vocabulary and sequences longer than n_ctx", async () => {
    const model = loadModel(randomTensors(base, 8));
    await expect(runWithCache(model, [1, 23])).rejects.toThrow("forward: token 23 at position 1 is not an id in [0, d_vocab = 23)");
    await expect(runWithCache(model, new Array(13).fill(0))).rejects.toThrow("forward: got 13 tokens; need 1 to n_ctx = 12");
  });
});

describe("a hand-worked 1-head model with d_model 2", () => {
  // d_vocab 2, W_E = I, W_pos = 0, W_Q = [[a,0],[0,0]] (d_head 2), W_K = I, so the score of query i
  // on key j is a·[tok_i = 0]·[tok_j = 0]/sqrt(2). W_V = I, W_O = I, W_U = I.
  // Tokens [0, 1, 0]: row 0 attends to itself; row 1 (token 1) has score 0 everywhere → uniform
  // [1/2, 1/2]; row 2 (token 0) scores keys 0 and 2 at a/√2 and key 1 at 0 → weights
  // e^{s}/(2e^{s}+1), 1/(2e^{s}+1), e^{s}/(2e^{s}+1) with s = a/√2.
  it("reproduces the closed-form attention pattern and logits", async () => {
    const a = 1.5;
    const s = a / Math.SQRT2;
    const t = {
      "embed.W_E": { data: new Float32Array([1, 0, 0, 1]), shape: [2, 2] },
      "pos_embed.W_pos": { data: new Float32Array(6), shape: [3, 2] },
      "blocks.0.attn.W_Q": { data: new Float32Array([a, 0, 0, 0]), shape: [1, 2, 2] },
      "blocks.0.attn.W_K": { data: new Float32Array([1, 0, 0, 1]), shape: [1, 2, 2] },
      "blocks.0.attn.W_V": { data: new Float32Array([1, 0, 0, 1]), shape: [1, 2, 2] },
      "blocks.0.attn.W_O": { data: new Float32Array([1, 0, 0, 1]), shape: [1, 2, 2] },
      "unembed.W_U": { data: new Float32Array([1, 0, 0, 1]), shape: [2, 2] },
    };
    const cache = await runWithCache(loadModel(t), [0, 1, 0]);
    const den = 2 * Math.exp(s) + 1;
    const p2 = [Math.exp(s) / den, 1 / den, Math.exp(s) / den];
    expectClose(cache.pattern[0].data, [1, 0, 0, 0.5, 0.5, 0, ...p2], { abs: 1e-6 }, "pattern");
    // logits = resid_final = W_E[tok] + Σ_j pattern[i, j] W_E[tok_j]
    const expected = [1 + 1, 0, 0.5, 1 + 0.5, 1 + p2[0] + p2[2], p2[1]];
    expectClose(cache.logits.data, expected, { abs: 1e-6 }, "logits");
  });
});
