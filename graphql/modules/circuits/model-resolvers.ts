// Resolvers of the Model type's circuit fields: head(name), directPath, composition, virtualWeights,
// circuits (SDL graphql/modules/circuits/schema.graphql). Same rules as head-resolvers.ts.
import { z } from "zod";
import { getHeadReportForActor } from "@/lib/analysis/head-report";
import { directPathKind } from "@/lib/analysis/kinds/direct-path";
import { MAX_PER_SOURCE, MAX_SINGULAR_VALUES, MAX_TOP_K, topKParam } from "@/lib/analysis/kinds/limits";
import { virtualWeightsKind } from "@/lib/analysis/kinds/virtual-weights";
import { decodeTensor } from "@/lib/analysis/tensor-json";
import { tokenizerOf } from "@/lib/analysis/tokens";
import type { ModelSummary } from "@/lib/db/models";
import type { HeadReportJson } from "@/lib/engine/circuits/report";
import type { GraphQLContext } from "../../context";
import { parseInput } from "../../payload";
import type { HeadParent } from "../model/resolvers";
import { analyze, charge, entriesWithTokens, shapeOf, versionArg, versionOf, type EntryJson, type TableJson } from "./common";
import { badArg, envelope, parseHeadName } from "./envelope";
import { compositionOf, type CompositionJson } from "./head-resolvers";
import { typedSkipTrigrams } from "./typed-resolvers";

type Args<T> = (model: ModelSummary, args: T, ctx: GraphQLContext) => Promise<unknown>;

const head = async (model: ModelSummary, args: { name: string; version?: number | null }, ctx: GraphQLContext): Promise<HeadParent> => {
  const version = await versionOf(ctx, model, args.version);
  const h = parseHeadName(parseInput(z.string().max(20, "name: at most 20 characters"), args.name), shapeOf(version.config), "name");
  return { name: `${h.layer}.${h.head}`, layer: h.layer, index: h.head, model, version: version.number };
};

const directPathArgs = z.object({ topK: topKParam("topK", MAX_TOP_K), perToken: topKParam("perToken", MAX_PER_SOURCE, 0), version: versionArg.nullable() });

const directPath: Args<{ topK: number; perToken: number; version?: number | null }> = async (model, args, ctx) => {
  const a = parseInput(directPathArgs, args);
  const version = await versionOf(ctx, model, a.version);
  const tok = await tokenizerOf(ctx.db, model);
  const o = await analyze(ctx, "Model.directPath", version, directPathKind, { topK: a.topK, perToken: a.perToken });
  return envelope(o, (r: { top: EntryJson[]; perToken: TableJson }) => ({ top: entriesWithTokens(r.top, tok), perToken: r.perToken }));
};

const compositionArgs = z.object({ kind: z.enum(["Q", "K", "V"]), top: topKParam("top", MAX_TOP_K, 0), version: versionArg.nullable() });

const composition: Args<{ kind: "Q" | "K" | "V"; top: number; version?: number | null }> = async (model, args, ctx) => {
  const a = parseInput(compositionArgs, args);
  const version = await versionOf(ctx, model, a.version);
  return envelope(await compositionOf(ctx, "Model.composition", version), (r: CompositionJson) => {
    const t = decodeTensor(r[a.kind]);
    const [L, H] = t.shape;
    const n = L * H;
    const { mean, std } = r.baseline;
    const pairs: { writer: string; reader: string; score: number; relative: number; zScore: number }[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (Math.floor(j / H) <= Math.floor(i / H)) continue;
        const score = t.data[i * n + j];
        pairs.push({ writer: `${Math.floor(i / H)}.${i % H}`, reader: `${Math.floor(j / H)}.${j % H}`, score, relative: score / mean, zScore: (score - mean) / std });
      }
    }
    pairs.sort((x, y) => y.score - x.score);
    return { kind: a.kind, scores: r[a.kind], baseline: r.baseline, top: pairs.slice(0, a.top) };
  });
};

const virtualArgs = z.object({ writer: z.string().max(20), reader: z.string().max(20), kind: z.enum(["Q", "K", "V"]), topK: topKParam("topK", MAX_SINGULAR_VALUES), version: versionArg.nullable() });

const virtualWeights: Args<{ writer: string; reader: string; kind: "Q" | "K" | "V"; topK: number; version?: number | null }> = async (model, args, ctx) => {
  const a = parseInput(virtualArgs, args);
  const version = await versionOf(ctx, model, a.version);
  const shape = shapeOf(version.config);
  const writer = parseHeadName(a.writer, shape, "writer");
  const reader = parseHeadName(a.reader, shape, "reader");
  if (writer.layer >= reader.layer) throw badArg("reader", `reader ${a.reader} must be in a later layer than writer ${a.writer}`);
  const o = await analyze(ctx, "Model.virtualWeights", version, virtualWeightsKind, { writer, reader, mode: a.kind });
  return envelope(o, (r: { norm: number; singularValues: number[] }) => ({
    writer: `${writer.layer}.${writer.head}`, reader: `${reader.layer}.${reader.head}`, kind: a.kind, norm: r.norm, singularValues: r.singularValues.slice(0, a.topK),
  }));
};

type Pattern = "INDUCTION" | "PREVIOUS_TOKEN" | "COPYING" | "SKIP_TRIGRAM";

/** The heads of a report matching a pattern (labels decided by lib/engine/circuits/labels). */
export function matchPattern(r: HeadReportJson, pattern: Pattern) {
  const labelled = (label: string) =>
    r.heads.flatMap((h) => h.labels.filter((l) => l.label === label).map((l) => ({ head: h.name, score: l.score, label: l })));
  const base = r.compositionBaseline;
  switch (pattern) {
    case "PREVIOUS_TOKEN":
      return { pattern, heads: labelled("previous-token").map(({ head, score }) => ({ head, score })), induction: [] };
    case "COPYING":
      return { pattern, heads: labelled("copying").map(({ head, score }) => ({ head, score })), induction: [] };
    case "SKIP_TRIGRAM":
      return { pattern, heads: r.config.n_layers === 1 ? r.heads.map((h) => ({ head: h.name, score: h.ovCopying })) : [], induction: [] };
    case "INDUCTION": {
      const ind = labelled("induction");
      const induction = ind.flatMap(({ head, score, label }) => {
        const k = label.evidence?.partnerKComposition;
        if (!label.partner || k === undefined) return [];
        return [{
          previousTokenHead: label.partner, inductionHead: head, kComposition: k,
          relative: base ? k / base.mean : null, zScore: base ? (k - base.mean) / base.std : null,
          mechanism: label.mechanism ?? null, inductionScore: score,
          evidence: { ...label.evidence, baselineMean: base?.mean ?? null, baselineStd: base?.std ?? null },
        }];
      });
      return { pattern, heads: ind.map(({ head, score }) => ({ head, score })), induction };
    }
    default: {
      const never: never = pattern;
      throw new TypeError(`circuits: unknown pattern ${String(never)}`);
    }
  }
}

const circuits: Args<{ pattern: Pattern; version?: number | null }> = async (model, args, ctx) => {
  const version = parseInput(versionArg.nullable(), args.version ?? undefined) ?? undefined;
  const o = await getHeadReportForActor(ctx.db, ctx.actor, model.id, { version, ...charge(ctx, "Model.circuits") });
  return envelope(o, (r) => matchPattern(r, args.pattern));
};

export const modelCircuitResolvers = { head, directPath, composition, virtualWeights, circuits, typedSkipTrigrams };
