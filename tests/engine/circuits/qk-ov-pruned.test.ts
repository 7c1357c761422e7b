/**
 * Full-circuit top-k on a model whose token norms are heavy-tailed (log-normal, like frequent
 * tokens of a trained embedding) and a planted large OV row: the pruned scan (circuitTopK)
 * must skip most entries and still return exactly the top-k of a dense float64 product built by
 * plain loops (tests/engine/circuits/dense.ts), on the TS and the onnxruntime kernels.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createOnnxKernels } from "@/lib/engine/backends/onnx";
import { circuitTopK, fullOV, fullQK } from "@/lib/engine/circuits/qk-ov";
import { type Kernels } from "@/lib/engine/linalg/kernels";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { mulberry32 } from "@/lib/engine/train/prng";
import { expectClose } from "@/tests/helpers/tolerance";
import { dense, head, mul, randomLayers, randomTensor, tr, type Dense } from "./dense";

const [D, E, V, T] = [24, 4, 1500, 8];
const rng = mulberry32(5);
const W_E = randomTensor([V, D], 41);
const W_U = randomTensor([D, V], 42);
for (let i = 0; i < V; i++) {
  const r = Math.exp(0.8 * rng.normal()), c = Math.exp(0.8 * rng.normal());
  for (let d = 0; d < D; d++) { W_E.data[i * D + d] *= r; W_U.data[d * V + i] *= c; }
}
const blocks = randomLayers(1, 2, D, E, 43);
// A planted OV row of head 1: W_E[src] = 6 · W_V W_O W_U[:, tgt] (aligned with a column, large).
const [src, tgt] = [321, 654];
const ovDir = mul(mul(head(blocks[0].W_V, 1), head(blocks[0].W_O, 1)), dense(Array.from({ length: D }, (_, d) => W_U.data[d * V + tgt]), D, 1));
for (let d = 0; d < D; d++) W_E.data[src * D + d] = 6 * ovDir.data[d];
const model = { W_E, W_U, W_pos: randomTensor([T, D], 44), blocks };

/** The k best entries of m by a plain scan with insertion (ties: lower row, then column). */
function denseTop(m: Dense, k: number, smallest: boolean): { row: number; col: number; value: number }[] {
  const s = smallest ? -1 : 1;
  const best: { row: number; col: number; value: number }[] = [];
  m.data.forEach((value, i) => {
    if (best.length === k && !(s * value > s * best[k - 1].value)) return;
    let p = best.length === k ? k - 1 : best.length;
    best[p] = { row: Math.floor(i / m.cols), col: i % m.cols, value };
    for (; p > 0 && s * best[p - 1].value < s * value; p--) [best[p - 1], best[p]] = [best[p], best[p - 1]];
  });
  return best;
}

const WE = dense(W_E.data, V, D);
const ovDense = mul(mul(WE, mul(head(blocks[0].W_V, 1), head(blocks[0].W_O, 1))), dense(W_U.data, D, V));
const qkDense = mul(mul(WE, mul(head(blocks[0].W_Q, 0), tr(head(blocks[0].W_K, 0)))), tr(WE));

let onnx: Kernels | undefined;
afterAll(async () => onnx?.dispose?.());

describe.each([["ts", async () => tsKernels], ["onnx", async () => (onnx ??= await createOnnxKernels({ blockFloats: 1 << 14 }))]] as const)("pruned full-circuit top-k on heavy-tailed norms (%s kernels)", (_, make) => {
  it.each([false, true])("OV top-10 (smallest: %s) equals the dense float64 product's, most entries skipped", async (smallest) => {
    const kernels = await make();
    const got = await circuitTopK(await fullOV(model, 0, 1, { kernels }), 10, { kernels, smallest });
    const want = denseTop(ovDense, 10, smallest);
    expect(got.entries.map((e) => [e.row, e.col])).toEqual(want.map((e) => [e.row, e.col]));
    expectClose(got.entries.map((e) => e.value), want.map((e) => e.value), { abs: 1e-4, rel: 1e-5 }, "OV top-10");
    expect(got.scanned).toBeGreaterThan(0);
    expect(got.scanned!).toBeLessThan(0.5 * V * V);
  });

  it("QK top-10 and bottom-10 equal the dense float64 product's", async () => {
    const kernels = await make();
    const c = await fullQK(model, 0, 0, { kernels });
    for (const smallest of [false, true]) {
      const got = await circuitTopK(c, 10, { kernels, smallest });
      expect(got.entries.map((e) => [e.row, e.col])).toEqual(denseTop(qkDense, 10, smallest).map((e) => [e.row, e.col]));
    }
  });
});
