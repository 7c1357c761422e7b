// Resolvers of the Head type's analysis fields (SDL graphql/modules/circuits/schema.graphql).
// Rules: arguments are checked with zod against the named caps of lib/analysis/kinds/limits (and
// head names against the model's shape) before any analysis is asked for; each field is one
// analysis kind through lib/analysis (authorized, cached); resolvers only reshape results.
import { z } from "zod";
import { getHeadReportForActor } from "@/lib/analysis/head-report";
import { compositionKind } from "@/lib/analysis/kinds/composition";
import { eigenvaluesKind } from "@/lib/analysis/kinds/eigenvalues";
import { MAX_PER_SOURCE, MAX_TOP_K, topKParam } from "@/lib/analysis/kinds/limits";
import { ovCircuitKind } from "@/lib/analysis/kinds/ov-circuit";
import { qkCircuitKind } from "@/lib/analysis/kinds/qk-circuit";
import { singularValuesKind } from "@/lib/analysis/kinds/singular-values";
import { skipTrigramsKind } from "@/lib/analysis/kinds/skip-trigrams";
import { subspaceOverlapKind } from "@/lib/analysis/kinds/subspace-overlap";
import { decodeTensor, type TensorJson } from "@/lib/analysis/tensor-json";
import { tokenizerOf, tokenOf } from "@/lib/analysis/tokens";
import type { CompositionBaseline } from "@/lib/engine/circuits/composition";
import type { HeadScores } from "@/lib/engine/circuits/report";
import type { SkipTrigram } from "@/lib/engine/circuits/skip-trigrams";
import type { GraphQLContext } from "../../context";
import { parseInput } from "../../payload";
import type { HeadParent } from "../model/resolvers";
import { analyze, charge, entriesWithTokens, shapeOf, versionOf, type EntryJson, type TableJson } from "./common";
import { envelope, parseHeadName } from "./envelope";

type Args<T> = (head: HeadParent, args: T, ctx: GraphQLContext) => Promise<unknown>;

async function reportEnvelope<T>(head: HeadParent, ctx: GraphQLContext, field: string, pick: (h: HeadScores, baseline: CompositionBaseline | undefined) => T) {
  const o = await getHeadReportForActor(ctx.db, ctx.actor, head.model.id, { version: head.version, ...charge(ctx, field) });
  return envelope(o, (r) => {
    const h = r.heads.find((x) => x.name === head.name);
    if (!h) throw new TypeError(`head report of ${head.model.id} has no head ${head.name}`);
    return pick(h, r.compositionBaseline);
  });
}

const scores: Args<object> = (head, _a, ctx) => reportEnvelope(head, ctx, "Head.scores", (h) => h);

/** Labels with their evidence, the report's composition baseline added to it. */
const labels: Args<object> = (head, _a, ctx) =>
  reportEnvelope(head, ctx, "Head.labels", (h, baseline) =>
    h.labels.map((l) => ({ ...l, evidence: l.evidence ? { ...l.evidence, baselineMean: baseline?.mean ?? null, baselineStd: baseline?.std ?? null } : null })),
  );

const ovArgs = z.object({ topK: topKParam("topK", MAX_TOP_K), perSource: topKParam("perSource", MAX_PER_SOURCE, 0), bottomK: topKParam("bottomK", MAX_TOP_K, 0) });

const ov: Args<{ topK: number; perSource: number; bottomK: number }> = async (head, args, ctx) => {
  const a = parseInput(ovArgs, args);
  const version = await versionOf(ctx, head.model, head.version);
  const tok = await tokenizerOf(ctx.db, head.model);
  const o = await analyze(ctx, "Head.ov", version, ovCircuitKind, { layer: head.layer, head: head.index, ...a });
  return envelope(o, (r: { top: EntryJson[]; bottom: EntryJson[]; perSource: TableJson }) => ({
    top: entriesWithTokens(r.top, tok), bottom: entriesWithTokens(r.bottom, tok), perSource: r.perSource,
  }));
};

const qkArgs = z.object({ topK: topKParam("topK", MAX_TOP_K), positional: z.boolean() });

const qk: Args<{ topK: number; positional: boolean }> = async (head, args, ctx) => {
  const a = parseInput(qkArgs, args);
  const version = await versionOf(ctx, head.model, head.version);
  const tok = await tokenizerOf(ctx.db, head.model);
  const o = await analyze(ctx, "Head.qk", version, qkCircuitKind, { layer: head.layer, head: head.index, ...a });
  return envelope(o, (r: { top: EntryJson[] }) => ({ positional: a.positional, top: entriesWithTokens(r.top, tok, a.positional) }));
};

interface PerHead {
  layer: number;
  head: number;
}
const pickHead = <T extends PerHead>(heads: T[], head: HeadParent): T => {
  const h = heads.find((x) => x.layer === head.layer && x.head === head.index);
  if (!h) throw new TypeError(`analysis has no head ${head.name}`);
  return h;
};

const eigenvalues: Args<{ circuit: "OV" | "QK_TOKEN" | "QK_POSITIONAL" }> = async (head, args, ctx) => {
  const version = await versionOf(ctx, head.model, head.version);
  const o = await analyze(ctx, "Head.eigenvalues", version, eigenvaluesKind, { circuit: args.circuit });
  return envelope(o, (r: { heads: (PerHead & { score: number | null; re: number[]; im: number[] })[] }) => {
    const h = pickHead(r.heads, head);
    return { circuit: args.circuit, re: h.re, im: h.im, positivity: h.score };
  });
};

const singularValues: Args<{ circuit: "OV" | "QK" }> = async (head, args, ctx) => {
  const version = await versionOf(ctx, head.model, head.version);
  const o = await analyze(ctx, "Head.singularValues", version, singularValuesKind, { circuit: args.circuit });
  return envelope(o, (r: { heads: (PerHead & { values: number[] })[] }) => ({ circuit: args.circuit, values: pickHead(r.heads, head).values }));
};

const skipTrigrams: Args<{ topK: number }> = async (head, args, ctx) => {
  const { topK } = parseInput(z.object({ topK: topKParam("topK", MAX_TOP_K) }), args);
  const version = await versionOf(ctx, head.model, head.version);
  const tok = await tokenizerOf(ctx.db, head.model);
  const o = await analyze(ctx, "Head.skipTrigrams", version, skipTrigramsKind, { layer: head.layer, head: head.index, topK });
  return envelope(o, (r: { trigrams: SkipTrigram[] }) =>
    r.trigrams.map((t) => ({ ...t, source: tokenOf(tok, t.source), destination: tokenOf(tok, t.destination), output: tokenOf(tok, t.output) })),
  );
};

/** The composition analysis's result as the resolvers read it. */
export interface CompositionJson {
  Q: TensorJson;
  K: TensorJson;
  V: TensorJson;
  baseline: CompositionBaseline;
}

/** Runs the composition kind with the head report's baseline settings. */
export function compositionOf(ctx: GraphQLContext, field: string, version: Parameters<typeof analyze>[2]) {
  return analyze(ctx, field, version, compositionKind, {});
}

const composesWithArgs = z.object({ kind: z.enum(["Q", "K", "V"]), min: z.number().finite("min must be a finite number") });

const composesWith: Args<{ kind: "Q" | "K" | "V"; min: number }> = async (head, args, ctx) => {
  const a = parseInput(composesWithArgs, args);
  const version = await versionOf(ctx, head.model, head.version);
  const o = await compositionOf(ctx, "Head.composesWith", version);
  return envelope(o, (r: CompositionJson) => {
    const t = decodeTensor(r[a.kind]);
    const [L, H] = t.shape;
    const n = L * H;
    const me = head.layer * H + head.index;
    const { mean, std } = r.baseline;
    const out = [];
    for (let other = 0; other < n; other++) {
      const otherLayer = Math.floor(other / H);
      if (otherLayer === head.layer) continue;
      const writesTo = otherLayer > head.layer;
      const score = writesTo ? t.data[me * n + other] : t.data[other * n + me];
      const relative = score / mean;
      if (relative < a.min) continue;
      out.push({ head: `${otherLayer}.${other % H}`, direction: writesTo ? "WRITES_TO" : "READS_FROM", score, relative, zScore: (score - mean) / std });
    }
    return out.sort((x, y) => y.relative - x.relative);
  });
};

const overlapArgs = z.object({ with: z.string().max(20), side: z.enum(["Q", "K", "V", "O"]), withSide: z.enum(["Q", "K", "V", "O"]) });

const subspaceOverlap: Args<{ with: string; side: string; withSide: string }> = async (head, args, ctx) => {
  const a = parseInput(overlapArgs, args);
  const version = await versionOf(ctx, head.model, head.version);
  const other = parseHeadName(a.with, shapeOf(version.config), "with");
  const o = await analyze(ctx, "Head.subspaceOverlap", version, subspaceOverlapKind, { a: { layer: head.layer, head: head.index }, sideA: a.side, b: other, sideB: a.withSide });
  return envelope(o, (r: { overlap: number; cosines: number[]; angles: number[] }) => ({ with: `${other.layer}.${other.head}`, side: a.side, withSide: a.withSide, ...r }));
};

export const headResolvers = { scores, labels, ov, qk, eigenvalues, singularValues, skipTrigrams, composesWith, subspaceOverlap };
