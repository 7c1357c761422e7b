/**
 * Test fixtures for the transformer tests: seeded random attention-only models in TL names and an
 * independent float64 reference forward pass written as plain loops (a different code path from
 * lib/engine/transformer/forward.ts: no kernels, no head slicing, float64 throughout).
 * Numbers come from the tests' seeded mulberry32 generator, not from the engine.
 */
import type { Tensor } from "@/lib/engine/tensor/tensor";
import { rng } from "@/tests/engine/linalg/random";

export interface FixtureConfig {
  n_layers: number; n_heads: number; d_model: number; d_head: number; d_vocab: number; n_ctx: number;
  biases?: boolean; ln?: boolean; shortformer?: boolean;
  /** MLP blocks of this width in every layer (TL d_mlp), with act_fn and optionally gated (W_gate). */
  d_mlp?: number; act_fn?: "relu" | "gelu" | "gelu_new" | "gelu_fast" | "silu"; gated?: boolean;
}

/**
 * erf in float64, independently of the engine's fit: its Maclaurin series for |x| < 2, and beyond
 * erfc's continued fraction e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated from depth 120.
 */
export function erfSeries(x: number): number {
  const z = Math.abs(x);
  if (z >= 2) {
    let f = z;
    for (let k = 120; k >= 1; k--) f = z + k / 2 / f;
    return Math.sign(x) * (1 - Math.exp(-z * z) / (Math.sqrt(Math.PI) * f));
  }
  let term = x, sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (-x * x) / k;
    const add = term / (2 * k + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/** The activations by their textbook formulas (float64). */
export function referenceAct(name: NonNullable<FixtureConfig["act_fn"]>, x: number): number {
  if (name === "relu") return Math.max(0, x);
  if (name === "gelu") return 0.5 * x * (1 + erfSeries(x / Math.sqrt(2)));
  if (name === "silu") return x / (1 + Math.exp(-x));
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** Seeded uniform(-1, 1) generator (the linalg tests' mulberry32). */
export function uniform(seed: number): () => number {
  const r = rng(seed);
  return () => 2 * r() - 1;
}

/** Random weights in TL names; scale keeps attention non-trivial but not saturated. */
export function randomTensors(c: FixtureConfig, seed = 1): Record<string, Tensor> {
  const r = uniform(seed);
  const make = (shape: number[], scale: number, offset = 0): Tensor => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = offset + scale * r();
    return { data, shape };
  };
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V, n_ctx: T } = c;
  const s = 1 / Math.sqrt(D);
  const t: Record<string, Tensor> = { "embed.W_E": make([V, D], 1), "pos_embed.W_pos": make([T, D], 0.5) };
  for (let l = 0; l < L; l++) {
    const p = `blocks.${l}.`;
    t[p + "attn.W_Q"] = make([H, D, E], 2 * s);
    t[p + "attn.W_K"] = make([H, D, E], 2 * s);
    t[p + "attn.W_V"] = make([H, D, E], s);
    t[p + "attn.W_O"] = make([H, E, D], 1 / Math.sqrt(E));
    if (c.biases) {
      t[p + "attn.b_Q"] = make([H, E], 0.3);
      t[p + "attn.b_K"] = make([H, E], 0.3);
      t[p + "attn.b_V"] = make([H, E], 0.3);
      t[p + "attn.b_O"] = make([D], 0.3);
    }
    if (c.ln) {
      t[p + "ln1.w"] = make([D], 0.3, 1);
      t[p + "ln1.b"] = make([D], 0.2);
    }
    if (c.d_mlp) {
      t[p + "mlp.W_in"] = make([D, c.d_mlp], 3 * s);
      if (c.gated) t[p + "mlp.W_gate"] = make([D, c.d_mlp], 3 * s);
      t[p + "mlp.b_in"] = make([c.d_mlp], 0.3);
      t[p + "mlp.W_out"] = make([c.d_mlp, D], 1 / Math.sqrt(c.d_mlp));
      t[p + "mlp.b_out"] = make([D], 0.3);
      if (c.ln) {
        t[p + "ln2.w"] = make([D], 0.3, 1);
        t[p + "ln2.b"] = make([D], 0.2);
      }
    }
  }
  t["unembed.W_U"] = make([D, V], s);
  if (c.biases) t["unembed.b_U"] = make([V], 0.3);
  if (c.ln) {
    t["ln_final.w"] = make([D], 0.3, 1);
    t["ln_final.b"] = make([D], 0.2);
  }
  return t;
}

export interface Reference { patterns: number[][][][]; logits: number[][]; resid_final: number[][] }

/**
 * Float64 reference forward pass: plain nested loops over TL's definition (see forward.ts header),
 * with TL MLP / GatedMLP blocks when the config has d_mlp. `embed` [pos][d_model] replaces W_E[tokens]
 * (a decision transformer's typed embedding); positions are still added.
 */
export function referenceForward(c: FixtureConfig, t: Record<string, Tensor>, tokens: number[], eps = 1e-5, embed?: number[][]): Reference {
  const { n_layers: L, n_heads: H, d_model: D, d_head: E } = c;
  const n = tokens.length;
  const at = (name: string, ...idx: number[]) => {
    const w = t[name];
    if (!w) return 0; // absent bias
    let flat = 0;
    for (let i = 0; i < idx.length; i++) flat = flat * w.shape[i] + idx[i];
    return w.data[flat];
  };
  const ln = (x: number[], wName: string | null, bName: string | null) => {
    const mean = x.reduce((a, b) => a + b, 0) / D;
    const varr = x.reduce((a, b) => a + (b - mean) ** 2, 0) / D;
    return x.map((v, j) => ((v - mean) / Math.sqrt(varr + eps)) * (wName ? at(wName, j) : 1) + (bName ? at(bName, j) : 0));
  };
  let resid: number[][] = (embed ?? tokens.map((tok) => Array.from({ length: D }, (_, j) => at("embed.W_E", tok, j)))).map((e, p) =>
    e.map((v, j) => v + (c.shortformer ? 0 : at("pos_embed.W_pos", p, j))));
  const patterns: number[][][][] = [];
  for (let l = 0; l < L; l++) {
    const p = `blocks.${l}.`;
    const xn = resid.map((x) => (c.ln ? ln(x, p + "ln1.w", p + "ln1.b") : [...x]));
    const qkIn = xn.map((x, pos) => x.map((v, j) => v + (c.shortformer ? at("pos_embed.W_pos", pos, j) : 0)));
    const next = resid.map((x) => x.map((v, j) => v + at(p + "attn.b_O", j)));
    const layerPatterns: number[][][] = [];
    for (let h = 0; h < H; h++) {
      const proj = (inp: number[][], W: string, b: string) =>
        inp.map((x) => Array.from({ length: E }, (_, e) => {
          let s = at(b, h, e);
          for (let d = 0; d < D; d++) s += x[d] * at(W, h, d, e);
          return s;
        }));
      const q = proj(qkIn, p + "attn.W_Q", p + "attn.b_Q");
      const k = proj(qkIn, p + "attn.W_K", p + "attn.b_K");
      const v = proj(xn, p + "attn.W_V", p + "attn.b_V");
      const pat: number[][] = [];
      for (let i = 0; i < n; i++) {
        const scores = [];
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let e = 0; e < E; e++) s += q[i][e] * k[j][e];
          scores.push(s / Math.sqrt(E));
        }
        const m = Math.max(...scores);
        const ex = scores.map((s) => Math.exp(s - m));
        const z = ex.reduce((a, b) => a + b, 0);
        pat.push(Array.from({ length: n }, (_, j) => (j <= i ? ex[j] / z : 0)));
      }
      layerPatterns.push(pat);
      for (let i = 0; i < n; i++) {
        for (let e = 0; e < E; e++) {
          let zval = 0;
          for (let j = 0; j <= i; j++) zval += pat[i][j] * v[j][e];
          for (let d = 0; d < D; d++) next[i][d] += zval * at(p + "attn.W_O", h, e, d);
        }
      }
    }
    patterns.push(layerPatterns);
    resid = c.d_mlp ? next.map((x) => referenceMlp(c, t, p, c.ln ? ln(x, p + "ln2.w", p + "ln2.b") : x).map((m, j) => x[j] + m)) : next;
  }
  const V_out = t["unembed.W_U"].shape[1];
  const fin = resid.map((x) => (c.ln ? ln(x, "ln_final.w", "ln_final.b") : x));
  const logits = fin.map((x) => Array.from({ length: V_out }, (_, u) => {
    let s = at("unembed.b_U", u);
    for (let d = 0; d < D; d++) s += x[d] * at("unembed.W_U", d, u);
    return s;
  }));
  return { patterns, logits, resid_final: resid };
}

/** TL MLP (or GatedMLP) of block prefix `p` on one normalised row x [d_model], float64. */
function referenceMlp(c: FixtureConfig, t: Record<string, Tensor>, p: string, x: number[]): number[] {
  const M = c.d_mlp!, D = c.d_model;
  const W = (name: string, i: number, j: number, cols: number) => t[p + name].data[i * cols + j];
  const b = (name: string, i: number) => (t[p + name] ? t[p + name].data[i] : 0);
  const hidden = Array.from({ length: M }, (_, m) => {
    let lin = 0, gate = 0;
    for (let d = 0; d < D; d++) {
      lin += x[d] * W("mlp.W_in", d, m, M);
      if (c.gated) gate += x[d] * W("mlp.W_gate", d, m, M);
    }
    return c.gated ? referenceAct(c.act_fn!, gate) * lin + b("mlp.b_in", m) : referenceAct(c.act_fn!, lin + b("mlp.b_in", m));
  });
  return Array.from({ length: D }, (_, d) => {
    let s = b("mlp.b_out", d);
    for (let m = 0; m < M; m++) s += hidden[m] * W("mlp.W_out", m, d, D);
    return s;
  });
}
