// Pure helpers of the composition page: the API's [layer, head, layer, head] float32 scores as
// nested arrays (lib/analysis/display compositionGrid's input), and the colour range centred on the
// random-pair baseline mean so that the baseline is the palette's white middle.

/** scores[l1][h1][l2][h2] from the flat row-major tensor of shape [L, H, L, H]. */
export function nestScores(values: Float32Array, shape: number[]): number[][][][] {
  if (shape.length !== 4 || shape[0] !== shape[2] || shape[1] !== shape[3]) throw new RangeError(`nestScores: expected [n_layers, n_heads, n_layers, n_heads], got [${shape.join(", ")}]`);
  const [L, H] = shape;
  if (values.length !== L * H * L * H) throw new RangeError(`nestScores: [${shape.join(", ")}] needs ${L * H * L * H} values, got ${values.length}`);
  return Array.from({ length: L }, (_, a) => Array.from({ length: H }, (_, b) => Array.from({ length: L }, (_, c) => Array.from(values.subarray(((a * H + b) * L + c) * H, ((a * H + b) * L + c + 1) * H)))));
}

/**
 * The colour range [lo, hi] symmetric about the baseline mean (so the baseline is the palette's
 * middle): wide enough for the largest score and at least 3 baseline standard deviations each way.
 */
export function baselineRange(baseline: { mean: number; std: number }, max: number): { lo: number; hi: number } {
  const half = Math.max(3 * baseline.std, max - baseline.mean, 1e-6);
  return { lo: baseline.mean - half, hi: baseline.mean + half };
}
