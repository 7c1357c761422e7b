// What the circuit resolvers share: the authorized version of a model, its TL config, its tokenizer,
// zod for arguments, and the entry/table shapes with token text.
import { z } from "zod";
import { getOrEnqueueAnalysis, type AnalysisState } from "@/lib/analysis/get-analysis";
import type { AnalysisKind } from "@/lib/analysis/kinds";
import { tokenOf } from "@/lib/analysis/tokens";
import type { TensorJson } from "@/lib/analysis/tensor-json";
import { getModelVersionForActor, type ModelSummary, type ModelVersionSummary } from "@/lib/db/models";
import type { ModelTokenizer } from "@/lib/engine/io/tokenizer";
import type { GraphQLContext } from "../../context";
import { parseInput } from "../../payload";
import { charge } from "../../rate-limit";

/** The TL config keys the resolvers check arguments against. */
export interface ShapeConfig {
  n_layers: number;
  n_heads: number;
  d_vocab: number;
  n_ctx: number;
  d_head: number;
}

const shapeSchema = z.object({ n_layers: z.number().int(), n_heads: z.number().int(), d_vocab: z.number().int(), n_ctx: z.number().int(), d_head: z.number().int() });

/** The stored config of a version (or model) as ShapeConfig. */
export function shapeOf(config: unknown): ShapeConfig {
  const r = shapeSchema.safeParse(config);
  if (!r.success) throw new TypeError("stored model config lacks n_layers, n_heads, d_vocab, n_ctx or d_head");
  return r.data;
}

/** A version number argument: a positive integer or absent (the latest). */
export const versionArg = z.number().int().min(1, "version must be at least 1").max(1_000_000).optional();

/** A version row of a model the caller may read, with the model's team (what an analysis needs). */
export type ReadableVersion = ModelVersionSummary & { teamId: string };

/** The authorized version `version` (default: the latest) of `model`. */
export async function versionOf(ctx: GraphQLContext, model: Pick<ModelSummary, "id" | "teamId">, version: number | null | undefined): Promise<ReadableVersion> {
  const v = parseInput(versionArg, version ?? undefined);
  return { ...(await getModelVersionForActor(ctx.db, ctx.actor, model.id, v)), teamId: model.teamId };
}

export { charge };

/**
 * The state of analysis `kind` with `params` of the version, for the field `field` (lib/analysis/
 * get-analysis: cached, computed now for a tiny model, else a background job); a computation or a
 * new job is charged to the caller's rate limit.
 */
export function analyze<R = unknown>(ctx: GraphQLContext, field: string, version: ReadableVersion, kind: Pick<AnalysisKind, "kind">, params: unknown): Promise<AnalysisState<R>> {
  return getOrEnqueueAnalysis<R>(ctx.db, ctx.actor, { readableVersion: version, kind: kind.kind, params }, charge(ctx, field));
}

export interface EntryJson {
  row: number;
  col: number;
  value: number;
}

/** Circuit entries with token text (rows/cols are positions when `positional`). */
export function entriesWithTokens(es: readonly EntryJson[], tok: ModelTokenizer, positional = false) {
  return es.map((e) => ({ ...e, rowToken: positional ? null : tokenOf(tok, e.row), colToken: positional ? null : tokenOf(tok, e.col) }));
}

export type TableJson = { values: TensorJson; indices: TensorJson } | null;
