// Kind "composition": Q, K and V composition scores of every pair of heads (TL
// `all_composition_scores`, paper §"Composition") as FloatTensors [layer₁, head₁, layer₂, head₂],
// with ARENA's random-pair baseline (mean, std) they are read against.
import { z } from "zod";
import { compositionBaseline, compositionScores } from "../../engine/circuits/composition";
import { floatTensor } from "../tensor-json";
import { MAX_BASELINE_SAMPLES } from "./limits";
import { defineAnalysisKind } from "./registry";

export const COMPOSITION_KIND = "composition";

/** The report's settings (HEAD_REPORT_OPTIONS: seed 0, 100 samples), so both agree. */
export const compositionParams = z.object({
  baselineSamples: z.number().int().min(2).max(MAX_BASELINE_SAMPLES).default(100),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
});

export const compositionKind = defineAnalysisKind({
  kind: COMPOSITION_KIND,
  params: compositionParams,
  async compute(model, p, { kernels }) {
    const c = await compositionScores(model.weights.blocks, { kernels });
    const baseline = await compositionBaseline(model.config.d_model, model.config.d_head, { samples: p.baselineSamples, seed: p.seed, kernels });
    return { Q: floatTensor(c.Q.data, c.Q.shape), K: floatTensor(c.K.data, c.K.shape), V: floatTensor(c.V.data, c.V.shape), baseline };
  },
});
