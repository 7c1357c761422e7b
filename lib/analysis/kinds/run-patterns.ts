// Kind "run-patterns": the attention patterns of one layer on a token sequence (TL
// `cache["pattern", layer]`, [head, query_pos, key_pos]; paper §"Attention heads"), dense, or as the
// top-k keys of every query row (sparse, for long prompts). Runs the forward pass without the
// unembedding (lib/engine/transformer/forward.ts).
import { z } from "zod";
import { runWithCache } from "../../engine/transformer/forward";
import { rowTopK } from "../../engine/linalg/topk";
import { floatTensor, intTensor } from "../tensor-json";
import { headIn, MAX_TOP_K, tokensParam, topKParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const RUN_PATTERNS_KIND = "run-patterns";

/** Most dense pattern entries returned (heads × n × n): 16 Mi floats = 64 MiB; ask for topK above. */
export const MAX_DENSE_PATTERN_ENTRIES = 16 * 1024 * 1024;

export const runPatternsKind = defineAnalysisKind({
  kind: RUN_PATTERNS_KIND,
  params: z.object({ tokens: tokensParam, layer: z.number().int().min(0), topK: topKParam("topK", MAX_TOP_K).optional() }),
  async compute(model, p, { kernels }) {
    headIn(model, p.layer, 0);
    const n = p.tokens.length;
    const H = model.config.n_heads;
    if (p.topK === undefined && H * n * n > MAX_DENSE_PATTERN_ENTRIES) {
      throw new RangeError(`patterns: ${H} heads × ${n}² entries exceed ${MAX_DENSE_PATTERN_ENTRIES} (MAX_DENSE_PATTERN_ENTRIES); ask for topK keys per query instead`);
    }
    const c = await runWithCache(model, p.tokens, { kernels, unembed: false, logProbs: false });
    const pat = c.pattern[p.layer].data as Float32Array;
    if (p.topK === undefined) return { layer: p.layer, dense: floatTensor(pat, [H, n, n]), topK: null };
    const k = Math.min(p.topK, n);
    const values = new Float32Array(H * n * k);
    const indices = new Int32Array(H * n * k);
    for (let r = 0; r < H * n; r++) rowTopK(pat.subarray(r * n, (r + 1) * n), k, false, values, indices, r * k);
    return { layer: p.layer, dense: null, topK: { values: floatTensor(values, [H, n, k]), indices: intTensor(indices, [H, n, k]) } };
  },
});
