import { describe, it, expect } from "vitest";
import { embedGram, eigenPositivity, ovCopyingScores, qkPositivityScores } from "@/lib/engine/circuits/eigen";
import { eigenvalues } from "@/lib/engine/linalg/eig";
import "@/lib/engine/linalg/kernels-ts";
import { expectClose } from "@/tests/helpers/tolerance";
import { dense, head, mul, randomLayers, randomTensor, tr, type Dense } from "./dense";

function denseScore(m: Dense): number {
  // Numerator from the trace (Re Σλ = tr M, independent of any eigen-solver); denominator Σ|λ| from the dense n×n spectrum.
  let trace = 0;
  for (let i = 0; i < m.rows; i++) trace += m.data[i * m.cols + i];
  const ev = eigenvalues({ data: m.data, shape: [m.rows, m.cols] });
  let abs = 0;
  for (let i = 0; i < ev.re.length; i++) abs += Math.hypot(ev.re[i], ev.im[i]);
  return trace / abs;
}

describe("ovCopyingScores", () => {
  it("equals Re(Σλ)/Σ|λ| of the dense W_E W_OV W_U on a tiny vocabulary", async () => {
    const [L, H, D, E, V] = [2, 2, 6, 2, 9];
    const model = { W_E: randomTensor([V, D], 1), W_pos: randomTensor([4, D], 2), W_U: randomTensor([D, V], 3), blocks: randomLayers(L, H, D, E, 7) };
    const got = await ovCopyingScores(model);
    for (let l = 0; l < L; l++) for (let h = 0; h < H; h++) {
      const full = mul(mul(dense(model.W_E.data, V, D), mul(head(model.blocks[l].W_V, h), head(model.blocks[l].W_O, h))), dense(model.W_U.data, D, V));
      expectClose(got.scores[l * H + h], denseScore(full), { abs: 1e-6, rel: 1e-4 }, `copying ${l}.${h}`);
    }
    expect(got.eigenvalues[0][0].re.length).toBe(E);
  });

  it("is 1 for a head that copies and −1 for one that anti-copies", async () => {
    const eye = (n: number, s = 1) => Float32Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? s : 0));
    const W_E = { data: eye(3), shape: [3, 3] };
    const W_U = { data: eye(3), shape: [3, 3] };
    const block = { W_Q: { data: eye(3), shape: [1, 3, 3] }, W_K: { data: eye(3), shape: [1, 3, 3] }, W_V: { data: eye(3, 2), shape: [1, 3, 3] }, W_O: { data: eye(3), shape: [1, 3, 3] } };
    const anti = { ...block, W_O: { data: eye(3, -1), shape: [1, 3, 3] } };
    const got = await ovCopyingScores({ W_E, W_U, W_pos: W_E, blocks: [block, anti] });
    expect(Array.from(got.scores)).toEqual([1, -1]);
  });
});

describe("qkPositivityScores", () => {
  it("equals the dense positivity of W_E W_QK W_Eᵀ (token) and W_pos W_QK W_posᵀ (positional)", async () => {
    const [H, D, E, V, T] = [3, 5, 2, 7, 6];
    const model = { W_E: randomTensor([V, D], 4), W_pos: randomTensor([T, D], 5), W_U: randomTensor([D, V], 6), blocks: randomLayers(1, H, D, E, 9) };
    const tok = await qkPositivityScores(model, "token");
    const pos = await qkPositivityScores(model, "positional");
    for (let h = 0; h < H; h++) {
      const qk = mul(head(model.blocks[0].W_Q, h), tr(head(model.blocks[0].W_K, h)));
      const WE = dense(model.W_E.data, V, D);
      const WP = dense(model.W_pos.data, T, D);
      expectClose(tok.scores[h], denseScore(mul(mul(WE, qk), tr(WE))), { abs: 1e-6, rel: 1e-4 }, `token ${h}`);
      expectClose(pos.scores[h], denseScore(mul(mul(WP, qk), tr(WP))), { abs: 1e-6, rel: 1e-4 }, `positional ${h}`);
    }
  });
});

describe("eigenPositivity", () => {
  it("weighs complex pairs by modulus: {2, 1±i} gives (2+2)/(2+2√2)", () => {
    const v = eigenPositivity({ re: Float64Array.from([2, 1, 1]), im: Float64Array.from([0, 1, -1]) });
    expectClose(v, 4 / (2 + 2 * Math.SQRT2), { abs: 1e-15 }, "positivity");
    expect(eigenPositivity({ re: new Float64Array(2), im: new Float64Array(2) })).toBe(0);
  });
});

describe("embedGram", () => {
  it("accumulates Xᵀ X over row blocks exactly as the dense product (5000 rows, more than one block)", async () => {
    const X = randomTensor([5000, 3], 77);
    const got = await embedGram(X);
    const want = mul(tr(dense(X.data, 5000, 3)), dense(X.data, 5000, 3));
    expectClose(got, want.data, { abs: 1e-3, rel: 1e-5 }, "XᵀX");
  });

  it("equals the dense product when d_model spans several column blocks (upper block triangle mirrored), exactly symmetric", async () => {
    const [n, D] = [600, 300];
    const X = randomTensor([n, D], 78);
    const got = await embedGram(X);
    const want = mul(tr(dense(X.data, n, D)), dense(X.data, n, D));
    expectClose(got, want.data, { abs: 1e-2, rel: 1e-5 }, "XᵀX");
    for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) if (got[i * D + j] !== got[j * D + i]) expect.fail(`not symmetric at (${i}, ${j})`);
  });
});
