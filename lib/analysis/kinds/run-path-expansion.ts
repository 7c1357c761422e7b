// Kind "run-path-expansion": the path expansion of one logit (paper §"Path Expansion of Logits"):
// with the patterns frozen on this input, the logit of `target` at `position` split exactly into the
// direct path, positional path, biases, one term per head and (2 layers) one per virtual head
// (lib/engine/transformer/path-expansion.ts `pathExpansion`, `termLogit`; TL `logit_attrs`).
import { z } from "zod";
import { runWithCache } from "../../engine/transformer/forward";
import { pathExpansion, termLogit } from "../../engine/transformer/path-expansion";
import { tokensParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const RUN_PATH_EXPANSION_KIND = "run-path-expansion";

export const runPathExpansionKind = defineAnalysisKind({
  kind: RUN_PATH_EXPANSION_KIND,
  params: z.object({ tokens: tokensParam, position: z.number().int().min(0), target: z.number().int().min(0) }),
  async compute(model, p, { kernels }) {
    const c = await runWithCache(model, p.tokens, { kernels, logProbs: false });
    const terms = await pathExpansion(model, c, kernels);
    const V = model.config.d_vocab;
    return {
      position: p.position,
      target: p.target,
      logit: c.logits.data[p.position * V + p.target],
      terms: terms.map((t) => ({ term: t.name, kind: t.kind, heads: [...t.heads], contribution: termLogit(model, c, t, p.position, p.target) })),
    };
  },
});
