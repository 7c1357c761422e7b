// Kind "run-attention-share": the attention-only share of a token run — the top logit of every
// position split into direct path, each head and each MLP by direct logit attribution (ln_final's
// scale frozen; ARENA 1.2, TL `logit_attrs`), and the share the direct + attention paths carry
// (lib/engine/transformer/attention-share.ts). 1 at every position for an attention-only model.
import { z } from "zod";
import { decomposeLogits } from "../../engine/transformer/attention-share";
import { runWithCache } from "../../engine/transformer/forward";
import { tokensParam } from "./limits";
import { defineAnalysisKind } from "./registry";
import { shareJson, type AttentionShareJson } from "./trajectory";

export const RUN_ATTENTION_SHARE_KIND = "run-attention-share";

export const runAttentionShareKind = defineAnalysisKind({
  kind: RUN_ATTENTION_SHARE_KIND,
  params: z.object({ tokens: tokensParam }),
  async compute(model, p, { kernels }): Promise<AttentionShareJson> {
    const c = await runWithCache(model, p.tokens, { kernels, logProbs: false });
    return shareJson(await decomposeLogits(model, c));
  },
});
