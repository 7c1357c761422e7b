/**
 * QK and OV circuits of a head (paper §"Attention heads as W_QK and W_OV"; TL `model.QK`, `model.OV`)
 * and their full token/positional circuits with top-k over the whole vocabulary.
 * Convention: TL row vectors (`x @ W`), so W_QK = W_Q·W_Kᵀ [d_model, d_model] with query on the left
 * and W_OV = W_V·W_O; the paper's column convention writes W_OV = W_O W_V and W_QK = W_Qᵀ W_K.
 * Full circuits use the token embedding only: QK = W_E W_QK W_Eᵀ [query token, key token],
 * OV = W_E W_OV W_U [source token, output logit]; positional QK = W_pos W_QK W_posᵀ. For "standard"
 * models the Q/K input is W_E + W_pos, and like TL/ARENA we still study the two terms separately;
 * biases and the 1/√d_head scale are left out (TL's circuits omit them too).
 * Rule: nothing of size d_vocab² is ever materialised: circuits are factored [n, d_head]×[d_head, n]
 * first and top-k runs through the kernels' blocked matmulTopKRows (memory O(block × d_vocab)).
 */
import { FactoredMatrix } from "../linalg/factored-matrix";
import { type Kernels, getKernels, type RowTopK } from "../linalg/kernels";
import { transpose } from "../linalg/matrix";
import { type FloatArray, type Tensor, index0 } from "../tensor/tensor";
import { type AttnWeights } from "./composition";
import { transpose32 } from "./reduce";

/** Embedding, positional embedding and unembedding in TL shapes. */
export interface EmbedWeights {
  /** W_E [d_vocab, d_model] */
  readonly W_E: Tensor<FloatArray>;
  /** W_pos [n_ctx, d_model] */
  readonly W_pos: Tensor<FloatArray>;
  /** W_U [d_model, d_vocab] */
  readonly W_U: Tensor<FloatArray>;
}

/** A model's weights as the circuits need them (the transformer's model type satisfies this). */
export interface CircuitWeights extends EmbedWeights {
  readonly blocks: readonly AttnWeights[];
}

export function f32(t: Tensor<FloatArray>): Float32Array {
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
}

function checkHead(blocks: readonly AttnWeights[], layer: number, head: number, op: string): AttnWeights {
  if (!Number.isInteger(layer) || layer < 0 || layer >= blocks.length) throw new RangeError(`${op}: layer ${layer} out of range [0, ${blocks.length})`);
  const H = blocks[layer].W_Q.shape[0];
  if (!Number.isInteger(head) || head < 0 || head >= H) throw new RangeError(`${op}: head ${head} out of range [0, ${H}) in layer ${layer}`);
  return blocks[layer];
}

/** W_QK = W_Q W_Kᵀ [d_model, d_model] of head `head` (TL `model.QK[layer, head]`, row convention). */
export function headQK(w: AttnWeights, head: number): FactoredMatrix {
  return new FactoredMatrix(index0(w.W_Q, head, "W_Q"), transpose(index0(w.W_K, head, "W_K")));
}

/** W_OV = W_V W_O [d_model, d_model] of head `head` (TL `model.OV[layer, head]`, row convention). */
export function headOV(w: AttnWeights, head: number): FactoredMatrix {
  return new FactoredMatrix(index0(w.W_V, head, "W_V"), index0(w.W_O, head, "W_O"));
}

/**
 * A full circuit as its two thin factors: M [rows, cols] = left [rows, d_head] · rightT [cols, d_head]ᵀ.
 * Row/column meaning: OV (source token, output token), QK (query token, key token) or positional
 * QK (query position, key position).
 */
export interface ThinCircuit {
  readonly kind: "ov" | "qk" | "qk-pos";
  readonly left: Float32Array;
  readonly rightT: Float32Array;
  readonly rows: number;
  readonly cols: number;
  readonly d_head: number;
}

/** OV full circuit W_E W_V · (W_O W_U) = [d_vocab, d_head] · [d_head, d_vocab] (paper §"OV circuit"). */
export async function fullOV(model: CircuitWeights, layer: number, head: number, opts: { kernels?: Kernels } = {}): Promise<ThinCircuit> {
  const k = opts.kernels ?? getKernels();
  const w = checkHead(model.blocks, layer, head, "fullOV");
  const [V, D] = model.W_E.shape;
  const E = w.W_V.shape[2];
  const left = await k.matmul(f32(model.W_E), f32(index0(w.W_V, head)), V, D, E);
  // (W_O W_U)ᵀ = W_Uᵀ W_Oᵀ: computed as W_O·W_U then transposed into [d_vocab, d_head].
  const right = await k.matmul(f32(index0(w.W_O, head)), f32(model.W_U), E, D, model.W_U.shape[1]);
  const Vout = model.W_U.shape[1];
  return { kind: "ov", left, rightT: transpose32(right, E, Vout), rows: V, cols: Vout, d_head: E };
}

/**
 * QK full circuit (W_E W_Q) · (W_E W_K)ᵀ [query token, key token], or with `positional` the
 * positional circuit (W_pos W_Q) · (W_pos W_K)ᵀ [query pos, key pos] (paper §"QK circuit").
 */
export async function fullQK(model: CircuitWeights, layer: number, head: number, opts: { kernels?: Kernels; positional?: boolean } = {}): Promise<ThinCircuit> {
  const k = opts.kernels ?? getKernels();
  const w = checkHead(model.blocks, layer, head, "fullQK");
  const X = opts.positional ? model.W_pos : model.W_E;
  const [n, D] = X.shape;
  const E = w.W_Q.shape[2];
  const left = await k.matmul(f32(X), f32(index0(w.W_Q, head)), n, D, E);
  const rightT = await k.matmul(f32(X), f32(index0(w.W_K, head)), n, D, E);
  return { kind: opts.positional ? "qk-pos" : "qk", left, rightT, rows: n, cols: n, d_head: E };
}

/** One entry of a full circuit. */
export interface CircuitEntry {
  readonly row: number;
  readonly col: number;
  readonly value: number;
}

export interface CircuitTopK {
  /** Global top-k entries of the whole matrix, descending (ascending when `smallest`). */
  readonly entries: CircuitEntry[];
  /** Top-k of every row (kernels' RowTopK), when asked. */
  readonly perRow?: RowTopK;
  /** Entries the pruned scan computed, of rows × cols (when the backend counts them). */
  readonly scanned?: number;
}

/**
 * Top-k entries of a thin circuit over all rows × cols, blockwise through the kernels' exact global
 * `matmulTopKAll` (and `matmulTopKRows` for the per-row table when asked). `smallest` ranks the most
 * negative entries instead (e.g. suppression in OV). Memory O(block × cols).
 */
export async function circuitTopK(c: ThinCircuit, topk: number, opts: { kernels?: Kernels; perRow?: boolean; smallest?: boolean } = {}): Promise<CircuitTopK> {
  if (!Number.isInteger(topk) || topk < 1) throw new RangeError(`circuitTopK: k must be a positive integer, got ${topk}`);
  const k = opts.kernels ?? getKernels();
  const negate = !!opts.smallest;
  const all = await k.matmulTopKAll(c.left, c.rightT, c.rows, c.d_head, c.cols, topk, { transB: true, negate });
  const entries = Array.from(all.values, (value, j) => ({ row: all.rows[j], col: all.cols[j], value }));
  if (!opts.perRow) return { entries, scanned: all.scanned };
  return { entries, scanned: all.scanned, perRow: await k.matmulTopKRows(c.left, c.rightT, c.rows, c.d_head, c.cols, topk, { transB: true, negate }) };
}
