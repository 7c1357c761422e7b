/**
 * End-to-end cross-check of the head report against TransformerLens's and ARENA's formulas, written
 * out here in float64 the way TL writes them (not the way the engine computes them):
 * - detection patterns as TL `head_detector` builds them: duplicate = (tokens == tokensᵀ), diagonal
 *   zeroed, tril; induction = torch.roll(duplicate, 1, dims=1), column 0 zeroed, tril; previous =
 *   eye(n−1) placed at [1:, :-1], tril; score "mul" = Σ(pattern ⊙ D)/Σ pattern; mean over sequences;
 * - ARENA's induction score: `pattern.diagonal(offset=1−L)` averaged over batch and positions;
 * - TL `all_composition_scores`: ‖OV₁ R₂‖_F/(‖OV₁‖_F‖R₂‖_F) from the dense d_model × d_model products.
 * Patterns come from the independent float64 reference forward pass (tests/engine/transformer/fixtures),
 * models from its seeded random weights. Scores must agree within 1e-4 relative (issue 3).
 */
import { describe, expect, it } from "vitest";
import { inferRepeatLength } from "@/lib/engine/circuits/detectors";
import { headReport } from "@/lib/engine/circuits/report";
import { repeatedRandomTokens } from "@/lib/engine/circuits/probes";
import { loadModel } from "@/lib/engine/transformer/weights";
import "@/lib/engine/linalg/kernels-ts";
import { expectClose } from "@/tests/helpers/tolerance";
import { randomTensors, referenceForward, type FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { fro, head, mul, tr } from "./dense";

type Grid = number[][];

const tril = (m: Grid): Grid => m.map((row, i) => row.map((v, j) => (j <= i ? v : 0)));

/** TL get_previous_token_head_detection_pattern. */
function tlPrevious(n: number): Grid {
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n - 1; i++) d[1 + i][i] = 1; // detection_pattern[1:, :-1] = eye(n − 1)
  return tril(d);
}

/** TL get_duplicate_token_head_detection_pattern. */
function tlDuplicate(tokens: number[]): Grid {
  const tokenPattern = tokens.map(() => [...tokens]); // tokens.repeat(n, 1): row i is the whole sequence
  const eq = tokenPattern.map((row, i) => row.map((v, j) => (v === tokenPattern[j][i] ? 1 : 0))); // == its transpose
  eq.forEach((row, i) => (row[i] = 0)); // fill_diagonal(0)
  return tril(eq);
}

/** TL get_induction_head_detection_pattern. */
function tlInduction(tokens: number[]): Grid {
  const dup = tlDuplicate(tokens);
  const n = tokens.length;
  const rolled = dup.map((row) => row.map((_, j) => row[(j - 1 + n) % n])); // torch.roll(shifts=1, dims=1)
  return tril(rolled.map((row) => row.map((v, j) => (j === 0 ? 0 : v)))); // first column zeroed
}

/** TL compute_head_attention_similarity_score(error_measure="mul"), no exclusions (detect_head's defaults). */
function tlMul(pattern: Grid, detection: Grid): number {
  let num = 0;
  let den = 0;
  pattern.forEach((row, i) => row.forEach((p, j) => {
    num += p * detection[i][j];
    den += p;
  }));
  return num / den;
}

/** TL detect_head on a list of sequences: mean of the per-sequence scores, [n_layers·n_heads]. */
function tlDetect(patterns: number[][][][][], batch: number[][], build: (t: number[]) => Grid): number[] {
  const out: number[] = [];
  const [L, H] = [patterns[0].length, patterns[0][0].length];
  for (let l = 0; l < L; l++) for (let h = 0; h < H; h++) {
    out.push(batch.reduce((s, toks, b) => s + tlMul(patterns[b][l][h], build(toks)), 0) / batch.length);
  }
  return out;
}

/** ARENA induction_score_hook: einops mean over (batch, position) of pattern.diagonal(offset = 1 − L). */
function arenaStripe(patterns: number[][][][][], L: number): number[] {
  const out: number[] = [];
  const [nl, nh] = [patterns[0].length, patterns[0][0].length];
  for (let l = 0; l < nl; l++) for (let h = 0; h < nh; h++) {
    const stripe: number[] = [];
    for (const seq of patterns) {
      const p = seq[l][h];
      const offset = 1 - L; // torch diagonal with a negative offset: entries (i, i + offset) for i ≥ −offset
      for (let i = -offset; i < p.length; i++) stripe.push(p[i][i + offset]);
    }
    out.push(stripe.reduce((a, b) => a + b, 0) / stripe.length);
  }
  return out;
}

const shortformer: FixtureConfig = { n_layers: 2, n_heads: 2, d_model: 12, d_head: 3, d_vocab: 23, n_ctx: 16, biases: true, ln: true, shortformer: true };

function loadShortformer(seed: number) {
  const t = randomTensors(shortformer, seed);
  const model = loadModel(t, { metadata: { config: JSON.stringify({ positional_embedding_type: "shortformer" }) } });
  return { t, model };
}

describe("the head report against TL's and ARENA's formulas on a random shortformer model", () => {
  const L = 6;
  // Caller tokens with repeats, different lengths and a repeated pair (so induction ≠ duplicate).
  const callerTokens = [[3, 7, 3, 7, 9, 3, 7, 9, 1, 1], [5, 5, 5, 2, 8, 2, 8, 5], [11, 4, 19, 4, 11, 19, 22, 4, 11, 0, 13, 4]];

  it("gives TL head_detector's previous-token, duplicate-token and induction scores on the caller's tokens", async () => {
    const { t, model } = loadShortformer(21);
    const r = await headReport(model, { tokens: callerTokens, repeatLength: L, batch: 4, seed: 2, baselineSamples: 0 });
    const refPatterns = callerTokens.map((toks) => referenceForward(shortformer, t, toks).patterns);
    const got = (key: "previousToken" | "duplicateToken" | "induction") => r.heads.map((h) => h[key]);
    expectClose(got("previousToken"), tlDetect(refPatterns, callerTokens, (toks) => tlPrevious(toks.length)), { abs: 1e-7, rel: 1e-4 }, "previousToken");
    expectClose(got("duplicateToken"), tlDetect(refPatterns, callerTokens, tlDuplicate), { abs: 1e-7, rel: 1e-4 }, "duplicateToken");
    expectClose(got("induction"), tlDetect(refPatterns, callerTokens, tlInduction), { abs: 1e-7, rel: 1e-4 }, "induction");
  });

  it("gives ARENA's induction stripe on caller tokens of the form [BOS] r r, each with the L of its own repeat", async () => {
    const { t, model } = loadShortformer(24);
    const seqs = [[9, 3, 7, 2, 3, 7, 2], [4, 1, 5, 8, 6, 1, 5, 8, 6]];
    expect(seqs.map(inferRepeatLength)).toEqual([3, 4]);
    expect(inferRepeatLength([1, 2, 3])).toBe(0);
    const r = await headReport(model, { tokens: seqs, repeatLength: L, batch: 2, seed: 1, baselineSamples: 0 });
    expect(r.probes.stripeRepeatLengths).toEqual([3, 4]);
    const perSeq = seqs.map((toks, b) => arenaStripe([referenceForward(shortformer, t, toks).patterns], [3, 4][b]));
    expectClose(r.heads.map((h) => h.inductionStripe), perSeq[0].map((x, i) => (x + perSeq[1][i]) / 2), { abs: 1e-7, rel: 1e-4 }, "inductionStripe (caller)");
  });

  it("gives ARENA's induction stripe on the seeded repeated tokens, and TL's scores on them when no tokens are given", async () => {
    const { t, model } = loadShortformer(22);
    const r = await headReport(model, { repeatLength: L, batch: 4, seed: 5, baselineSamples: 0 });
    const repeated = repeatedRandomTokens(shortformer.d_vocab, L, { batch: 4, seed: 5 });
    const refPatterns = repeated.map((toks) => referenceForward(shortformer, t, toks).patterns);
    expectClose(r.heads.map((h) => h.inductionStripe), arenaStripe(refPatterns, L), { abs: 1e-7, rel: 1e-4 }, "inductionStripe");
    expectClose(r.heads.map((h) => h.induction), tlDetect(refPatterns, repeated, tlInduction), { abs: 1e-7, rel: 1e-4 }, "induction (seeded)");
  });

  it("gives TL all_composition_scores in the [layer₁][head₁][layer₂][head₂] layout", async () => {
    const { model } = loadShortformer(23); // shortformer: loaded unprocessed, so the raw weights are TL's
    const r = await headReport(model, { repeatLength: L, batch: 2, baselineSamples: 0 });
    const { n_layers: NL, n_heads: H } = shortformer;
    const blocks = model.weights.blocks;
    for (const mode of ["Q", "K", "V"] as const) {
      const want: number[] = [];
      const got: number[] = [];
      for (let l1 = 0; l1 < NL; l1++) for (let h1 = 0; h1 < H; h1++) for (let l2 = 0; l2 < NL; l2++) for (let h2 = 0; h2 < H; h2++) {
        const left = mul(head(blocks[l1].W_V, h1), head(blocks[l1].W_O, h1)); // TL model.OV
        const [q, k] = [head(blocks[l2].W_Q, h2), head(blocks[l2].W_K, h2)];
        const right = mode === "Q" ? mul(q, tr(k)) : mode === "K" ? mul(k, tr(q)) : mul(head(blocks[l2].W_V, h2), head(blocks[l2].W_O, h2));
        want.push(l1 < l2 ? fro(mul(left, right)) / fro(left) / fro(right) : 0); // mask: layer₁ < layer₂
        got.push(r.composition[mode][l1][h1][l2][h2]);
      }
      expectClose(got, want, { abs: 1e-7, rel: 1e-4 }, `composition ${mode}`);
    }
  });
});
