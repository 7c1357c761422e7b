/**
 * The shape every training task has: a readable vocabulary and a seeded batch sampler.
 * Rule: `sample` draws only from the Rng it is given, so a task's data stream is fixed by the seed.
 */
import type { Rng } from "../prng";

export interface Task {
  /** Registry name ("repeated-sequences", …). */
  readonly name: string;
  /** One line for model cards and the training page. */
  readonly description: string;
  /** Token strings, index = token id; d_vocab = vocab.length. */
  readonly vocab: readonly string[];
  /** Fills `out` [batch, seqLen] (flat, row-major) with token ids. */
  sample(rng: Rng, batch: number, seqLen: number, out: Int32Array): void;
  /**
   * Optional: marks in `mask` [batch·seqLen] the positions whose next-token loss counts, given the
   * sampled `tokens` (default every position). A trajectory task counts only its state tokens.
   */
  lossMask?(tokens: Int32Array, mask: Uint8Array): void;
}

/** Throws a RangeError naming the task unless `out` holds exactly batch × seqLen ids. */
export function checkSampleArgs(task: string, batch: number, seqLen: number, out: Int32Array, minLen = 2): void {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`${task}.sample: batch must be a positive integer, got ${batch}`);
  if (!Number.isInteger(seqLen) || seqLen < minLen) throw new RangeError(`${task}.sample: seqLen must be an integer ≥ ${minLen}, got ${seqLen}`);
  if (out.length !== batch * seqLen) throw new RangeError(`${task}.sample: out has ${out.length} ids, expected [${batch}, ${seqLen}]`);
}

/** Index of a token string in a vocabulary, or a RangeError naming the task and the token. */
export function tokenId(task: string, vocab: readonly string[], token: string): number {
  const i = vocab.indexOf(token);
  if (i < 0) throw new RangeError(`${task}: token ${JSON.stringify(token)} is not in the vocabulary`);
  return i;
}
