/**
 * The forward pass of an attention-only transformer with a full activation cache, as
 * TransformerLens's HookedTransformer computes it (row vectors, x @ W).
 * Rule: every matmul goes through the Kernels interface (so a fast backend plugs in), attention
 * patterns are exactly 0 above the diagonal (causal mask), and each pattern row sums to 1.
 *
 * Per layer l (TL TransformerBlock with attn_only): x = resid_pre[l]; x̂ = ln1(x) (identity if no
 * LayerNorm); q = (x̂ + p) W_Q + b_Q, k = (x̂ + p) W_K + b_K with p = W_pos[pos] for shortformer
 * positions and 0 otherwise; v = x̂ W_V + b_V; pattern = softmax(q kᵀ / sqrt(d_head)) with the
 * causal mask; z = pattern v; result_h = z_h W_O[h]; resid_post[l] = x + Σ_h result_h + b_O.
 * With an MLP (TL TransformerBlock without attn_only): resid_mid[l] = x + Σ_h result_h + b_O, then
 * resid_post[l] = resid_mid[l] + mlp(ln2(resid_mid[l])) (./mlp.ts).
 * resid_pre[0] = W_E[tokens] (+ W_pos[pos] for standard positions), or a typed embedding given by the
 * caller (runOnResidual; decision transformers, DT-FORMAT.md "Forward pass").
 * logits = ln_final(resid_final) W_U + b_U.
 */
import type { Tensor } from "../tensor/tensor";
import { getKernels, type Kernels } from "../linalg/kernels";
import type { AttnOnlyModel, LayerWeights } from "./weights";
import { mlpForward } from "./mlp";

/** Every activation of one forward pass over one sequence of `n_pos` tokens. */
export interface ForwardCache {
  readonly tokens: readonly number[];
  readonly n_pos: number;
  /** [pos, d_model]: the input embedding without positions (TL `hook_embed`; a DT's typed embedding incl. W_time). */
  readonly embed: Tensor;
  /** [pos, d_model] per layer: the residual stream entering block l (TL `blocks.{l}.hook_resid_pre`). */
  readonly resid_pre: Tensor[];
  /** [pos, d_model] per layer: the residual stream leaving block l (TL `blocks.{l}.hook_resid_post`). */
  readonly resid_post: Tensor[];
  /** [pos, d_model] per layer: after attention, before the MLP (TL `hook_resid_mid`); resid_post without MLPs. */
  readonly resid_mid: Tensor[];
  /** [pos, d_model] per layer: the MLP's output incl. b_out (TL `hook_mlp_out`), or null without MLPs. */
  readonly mlp_out: (Tensor | null)[];
  /** [pos] per layer: ln2's scale, or null without MLPs or LayerNorm. */
  readonly ln2_scale: (Float32Array | null)[];
  /** [pos, d_model]: the residual stream fed to the unembedding (resid_post of the last layer). */
  readonly resid_final: Tensor;
  /** [pos] per layer: ln1's scale sqrt(var + eps) (TL `ln1.hook_scale`), or null without LayerNorm. */
  readonly ln1_scale: (Float32Array | null)[];
  /** [pos]: ln_final's scale, or null without LayerNorm. */
  readonly ln_final_scale: Float32Array | null;
  /** [n_heads, pos, d_head] per layer (TL stores [pos, head, d_head]; here head-major so each head is contiguous). */
  readonly q: Tensor[];
  readonly k: Tensor[];
  readonly v: Tensor[];
  readonly z: Tensor[];
  /** [n_heads, query_pos, key_pos] per layer (TL `hook_pattern` without the batch axis). */
  readonly pattern: Tensor[];
  /** [n_heads, pos, d_model] per layer: z_h W_O[h] without b_O (TL `hook_result`). */
  readonly result: Tensor[];
  /** [pos, d_vocab] */
  readonly logits: Tensor;
  /** [pos, d_vocab] log-softmax of the logits (computed on first read), or null when not asked for. */
  readonly log_probs: Tensor | null;
}

/** Options of runWithCache. */
export interface ForwardOptions {
  /** Kernel backend (default: getKernels()). */
  kernels?: Kernels;
  /** Offer log-probs (another [pos, d_vocab] array, computed lazily on first read; default true). */
  logProbs?: boolean;
  /**
   * Run the unembedding (default true). False skips its pos·d_model·d_vocab product when only
   * attention activations are wanted (detectors): `logits` is then an empty [pos, 0] tensor and
   * `log_probs` null.
   */
  unembed?: boolean;
  /**
   * Keep every head's output z_h W_O[h] in `result` (default true). False computes the block output
   * with one z·W_O product over all heads and leaves `result` empty ([n_heads, pos, 0]) — for callers
   * that never ablate a head (the detectors), it saves a [n_heads, pos, d_model] array per layer.
   */
  keepResult?: boolean;
  /**
   * Stop after the last layer's attention pattern (default false): that layer's v, z and result
   * are empty ([n_heads, pos, 0]) and so are its resid_mid / resid_post and resid_final ([pos, 0]);
   * implies `unembed: false`. The detectors read patterns only, and the last layer's output feeds
   * nothing but the unembedding.
   */
  stopAfterPattern?: boolean;
}

/** Throws a RangeError unless `tokens` are 1..n_ctx integers in [0, d_vocab). */
export function checkTokens(model: AttnOnlyModel, tokens: readonly number[]): void {
  const { d_vocab, n_ctx } = model.config;
  if (tokens.length < 1 || tokens.length > n_ctx) throw new RangeError(`forward: got ${tokens.length} tokens; need 1 to n_ctx = ${n_ctx}`);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!Number.isInteger(t) || t < 0 || t >= d_vocab) throw new RangeError(`forward: token ${t} at position ${i} is not an id in [0, d_vocab = ${d_vocab})`);
  }
}

/**
 * TL LayerNorm / LNPre over the rows of x [n, d]: (x − mean) / sqrt(var + eps), then · w + b when
 * given. Writes into `out` and returns the per-row scale sqrt(var + eps).
 */
export function layerNormRows(x: Float32Array, n: number, d: number, eps: number, out: Float32Array, w?: Float32Array, b?: Float32Array): Float32Array {
  const scale = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let s = 0;
    for (let j = 0; j < d; j++) s += x[o + j];
    const mean = s / d;
    let v = 0;
    for (let j = 0; j < d; j++) v += (x[o + j] - mean) ** 2;
    const sc = Math.sqrt(v / d + eps);
    scale[i] = sc;
    for (let j = 0; j < d; j++) {
      const y = (x[o + j] - mean) / sc;
      out[o + j] = w && b ? y * w[j] + b[j] : y;
    }
  }
  return scale;
}

/**
 * Causal softmax in place over scores [n, n] (row = query): keys > query set to exactly 0.
 * TL AbstractAttention.forward: pattern = softmax(apply_causal_mask(q·kᵀ / attn_scale)), attn_scale = √d_head.
 */
export function causalSoftmaxInPlace(s: Float32Array, n: number, scale: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * n;
    let max = -Infinity;
    for (let j = 0; j <= i; j++) {
      const v = s[o + j] * scale;
      s[o + j] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let j = 0; j <= i; j++) {
      const e = Math.exp(s[o + j] - max);
      s[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j <= i; j++) s[o + j] *= inv;
    for (let j = i + 1; j < n; j++) s[o + j] = 0;
  }
}

/**
 * Row-wise log-softmax of x [n, m] into a new array (max-subtracted, float64 sums).
 * TL utils.lm_cross_entropy_loss: `log_probs = F.log_softmax(logits, dim=-1)`.
 */
export function logSoftmaxRows(x: Float32Array, n: number, m: number): Float32Array {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const o = i * m;
    let max = -Infinity;
    for (let j = 0; j < m; j++) if (x[o + j] > max) max = x[o + j];
    let sum = 0;
    for (let j = 0; j < m; j++) sum += Math.exp(x[o + j] - max);
    const lse = max + Math.log(sum);
    for (let j = 0; j < m; j++) out[o + j] = x[o + j] - lse;
  }
  return out;
}

/**
 * W_Q, W_K [n_heads, d_model, d_head] side by side as one [d_model, 2·n_heads·d_head] matrix
 * (column (0·H + h)·E + e is W_Q[h, :, e], column (1·H + h)·E + e is W_K[h, :, e]) and W_V as
 * [d_model, n_heads·d_head], so one product computes every head. Rebuilt on every call (a few
 * milliseconds) so weights edited in place are never served stale.
 */
function packedQKV(blk: LayerWeights, H: number, D: number, E: number): { W_QK: Float32Array; W_Vp: Float32Array } {
  const W_QK = new Float32Array(D * 2 * H * E), W_Vp = new Float32Array(D * H * E);
  const put = (src: Float32Array, dst: Float32Array, width: number, col0: number) => {
    for (let h = 0; h < H; h++) for (let d = 0; d < D; d++) {
      dst.set(src.subarray((h * D + d) * E, (h * D + d + 1) * E), d * width + col0 + h * E);
    }
  };
  put(blk.W_Q.data, W_QK, 2 * H * E, 0);
  put(blk.W_K.data, W_QK, 2 * H * E, H * E);
  put(blk.W_V.data, W_Vp, H * E, 0);
  return { W_QK, W_Vp };
}

/** Copies columns [col0, col0 + H·E) of all [n, width] into head-major [H, n, E], adding bias [H, E]. */
function unpackHeads(all: Float32Array, width: number, col0: number, bias: Float32Array, dst: Float32Array, n: number, H: number, E: number): void {
  for (let h = 0; h < H; h++) {
    for (let p = 0; p < n; p++) {
      const src = p * width + col0 + h * E;
      const o = (h * n + p) * E;
      for (let e = 0; e < E; e++) dst[o + e] = all[src + e] + bias[h * E + e];
    }
  }
}

/** Adds bias [n] to every row of x [rows, n] in place. */
function addRowBias(x: Float32Array, bias: Float32Array, n: number): void {
  for (let o = 0; o < x.length; o += n) for (let j = 0; j < n; j++) x[o + j] += bias[j];
}

/**
 * Runs the model on one token sequence and caches every activation (TL `run_with_cache`, batch 1).
 * Cost: dominated by the unembedding, pos·d_model·d_vocab multiply-adds, on the kernels.
 */
export async function runWithCache(model: AttnOnlyModel, tokens: readonly number[], opts: ForwardOptions = {}): Promise<ForwardCache> {
  checkTokens(model, tokens);
  const D = model.config.d_model;
  const embed = new Float32Array(tokens.length * D);
  for (let p = 0; p < tokens.length; p++) embed.set(model.weights.W_E.data.subarray(tokens[p] * D, (tokens[p] + 1) * D), p * D);
  return runOnResidual(model, embed, tokens, opts);
}

/**
 * The forward pass from an embedding `embed` [n, d_model] (TL `hook_embed`): W_pos[0..n) is added
 * for standard positions, then every block runs. `tokens` are recorded in the cache (a DT passes
 * its token-type ids). n must be 1..n_ctx.
 */
export async function runOnResidual(model: AttnOnlyModel, embed: Float32Array, tokens: readonly number[], opts: ForwardOptions = {}): Promise<ForwardCache> {
  const K = opts.kernels ?? getKernels();
  const { config: c, weights: w } = model;
  const { n_heads: H, d_model: D, d_head: E } = c;
  const V = w.W_U.shape[1];
  const n = embed.length / D;
  if (!Number.isInteger(n) || n < 1 || n > c.n_ctx) throw new RangeError(`forward: embedding of ${embed.length} floats is not 1 to n_ctx = ${c.n_ctx} rows of d_model = ${D}`);
  const shortformer = c.positional_embedding_type === "shortformer";
  const x0 = Float32Array.from(embed);
  if (!shortformer) for (let i = 0; i < n * D; i++) x0[i] += w.W_pos.data[i];
  const pos = w.W_pos.data.subarray(0, n * D);
  const resid_pre: Tensor[] = [], resid_mid: Tensor[] = [], resid_post: Tensor[] = [], q: Tensor[] = [], k: Tensor[] = [], v: Tensor[] = [];
  const z: Tensor[] = [], pattern: Tensor[] = [], result: Tensor[] = [];
  const ln1_scale: (Float32Array | null)[] = [], ln2_scale: (Float32Array | null)[] = [], mlp_out: (Tensor | null)[] = [];
  let x = x0;
  const xn = new Float32Array(n * D);
  const qkIn = shortformer ? new Float32Array(n * D) : xn;
  const attnScale = 1 / Math.sqrt(E);
  const qkBuf = new Float32Array(n * 2 * H * E), vBuf = new Float32Array(n * H * E);
  const keepResult = opts.keepResult !== false;
  const zPacked = keepResult ? null : new Float32Array(n * H * E);
  const none = (shape: number[]): Tensor => ({ data: new Float32Array(0), shape });

  for (let l = 0; l < c.n_layers; l++) {
    const blk = w.blocks[l];
    resid_pre.push({ data: x, shape: [n, D] });
    if (c.normalization_type === null) {
      xn.set(x);
      ln1_scale.push(null);
    } else {
      ln1_scale.push(layerNormRows(x, n, D, c.eps, xn, blk.ln1?.w.data, blk.ln1?.b.data));
    }
    if (shortformer) for (let i = 0; i < n * D; i++) qkIn[i] = xn[i] + pos[i];
    // Q and K of all heads in one product, V in another (their inputs differ for shortformer).
    const { W_QK, W_Vp } = packedQKV(blk, H, D, E);
    const qkAll = await K.matmul(qkIn, W_QK, n, D, 2 * H * E, { out: qkBuf });
    const qL = new Float32Array(H * n * E), kL = new Float32Array(H * n * E);
    unpackHeads(qkAll, 2 * H * E, 0, blk.b_Q.data, qL, n, H, E);
    unpackHeads(qkAll, 2 * H * E, H * E, blk.b_K.data, kL, n, H, E);
    const patL = new Float32Array(H * n * n);
    for (let h = 0; h < H; h++) {
      const ph = patL.subarray(h * n * n, (h + 1) * n * n);
      await K.matmul(qL.subarray(h * n * E, (h + 1) * n * E), kL.subarray(h * n * E, (h + 1) * n * E), n, E, n, { transB: true, out: ph });
      causalSoftmaxInPlace(ph, n, attnScale);
    }
    q.push({ data: qL, shape: [H, n, E] });
    k.push({ data: kL, shape: [H, n, E] });
    pattern.push({ data: patL, shape: [H, n, n] });
    if (opts.stopAfterPattern && l === c.n_layers - 1) {
      for (const t of [v, z, result]) t.push(none([H, n, 0]));
      resid_mid.push(none([n, 0]));
      resid_post.push(none([n, 0]));
      ln2_scale.push(null);
      mlp_out.push(null);
      x = new Float32Array(0);
      break;
    }
    const vL = new Float32Array(H * n * E);
    unpackHeads(await K.matmul(xn, W_Vp, n, D, H * E, { out: vBuf }), H * E, 0, blk.b_V.data, vL, n, H, E);
    const zL = new Float32Array(H * n * E);
    const out = new Float32Array(n * D);
    if (!zPacked) out.set(x);
    for (let h = 0; h < H; h++) await K.matmul(patL.subarray(h * n * n, (h + 1) * n * n), vL.subarray(h * n * E, (h + 1) * n * E), n, n, E, { out: zL.subarray(h * n * E, (h + 1) * n * E) });
    if (zPacked) {
      // Σ_h z_h W_O[h] = [z_0 … z_{H−1}] · W_O stacked [H·E, D]: one product instead of H.
      for (let h = 0; h < H; h++) for (let p = 0; p < n; p++) zPacked.set(zL.subarray((h * n + p) * E, (h * n + p + 1) * E), p * H * E + h * E);
      await K.matmul(zPacked, blk.W_O.data, n, H * E, D, { out });
      for (let i = 0; i < n * D; i++) out[i] += x[i];
      result.push(none([H, n, 0]));
    } else {
      const resL = new Float32Array(H * n * D);
      for (let h = 0; h < H; h++) {
        const rh = resL.subarray(h * n * D, (h + 1) * n * D);
        await K.matmul(zL.subarray(h * n * E, (h + 1) * n * E), blk.W_O.data.subarray(h * E * D, (h + 1) * E * D), n, E, D, { out: rh });
        for (let i = 0; i < n * D; i++) out[i] += rh[i];
      }
      result.push({ data: resL, shape: [H, n, D] });
    }
    addRowBias(out, blk.b_O.data, D);
    resid_mid.push({ data: out, shape: [n, D] });
    let post = out;
    if (blk.mlp) {
      const xn2 = new Float32Array(n * D);
      if (c.normalization_type === null) {
        xn2.set(out);
        ln2_scale.push(null);
      } else {
        ln2_scale.push(layerNormRows(out, n, D, c.eps, xn2, blk.ln2?.w.data, blk.ln2?.b.data));
      }
      if (!c.act_fn) throw new RangeError(`forward: layer ${l} has an MLP but the config has no act_fn`);
      const m = await mlpForward(blk.mlp, xn2, n, c.act_fn, K);
      mlp_out.push({ data: m.out, shape: [n, D] });
      post = new Float32Array(n * D);
      for (let i = 0; i < n * D; i++) post[i] = out[i] + m.out[i];
    } else {
      ln2_scale.push(null);
      mlp_out.push(null);
    }
    v.push({ data: vL, shape: [H, n, E] });
    z.push({ data: zL, shape: [H, n, E] });
    resid_post.push({ data: post, shape: [n, D] });
    x = post;
  }

  const attention = {
    tokens: [...tokens], n_pos: n, embed: { data: embed, shape: [n, D] }, resid_pre, resid_mid, mlp_out, ln2_scale, resid_post, resid_final: { data: x, shape: [n, x.length / n] }, ln1_scale, q, k, v, z, pattern, result,
  };
  if (opts.unembed === false || opts.stopAfterPattern) {
    return { ...attention, ln_final_scale: null, logits: { data: new Float32Array(0), shape: [n, 0] }, log_probs: null };
  }
  let ln_final_scale: Float32Array | null = null;
  let finalIn = x;
  if (c.normalization_type !== null) {
    finalIn = new Float32Array(n * D);
    ln_final_scale = layerNormRows(x, n, D, c.eps, finalIn, w.ln_final?.w.data, w.ln_final?.b.data);
  }
  const logits = await K.matmul(finalIn, w.W_U.data, n, D, V);
  addRowBias(logits, w.b_U.data, V);
  if (opts.logProbs === false) return { ...attention, ln_final_scale, logits: { data: logits, shape: [n, V] }, log_probs: null };
  // Log-probs are another pos × d_vocab array (≈ 0.2 GB and a second for 1024 tokens of a 50k
  // vocabulary): computed on first read, then kept.
  let log_probs: Tensor | undefined;
  return {
    ...attention, ln_final_scale, logits: { data: logits, shape: [n, V] },
    get log_probs() {
      log_probs ??= { data: logSoftmaxRows(logits, n, V), shape: [n, V] };
      return log_probs;
    },
  };
}

/**
 * Mean next-token cross-entropy of logits [pos, d_vocab] against `tokens` (TL `lm_cross_entropy_loss`
 * per_token=False): mean over p < pos−1 of −log softmax(logits[p])[tokens[p+1]]. Per-position values
 * in `perToken` [pos − 1]. The last row of logits is not needed and may be left out.
 */
export function nextTokenLoss(logits: Float32Array, tokens: readonly number[], d_vocab: number): { loss: number; perToken: Float64Array } {
  const n = tokens.length;
  if (logits.length !== n * d_vocab && logits.length !== (n - 1) * d_vocab) {
    throw new RangeError(`nextTokenLoss: logits have ${logits.length} elements, expected [${n}, ${d_vocab}] or [${n - 1}, ${d_vocab}]`);
  }
  if (n < 2) throw new RangeError(`nextTokenLoss: need at least 2 tokens, got ${n}`);
  const perToken = new Float64Array(n - 1);
  let total = 0;
  for (let p = 0; p < n - 1; p++) {
    const o = p * d_vocab;
    let max = -Infinity;
    for (let j = 0; j < d_vocab; j++) if (logits[o + j] > max) max = logits[o + j];
    let sum = 0;
    for (let j = 0; j < d_vocab; j++) sum += Math.exp(logits[o + j] - max);
    perToken[p] = max + Math.log(sum) - logits[o + tokens[p + 1]];
    total += perToken[p];
  }
  return { loss: total / (n - 1), perToken };
}
