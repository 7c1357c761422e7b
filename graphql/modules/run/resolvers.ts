// Resolvers of the run domain: Query.run and the ForwardRun fields (SDL ./schema.graphql).
// A decision transformer's trajectory runs are checked and read in ./trajectory.ts.
// Rules: the prompt is bounded (MAX_PROMPT_CHARS) before it is tokenized by the model's tokenizer,
// the token count is checked against the version's n_ctx and every id against d_vocab before any
// forward pass is asked for (BAD_USER_INPUT naming the argument); each field is one analysis kind.
import { z } from "zod";
import { MAX_LOGITS_TOP_K, MAX_PROMPT_CHARS, MAX_TOP_K, tokensParam, topKParam } from "@/lib/analysis/kinds/limits";
import { runLogitsKind } from "@/lib/analysis/kinds/run-logits";
import { runPathExpansionKind } from "@/lib/analysis/kinds/run-path-expansion";
import { runPatternsKind } from "@/lib/analysis/kinds/run-patterns";
import { runTermImportanceKind } from "@/lib/analysis/kinds/run-term-importance";
import type { RunTrajectoryJson } from "@/lib/analysis/kinds/run-trajectory";
import { trajectoryParam } from "@/lib/analysis/kinds/trajectory";
import { decodeTensor, floatTensor, intTensor, type TensorJson } from "@/lib/analysis/tensor-json";
import { tokenizerOf, tokenOf } from "@/lib/analysis/tokens";
import { getModelForActor, type ModelSummary } from "@/lib/db/models";
import type { ModelTokenizer } from "@/lib/engine/io/tokenizer";
import type { GraphQLContext } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput } from "../../payload";
import { analyze, shapeOf, versionArg, versionOf, type ReadableVersion, type ShapeConfig } from "../circuits/common";
import { badArg, envelope } from "../circuits/envelope";
import { actionLogits, attentionShare, checkedTrajectory, positions, rtgSweep, tokenRunOnly, trajectoryRun, type RunDT } from "./trajectory";

/** A forward run's parent: the authorized version, its shape, tokenizer and the checked tokens. */
export interface RunParent {
  modelId: string;
  version: number;
  versionRow: ReadableVersion;
  shape: ShapeConfig;
  tokenizer: ModelTokenizer;
  /** Token ids of a token run (empty for a trajectory run). */
  ids: number[];
  /** A decision transformer's trajectory and its layout, or null for a token run. */
  dt: RunDT | null;
}

const runArgs = z.object({
  modelId: z.string().trim().min(1, "modelId is required").max(200),
  version: versionArg.nullable(),
  prompt: z.string().max(MAX_PROMPT_CHARS, `prompt: at most ${MAX_PROMPT_CHARS} characters`).nullable().optional(),
  tokens: tokensParam.nullable().optional(),
  trajectory: trajectoryParam.nullable().optional(),
});

async function checkedTokens(a: z.output<typeof runArgs>, shape: ShapeConfig, tok: ModelTokenizer): Promise<number[]> {
  if ((a.prompt == null) === (a.tokens == null)) throw badArg("prompt", "give exactly one of prompt and tokens");
  const arg = a.prompt != null ? "prompt" : "tokens";
  const ids = a.prompt != null ? tok.encode(a.prompt) : a.tokens!;
  if (ids.length === 0) throw badArg(arg, `${arg}: the input has no tokens`);
  if (ids.length > shape.n_ctx) throw badArg(arg, `${arg}: ${ids.length} tokens, more than the model's n_ctx = ${shape.n_ctx}`);
  const bad = ids.findIndex((t) => t >= shape.d_vocab);
  if (bad >= 0) throw badArg(arg, `${arg}: token ${ids[bad]} at position ${bad} is not an id in [0, d_vocab = ${shape.d_vocab})`);
  return ids;
}

async function run(_p: unknown, args: unknown, ctx: GraphQLContext): Promise<RunParent | null> {
  const a = parseInput(runArgs, args);
  const model = await nullIfNotFound(getModelForActor(ctx.db, ctx.actor, a.modelId));
  if (!model) return null;
  const versionRow = await versionOf(ctx, model, a.version);
  const shape = shapeOf(versionRow.config);
  const tokenizer = await tokenizerOf(ctx.db, model as ModelSummary);
  const dt = checkedTrajectory(versionRow.config, shape.n_ctx, a.trajectory);
  if (dt && (a.prompt != null || a.tokens != null)) throw badArg("trajectory", "give exactly one of prompt, tokens and trajectory");
  const ids = dt ? [] : await checkedTokens(a, shape, tokenizer);
  return { modelId: model.id, version: versionRow.number, versionRow, shape, tokenizer, ids, dt };
}

/** The input's tokens: ids with text, or a trajectory's tokens as type ids (0 rtg, 1 state, 2 action) with their labels. */
const tokens = (r: RunParent) => (r.dt ? positions(r).map((p) => ({ id: ["rtg", "state", "action"].indexOf(p.type), text: p.label })) : r.ids.map((id) => tokenOf(r.tokenizer, id)));

const patternArgs = z.object({ layer: z.number().int(), head: z.number().int().nullable().optional(), topK: topKParam("topK", MAX_TOP_K).nullable().optional() });

/** One head's [n, n] (or [n, k]) slice of a layer's [n_heads, n, *] tensor. */
function headSlice(t: TensorJson, head: number): TensorJson {
  const d = decodeTensor(t);
  const [, n, m] = d.shape;
  const part = d.data.subarray(head * n * m, (head + 1) * n * m);
  return t.dtype === "float32" ? floatTensor(part, [n, m]) : intTensor(part, [n, m]);
}

async function patterns(r: RunParent, args: unknown, ctx: GraphQLContext) {
  const a = parseInput(patternArgs, args);
  if (a.layer < 0 || a.layer >= r.shape.n_layers) throw badArg("layer", `layer ${a.layer} does not exist: the model has ${r.shape.n_layers} layers`);
  if (a.head != null && (a.head < 0 || a.head >= r.shape.n_heads)) throw badArg("head", `head ${a.head} does not exist: layers have ${r.shape.n_heads} heads`);
  const at = positions(r);
  const shaped = (p: { dense: TensorJson | null; topK: { values: TensorJson; indices: TensorJson } | null }) => {
    const h = a.head ?? null;
    if (h === null) return { layer: a.layer, head: null, positions: at, dense: p.dense, topK: p.topK };
    return { layer: a.layer, head: h, positions: at, dense: p.dense ? headSlice(p.dense, h) : null, topK: p.topK ? { values: headSlice(p.topK.values, h), indices: headSlice(p.topK.indices, h) } : null };
  };
  if (r.dt) {
    if (a.topK != null) throw badArg("topK", "topK: a trajectory run answers dense patterns (its length is bounded by n_ctx)");
    return envelope(await trajectoryRun(ctx, "ForwardRun.patterns", r), (p: RunTrajectoryJson) => {
      if (!p.patterns) throw badArg("layer", "the trajectory's patterns are too large to return densely");
      return shaped({ dense: p.patterns[a.layer], topK: null });
    });
  }
  const o = await analyze(ctx, "ForwardRun.patterns", r.versionRow, runPatternsKind, { tokens: r.ids, layer: a.layer, ...(a.topK != null ? { topK: a.topK } : {}) });
  return envelope(o, shaped);
}

const logitArgs = z.object({ position: z.number().int().nullable().optional(), topK: topKParam("topK", MAX_LOGITS_TOP_K) });

async function logits(r: RunParent, args: unknown, ctx: GraphQLContext) {
  tokenRunOnly(r, "logits");
  const a = parseInput(logitArgs, args);
  const n = r.ids.length;
  if (a.position != null && (a.position < 0 || a.position >= n)) throw badArg("position", `position ${a.position} is outside the ${n} tokens`);
  const o = await analyze(ctx, "ForwardRun.logits", r.versionRow, runLogitsKind, { tokens: r.ids, topK: a.topK });
  return envelope(o, (p: { top: { values: TensorJson; indices: TensorJson } }) => {
    const values = decodeTensor(p.top.values);
    const indices = decodeTensor(p.top.indices);
    const k = values.shape[1];
    const positions = a.position != null ? [a.position] : Array.from({ length: n }, (_, i) => i);
    return {
      top: p.top,
      positions: positions.map((pos) => ({
        position: pos,
        predictions: Array.from({ length: k }, (_, j) => ({ token: tokenOf(r.tokenizer, indices.data[pos * k + j]), logit: values.data[pos * k + j] })),
      })),
    };
  });
}

async function logProbs(r: RunParent, _args: unknown, ctx: GraphQLContext) {
  tokenRunOnly(r, "logProbs");
  const o = await analyze(ctx, "ForwardRun.logProbs", r.versionRow, runLogitsKind, { tokens: r.ids, topK: 1 });
  return envelope(o, (p: { nextTokenLogProbs: TensorJson; loss: number | null }) => ({ nextToken: p.nextTokenLogProbs, loss: p.loss }));
}

const pathArgs = z.object({ position: z.number().int(), target: z.number().int() });

async function pathExpansion(r: RunParent, args: unknown, ctx: GraphQLContext) {
  tokenRunOnly(r, "pathExpansion");
  const a = parseInput(pathArgs, args);
  if (a.position < 0 || a.position >= r.ids.length) throw badArg("position", `position ${a.position} is outside the ${r.ids.length} tokens`);
  if (a.target < 0 || a.target >= r.shape.d_vocab) throw badArg("target", `target ${a.target} is not a token id in [0, d_vocab = ${r.shape.d_vocab})`);
  const o = await analyze(ctx, "ForwardRun.pathExpansion", r.versionRow, runPathExpansionKind, { tokens: r.ids, ...a });
  return envelope(o, (p: { logit: number; terms: unknown[] }) => ({ position: a.position, target: tokenOf(r.tokenizer, a.target), logit: p.logit, terms: p.terms }));
}

async function termImportance(r: RunParent, _args: unknown, ctx: GraphQLContext) {
  tokenRunOnly(r, "termImportance");
  if (r.ids.length < 2) throw badArg("tokens", "termImportance needs at least 2 tokens");
  return envelope(await analyze(ctx, "ForwardRun.termImportance", r.versionRow, runTermImportanceKind, { tokens: r.ids }), (p) => p);
}

export const runResolvers = {
  Query: { run },
  ForwardRun: { tokens, patterns, logits, logProbs, pathExpansion, termImportance, positions, actionLogits, attentionShare, rtgSweep },
};
