// The training probe's per-head scores (lib/engine/train/metrics HeadProbe) are the head report's
// definitions: on the probe's own tokens, with the patterns of the inference forward pass (a separate
// implementation from the training one) fed to formulas written out here — ARENA's stripe
// `pattern.diagonal(offset=1-L).mean()` and TL's "mul" previous-token score Σ p[q, q−1] / Σ p.
import { describe, expect, it } from "vitest";
import { HeadProbe } from "@/lib/engine/train/metrics";
import { initParams } from "@/lib/engine/train/params";
import { toSafetensors } from "@/lib/engine/train/export";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { loadModel, NO_PROCESSING } from "@/lib/engine/transformer/weights";

/** ARENA 1.2 induction score of one head's [n, n] pattern: mean of the diagonal at offset 1 − L. */
function arenaStripe(p: ArrayLike<number>, n: number, L: number): number {
  let s = 0, count = 0;
  for (let q = 0; q < n; q++) {
    const k = q - (L - 1);
    if (k >= 0) { s += p[q * n + k]; count++; }
  }
  return s / count;
}

/** TL head_detector previous-token "mul" score of one [n, n] pattern. */
function tlPreviousToken(p: ArrayLike<number>, n: number): number {
  let num = 0, den = 0;
  for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) {
    den += p[q * n + k];
    if (k === q - 1) num += p[q * n + k];
  }
  return num / den;
}

describe("HeadProbe", () => {
  for (const seqLen of [12, 13]) {
    it(`scores every head with ARENA's stripe and TL's previous-token score on its ${seqLen}-token probe (${seqLen % 2 ? "with a BOS-like first token" : "no prefix"})`, async () => {
      const cfg = { n_layers: 2, n_heads: 3, d_model: 16, d_head: 4, d_vocab: 11, n_ctx: 16, positional_embedding_type: "standard" as const, biases: true };
      const params = initParams(cfg, 5);
      const probe = new HeadProbe(cfg, 9, 4, seqLen);
      const scores = probe.scores(params);
      const { tensors, header } = readSafetensors(toSafetensors(cfg, params));
      const model = loadModel(tensors, { metadata: { ...header.metadata }, processing: NO_PROCESSING });
      const L = Math.floor(seqLen / 2);
      const seqs = probe.sequences;
      expect(seqs.every((s) => s.slice(-L).join() === s.slice(-2 * L, -L).join())).toBe(true);
      const want = { prev: new Float64Array(6), stripe: new Float64Array(6) };
      for (const s of seqs) {
        const c = await runWithCache(model, s, { kernels: tsKernels });
        for (let l = 0; l < 2; l++) for (let h = 0; h < 3; h++) {
          const p = c.pattern[l].data.subarray(h * seqLen * seqLen, (h + 1) * seqLen * seqLen);
          want.prev[l * 3 + h] += tlPreviousToken(p, seqLen) / seqs.length;
          want.stripe[l * 3 + h] += arenaStripe(p, seqLen, L) / seqs.length;
        }
      }
      scores.forEach((sc, i) => {
        expect(sc.name).toBe(`${Math.floor(i / 3)}.${i % 3}`);
        expect(sc.previousToken).toBeCloseTo(want.prev[i], 5);
        expect(sc.induction).toBeCloseTo(want.stripe[i], 5);
      });
    });
  }
});
