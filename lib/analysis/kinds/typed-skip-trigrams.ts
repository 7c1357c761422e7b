// Kind "typed-skip-trigrams": a decision transformer's skip-trigrams over its typed rows — "[an
// earlier RTG, state feature, action, timestep or position] … [the current state] → action" — per
// head and grouped by (source type → destination type → action) (paper §"One-layer attention-only
// transformers" over DT-FORMAT.md's inputs; lib/engine/circuits/typed.ts). Each trigram says whether
// its source is "routing, not direct" (its output mostly read by MLPs).
import { z } from "zod";
import { MAX_TYPED_TRIGRAMS, typedSkipTrigrams, type TypedTrigramGroup } from "../../engine/circuits/typed";
import { topKParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const TYPED_SKIP_TRIGRAMS_KIND = "typed-skip-trigrams";

export const typedSkipTrigramsKind = defineAnalysisKind({
  kind: TYPED_SKIP_TRIGRAMS_KIND,
  params: z.object({ topK: topKParam("topK", MAX_TYPED_TRIGRAMS) }),
  async compute(model, p, { kernels }): Promise<{ groups: TypedTrigramGroup[] }> {
    const { groups } = await typedSkipTrigrams(model, p.topK, { kernels });
    return { groups };
  },
});
