/**
 * Path expansion of the logits (Elhage et al. 2021, "Two-Layer Attention-Only Transformers" →
 * "Path Expansion of Logits" and "Three Kinds of Composition"): with the attention patterns frozen
 * at their values on this input, the logits split exactly into a direct path (W_E → W_U), a
 * positional path (W_pos → W_U, standard positions only), a bias term (Σ b_O, b_U), one term per head
 * (A^h ⊗ W_U W_OV^h) and, in a 2-layer model, one virtual-head term per pair (layer-0 head h₁,
 * layer-1 head h₂) for the V-composition path A^{h₂}A^{h₁} ⊗ W_U W_OV^{h₂} W_OV^{h₁}; a model with MLP
 * blocks adds one term per MLP (its whole output, TL `hook_mlp_out`, as in direct logit attribution).
 * Rule: the terms' logits add up to the model's logits (up to float32 rounding). With LayerNorm
 * (LNPre after fold_ln) the normalisation scales are frozen at their cached values, as TL's
 * `apply_ln_to_stack` does, so the split stays exact; an unfolded LN model is refused.
 *
 * In a 2-layer model the term of a layer-1 head h₂ is its output minus its virtual terms: the paths
 * through h₂ alone (from the embeddings, positions, layer-0 b_O and its own b_V, and layer 0's MLP).
 */
import type { Tensor } from "../tensor/tensor";
import { getKernels, type Kernels } from "../linalg/kernels";
import type { AttnOnlyModel } from "./weights";
import { nextTokenLoss, type ForwardCache } from "./forward";

export type PathTermKind = "direct" | "positional" | "bias" | "head" | "virtual" | "mlp";

/** One term: its contribution to the final residual stream (before ln_final). */
export interface PathTerm {
  /** "direct", "pos", "bias", a head "L.H", a virtual head "0.H→1.H", or an MLP "mlp.L". */
  readonly name: string;
  readonly kind: PathTermKind;
  /** Heads on the path, in order ("L.H"). */
  readonly heads: readonly string[];
  /** [pos, d_model] contribution to resid_final. */
  readonly resid: Tensor;
}

/** Row-wise centring and division by a frozen scale: TL `apply_ln_to_stack` for one component. */
export function frozenLN(c: Float32Array, scale: Float32Array | null, n: number, D: number): Float32Array {
  if (!scale) return c;
  const out = new Float32Array(n * D);
  for (let p = 0; p < n; p++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += c[p * D + j];
    const mean = s / D;
    for (let j = 0; j < D; j++) out[p * D + j] = (c[p * D + j] - mean) / scale[p];
  }
  return out;
}

function assertExpandable(model: AttnOnlyModel, cache: ForwardCache): void {
  if (model.config.normalization_type === "LN") {
    throw new RangeError("pathExpansion: the model has unfolded LayerNorm weights; load it with fold_ln (the default) so the terms are linear");
  }
  if (cache.logits.shape[1] !== model.weights.W_U.shape[1] || cache.pattern.length !== model.config.n_layers) {
    throw new RangeError("pathExpansion: the cache was not produced by this model");
  }
}

/**
 * Splits the final residual stream into path terms (see the module header). For n_layers ≠ 2 the
 * head terms are the heads' whole outputs and there are no virtual terms.
 * Memory: (3 + heads + virtual pairs) × pos × d_model floats.
 */
export async function pathExpansion(model: AttnOnlyModel, cache: ForwardCache, kernels: Kernels = getKernels()): Promise<PathTerm[]> {
  assertExpandable(model, cache);
  const { config: c, weights: w } = model;
  const { n_heads: H, d_model: D, d_head: E } = c;
  const n = cache.n_pos;
  const rows = (src: Float32Array, ids: (p: number) => number) => {
    const out = new Float32Array(n * D);
    for (let p = 0; p < n; p++) out.set(src.subarray(ids(p) * D, (ids(p) + 1) * D), p * D);
    return out;
  };
  const terms: PathTerm[] = [];
  const add = (name: string, kind: PathTermKind, heads: string[], data: Float32Array) => terms.push({ name, kind, heads, resid: { data, shape: [n, D] } });
  add("direct", "direct", [], Float32Array.from(cache.embed.data));
  if (c.positional_embedding_type === "standard") add("pos", "positional", [], rows(w.W_pos.data, (p) => p));
  const bias = new Float32Array(n * D);
  for (const blk of w.blocks) for (let i = 0; i < n * D; i++) bias[i] += blk.b_O.data[i % D];
  add("bias", "bias", [], bias);

  for (let l = 0; l < c.n_layers; l++) {
    for (let h = 0; h < H; h++) {
      const out = Float32Array.from(cache.result[l].data.subarray(h * n * D, (h + 1) * n * D));
      if (c.n_layers === 2 && l === 1) {
        // Virtual heads: layer-0 head h0's output, normalised by ln1's frozen scale, read through
        // this head's V with this head's pattern, then W_O.
        const blk = w.blocks[1];
        const A = cache.pattern[1].data.subarray(h * n * n, (h + 1) * n * n);
        for (let h0 = 0; h0 < H; h0++) {
          const src = frozenLN(cache.result[0].data.subarray(h0 * n * D, (h0 + 1) * n * D), cache.ln1_scale[1], n, D);
          const v = await kernels.matmul(src, blk.W_V.data.subarray(h * D * E, (h + 1) * D * E), n, D, E);
          const z = await kernels.matmul(A, v, n, n, E);
          const virt = await kernels.matmul(z, blk.W_O.data.subarray(h * E * D, (h + 1) * E * D), n, E, D);
          for (let i = 0; i < n * D; i++) out[i] -= virt[i];
          add(`0.${h0}→1.${h}`, "virtual", [`0.${h0}`, `1.${h}`], virt);
        }
      }
      add(`${l}.${h}`, "head", [`${l}.${h}`], out);
    }
    const mlp = cache.mlp_out[l];
    if (mlp) add(`mlp.${l}`, "mlp", [], Float32Array.from(mlp.data));
  }
  // Keep the single-head terms before the virtual ones for readers scanning the list.
  const order: Record<PathTermKind, number> = { direct: 0, positional: 1, bias: 2, head: 3, virtual: 4, mlp: 5 };
  return terms.sort((a, b) => order[a.kind] - order[b.kind]);
}

/**
 * Logits [pos, d_vocab] of one term: frozen-ln_final(term.resid) @ W_U (+ b_U for the bias term).
 * With `removeFrom`, returns removeFrom − that instead (the logits with the term ablated).
 */
export async function termLogits(
  model: AttnOnlyModel,
  cache: ForwardCache,
  term: PathTerm,
  opts: { kernels?: Kernels; rows?: number; out?: Float32Array } = {},
): Promise<Float32Array> {
  const K = opts.kernels ?? getKernels();
  const D = model.config.d_model;
  const V = model.weights.W_U.shape[1];
  const n = opts.rows ?? cache.n_pos;
  const x = frozenLN(term.resid.data.subarray(0, n * D), cache.ln_final_scale?.subarray(0, n) ?? null, n, D);
  const out = await K.matmul(x, model.weights.W_U.data, n, D, V, opts.out ? { out: opts.out.subarray(0, n * V) } : {});
  if (term.kind === "bias") for (let o = 0; o < n * V; o += V) for (let j = 0; j < V; j++) out[o + j] += model.weights.b_U.data[j];
  return out;
}

/**
 * One term's contribution to one logit: frozen-ln_final(term.resid[position]) · W_U[:, target]
 * (+ b_U[target] for the bias term), the entry [position, target] of `termLogits` without forming
 * the [pos, d_vocab] product; summed over all terms it is the model's logit (TL
 * `cache.logit_attrs` for one token).
 */
export function termLogit(model: AttnOnlyModel, cache: ForwardCache, term: PathTerm, position: number, target: number): number {
  const { d_model: D, d_vocab: V } = model.config;
  if (!Number.isInteger(position) || position < 0 || position >= cache.n_pos) throw new RangeError(`termLogit: position ${position} out of range [0, ${cache.n_pos})`);
  if (!Number.isInteger(target) || target < 0 || target >= V) throw new RangeError(`termLogit: target ${target} out of range [0, d_vocab = ${V})`);
  const scale = cache.ln_final_scale?.subarray(position, position + 1) ?? null;
  const x = frozenLN(term.resid.data.subarray(position * D, (position + 1) * D), scale, 1, D);
  const W_U = model.weights.W_U.data;
  let s = term.kind === "bias" ? model.weights.b_U.data[target] : 0;
  for (let j = 0; j < D; j++) s += x[j] * W_U[j * V + target];
  return s;
}

export interface TermImportance {
  readonly name: string;
  readonly kind: PathTermKind;
  /** Next-token loss with this term removed from the residual sum, minus the model's loss. */
  readonly lossIncrease: number;
}

/**
 * Term importance: the increase in mean next-token loss when one term is removed from the sum of
 * terms (patterns and LN scales frozen — a direct-path ablation of that path). Sorted by decreasing
 * increase. Cost per term: a (pos−1) × d_model × d_vocab product on the kernels.
 */
export async function termImportance(
  model: AttnOnlyModel,
  cache: ForwardCache,
  terms: readonly PathTerm[],
  kernels: Kernels = getKernels(),
): Promise<{ loss: number; terms: TermImportance[] }> {
  const { d_vocab: V } = model.config;
  const n = cache.n_pos;
  if (n < 2) throw new RangeError(`termImportance: need at least 2 tokens, got ${n}`);
  const base = nextTokenLoss(cache.logits.data.subarray(0, n * V), cache.tokens, V).loss;
  const buf = new Float32Array((n - 1) * V);
  const out: TermImportance[] = [];
  for (const term of terms) {
    const t = await termLogits(model, cache, term, { kernels, rows: n - 1, out: buf });
    for (let i = 0; i < t.length; i++) t[i] = cache.logits.data[i] - t[i];
    out.push({ name: term.name, kind: term.kind, lossIncrease: nextTokenLoss(t, cache.tokens, V).loss - base });
  }
  out.sort((a, b) => b.lossIncrease - a.lossIncrease);
  return { loss: base, terms: out };
}
