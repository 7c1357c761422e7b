/**
 * TransformerLens weight processing (HookedTransformer.process_weights_ / load_and_process_state_dict),
 * with TL's semantics, as options of model loading.
 * Rule: processing never mutates its input (changed tensors are fresh copies); the flags returned in
 * `model.processing` are exactly the steps applied, since they change the numbers analyses report.
 *
 * What each step does (TL row-vector convention, x @ W):
 * - fold_ln (TL `fold_layer_norm`, fold_biases and center_weights on): for ln1 of every layer,
 *   b_X += Σ_d ln1.b[d]·W_X[h, d, :] and W_X[h, d, :] *= ln1.w[d] for X ∈ {Q, K, V}, then W_X is
 *   centred over d_model; for ln_final, b_U += ln_final.b @ W_U, W_U[d, :] *= ln_final.w[d], then W_U
 *   is centred over d_model; for ln2 of a (non-gated) MLP, b_in += ln2.b @ W_in, W_in[d, :] *= ln2.w[d],
 *   then W_in is centred over d_model. A gated MLP keeps its ln2 weights unfolded (its W_gate has no
 *   bias to take ln2.b, so TL's fold would not be exact there). The normalisation itself ((x − mean)/sqrt(var + eps)) stays in the
 *   forward pass: normalization_type becomes "LNPre", exactly as TL does. Outputs are unchanged.
 *   Skipped (with a warning) for shortformer models with LayerNorm: there W_pos is added after ln1
 *   and would wrongly be scaled by the folded weights.
 * - center_writing_weights (TL `center_writing_weights`; only with LN/LNPre, as TL): W_E, W_pos and
 *   W_O (and MLP W_out, a DT's W_time) have their mean over d_model removed, b_O (b_out) its mean. Exact under LayerNorm, which removes the
 *   mean anyway.
 * - center_unembed (TL `center_unembed`): W_U minus its mean over d_vocab, b_U minus its mean.
 *   Logits shift by a constant per position; log-probs unchanged.
 * - Shortformer models: fold_ln, center_writing_weights and center_unembed are all skipped with a
 *   warning, exactly as TL `HookedTransformer.from_pretrained` turns them off for
 *   positional_embedding_type "shortformer" (ARENA's attn_only_2L is analysed unprocessed). Centring
 *   W_O or W_U changes OV, composition and copying scores, so applying them here would report
 *   numbers TL never produces for such a model. fold_value_biases is applied (TL applies it too).
 * - fold_value_biases (TL `fold_value_biases`): b_O += Σ_h b_V[h] @ W_O[h], b_V = 0. Exact, since
 *   every attention pattern row sums to 1.
 */
import type { Tensor } from "../tensor/tensor";
import type { AttnOnlyModel, LayerWeights } from "./weights";

/** The four TL processing flags, named as TL's from_pretrained arguments. */
export interface ProcessingFlags {
  fold_ln: boolean;
  center_writing_weights: boolean;
  center_unembed: boolean;
  fold_value_biases: boolean;
}

export type ProcessingOptions = Partial<ProcessingFlags>;

/** Default on load: fold_ln only (exact, outputs and logits unchanged). TL's from_pretrained turns all four on. */
export const DEFAULT_PROCESSING: ProcessingFlags = Object.freeze({
  fold_ln: true,
  center_writing_weights: false,
  center_unembed: false,
  fold_value_biases: false,
});

const copy = (t: Tensor): Tensor => ({ data: Float32Array.from(t.data), shape: [...t.shape] });

/** Removes the mean of every contiguous row of length `n` (the last axis): TL `x - x.mean(-1, keepdim=True)`. */
function centerLastAxis(t: Tensor): Tensor {
  const out = copy(t);
  const n = t.shape[t.shape.length - 1];
  const d = out.data;
  for (let r = 0; r < d.length; r += n) {
    let s = 0;
    for (let j = 0; j < n; j++) s += d[r + j];
    const mean = s / n;
    for (let j = 0; j < n; j++) d[r + j] -= mean;
  }
  return out;
}

/** Removes the mean over the middle axis of a [a, m, b] tensor: TL `x - x.mean(-2, keepdim=True)`. */
function centerMiddleAxis(t: Tensor, a: number, m: number, b: number): Tensor {
  const out = copy(t);
  const d = out.data;
  const mean = new Float64Array(b);
  for (let i = 0; i < a; i++) {
    mean.fill(0);
    const base = i * m * b;
    for (let r = 0; r < m; r++) for (let j = 0; j < b; j++) mean[j] += d[base + r * b + j];
    for (let j = 0; j < b; j++) mean[j] /= m;
    for (let r = 0; r < m; r++) for (let j = 0; j < b; j++) d[base + r * b + j] -= mean[j];
  }
  return out;
}

/** Folds a LayerNorm (w, b [m]) into the weight W [a, m, n] read after it and its bias [a, n]. */
function foldInto(W: Tensor, bias: Tensor, w: Tensor, b: Tensor, a: number, m: number, n: number): { W: Tensor; bias: Tensor } {
  const Wn = copy(W);
  const bn = copy(bias);
  for (let i = 0; i < a; i++) {
    for (let r = 0; r < m; r++) {
      const off = (i * m + r) * n;
      for (let j = 0; j < n; j++) {
        bn.data[i * n + j] += b.data[r] * W.data[off + j];
        Wn.data[off + j] = W.data[off + j] * w.data[r];
      }
    }
  }
  return { W: centerMiddleAxis(Wn, a, m, n), bias: bn };
}

/** Applies TL weight processing (defaults: DEFAULT_PROCESSING) on top of what `model` already has. */
export function processWeights(model: AttnOnlyModel, options: ProcessingOptions = {}): AttnOnlyModel {
  const want: ProcessingFlags = { ...DEFAULT_PROCESSING, ...options };
  const config = { ...model.config };
  const flags: ProcessingFlags = { ...model.processing };
  const warnings = [...model.warnings];
  const { n_heads: H, d_model: D, d_head: E } = config;
  const V = config.d_vocab_out ?? config.d_vocab;
  let { W_E, W_pos, W_U, b_U, ln_final } = model.weights;
  let dt = model.dt;
  let blocks: LayerWeights[] = model.weights.blocks.map((b) => ({ ...b }));

  if (want.fold_ln && config.normalization_type === "LN") {
    if (config.positional_embedding_type === "shortformer") {
      warnings.push("fold_ln skipped: a shortformer model adds W_pos after ln1, so folding ln1 into W_Q/W_K would not be exact");
    } else {
      blocks = blocks.map((blk) => {
        const { w, b } = blk.ln1!;
        const q = foldInto(blk.W_Q, blk.b_Q, w, b, H, D, E);
        const k = foldInto(blk.W_K, blk.b_K, w, b, H, D, E);
        const v = foldInto(blk.W_V, blk.b_V, w, b, H, D, E);
        const folded = { ...blk, W_Q: q.W, b_Q: q.bias, W_K: k.W, b_K: k.bias, W_V: v.W, b_V: v.bias, ln1: null };
        if (!blk.mlp || !blk.ln2 || blk.mlp.W_gate) return folded;
        const M = blk.mlp.W_in.shape[1];
        const inFold = foldInto(blk.mlp.W_in, blk.mlp.b_in, blk.ln2.w, blk.ln2.b, 1, D, M);
        return { ...folded, ln2: null, mlp: { ...blk.mlp, W_in: inFold.W, b_in: inFold.bias } };
      });
      const u = foldInto(W_U, b_U, ln_final!.w, ln_final!.b, 1, D, V);
      W_U = u.W;
      b_U = u.bias;
      ln_final = null;
      config.normalization_type = "LNPre";
      config.biases = true;
      flags.fold_ln = true;
    }
  }
  const shortformer = config.positional_embedding_type === "shortformer";
  const tlRefuses = (flag: string) => `${flag} skipped: TL's from_pretrained turns it off for shortformer models (it would change the analysed weights)`;
  if (want.center_writing_weights && shortformer) {
    warnings.push(tlRefuses("center_writing_weights"));
  } else if (want.center_writing_weights && config.normalization_type !== null) {
    W_E = centerLastAxis(W_E);
    W_pos = centerLastAxis(W_pos);
    if (dt) dt = { ...dt, W_time: centerLastAxis(dt.W_time) };
    blocks = blocks.map((blk) => ({
      ...blk, W_O: centerLastAxis(blk.W_O), b_O: centerLastAxis(blk.b_O),
      ...(blk.mlp ? { mlp: { ...blk.mlp, W_out: centerLastAxis(blk.mlp.W_out), b_out: centerLastAxis(blk.mlp.b_out) } } : {}),
    }));
    flags.center_writing_weights = true;
  } else if (want.center_writing_weights) {
    warnings.push("center_writing_weights skipped: the model has no LayerNorm, so centring would change its outputs (as TL)");
  }
  if (want.center_unembed && shortformer) {
    warnings.push(tlRefuses("center_unembed"));
  } else if (want.center_unembed) {
    W_U = centerLastAxis(W_U);
    b_U = centerLastAxis(b_U);
    flags.center_unembed = true;
  }
  if (want.fold_value_biases) {
    blocks = blocks.map((blk) => {
      const b_O = copy(blk.b_O);
      for (let h = 0; h < H; h++) {
        for (let e = 0; e < E; e++) {
          const bv = blk.b_V.data[h * E + e];
          if (bv === 0) continue;
          const off = (h * E + e) * D;
          for (let d = 0; d < D; d++) b_O.data[d] += bv * blk.W_O.data[off + d];
        }
      }
      return { ...blk, b_O, b_V: { data: new Float32Array(H * E), shape: [H, E] } };
    });
    flags.fold_value_biases = true;
  }
  return { config, weights: { W_E, W_pos, blocks, ln_final, W_U, b_U }, processing: flags, warnings, ...(dt ? { dt } : {}), ...(model.segments ? { segments: model.segments } : {}) };
}
