/**
 * The trainer's forward pass (with every activation the backward pass needs) and its hand-written
 * backward pass, for attention-only transformers in TransformerLens shapes.
 * Rule: row vectors on the left (TL `x @ W`); causal attention scaled by 1/sqrt(d_head) (TL
 * `attn_scale`); "standard" adds W_pos to the residual stream, "shortformer" only to the inputs of
 * W_Q and W_K of every layer (TL `positional_embedding_type`); loss is the mean next-token cross-
 * entropy over positions 0..T−2 of every sequence (TL `lm_cross_entropy_loss`), or only over the
 * positions `ws.lossMask` marks (a decision transformer's state tokens, whose next token is the
 * action: Chen et al. 2021 §3 "predict the action given the state"). Buffers live in a
 * Workspace and are reused across steps: no allocation per step.
 * Why not the engine's Kernels interface: that seam is asynchronous and float32, built for large
 * analysis products; training needs many tiny synchronous products in float64 (bit-reproducible
 * runs, finite-difference gradient checks), so the trainer keeps its own loops in ./ops.
 */
import type { ParamSet, TrainModelConfig } from "./params";
import { mmAcc, mmAccAt, mmAccBt, sumRowsAcc } from "./ops";

/** Activation and gradient buffers for one batch shape [batch, seqLen]. */
export class Workspace {
  readonly N: number;
  /** resid[l]: residual stream before layer l [N, d_model]; resid[n_layers] feeds W_U. */
  readonly resid: Float64Array[];
  /** Inputs of W_Q/W_K per layer (resid + W_pos) [N, d_model]; only for shortformer. */
  readonly qkIn: Float64Array[];
  /** q, k, v, z per layer, head-major [n_heads, N, d_head]. */
  readonly q: Float64Array[];
  readonly k: Float64Array[];
  readonly v: Float64Array[];
  readonly z: Float64Array[];
  /** Attention patterns per layer [batch, n_heads, query_pos, key_pos]; entries above the diagonal stay 0. */
  readonly pattern: Float64Array[];
  /** Softmax of the logits [N, d_vocab], overwritten by the backward pass with d loss/d logits. */
  readonly probs: Float64Array;
  /** Mean loss per query position over the batch [seqLen − 1] (for the in-context-learning score). */
  readonly posLoss: Float64Array;
  readonly dres: Float64Array;
  readonly dnext: Float64Array;
  readonly dqkIn: Float64Array;
  readonly dq: Float64Array;
  readonly dk: Float64Array;
  readonly dv: Float64Array;
  readonly dz: Float64Array;
  readonly dp: Float64Array;
  /**
   * When set, [N]: 1 where the loss of predicting the next token counts (the last position of a
   * sequence never counts). Null: every position 0..T−2.
   */
  lossMask: Uint8Array | null = null;

  constructor(readonly cfg: TrainModelConfig, readonly batch: number, readonly seqLen: number) {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`Workspace: batch must be a positive integer, got ${batch}`);
    if (!Number.isInteger(seqLen) || seqLen < 2 || seqLen > cfg.n_ctx) {
      throw new RangeError(`Workspace: seqLen must be an integer in [2, n_ctx=${cfg.n_ctx}], got ${seqLen}`);
    }
    const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V } = cfg;
    const N = (this.N = batch * seqLen);
    const f = (n: number) => new Float64Array(n);
    this.resid = Array.from({ length: L + 1 }, () => f(N * D));
    this.qkIn = cfg.positional_embedding_type === "shortformer" ? Array.from({ length: L }, () => f(N * D)) : [];
    this.q = Array.from({ length: L }, () => f(H * N * E));
    this.k = Array.from({ length: L }, () => f(H * N * E));
    this.v = Array.from({ length: L }, () => f(H * N * E));
    this.z = Array.from({ length: L }, () => f(H * N * E));
    this.pattern = Array.from({ length: L }, () => f(batch * H * seqLen * seqLen));
    this.probs = f(N * V);
    this.posLoss = f(seqLen - 1);
    this.dres = f(N * D);
    this.dnext = f(N * D);
    this.dqkIn = f(N * D);
    this.dq = f(N * E);
    this.dk = f(N * E);
    this.dv = f(N * E);
    this.dz = f(N * E);
    this.dp = f(seqLen);
  }
}

function checkTokens(op: string, cfg: TrainModelConfig, tokens: Int32Array, ws: Workspace): void {
  if (tokens.length !== ws.N) throw new RangeError(`${op}: tokens has ${tokens.length} ids, workspace expects [${ws.batch}, ${ws.seqLen}]`);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] < 0 || tokens[i] >= cfg.d_vocab) throw new RangeError(`${op}: token ${tokens[i]} at ${i} is outside [0, d_vocab=${cfg.d_vocab})`);
  }
}

/**
 * Forward pass over `tokens` [batch, seqLen] (flat), caching activations in `ws`.
 * Returns the mean next-token cross-entropy (nats).
 */
export function forward(cfg: TrainModelConfig, p: ParamSet, tokens: Int32Array, ws: Workspace): number {
  checkTokens("forward", cfg, tokens, ws);
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V } = cfg;
  const { N, batch: B, seqLen: T } = ws;
  const shortformer = cfg.positional_embedding_type === "shortformer";
  const W_E = p["embed.W_E"].data;
  const W_pos = p["pos_embed.W_pos"].data;
  const x0 = ws.resid[0];
  for (let n = 0; n < N; n++) {
    const t = n % T;
    const eo = tokens[n] * D;
    for (let d = 0; d < D; d++) x0[n * D + d] = W_E[eo + d] + (shortformer ? 0 : W_pos[t * D + d]);
  }
  const scale = 1 / Math.sqrt(E);
  for (let l = 0; l < L; l++) {
    const pre = `blocks.${l}.attn.`;
    const x = ws.resid[l];
    let qk = x;
    if (shortformer) {
      qk = ws.qkIn[l];
      for (let n = 0; n < N; n++) {
        const t = n % T;
        for (let d = 0; d < D; d++) qk[n * D + d] = x[n * D + d] + W_pos[t * D + d];
      }
    }
    const q = ws.q[l], k = ws.k[l], v = ws.v[l], z = ws.z[l], pat = ws.pattern[l];
    q.fill(0); k.fill(0); v.fill(0); z.fill(0);
    for (let h = 0; h < H; h++) {
      const wo = h * D * E, ho = h * N * E;
      mmAcc(qk, 0, p[pre + "W_Q"].data, wo, q, ho, N, D, E);
      mmAcc(qk, 0, p[pre + "W_K"].data, wo, k, ho, N, D, E);
      mmAcc(x, 0, p[pre + "W_V"].data, wo, v, ho, N, D, E);
      if (cfg.biases) {
        const bq = p[pre + "b_Q"].data, bk = p[pre + "b_K"].data, bv = p[pre + "b_V"].data;
        for (let n = 0; n < N; n++) {
          for (let e = 0; e < E; e++) {
            q[ho + n * E + e] += bq[h * E + e];
            k[ho + n * E + e] += bk[h * E + e];
            v[ho + n * E + e] += bv[h * E + e];
          }
        }
      }
      // TL AbstractAttention.forward: pattern = softmax(apply_causal_mask(q·kᵀ / attn_scale)), z = pattern·v.
      for (let b = 0; b < B; b++) {
        const so = ho + b * T * E;
        for (let i = 0; i < T; i++) {
          const po = ((b * H + h) * T + i) * T;
          const qi = so + i * E;
          let max = -Infinity;
          for (let j = 0; j <= i; j++) {
            const kj = so + j * E;
            let s = 0;
            for (let e = 0; e < E; e++) s += q[qi + e] * k[kj + e];
            s *= scale;
            pat[po + j] = s;
            if (s > max) max = s;
          }
          let sum = 0;
          for (let j = 0; j <= i; j++) {
            const w = Math.exp(pat[po + j] - max);
            pat[po + j] = w;
            sum += w;
          }
          const inv = 1 / sum;
          for (let j = 0; j <= i; j++) {
            const w = (pat[po + j] *= inv);
            const vj = so + j * E;
            for (let e = 0; e < E; e++) z[qi + e] += w * v[vj + e];
          }
        }
      }
    }
    const xn = ws.resid[l + 1];
    xn.set(x);
    for (let h = 0; h < H; h++) mmAcc(z, h * N * E, p[pre + "W_O"].data, h * E * D, xn, 0, N, E, D);
    if (cfg.biases) {
      const bo = p[pre + "b_O"].data;
      for (let n = 0; n < N; n++) for (let d = 0; d < D; d++) xn[n * D + d] += bo[d];
    }
  }
  const probs = ws.probs;
  probs.fill(0);
  mmAcc(ws.resid[L], 0, p["unembed.W_U"].data, 0, probs, 0, N, D, V);
  const bU = cfg.biases ? p["unembed.b_U"].data : undefined;
  ws.posLoss.fill(0);
  const mask = ws.lossMask;
  const count = lossCount(ws);
  let total = 0;
  for (let n = 0; n < N; n++) {
    const o = n * V;
    let max = -Infinity;
    for (let c = 0; c < V; c++) {
      if (bU) probs[o + c] += bU[c];
      if (probs[o + c] > max) max = probs[o + c];
    }
    let sum = 0;
    for (let c = 0; c < V; c++) sum += (probs[o + c] = Math.exp(probs[o + c] - max));
    const inv = 1 / sum;
    for (let c = 0; c < V; c++) probs[o + c] *= inv;
    const t = n % T;
    if (t < T - 1 && (!mask || mask[n])) {
      // −log softmax(logits)[next token], TL utils.lm_cross_entropy_loss per token.
      const lossN = -Math.log(probs[o + tokens[n + 1]]);
      ws.posLoss[t] += lossN / B;
      total += lossN;
    }
  }
  return total / count;
}

/** Positions whose loss counts: B·(T−1), or the masked ones (at least 1, so a mean is defined). */
function lossCount(ws: Workspace): number {
  const { lossMask: mask, seqLen: T } = ws;
  if (!mask) return ws.batch * (T - 1);
  if (mask.length !== ws.N) throw new RangeError(`forward: lossMask has ${mask.length} entries, workspace expects ${ws.N}`);
  let c = 0;
  for (let n = 0; n < ws.N; n++) if (mask[n] && n % T !== T - 1) c++;
  return Math.max(1, c);
}

/**
 * Backward pass of the last `forward` call on the same `tokens` and `ws`: adds d loss/d param into
 * `grads` (zero it first for a plain gradient). Destroys `ws.probs`.
 */
export function backward(cfg: TrainModelConfig, p: ParamSet, tokens: Int32Array, ws: Workspace, grads: ParamSet): void {
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V } = cfg;
  const { N, batch: B, seqLen: T } = ws;
  const shortformer = cfg.positional_embedding_type === "shortformer";
  const count = lossCount(ws);
  const mask = ws.lossMask;
  const dlog = ws.probs;
  for (let n = 0; n < N; n++) {
    const o = n * V;
    if (n % T === T - 1 || (mask && !mask[n])) {
      dlog.fill(0, o, o + V);
      continue;
    }
    // d(cross-entropy)/d logits = (softmax − onehot(next token)) / count: the gradient of TL `lm_cross_entropy_loss`.
    dlog[o + tokens[n + 1]] -= 1;
    for (let c = 0; c < V; c++) dlog[o + c] /= count;
  }
  mmAccAt(ws.resid[L], 0, dlog, 0, grads["unembed.W_U"].data, 0, N, D, V);
  if (cfg.biases) sumRowsAcc(dlog, 0, grads["unembed.b_U"].data, 0, N, V);
  let dres = ws.dres, dnext = ws.dnext;
  dres.fill(0);
  mmAccBt(dlog, 0, p["unembed.W_U"].data, 0, dres, 0, N, V, D);
  const dW_pos = grads["pos_embed.W_pos"].data;
  const scale = 1 / Math.sqrt(E);
  const { dq, dk, dv, dz, dp, dqkIn } = ws;
  for (let l = L - 1; l >= 0; l--) {
    const pre = `blocks.${l}.attn.`;
    const x = ws.resid[l];
    const qk = shortformer ? ws.qkIn[l] : x;
    const q = ws.q[l], k = ws.k[l], v = ws.v[l], z = ws.z[l], pat = ws.pattern[l];
    if (cfg.biases) sumRowsAcc(dres, 0, grads[pre + "b_O"].data, 0, N, D);
    dnext.set(dres);
    if (shortformer) dqkIn.fill(0);
    const dqkTarget = shortformer ? dqkIn : dnext;
    for (let h = 0; h < H; h++) {
      const ho = h * N * E, wo = h * D * E;
      dz.fill(0); dq.fill(0); dk.fill(0); dv.fill(0);
      mmAccBt(dres, 0, p[pre + "W_O"].data, h * E * D, dz, 0, N, D, E);
      mmAccAt(z, ho, dres, 0, grads[pre + "W_O"].data, h * E * D, N, E, D);
      for (let b = 0; b < B; b++) {
        const so = b * T * E;
        for (let i = 0; i < T; i++) {
          const po = ((b * H + h) * T + i) * T;
          const di = so + i * E;
          let dot = 0;
          for (let j = 0; j <= i; j++) {
            const vj = ho + so + j * E;
            let s = 0;
            for (let e = 0; e < E; e++) s += dz[di + e] * v[vj + e];
            dp[j] = s;
            const w = pat[po + j];
            dot += w * s;
            const dvj = so + j * E;
            for (let e = 0; e < E; e++) dv[dvj + e] += w * dz[di + e];
          }
          const qi = ho + di;
          for (let j = 0; j <= i; j++) {
            // Softmax backward ds_j = p_j·(dp_j − Σ_k p_k·dp_k), times TL's 1/attn_scale (the gradient of `pattern = softmax(q·kᵀ / attn_scale)`).
            const ds = pat[po + j] * (dp[j] - dot) * scale;
            if (ds === 0) continue;
            const kj = ho + so + j * E;
            const dkj = so + j * E;
            for (let e = 0; e < E; e++) {
              dq[di + e] += ds * k[kj + e];
              dk[dkj + e] += ds * q[qi + e];
            }
          }
        }
      }
      mmAccAt(qk, 0, dq, 0, grads[pre + "W_Q"].data, wo, N, D, E);
      mmAccAt(qk, 0, dk, 0, grads[pre + "W_K"].data, wo, N, D, E);
      mmAccAt(x, 0, dv, 0, grads[pre + "W_V"].data, wo, N, D, E);
      if (cfg.biases) {
        sumRowsAcc(dq, 0, grads[pre + "b_Q"].data, h * E, N, E);
        sumRowsAcc(dk, 0, grads[pre + "b_K"].data, h * E, N, E);
        sumRowsAcc(dv, 0, grads[pre + "b_V"].data, h * E, N, E);
      }
      mmAccBt(dq, 0, p[pre + "W_Q"].data, wo, dqkTarget, 0, N, E, D);
      mmAccBt(dk, 0, p[pre + "W_K"].data, wo, dqkTarget, 0, N, E, D);
      mmAccBt(dv, 0, p[pre + "W_V"].data, wo, dnext, 0, N, E, D);
    }
    if (shortformer) {
      for (let n = 0; n < N; n++) {
        const t = n % T;
        for (let d = 0; d < D; d++) {
          const g = dqkIn[n * D + d];
          dnext[n * D + d] += g;
          dW_pos[t * D + d] += g;
        }
      }
    }
    const tmp = dres;
    dres = dnext;
    dnext = tmp;
  }
  const dW_E = grads["embed.W_E"].data;
  for (let n = 0; n < N; n++) {
    const t = n % T;
    const eo = tokens[n] * D;
    for (let d = 0; d < D; d++) {
      dW_E[eo + d] += dres[n * D + d];
      if (!shortformer) dW_pos[t * D + d] += dres[n * D + d];
    }
  }
}
