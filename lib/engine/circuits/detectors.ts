/**
 * Head detectors on attention patterns, exactly as TransformerLens `head_detector` (error_measure
 * "mul") and ARENA's induction score.
 * Rule: a detector score is Σ(pattern ⊙ detection) / Σ pattern over the whole [query, key] matrix of
 * one sequence (TL `compute_head_attention_similarity_score`), averaged over the sequences of a batch
 * (TL `detect_head` on a list); patterns are read as [n_heads, query_pos, key_pos] per layer.
 */
import { type FloatArray, type Tensor } from "../tensor/tensor";

/** The detection patterns TL ships (`get_*_detection_pattern`). */
export type DetectorKind = "previous-token" | "duplicate-token" | "induction";

/**
 * Previous-token detection pattern D [n, n]: D[q, q−1] = 1 (ones on the subdiagonal).
 * TL `get_previous_token_head_detection_pattern`.
 */
export function previousTokenDetection(n: number): Float64Array {
  const d = new Float64Array(n * n);
  for (let q = 1; q < n; q++) d[q * n + q - 1] = 1;
  return d;
}

/**
 * Duplicate-token detection pattern D [n, n]: D[q, k] = 1 when k < q and tokens[k] = tokens[q]
 * (diagonal excluded, lower triangle). TL `get_duplicate_token_head_detection_pattern`.
 */
export function duplicateTokenDetection(tokens: ArrayLike<number>): Float64Array {
  const n = tokens.length;
  const d = new Float64Array(n * n);
  for (let q = 0; q < n; q++) for (let k = 0; k < q; k++) if (tokens[k] === tokens[q]) d[q * n + k] = 1;
  return d;
}

/**
 * Induction detection pattern D [n, n]: the duplicate pattern shifted one column right, column 0
 * zeroed, lower triangle kept: D[q, k] = 1 when 1 ≤ k ≤ q and tokens[k−1] = tokens[q].
 * TL `get_induction_head_detection_pattern`.
 */
export function inductionDetection(tokens: ArrayLike<number>): Float64Array {
  const n = tokens.length;
  const d = new Float64Array(n * n);
  for (let q = 0; q < n; q++) for (let k = 1; k <= q; k++) if (tokens[k - 1] === tokens[q]) d[q * n + k] = 1;
  return d;
}

/** The detection pattern of `kind` for one token sequence. */
export function detectionPattern(kind: DetectorKind, tokens: ArrayLike<number>): Float64Array {
  switch (kind) {
    case "previous-token":
      return previousTokenDetection(tokens.length);
    case "duplicate-token":
      return duplicateTokenDetection(tokens);
    case "induction":
      return inductionDetection(tokens);
    default: {
      const never: never = kind;
      throw new RangeError(`detectionPattern: unknown detector ${String(never)}`);
    }
  }
}

/**
 * Σ(pattern ⊙ detection) / Σ pattern over one head's [n, n] pattern (row-major, `offset` into a
 * larger buffer). TL `compute_head_attention_similarity_score(error_measure="mul")`, no exclusions.
 * Returns 0 for an all-zero pattern (TL would give NaN; we never produce one from a softmax).
 */
export function headSimilarityScore(pattern: ArrayLike<number>, detection: ArrayLike<number>, n: number, offset = 0): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < n * n; i++) {
    const p = pattern[offset + i];
    num += p * detection[i];
    den += p;
  }
  return den === 0 ? 0 : num / den;
}

function checkLayerPatterns(patterns: readonly Tensor<FloatArray>[], n: number, op: string): number {
  if (patterns.length === 0) throw new RangeError(`${op}: no layers of patterns given`);
  const nHeads = patterns[0].shape[0];
  patterns.forEach((p, l) => {
    if (p.shape.length !== 3 || p.shape[0] !== nHeads || p.shape[1] !== n || p.shape[2] !== n) {
      throw new RangeError(`${op}: patterns of layer ${l} must be [${nHeads}, ${n}, ${n}] for ${n} tokens, got [${p.shape.join(", ")}]`);
    }
  });
  return nHeads;
}

/**
 * Detector scores of every head for a batch: scores [n_layers, n_heads] (row-major), the mean over
 * sequences of TL's per-sequence "mul" score. `batch[b]` holds the token ids of sequence b and
 * `patterns[b][layer]` its attention patterns [n_heads, query_pos, key_pos].
 * Reference: TL `detect_head(model, seq: list, detection_pattern, error_measure="mul")`.
 */
export function detectorScores(
  kind: DetectorKind,
  batch: readonly ArrayLike<number>[],
  patterns: readonly (readonly Tensor<FloatArray>[])[],
): Float64Array {
  if (batch.length === 0) throw new RangeError("detectorScores: empty batch");
  if (patterns.length !== batch.length) throw new RangeError(`detectorScores: ${batch.length} sequences but ${patterns.length} pattern sets`);
  const nLayers = patterns[0].length;
  let nHeads = 0;
  let out = new Float64Array(0);
  batch.forEach((tokens, b) => {
    const n = tokens.length;
    if (patterns[b].length !== nLayers) throw new RangeError(`detectorScores: sequence ${b} has ${patterns[b].length} layers of patterns, expected ${nLayers}`);
    const h = checkLayerPatterns(patterns[b], n, "detectorScores");
    if (b === 0) {
      nHeads = h;
      out = new Float64Array(nLayers * nHeads);
    } else if (h !== nHeads) throw new RangeError(`detectorScores: sequence ${b} has ${h} heads, expected ${nHeads}`);
    const det = detectionPattern(kind, tokens);
    for (let l = 0; l < nLayers; l++) {
      for (let hd = 0; hd < nHeads; hd++) out[l * nHeads + hd] += headSimilarityScore(patterns[b][l].data, det, n, hd * n * n);
    }
  });
  for (let i = 0; i < out.length; i++) out[i] /= batch.length;
  return out;
}

/** Mean of pattern[q, q − L + 1] over the stripe of one [n, n] pattern (ARENA's induction stripe). */
export function stripeMean(pattern: ArrayLike<number>, n: number, L: number): number {
  let s = 0;
  for (let q = L - 1; q < n; q++) s += pattern[q * n + q - L + 1];
  return s / (n - L + 1);
}

/**
 * ARENA's induction score of every head: the mean of the attention stripe at offset 1 − L
 * (pattern[q, q − L + 1]) over all queries where it exists and over the batch, on sequences whose
 * last 2L tokens are L random tokens repeated twice (a BOS-like prefix may precede them).
 * The stripe covers q = L−1 … n−1: with ARENA's BOS (n = 2L+1) L+2 entries, 2 of them in the first
 * repeat; without it (n = 2L, the report's probe) L+1 entries, 1 in the first repeat.
 * Reference: ARENA 1.2 `induction_attn_detector` / `induction_score_hook`
 * (`pattern.diagonal(offset=1-seq_len).mean()`). Returns scores [n_layers, n_heads].
 */
export function inductionStripeScores(patterns: readonly (readonly Tensor<FloatArray>[])[], seqLen: number, L: number): Float64Array {
  if (patterns.length === 0) throw new RangeError("inductionStripeScores: empty batch");
  if (!Number.isInteger(L) || L < 1 || 2 * L > seqLen) throw new RangeError(`inductionStripeScores: repeat length L=${L} does not fit ${seqLen} tokens`);
  const nLayers = patterns[0].length;
  const nHeads = checkLayerPatterns(patterns[0], seqLen, "inductionStripeScores");
  const out = new Float64Array(nLayers * nHeads);
  for (const seq of patterns) {
    checkLayerPatterns(seq, seqLen, "inductionStripeScores");
    for (let l = 0; l < nLayers; l++) {
      const d = seq[l].data;
      for (let h = 0; h < nHeads; h++) out[l * nHeads + h] += stripeMean(d.subarray(h * seqLen * seqLen, (h + 1) * seqLen * seqLen), seqLen, L);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= patterns.length;
  return out;
}

/**
 * The repeat length L of a sequence ending in a block repeated twice ([prefix] r r, ARENA's
 * `generate_repeated_tokens` with BOS as prefix): the largest L with 2L ≤ n whose last 2L tokens are
 * two copies of one block; 0 when the sequence does not end that way.
 */
export function inferRepeatLength(tokens: ArrayLike<number>): number {
  const n = tokens.length;
  for (let L = Math.floor(n / 2); L >= 1; L--) {
    let same = true;
    for (let i = n - L; i < n && same; i++) same = tokens[i] === tokens[i - L];
    if (same) return L;
  }
  return 0;
}
