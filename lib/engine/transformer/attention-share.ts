/**
 * The attention-only share: how much of a logit (or a logit difference) the direct and attention
 * paths carry, against the MLPs, by direct logit attribution — each path term of the final residual
 * stream (./path-expansion.ts: direct, positional, biases, heads, virtual heads, MLPs) read through
 * the unembedding with ln_final's scale frozen at its cached value (TL `ActivationCache.apply_ln_to_stack`
 * then `logit_attrs`, as in ARENA 1.2 "direct logit attribution").
 * Rule: the terms of a position add up to its target value (the logit, or the difference) exactly up to
 * float rounding; the share of a position is Σ|direct + attention terms| / Σ|all terms|, so it is 1
 * (100%) by construction for a model without MLPs, and the batch figure is the mean over positions.
 */
import type { ForwardCache } from "./forward";
import { frozenLN, pathExpansion, type PathTermKind } from "./path-expansion";
import type { AttnOnlyModel } from "./weights";

/** What is decomposed at each position: one logit (default: the top one) or the difference a − b. */
export type LogitTarget = { kind: "logit"; token?: number } | { kind: "difference"; a: number; b: number };

/** The three groups the share compares. */
export type PathGroup = "direct" | "attention" | "mlp";

export const GROUP_OF: Record<PathTermKind, PathGroup> = { direct: "direct", positional: "direct", bias: "direct", head: "attention", virtual: "attention", mlp: "mlp" };

export interface DecomposedTerm {
  readonly name: string;
  readonly kind: PathTermKind;
  readonly group: PathGroup;
  /** Contribution to the target at each decomposed position. */
  readonly values: Float64Array;
}

export interface LogitDecomposition {
  /** The positions decomposed (all, or the readout positions asked for). */
  readonly positions: readonly number[];
  /** The logit id(s) decomposed at each position (the top logit's id when none was chosen). */
  readonly tokens: readonly number[];
  readonly target: LogitTarget;
  /** The model's target value at each position (from its logits). */
  readonly total: Float64Array;
  readonly terms: readonly DecomposedTerm[];
  /** Σ|direct + attention| / Σ|all terms| per position (1 when the terms are all zero). */
  readonly share: Float64Array;
  /** Summed contribution of each group per position. */
  readonly groups: Readonly<Record<PathGroup, Float64Array>>;
}

/** Bounds a logit id from outside before it indexes W_U. */
function checkId(id: number, V: number, field: string): void {
  if (!Number.isInteger(id) || id < 0 || id >= V) throw new RangeError(`attentionOnlyShare: ${field} ${id} is not a logit id in [0, ${V})`);
}

/**
 * Decomposes the target at `positions` (default every position) of one cached forward pass.
 * Needs a model without unfolded LayerNorm weights (fold_ln, the load default), as pathExpansion.
 * Cost: one pass over the terms' residuals, terms × positions × d_model.
 */
export async function decomposeLogits(model: AttnOnlyModel, cache: ForwardCache, target: LogitTarget = { kind: "logit" }, positions?: readonly number[]): Promise<LogitDecomposition> {
  const { d_model: D } = model.config;
  const V = model.weights.W_U.shape[1];
  const n = cache.n_pos;
  const pos = positions ?? Array.from({ length: n }, (_, p) => p);
  for (const p of pos) if (!Number.isInteger(p) || p < 0 || p >= n) throw new RangeError(`attentionOnlyShare: position ${p} is not in [0, ${n})`);
  const logits = cache.logits.data;
  const argmax = (p: number) => {
    let best = 0;
    for (let j = 1; j < V; j++) if (logits[p * V + j] > logits[p * V + best]) best = j;
    return best;
  };
  if (target.kind === "logit" && target.token !== undefined) checkId(target.token, V, "token");
  if (target.kind === "difference") {
    checkId(target.a, V, "a");
    checkId(target.b, V, "b");
  }
  const tokens = pos.map((p) => (target.kind === "logit" ? target.token ?? argmax(p) : target.a));
  // The unembedding direction read at each position: W_U[:, t] or W_U[:, a] − W_U[:, b].
  const W_U = model.weights.W_U.data, b_U = model.weights.b_U.data;
  const dir = (i: number, d: number) => (target.kind === "difference" ? W_U[d * V + target.a] - W_U[d * V + target.b] : W_U[d * V + tokens[i]]);
  const biasOf = (i: number) => (target.kind === "difference" ? b_U[target.a] - b_U[target.b] : b_U[tokens[i]]);
  const total = Float64Array.from(pos, (p, i) => (target.kind === "difference" ? logits[p * V + target.a] - logits[p * V + target.b] : logits[p * V + tokens[i]]));

  const scale = cache.ln_final_scale;
  const terms: DecomposedTerm[] = [];
  for (const term of await pathExpansion(model, cache)) {
    const x = frozenLN(term.resid.data, scale, n, D);
    const values = new Float64Array(pos.length);
    pos.forEach((p, i) => {
      let s = term.kind === "bias" ? biasOf(i) : 0;
      for (let d = 0; d < D; d++) s += x[p * D + d] * dir(i, d);
      values[i] = s;
    });
    terms.push({ name: term.name, kind: term.kind, group: GROUP_OF[term.kind], values });
  }
  const groups = { direct: new Float64Array(pos.length), attention: new Float64Array(pos.length), mlp: new Float64Array(pos.length) };
  const share = new Float64Array(pos.length);
  for (let i = 0; i < pos.length; i++) {
    let carried = 0, all = 0;
    for (const t of terms) {
      groups[t.group][i] += t.values[i];
      all += Math.abs(t.values[i]);
      if (t.group !== "mlp") carried += Math.abs(t.values[i]);
    }
    share[i] = all > 0 ? carried / all : 1;
  }
  return { positions: pos, tokens, target, total, terms, share, groups };
}

/** The attention-only share over a batch: every position's share, and their mean. */
export function batchShare(decompositions: readonly LogitDecomposition[]): { mean: number; positions: number } {
  let sum = 0, count = 0;
  for (const d of decompositions) for (const s of d.share) {
    sum += s;
    count++;
  }
  return { mean: count > 0 ? sum / count : 1, positions: count };
}
