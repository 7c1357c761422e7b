/**
 * An ARENA-shape model with heavy-tailed token norms and planted circuit entries, for the top-10
 * benchmark (bench/arena-topk-planted.ts). Bench-only.
 * Trained embeddings have heavy-tailed row norms (frequent tokens); uniform random weights do not,
 * and on them no exact pruning can skip entries. Starting from bench/arena-shape.ts's random model:
 * - every row of W_E and column of W_U is scaled by exp(σ·z), z standard normal (log-normal norms);
 * - for each head g (layer·n_heads + head) four tokens are planted: an OV source s_g and target
 *   t_g, a QK query q_g and key k_g, each with norm C × the median norm of its matrix, so that
 *   W_E[s_g] ∥ W_V W_O W_U[:, t_g] and W_E[q_g] ∥ W_Q W_Kᵀ W_E[k_g]ᵀ for that head. The planted
 *   entry is then C²·median² times an aligned (maximal) bilinear value; every other product of two
 *   planted tokens is a random-direction one, about √d_model smaller, and no unplanted token reaches
 *   C × the median at σ = 0.5 (its largest of 50 278 norms is ≈ e^{0.5·4.3} ≈ 9 × the median).
 */
import { type Tensor } from "@/lib/engine/tensor/tensor";
import { type ArenaShape, randomArenaTensors } from "./arena-shape";
import { randomF32 } from "./timing";

/** Log-normal spread of the token norms. */
export const NORM_SIGMA = 0.5;
/** Planted tokens' norm, in medians of their matrix. */
export const PLANT_SCALE = 16;

/** One planted entry of a head's full circuit: row and column in the circuit's own indices. */
export interface Planted { readonly row: number; readonly col: number }

/** Standard normal samples from the seeded uniform generator (Box–Muller). */
function normals(n: number, seed: number): Float64Array {
  const u = randomF32(2 * n, seed);
  return Float64Array.from({ length: n }, (_, i) => {
    const u1 = u[2 * i] + 0.5 + 1e-9;
    const u2 = u[2 * i + 1] + 0.5;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  });
}

const median = (xs: Float64Array): number => Float64Array.from(xs).sort()[xs.length >> 1];

/** x [D] · W [D, E] (row-major W at offset o) → [E]. */
function vecMat(x: Float64Array, w: Float32Array, o: number, D: number, E: number): Float64Array {
  const y = new Float64Array(E);
  for (let d = 0; d < D; d++) for (let e = 0; e < E; e++) y[e] += x[d] * w[o + d * E + e];
  return y;
}

/** W [D, E] (at offset o) · z [E] → [D]. */
function matVec(w: Float32Array, o: number, z: Float64Array, D: number, E: number): Float64Array {
  const y = new Float64Array(D);
  for (let d = 0; d < D; d++) {
    let s = 0;
    for (let e = 0; e < E; e++) s += w[o + d * E + e] * z[e];
    y[d] = s;
  }
  return y;
}

function scaleTo(x: Float64Array, norm: number): Float64Array {
  const n = Math.hypot(...x);
  return x.map((v) => (v * norm) / n);
}

/** The tensors and, per head, the planted OV (source, target) and QK (query, key) entries. */
export function plantedArenaTensors(s: ArenaShape, seed = 1): { tensors: Record<string, Tensor>; ov: Planted[]; qk: Planted[] } {
  const t = randomArenaTensors(s, seed);
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V } = s;
  const WE = t["embed.W_E"].data as Float32Array;
  const WU = t["unembed.W_U"].data as Float32Array;
  const zr = normals(V, seed + 101);
  const zc = normals(V, seed + 102);
  for (let i = 0; i < V; i++) for (let d = 0; d < D; d++) WE[i * D + d] *= Math.exp(NORM_SIGMA * zr[i]);
  for (let d = 0; d < D; d++) for (let j = 0; j < V; j++) WU[d * V + j] *= Math.exp(NORM_SIGMA * zc[j]);
  const rowNorm = (i: number) => Math.hypot(...WE.subarray(i * D, (i + 1) * D));
  const nE = PLANT_SCALE * median(Float64Array.from({ length: V }, (_, i) => rowNorm(i)));
  const nU = PLANT_SCALE * median(Float64Array.from({ length: V }, (_, j) => Math.hypot(...Array.from({ length: D }, (_, d) => WU[d * V + j]))));
  const setRow = (i: number, x: Float64Array) => WE.set(Float32Array.from(x), i * D);
  const ov: Planted[] = [];
  const qk: Planted[] = [];
  for (let g = 0; g < L * H; g++) {
    const [l, h] = [Math.floor(g / H), g % H];
    const at = (w: string) => ({ data: t[`blocks.${l}.attn.${w}`].data as Float32Array, o: h * D * E });
    const [src, q, k, tgt] = [1000, 3000, 5000, 7000].map((x) => (x + 37 * g) % V); // disjoint for ≤ 54 heads
    // OV: W_U[:, tgt] random of norm nU; W_E[src] ∥ W_V (W_O W_U[:, tgt]).
    const w = scaleTo(normals(D, seed + 1000 + g), nU);
    for (let d = 0; d < D; d++) WU[d * V + tgt] = w[d];
    const WO = at("W_O"); // [E, D]: W_O · w = matVec over rows of length D
    const z = matVec(WO.data, WO.o, w, E, D);
    const WV = at("W_V");
    setRow(src, scaleTo(matVec(WV.data, WV.o, z, D, E), nE));
    // QK: W_E[k] random of norm nE; W_E[q] ∥ W_Q (W_Kᵀ W_E[k]ᵀ).
    const xk = scaleTo(normals(D, seed + 2000 + g), nE);
    setRow(k, xk);
    const WK = at("W_K");
    const WQ = at("W_Q");
    setRow(q, scaleTo(matVec(WQ.data, WQ.o, vecMat(xk, WK.data, WK.o, D, E), D, E), nE));
    ov.push({ row: src, col: tgt });
    qk.push({ row: q, col: k });
  }
  return { tensors: t, ov, qk };
}
