// Kind "qk-circuit": the full QK circuit of one head over the whole vocabulary, W_E W_QK W_Eᵀ
// [query token, key token], or with `positional` W_pos W_QK W_posᵀ [query pos, key pos]
// (paper §"QK circuit"; TL `model.QK`), top entries found blockwise by the engine.
import { z } from "zod";
import { circuitTopK, fullQK } from "../../engine/circuits/qk-ov";
import { headParam, MAX_TOP_K, topKParam } from "./limits";
import { entriesJson } from "./ov-circuit";
import { defineAnalysisKind } from "./registry";

export const QK_CIRCUIT_KIND = "qk-circuit";

export const qkCircuitKind = defineAnalysisKind({
  kind: QK_CIRCUIT_KIND,
  params: headParam.extend({ topK: topKParam("topK", MAX_TOP_K), positional: z.boolean().default(false) }),
  async compute(model, p, { kernels }) {
    const thin = await fullQK(model.weights, p.layer, p.head, { kernels, positional: p.positional });
    return { top: entriesJson((await circuitTopK(thin, p.topK, { kernels })).entries) };
  },
});
