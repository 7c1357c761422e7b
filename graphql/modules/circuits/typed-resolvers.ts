// Model.typedSkipTrigrams (SDL ./schema.graphql): a decision transformer's typed skip-trigrams through
// the "typed-skip-trigrams" analysis kind. Rule: a token model is a BAD_USER_INPUT before any work.
import { z } from "zod";
import { typedSkipTrigramsKind } from "@/lib/analysis/kinds/typed-skip-trigrams";
import type { ModelSummary } from "@/lib/db/models";
import { MAX_TYPED_TRIGRAMS, type TypedTrigramGroup } from "@/lib/engine/circuits/typed";
import type { GraphQLContext } from "../../context";
import { parseInput } from "../../payload";
import { analyze, versionArg, versionOf } from "./common";
import { badArg, envelope } from "./envelope";
import { topKParam } from "@/lib/analysis/kinds/limits";

const typedArgs = z.object({ topK: topKParam("topK", MAX_TYPED_TRIGRAMS), version: versionArg.nullable() });

export async function typedSkipTrigrams(model: ModelSummary, args: unknown, ctx: GraphQLContext) {
  const a = parseInput(typedArgs, args);
  const version = await versionOf(ctx, model, a.version);
  if (!(version.config as { decision_transformer?: unknown } | null)?.decision_transformer) {
    throw badArg("typedSkipTrigrams", "typedSkipTrigrams: this model is not a decision transformer (it has embed.W_E); ask a head's skipTrigrams");
  }
  const o = await analyze(ctx, "Model.typedSkipTrigrams", version, typedSkipTrigramsKind, { topK: a.topK });
  return envelope(o, (r: { groups: TypedTrigramGroup[] }) =>
    r.groups.map((g) => ({ ...g, trigrams: g.trigrams.map((t) => ({ ...t, action: t.action.label, actionIndex: t.action.index })) })),
  );
}
