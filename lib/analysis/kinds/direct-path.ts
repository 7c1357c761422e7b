// Kind "direct-path": the bigram table W_E W_U [input token, next-token logit] of the direct path
// (paper §"Zero-layer transformers"): its top entries overall and optionally the top next tokens of
// every input token, streamed through the kernels (lib/engine/circuits/bigrams.ts).
import { circuitTopK } from "../../engine/circuits/qk-ov";
import { directPath } from "../../engine/circuits/bigrams";
import { floatTensor, intTensor } from "../tensor-json";
import { MAX_PER_SOURCE, MAX_TOP_K, topKParam } from "./limits";
import { entriesJson } from "./ov-circuit";
import { defineAnalysisKind } from "./registry";
import { z } from "zod";

export const DIRECT_PATH_KIND = "direct-path";

export const directPathKind = defineAnalysisKind({
  kind: DIRECT_PATH_KIND,
  params: z.object({ topK: topKParam("topK", MAX_TOP_K), perToken: topKParam("perToken", MAX_PER_SOURCE, 0).default(0) }),
  async compute(model, p, { kernels }) {
    const thin = directPath(model.weights);
    const top = await circuitTopK(thin, p.topK, { kernels });
    const rows = p.perToken > 0 ? await kernels.matmulTopKRows(thin.left, thin.rightT, thin.rows, thin.d_head, thin.cols, p.perToken, { transB: true }) : null;
    return {
      top: entriesJson(top.entries),
      perToken: rows ? { values: floatTensor(rows.values, [thin.rows, rows.k]), indices: intTensor(rows.indices, [thin.rows, rows.k]) } : null,
    };
  },
});
