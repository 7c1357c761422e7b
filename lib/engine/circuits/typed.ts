/**
 * Typed circuits of a decision transformer: the paper's QK and OV circuits (§"Attention heads as
 * W_QK and W_OV", TL `model.QK` / `model.OV`, row convention) and its 1-layer skip-trigrams
 * (§"One-layer attention-only transformers") over the DT's typed input rows instead of a vocabulary.
 * Rows: every state feature (its W_E_state row: a feature at value 1), every action (W_E_action),
 * the RTG direction at rtg.max ("RTG high") and at rtg.min ("RTG low"), every timestep (W_time) and
 * every position (W_pos). Destinations are fixed to the state-feature rows (the only tokens the action
 * head reads); outputs are the actions (W_U). As in qk-ov.ts, biases and the 1/√d_head scale are left
 * out, and LayerNorm's scale is ignored (TL's circuits omit both).
 * Ranking rule (skip-trigrams.ts): (QK[d, s] / max QK) · (OV[s, a] / max OV) over positive entries.
 * "Routing, not direct": a source row whose OV output lies mostly outside the span of W_U's columns
 * (directFraction = ‖P_U(row W_OV)‖² / ‖row W_OV‖² < ½) in a model with an MLP at or after the
 * head's layer is marked `routing`: its effect reaches the actions through the MLPs, not directly.
 */
import { getKernels, type Kernels } from "../linalg/kernels";
import { qr } from "../linalg/qr";
import { requireDT } from "../transformer/dt-forward";
import type { AttnOnlyModel } from "../transformer/weights";

export type TypedRowType = "rtg" | "state" | "action" | "timestep" | "position";

export interface TypedRow {
  readonly type: TypedRowType;
  readonly label: string;
  /** Feature, action, timestep or position index (0 high / 1 low for the RTG rows). */
  readonly index: number;
}

/** Most typed rows circuits are computed over (states + actions + 2 + timesteps + positions). */
export const MAX_TYPED_ROWS = 8192;

/** The typed rows [R, d_model] and what each one is. Timestep rows are capped so the total stays ≤ MAX_TYPED_ROWS. */
export function typedRows(model: AttnOnlyModel): { rows: TypedRow[]; data: Float32Array } {
  const dt = requireDT(model, "typedRows");
  const { spec, rows: at } = dt;
  const D = model.config.d_model;
  const W_E = model.weights.W_E.data;
  const rows: TypedRow[] = [];
  const vecs: Float32Array[] = [];
  const push = (row: TypedRow, v: Float32Array) => {
    rows.push(row);
    vecs.push(v);
  };
  const rowOf = (src: Float32Array, i: number, scale = 1) => src.subarray(i * D, (i + 1) * D).map((x) => x * scale);
  spec.state.labels.forEach((label, f) => push({ type: "state", label, index: f }, rowOf(W_E, at.stateStart + f)));
  spec.actions.labels.forEach((label, a) => push({ type: "action", label, index: a }, rowOf(W_E, at.actionStart + a)));
  push({ type: "rtg", label: "RTG high", index: 0 }, rowOf(W_E, at.rtgRow, spec.rtg.max));
  push({ type: "rtg", label: "RTG low", index: 1 }, rowOf(W_E, at.rtgRow, spec.rtg.min));
  const nPos = Math.min(model.config.n_ctx, MAX_TYPED_ROWS / 4);
  const nTime = Math.min(spec.max_timestep + 1, MAX_TYPED_ROWS - rows.length - nPos);
  for (let t = 0; t < nTime; t++) push({ type: "timestep", label: `t=${t}`, index: t }, rowOf(dt.W_time.data, t));
  if (model.config.positional_embedding_type === "standard") {
    for (let p = 0; p < nPos; p++) push({ type: "position", label: `pos ${p}`, index: p }, rowOf(model.weights.W_pos.data, p));
  }
  const data = new Float32Array(rows.length * D);
  vecs.forEach((v, i) => data.set(v, i * D));
  return { rows, data };
}

/** Typed QK and OV circuits of one head. */
export interface TypedCircuits {
  readonly layer: number;
  readonly head: number;
  /** QK [n_features, R]: destination state feature × source row (attention logit before 1/√d_head). */
  readonly qk: Float32Array;
  /** OV [R, n_actions]: source row × action (direct logit effect per unit attention). */
  readonly ov: Float32Array;
  /** Per source row: share of its OV output the action head can read directly (see the module header). */
  readonly directFraction: Float64Array;
  /** Per source row: marked "routing, not direct". */
  readonly routing: boolean[];
}

/** Orthonormal basis [d_model, r] of the span of W_U's columns (thin QR). */
function unembedBasis(model: AttnOnlyModel): { Q: Float64Array; r: number } {
  const { Q } = qr(model.weights.W_U);
  return { Q: Q.data, r: Q.shape[1] };
}

/** QK and OV of head (layer, head) over the typed rows. Cost: R·d_model·d_head + F·R·d_head + R·d_model·n_actions. */
export async function typedCircuits(model: AttnOnlyModel, layer: number, head: number, opts: { kernels?: Kernels; typed?: ReturnType<typeof typedRows> } = {}): Promise<TypedCircuits> {
  const K = opts.kernels ?? getKernels();
  const { n_layers, n_heads: H, d_model: D, d_head: E } = model.config;
  if (!Number.isInteger(layer) || layer < 0 || layer >= n_layers) throw new RangeError(`typedCircuits: layer ${layer} out of range [0, ${n_layers})`);
  if (!Number.isInteger(head) || head < 0 || head >= H) throw new RangeError(`typedCircuits: head ${head} out of range [0, ${H})`);
  const { rows, data } = opts.typed ?? typedRows(model);
  const R = rows.length;
  const F = requireDT(model, "typedCircuits").spec.state.n_features;
  const A = model.weights.W_U.shape[1];
  const blk = model.weights.blocks[layer];
  const slice = (t: Float32Array, size: number) => t.subarray(head * size, (head + 1) * size);
  const q = await K.matmul(data.subarray(0, F * D), slice(blk.W_Q.data, D * E), F, D, E);
  const k = await K.matmul(data, slice(blk.W_K.data, D * E), R, D, E);
  const qk = await K.matmul(q, k, F, E, R, { transB: true });
  const v = await K.matmul(data, slice(blk.W_V.data, D * E), R, D, E);
  const out = await K.matmul(v, slice(blk.W_O.data, E * D), R, E, D);
  const ov = await K.matmul(out, model.weights.W_U.data, R, D, A);
  const { Q, r } = unembedBasis(model);
  const mlpDownstream = model.weights.blocks.slice(layer).some((b) => !!b.mlp);
  const directFraction = new Float64Array(R);
  const routing: boolean[] = [];
  for (let s = 0; s < R; s++) {
    let total = 0, inSpan = 0;
    for (let d = 0; d < D; d++) total += out[s * D + d] ** 2;
    for (let c = 0; c < r; c++) {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += Q[d * r + c] * out[s * D + d];
      inSpan += dot * dot;
    }
    directFraction[s] = total > 0 ? inSpan / total : 1;
    routing.push(mlpDownstream && directFraction[s] < 0.5);
  }
  return { layer, head, qk, ov, directFraction, routing };
}

export interface TypedSkipTrigram {
  /** Head "L.H". */
  readonly head: string;
  readonly source: TypedRow;
  readonly destination: TypedRow;
  readonly action: { index: number; label: string };
  readonly score: number;
  readonly qk: number;
  readonly ov: number;
  /** The source's output is mostly read by MLPs, not by the action head ("routing, not direct"). */
  readonly routing: boolean;
}

/** Skip-trigrams grouped by (source type → destination type → action). */
export interface TypedTrigramGroup {
  readonly sourceType: TypedRowType;
  readonly destinationType: "state";
  readonly action: string;
  readonly totalScore: number;
  readonly trigrams: TypedSkipTrigram[];
}

/** Most trigrams listed per call. */
export const MAX_TYPED_TRIGRAMS = 500;

/**
 * The top `k` typed skip-trigrams of every head (each head ranked by the rule above, then merged by
 * score), and their groups. Layers other than the first read a residual stream that earlier layers
 * wrote to, so, as in the paper, the rule is exact for 1-layer models and a first-order view beyond.
 */
export async function typedSkipTrigrams(model: AttnOnlyModel, k = 20, opts: { kernels?: Kernels } = {}): Promise<{ rows: TypedRow[]; trigrams: TypedSkipTrigram[]; groups: TypedTrigramGroup[] }> {
  if (!Number.isInteger(k) || k < 1 || k > MAX_TYPED_TRIGRAMS) throw new RangeError(`typedSkipTrigrams: k ${k} must be 1 to ${MAX_TYPED_TRIGRAMS}`);
  const typed = typedRows(model);
  const { rows } = typed;
  const R = rows.length;
  const dt = requireDT(model, "typedSkipTrigrams");
  const F = dt.spec.state.n_features;
  const A = model.weights.W_U.shape[1];
  const all: TypedSkipTrigram[] = [];
  for (let l = 0; l < model.config.n_layers; l++) {
    for (let h = 0; h < model.config.n_heads; h++) {
      const c = await typedCircuits(model, l, h, { ...opts, typed });
      let qkMax = 0, ovMax = 0;
      for (const x of c.qk) if (x > qkMax) qkMax = x;
      for (const x of c.ov) if (x > ovMax) ovMax = x;
      if (!(qkMax > 0) || !(ovMax > 0)) continue;
      // Best action per source, then every (destination, source) pair with positive QK.
      const best = new Int32Array(R);
      for (let s = 0; s < R; s++) for (let a = 1; a < A; a++) if (c.ov[s * A + a] > c.ov[s * A + best[s]]) best[s] = a;
      const perHead: TypedSkipTrigram[] = [];
      for (let d = 0; d < F; d++) {
        for (let s = 0; s < R; s++) {
          const qk = c.qk[d * R + s], ov = c.ov[s * A + best[s]];
          if (!(qk > 0) || !(ov > 0)) continue;
          const score = (qk / qkMax) * (ov / ovMax);
          if (perHead.length >= k && score <= perHead[perHead.length - 1].score) continue;
          perHead.push({ head: `${l}.${h}`, source: rows[s], destination: rows[d], action: { index: best[s], label: dt.spec.actions.labels[best[s]] }, score, qk, ov, routing: c.routing[s] });
          perHead.sort((x, y) => y.score - x.score);
          if (perHead.length > k) perHead.pop();
        }
      }
      all.push(...perHead);
    }
  }
  all.sort((x, y) => y.score - x.score || x.head.localeCompare(y.head));
  const trigrams = all.slice(0, k);
  const byKey = new Map<string, TypedTrigramGroup & { trigrams: TypedSkipTrigram[] }>();
  for (const t of trigrams) {
    const key = `${t.source.type}→state→${t.action.label}`;
    const g = byKey.get(key) ?? { sourceType: t.source.type, destinationType: "state" as const, action: t.action.label, totalScore: 0, trigrams: [] };
    byKey.set(key, { ...g, totalScore: g.totalScore + t.score, trigrams: [...g.trigrams, t] });
  }
  const groups = [...byKey.values()].sort((a, b) => b.totalScore - a.totalScore);
  return { rows, trigrams, groups };
}
