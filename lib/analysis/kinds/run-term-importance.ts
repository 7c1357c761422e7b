// Kind "run-term-importance": for each path-expansion term, the increase in mean next-token loss
// when it alone is removed from the logits (patterns and LN scales frozen; paper §"Path Expansion of
// Logits"; lib/engine/transformer/path-expansion.ts `termImportance`).
import { z } from "zod";
import { runWithCache } from "../../engine/transformer/forward";
import { pathExpansion, termImportance } from "../../engine/transformer/path-expansion";
import { tokensParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const RUN_TERM_IMPORTANCE_KIND = "run-term-importance";

export const runTermImportanceKind = defineAnalysisKind({
  kind: RUN_TERM_IMPORTANCE_KIND,
  params: z.object({ tokens: tokensParam.min(2, "term importance needs at least 2 tokens") }),
  async compute(model, p, { kernels }) {
    const c = await runWithCache(model, p.tokens, { kernels, logProbs: false });
    const r = await termImportance(model, c, await pathExpansion(model, c, kernels), kernels);
    return { loss: r.loss, terms: r.terms.map((t) => ({ term: t.name, kind: t.kind, lossIncrease: t.lossIncrease })) };
  },
});
