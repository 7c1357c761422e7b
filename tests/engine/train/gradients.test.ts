// The hand-written backward pass against central finite differences of the forward loss, in float64,
// for every parameter tensor of tiny models (both positional kinds, with and without biases).
import { describe, expect, it } from "vitest";
import { backward, forward, Workspace } from "@/lib/engine/train/model";
import { initParams, paramNames, zeroParams, type TrainModelConfig } from "@/lib/engine/train/params";
import { mulberry32 } from "@/lib/engine/train/prng";

/** A loss mask counting every third position (as a trajectory task counts its state tokens). */
const everyThird = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i % 3 === 1 ? 1 : 0));

function relErrors(cfg: TrainModelConfig, seed: number, masked = false): Record<string, number> {
  const p = initParams(cfg, seed);
  // Give biases non-zero values so their paths are exercised, and scale up so attention is not uniform.
  const rng = mulberry32(seed + 1);
  for (const n of paramNames(cfg)) {
    const d = p[n].data;
    for (let i = 0; i < d.length; i++) d[i] = n.includes(".b_") ? 0.3 * rng.normal() : d[i] * 2;
  }
  const batch = 2, T = cfg.n_ctx;
  const tokens = new Int32Array(batch * T).map(() => rng.int(cfg.d_vocab));
  const ws = new Workspace(cfg, batch, T);
  if (masked) ws.lossMask = everyThird(batch * T);
  const grads = zeroParams(cfg);
  forward(cfg, p, tokens, ws);
  backward(cfg, p, tokens, ws, grads);
  const h = 1e-5;
  const out: Record<string, number> = {};
  for (const n of paramNames(cfg)) {
    const d = p[n].data;
    let diff2 = 0, a2 = 0, f2 = 0;
    for (let i = 0; i < d.length; i++) {
      const orig = d[i];
      d[i] = orig + h;
      const lp = forward(cfg, p, tokens, ws);
      d[i] = orig - h;
      const lm = forward(cfg, p, tokens, ws);
      d[i] = orig;
      const fd = (lp - lm) / (2 * h);
      const an = grads[n].data[i];
      diff2 += (fd - an) ** 2;
      a2 += an * an;
      f2 += fd * fd;
    }
    // b_K's true gradient is exactly 0 (softmax is invariant to q·b_K, the same for every key), so
    // both sides are round-off there: it is checked by absolute difference instead (see below).
    out[n] = n.endsWith("b_K") ? Math.sqrt(diff2) : Math.sqrt(diff2) / Math.max(Math.sqrt(a2), Math.sqrt(f2));
  }
  return out;
}

const base = { n_layers: 2, n_heads: 2, d_model: 6, d_head: 3, d_vocab: 7, n_ctx: 5 };

describe("trainer gradients", () => {
  for (const positional_embedding_type of ["standard", "shortformer"] as const) {
    for (const biases of [true, false]) {
      it(`match central finite differences within 1e-4 relative for every tensor (${positional_embedding_type}, biases ${biases})`, () => {
        const cfg: TrainModelConfig = { ...base, positional_embedding_type, biases };
        const errs = relErrors(cfg, 7);
        expect(Object.keys(errs).length).toBe(paramNames(cfg).length);
        for (const [name, e] of Object.entries(errs)) expect(e, name).toBeLessThan(name.endsWith("b_K") ? 1e-8 : 1e-4);
      });
    }
  }

  it("match finite differences with a loss mask, whose loss is the mean over the masked positions only", () => {
    const cfg: TrainModelConfig = { ...base, n_ctx: 7, positional_embedding_type: "standard", biases: true };
    for (const [name, e] of Object.entries(relErrors(cfg, 11, true))) expect(e, name).toBeLessThan(name.endsWith("b_K") ? 1e-8 : 1e-4);
    const p = initParams(cfg, 2);
    const tokens = Int32Array.from({ length: 14 }, (_, i) => (i * 5 + 1) % cfg.d_vocab);
    const ws = new Workspace(cfg, 2, 7);
    forward(cfg, p, tokens, ws);
    const probs = ws.probs.slice();
    // Flat positions 1, 4, 7, 10 count; 13 is the last of its sequence, which predicts nothing.
    const want = [1, 4, 7, 10].reduce((s, n) => s - Math.log(probs[n * cfg.d_vocab + tokens[n + 1]]), 0) / 4;
    ws.lossMask = everyThird(14);
    expect(forward(cfg, p, tokens, ws)).toBeCloseTo(want, 12);
  });

  it("give b_K a zero gradient, since adding q·b_K to every key's score leaves the softmax unchanged", () => {
    const cfg: TrainModelConfig = { ...base, positional_embedding_type: "standard", biases: true };
    const p = initParams(cfg, 5);
    const ws = new Workspace(cfg, 2, 5);
    const g = zeroParams(cfg);
    const tokens = Int32Array.from([1, 2, 3, 4, 5, 6, 0, 1, 2, 3]);
    forward(cfg, p, tokens, ws);
    backward(cfg, p, tokens, ws, g);
    for (const l of [0, 1]) for (const x of g[`blocks.${l}.attn.b_K`].data) expect(Math.abs(x)).toBeLessThan(1e-15);
    expect(g["blocks.0.attn.b_Q"].data.some((x) => Math.abs(x) > 1e-6)).toBe(true);
  });

  it("match finite differences for a zero-layer model (direct path W_E W_U only)", () => {
    const cfg: TrainModelConfig = { ...base, n_layers: 0, positional_embedding_type: "standard", biases: true };
    for (const [name, e] of Object.entries(relErrors(cfg, 3))) expect(e, name).toBeLessThan(1e-4);
  });

  it("give W_pos a zero gradient in a shortformer model without layers, since positions never reach the logits", () => {
    const cfg: TrainModelConfig = { ...base, n_layers: 0, positional_embedding_type: "shortformer", biases: false };
    const p = initParams(cfg, 1);
    const ws = new Workspace(cfg, 1, 5);
    const g = zeroParams(cfg);
    const tokens = Int32Array.from([1, 2, 3, 4, 5]);
    forward(cfg, p, tokens, ws);
    backward(cfg, p, tokens, ws, g);
    expect(g["pos_embed.W_pos"].data.every((x) => x === 0)).toBe(true);
    expect(g["embed.W_E"].data.some((x) => x !== 0)).toBe(true);
  });

  it("reject token ids outside the vocabulary with a message naming the position", () => {
    const cfg: TrainModelConfig = { ...base, positional_embedding_type: "standard", biases: false };
    const ws = new Workspace(cfg, 1, 5);
    expect(() => forward(cfg, initParams(cfg, 1), Int32Array.from([0, 1, 9, 2, 3]), ws)).toThrow(/token 9 at 2 is outside \[0, d_vocab=7\)/);
  });
});
