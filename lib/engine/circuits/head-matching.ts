/**
 * Matches the heads of two checkpoints (or two models of the same shape) by the similarity of what
 * they read and write: the principal-angle overlap of their W_Q, W_K (QK circuit) and W_V, W_O
 * (OV circuit) subspaces, then a one-to-one assignment per layer that maximises total similarity
 * (Hungarian algorithm, Kuhn 1955 / Munkres 1957). Lets the platform say when a head was born and
 * which head it became, and diff two uploads.
 * Rule: heads are only matched within the same layer (permuting heads across layers changes the
 * function); similarities are symmetric in the two models and lie in [0, 1].
 */
import { subspaceOverlap, type HeadSide } from "./virtual";
import type { AttnWeights } from "./composition";
import { matmul64 } from "../linalg/matrix";
import { index0, type FloatArray, type Tensor } from "../tensor/tensor";

export type MatchSpace = "residual" | "vocab";

export interface HeadMatchInput {
  /** Per layer: W_Q, W_K, W_V [n_heads, d_model, d_head], W_O [n_heads, d_head, d_model]. */
  blocks: readonly AttnWeights[];
  /** Needed for space "vocab": W_E [d_vocab, d_model], W_U [d_model, d_vocab]. */
  W_E?: Tensor<FloatArray>;
  W_U?: Tensor<FloatArray>;
}

export interface HeadMatchOptions {
  /**
   * "residual" (default): subspaces of the residual stream — right for checkpoints of one run,
   * whose residual bases drift slowly. "vocab": the same subspaces seen through the direct path in
   * token space (W_E·W_Q, W_E·W_K, W_E·W_V and (W_O·W_U)ᵀ) — right for two models that share a
   * vocabulary but not a residual basis (e.g. different seeds); for heads after layer 0 it ignores
   * composition.
   */
  space?: MatchSpace;
}

export interface HeadPair {
  /** Head of model A, "L.H". */
  a: string;
  /** Head of model B it is matched to, "L.H". */
  b: string;
  /** Mean of the four overlaps below, in [0, 1]. */
  similarity: number;
  /** Mean overlap of the W_Q and W_K subspaces (QK circuit). */
  qk: number;
  /** Mean overlap of the W_V and W_O subspaces (OV circuit). */
  ov: number;
}

export interface LayerMatch {
  layer: number;
  /** similarity[i * n_heads + j]: head i of A vs head j of B. */
  similarity: Float64Array;
  /** One pair per head of A, in A's head order. */
  pairs: HeadPair[];
}

export interface HeadMatching {
  layers: LayerMatch[];
  /** Expected overlap of random d_head-dimensional subspaces of the space compared: min(1, d_head / dim). */
  baseline: number;
  space: MatchSpace;
}

const SIDES: readonly HeadSide[] = ["Q", "K", "V", "O"];

/** Re-expresses a layer's read/write directions in token space through the direct path. */
function toVocabSpace(w: AttnWeights, W_E: Tensor<FloatArray>, W_U: Tensor<FloatArray>): AttnWeights {
  const H = w.W_Q.shape[0];
  const V = W_E.shape[0];
  const E = w.W_Q.shape[2];
  const stack = (f: (h: number) => Float64Array) => {
    const out = new Float64Array(H * V * E);
    for (let h = 0; h < H; h++) out.set(f(h), h * V * E);
    return { data: out, shape: [H, V, E] };
  };
  const read = (side: "Q" | "K" | "V") => stack((h) => matmul64(W_E, index0(w[`W_${side}`], h)).data);
  // Written directions in token space: (W_O W_U)ᵀ [d_vocab, d_head]; stored "transposed back" as
  // [d_head, d_vocab] so residualBasis's transpose of W_O yields them as columns.
  const WOU = new Float64Array(H * E * V);
  for (let h = 0; h < H; h++) WOU.set(matmul64(index0(w.W_O, h), W_U).data, h * E * V);
  return { W_Q: read("Q"), W_K: read("K"), W_V: read("V"), W_O: { data: WOU, shape: [H, E, V] } };
}

/**
 * Maximum-weight perfect assignment on an n × n matrix (Hungarian algorithm with potentials,
 * O(n³)); returns col[i], the column assigned to row i. Ties break towards lower indices.
 */
export function assignMax(weights: ArrayLike<number>, n: number): Int32Array {
  if (weights.length !== n * n) throw new RangeError(`assignMax: weights has ${weights.length} entries, expected ${n}×${n}`);
  const INF = Number.POSITIVE_INFINITY;
  const cost = (i: number, j: number) => -weights[(i - 1) * n + (j - 1)];
  const u = new Float64Array(n + 1), v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1), way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(INF);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = INF, j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0] - v[j];
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const col = new Int32Array(n);
  for (let j = 1; j <= n; j++) col[p[j] - 1] = j - 1;
  return col;
}

/**
 * Matches every head of model A to one head of model B in the same layer. Both models must have
 * the same n_layers, n_heads, d_model and d_head (and d_vocab for space "vocab").
 */
export function matchHeads(a: HeadMatchInput, b: HeadMatchInput, o: HeadMatchOptions = {}): HeadMatching {
  const space = o.space ?? "residual";
  if (a.blocks.length !== b.blocks.length) throw new RangeError(`matchHeads: models have ${a.blocks.length} and ${b.blocks.length} layers`);
  if (a.blocks.length === 0) throw new RangeError("matchHeads: models have no attention layers");
  const sa = a.blocks[0].W_Q.shape, sb = b.blocks[0].W_Q.shape;
  if (sa.join() !== sb.join()) throw new RangeError(`matchHeads: W_Q shapes differ, [${sa.join(", ")}] vs [${sb.join(", ")}]`);
  const [H, D, E] = sa;
  let la = a.blocks, lb = b.blocks, dim = D;
  if (space === "vocab") {
    if (!a.W_E || !a.W_U || !b.W_E || !b.W_U) throw new TypeError("matchHeads: space \"vocab\" needs W_E and W_U of both models");
    if (a.W_E.shape[0] !== b.W_E.shape[0]) throw new RangeError(`matchHeads: d_vocab differs, ${a.W_E.shape[0]} vs ${b.W_E.shape[0]}`);
    la = a.blocks.map((w) => toVocabSpace(w, a.W_E!, a.W_U!));
    lb = b.blocks.map((w) => toVocabSpace(w, b.W_E!, b.W_U!));
    dim = a.W_E.shape[0];
  }
  const layers: LayerMatch[] = [];
  for (let l = 0; l < la.length; l++) {
    const sim = new Float64Array(H * H), qk = new Float64Array(H * H), ov = new Float64Array(H * H);
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < H; j++) {
        const s = SIDES.map((side) => subspaceOverlap(la[l], i, side, lb[l], j, side).overlap);
        qk[i * H + j] = (s[0] + s[1]) / 2;
        ov[i * H + j] = (s[2] + s[3]) / 2;
        sim[i * H + j] = (s[0] + s[1] + s[2] + s[3]) / 4;
      }
    }
    const col = assignMax(sim, H);
    const pairs: HeadPair[] = [];
    for (let i = 0; i < H; i++) {
      const j = col[i];
      pairs.push({ a: `${l}.${i}`, b: `${l}.${j}`, similarity: sim[i * H + j], qk: qk[i * H + j], ov: ov[i * H + j] });
    }
    layers.push({ layer: l, similarity: sim, pairs });
  }
  return { layers, baseline: Math.min(1, E / dim), space };
}

/** Where one head of the final checkpoint was at each earlier checkpoint. */
export interface HeadLineage {
  /** Head of the final checkpoint, "L.H". */
  head: string;
  /** One entry per checkpoint, in the order given: the matched head there and the similarity. */
  trace: { checkpoint: number; head: string; similarity: number }[];
}

/**
 * Follows every head of the last checkpoint back through the earlier ones (each matched directly
 * to the last, by `matchHeads`), so a per-head score over checkpoints (e.g. the induction score)
 * can be read per head even when training permutes which index a circuit ends up in.
 */
export function headLineage(checkpoints: readonly HeadMatchInput[], o: HeadMatchOptions = {}): HeadLineage[] {
  if (checkpoints.length === 0) throw new RangeError("headLineage: no checkpoints");
  const last = checkpoints[checkpoints.length - 1];
  const out = new Map<string, HeadLineage>();
  checkpoints.forEach((c, i) => {
    for (const layer of matchHeads(last, c, o).layers) {
      for (const p of layer.pairs) {
        const entry = out.get(p.a) ?? { head: p.a, trace: [] };
        entry.trace.push({ checkpoint: i, head: p.b, similarity: p.similarity });
        out.set(p.a, entry);
      }
    }
  });
  return [...out.values()];
}
