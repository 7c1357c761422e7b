/**
 * Eigenvalue summaries of full circuits (paper §"Detecting copying behavior": positive eigenvalues
 * of W_E W_OV W_U mean copying), computed from the d_head × d_head side.
 * Rule: the nonzero eigenvalues of X·Y equal those of Y·X (TL `FactoredMatrix.eigenvalues`), so
 *   OV: eig(W_E W_V W_O W_U) ≅ eig(W_O · (W_U W_E) · W_V)  [d_head, d_head]
 *   QK: eig(X W_Q W_Kᵀ Xᵀ) ≅ eig(W_Kᵀ · (Xᵀ X) · W_Q)      [d_head, d_head], X = W_E or W_pos,
 * with the d_model² middle factor (W_U W_E, W_Eᵀ W_E, W_posᵀ W_pos) computed once per model through
 * the kernels and shared by all heads.
 */
import { type ComplexArray, eigenvalues } from "../linalg/eig";
import { type Kernels, getKernels } from "../linalg/kernels";
import { type FloatArray, type Tensor, index0 } from "../tensor/tensor";
import { attnShape, type AttnWeights } from "./composition";
import { type CircuitWeights, f32 } from "./qk-ov";
import { transpose32 } from "./reduce";

/**
 * Re(Σλ) / Σ|λ| ∈ [−1, 1]: 1 when every eigenvalue is positive real (pure copying for OV, pure
 * same-token/same-position preference for QK), −1 when all are negative. ARENA / the paper's
 * "copying score". 0 for an all-zero spectrum.
 */
export function eigenPositivity(ev: ComplexArray): number {
  let re = 0;
  let abs = 0;
  for (let i = 0; i < ev.re.length; i++) {
    re += ev.re[i];
    abs += Math.hypot(ev.re[i], ev.im[i]);
  }
  return abs === 0 ? 0 : re / abs;
}

/** Per-head eigen-summary: the score and the d_head eigenvalues it came from. */
export interface HeadSpectra {
  /** Scores [n_layers, n_heads] row-major. */
  readonly scores: Float64Array;
  /** eigenvalues[layer][head], by descending modulus. */
  readonly eigenvalues: ComplexArray[][];
}

/** W_U W_E [d_model, d_model] (the OV copying middle factor), through the kernels. */
export async function unembedEmbed(model: CircuitWeights, k: Kernels = getKernels()): Promise<Float32Array> {
  const [D, V] = model.W_U.shape;
  if (model.W_E.shape[0] !== V || model.W_E.shape[1] !== D) throw new RangeError(`unembedEmbed: W_U [${D}, ${V}] and W_E [${model.W_E.shape.join(", ")}] do not chain`);
  return k.matmul(f32(model.W_U), f32(model.W_E), D, V, D);
}

/** Column-block width of embedGram's upper block triangle. */
const GRAM_COLS = 128;

/**
 * Xᵀ X [d_model, d_model] for X = W_E [d_vocab, d_model] or W_pos [n_ctx, d_model], accumulated over
 * blocks of rows (Σ_b X_bᵀ X_b) through reused buffers: no d_vocab-sized copy of X. Symmetric, so
 * only the upper block triangle is computed (column block c against rows 0..end of c: ≈ 58 % of the
 * products for d_model 768) and mirrored.
 */
export async function embedGram(x: Tensor<FloatArray>, k: Kernels = getKernels()): Promise<Float32Array> {
  const [n, D] = x.shape;
  const data = f32(x);
  const block = Math.max(1, Math.min(n, 4096));
  const bt = new Float32Array(block * D);
  const cols = new Float32Array(block * GRAM_COLS);
  const part = new Float32Array(D * GRAM_COLS);
  const acc = new Float64Array(D * D);
  for (let r0 = 0; r0 < n; r0 += block) {
    const rows = Math.min(block, n - r0);
    const xb = data.subarray(r0 * D, (r0 + rows) * D);
    const xbT = transpose32(xb, rows, D, bt.subarray(0, rows * D)); // [D, rows]
    for (let c0 = 0; c0 < D; c0 += GRAM_COLS) {
      const w = Math.min(GRAM_COLS, D - c0);
      const c1 = c0 + w;
      const xc = cols.subarray(0, rows * w);
      for (let r = 0; r < rows; r++) xc.set(xb.subarray(r * D + c0, r * D + c1), r * w);
      const p = await k.matmul(xbT.subarray(0, c1 * rows), xc, c1, rows, w, { out: part.subarray(0, c1 * w) });
      for (let i = 0; i < c1; i++) for (let j = 0; j < w; j++) acc[i * D + c0 + j] += p[i * w + j];
    }
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) acc[i * D + j] = acc[j * D + i];
  return Float32Array.from(acc);
}

/** eig(P · M · Q) for P [E, D], M [D, D], Q [D, E]: the small side of a full circuit. */
async function smallSide(k: Kernels, p: Float32Array, m: Float32Array, q: Float32Array, D: number, E: number): Promise<ComplexArray> {
  const pm = await k.matmul(p, m, E, D, D);
  const core = await k.matmul(pm, q, E, D, E);
  return eigenvalues({ data: Float64Array.from(core), shape: [E, E] });
}

async function perHead(blocks: readonly AttnWeights[], f: (w: AttnWeights, h: number) => Promise<ComplexArray>): Promise<HeadSpectra> {
  const [L, H] = attnShape(blocks, "eigen");
  const scores = new Float64Array(L * H);
  const eigenvaluesOut: ComplexArray[][] = [];
  for (let l = 0; l < L; l++) {
    const row: ComplexArray[] = [];
    for (let h = 0; h < H; h++) {
      const ev = await f(blocks[l], h);
      scores[l * H + h] = eigenPositivity(ev);
      row.push(ev);
    }
    eigenvaluesOut.push(row);
  }
  return { scores, eigenvalues: eigenvaluesOut };
}

/**
 * OV copying score of every head: Re(Σλ)/Σ|λ| over the eigenvalues of W_E W_OV W_U, from
 * eig(W_O (W_U W_E) W_V) [d_head, d_head]. Pass `W_UE` to reuse a precomputed W_U W_E.
 */
export async function ovCopyingScores(model: CircuitWeights, opts: { kernels?: Kernels; W_UE?: Float32Array } = {}): Promise<HeadSpectra> {
  const k = opts.kernels ?? getKernels();
  const [, , D, E] = attnShape(model.blocks, "ovCopyingScores");
  const WUE = opts.W_UE ?? (await unembedEmbed(model, k));
  return perHead(model.blocks, (w, h) => smallSide(k, f32(index0(w.W_O, h)), WUE, f32(index0(w.W_V, h)), D, E));
}

/**
 * QK positivity of every head: Re(Σλ)/Σ|λ| over the eigenvalues of X W_QK Xᵀ, from
 * eig(W_Kᵀ (XᵀX) W_Q). Token positivity uses X = W_E (attending to the same token), positional
 * uses X = W_pos (attending to the same position). Pass `gram` to reuse a precomputed XᵀX.
 */
export async function qkPositivityScores(
  model: CircuitWeights,
  which: "token" | "positional",
  opts: { kernels?: Kernels; gram?: Float32Array } = {},
): Promise<HeadSpectra> {
  const k = opts.kernels ?? getKernels();
  const [, , D, E] = attnShape(model.blocks, "qkPositivityScores");
  const G = opts.gram ?? (await embedGram(which === "token" ? model.W_E : model.W_pos, k));
  return perHead(model.blocks, (w, h) => smallSide(k, transpose32(f32(index0(w.W_K, h)), D, E), G, f32(index0(w.W_Q, h)), D, E));
}
