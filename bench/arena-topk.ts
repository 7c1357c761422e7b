/**
 * The full-vocabulary OV and QK top-k of every head through the engine (circuitTopK on the thin
 * d_head factors, exact and pruned), timed; used by bench/arena-vs-torch.ts. Bench-only.
 */
import { circuitTopK, fullOV, fullQK, type ThinCircuit } from "@/lib/engine/circuits/qk-ov";
import { type Kernels } from "@/lib/engine/linalg/kernels";
import { type AttnOnlyModel } from "@/lib/engine/transformer/weights";

/** Flat indices row·cols + col of the top-k entries of `c` (the layout torch's flatten().topk gives). */
async function flatTopK(c: ThinCircuit, k: number, kernels: Kernels): Promise<number[]> {
  return (await circuitTopK(c, k, { kernels })).entries.map((e) => e.row * c.cols + e.col);
}

/** OV and QK top-k of every head, heads in order layer·n_heads + head, and the wall and CPU seconds it took. */
export async function allHeadsTopK(model: AttnOnlyModel, k: number, kernels: Kernels): Promise<{ seconds: number; cpuSeconds: number; heads: { ov: number[]; qk: number[] }[] }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const heads: { ov: number[]; qk: number[] }[] = [];
  for (let l = 0; l < model.config.n_layers; l++) {
    for (let h = 0; h < model.config.n_heads; h++) {
      const ov = await flatTopK(await fullOV(model.weights, l, h, { kernels }), k, kernels);
      const qk = await flatTopK(await fullQK(model.weights, l, h, { kernels }), k, kernels);
      heads.push({ ov, qk });
    }
  }
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, heads };
}
