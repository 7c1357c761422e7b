// Kind "skip-trigrams": the top "[source] … [destination] → [output]" triples of one head (paper
// §"One-layer attention-only transformers"), ranked by lib/engine/circuits/skip-trigrams.ts.
import { skipTrigrams } from "../../engine/circuits/skip-trigrams";
import { headParam, MAX_TOP_K, topKParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const SKIP_TRIGRAMS_KIND = "skip-trigrams";

export const skipTrigramsKind = defineAnalysisKind({
  kind: SKIP_TRIGRAMS_KIND,
  params: headParam.extend({ topK: topKParam("topK", MAX_TOP_K) }),
  async compute(model, p, { kernels }) {
    return { trigrams: await skipTrigrams(model.weights, p.layer, p.head, p.topK, { kernels }) };
  },
});
