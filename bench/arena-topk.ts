/**
 * The full-vocabulary OV and QK top-k of every head through the engine (circuitTopK on the thin
 * d_head factors, exact and pruned), timed; used by bench/arena-vs-torch.ts and
 * bench/arena-topk-planted.ts. Bench-only.
 */
import { circuitTopK, fullOV, fullQK, type ThinCircuit } from "@/lib/engine/circuits/qk-ov";
import { type Kernels } from "@/lib/engine/linalg/kernels";
import { type AttnOnlyModel } from "@/lib/engine/transformer/weights";

export interface AllHeadsTopK {
  seconds: number;
  cpuSeconds: number;
  /** Per head (layer·n_heads + head): flat indices row·cols + col of the top-k, best first. */
  heads: { ov: number[]; qk: number[] }[];
  /** Fraction of the 2 · heads · rows · cols entries the pruned scans computed. */
  scannedFraction: number;
}

/** Flat indices row·cols + col of the top-k entries of `c` (the layout torch's flatten().topk gives). */
async function flatTopK(c: ThinCircuit, k: number, kernels: Kernels): Promise<{ flat: number[]; scanned: number }> {
  const top = await circuitTopK(c, k, { kernels });
  return { flat: top.entries.map((e) => e.row * c.cols + e.col), scanned: top.scanned ?? NaN };
}

/** OV and QK top-k of every head, heads in order layer·n_heads + head, and the wall and CPU seconds it took. */
export async function allHeadsTopK(model: AttnOnlyModel, k: number, kernels: Kernels): Promise<AllHeadsTopK> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const heads: { ov: number[]; qk: number[] }[] = [];
  let scanned = 0;
  let total = 0;
  for (let l = 0; l < model.config.n_layers; l++) {
    for (let h = 0; h < model.config.n_heads; h++) {
      const ovC = await fullOV(model.weights, l, h, { kernels });
      const ov = await flatTopK(ovC, k, kernels);
      const qkC = await fullQK(model.weights, l, h, { kernels });
      const qk = await flatTopK(qkC, k, kernels);
      heads.push({ ov: ov.flat, qk: qk.flat });
      scanned += ov.scanned + qk.scanned;
      total += ovC.rows * ovC.cols + qkC.rows * qkC.cols;
    }
  }
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, heads, scannedFraction: scanned / total };
}
