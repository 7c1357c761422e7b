// The named bounds of every circuit and forward-run analysis (issue 8, item 4): each number a caller
// sends (topK, perSource, prompt length, token count, head name) is checked against one of these at
// the edge (zod in the kinds' params and in the GraphQL resolvers) before any work is done.
import { z } from "zod";
import type { AttnOnlyModel } from "../../engine/transformer/weights";

/** Most entries of a full circuit's global top-k (OV, QK, direct path) or skip-trigrams asked at once. */
export const MAX_TOP_K = 1000;
/** Most outputs per source token in an OV circuit's per-source table ([d_vocab, perSource]). */
export const MAX_PER_SOURCE = 20;
/** Most next-token predictions per position in a forward run. */
export const MAX_LOGITS_TOP_K = 100;
/** Most characters of a prompt before it is tokenized (the token count is then capped at n_ctx). */
export const MAX_PROMPT_CHARS = 100_000;
/** Most token ids accepted in a list before the model's n_ctx is even looked at. */
export const MAX_RUN_TOKENS = 16_384;
/** Most singular values / eigenvalues reported per virtual weight. */
export const MAX_SINGULAR_VALUES = 1024;
/** Random-pair samples of the composition baseline (ARENA draws 300). */
export const MAX_BASELINE_SAMPLES = 1000;

const index = z.number().int().min(0).max(100_000);

/** A head by layer and index; checked against the model's shape where the model is known. */
export const headParam = z.object({ layer: index, head: index });

export const topKParam = (name: string, max: number, min = 1) =>
  z.number().int(`${name} must be an integer`).min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`);

/** Token ids of one sequence (ids < d_vocab and length ≤ n_ctx are checked against the model). */
export const tokensParam = z.array(z.number().int().min(0)).min(1, "give at least one token").max(MAX_RUN_TOKENS, `at most ${MAX_RUN_TOKENS} tokens`);

/** The composition kinds of the paper (§"Composition"). */
export const compositionMode = z.enum(["Q", "K", "V"]);
/** A side of a head touching the residual stream: W_Q, W_K, W_V read it, W_O writes it. */
export const headSide = z.enum(["Q", "K", "V", "O"]);

/** The head's layer weights, after checking (layer, head) against the model (RangeError naming both). */
export function headIn(model: AttnOnlyModel, layer: number, head: number): AttnOnlyModel["weights"]["blocks"][number] {
  const { n_layers, n_heads } = model.config;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < n_layers && Number.isInteger(head) && head >= 0 && head < n_heads)) {
    throw new RangeError(`head ${layer}.${head} does not exist: the model has ${n_layers} layers of ${n_heads} heads`);
  }
  return model.weights.blocks[layer];
}
