// Kind "run-logits": the forward pass's logits on a token sequence (TL `model(tokens)`), as the top-k
// next tokens of every position, plus the log-probability the model gives each actual next token
// (TL `log_softmax(logits)[p, tokens[p+1]]`, `lm_cross_entropy_loss` per token) and their mean loss.
import { z } from "zod";
import { rowTopK } from "../../engine/linalg/topk";
import { nextTokenLoss, runWithCache } from "../../engine/transformer/forward";
import { floatTensor, intTensor } from "../tensor-json";
import { MAX_LOGITS_TOP_K, tokensParam, topKParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const RUN_LOGITS_KIND = "run-logits";

export const runLogitsKind = defineAnalysisKind({
  kind: RUN_LOGITS_KIND,
  params: z.object({ tokens: tokensParam, topK: topKParam("topK", MAX_LOGITS_TOP_K) }),
  async compute(model, p, { kernels }) {
    const V = model.config.d_vocab;
    const n = p.tokens.length;
    const c = await runWithCache(model, p.tokens, { kernels, logProbs: false });
    const logits = c.logits.data as Float32Array;
    const k = Math.min(p.topK, V);
    const values = new Float32Array(n * k);
    const indices = new Int32Array(n * k);
    for (let pos = 0; pos < n; pos++) rowTopK(logits.subarray(pos * V, (pos + 1) * V), k, false, values, indices, pos * k);
    // −(per-token cross-entropy) = log p(tokens[p+1] | tokens[..p]).
    const next = n >= 2 ? nextTokenLoss(logits, p.tokens, V) : null;
    return {
      top: { values: floatTensor(values, [n, k]), indices: intTensor(indices, [n, k]) },
      nextTokenLogProbs: floatTensor(next ? next.perToken.map((x) => -x) : [], [next ? n - 1 : 0]),
      loss: next?.loss ?? null,
    };
  },
});
