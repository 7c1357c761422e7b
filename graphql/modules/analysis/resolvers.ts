// Resolvers of the analysis domain: Model.headReport, Model.headLineage, Query.compareModels and
// their types. Rules: access goes through lib/analysis (which authorizes with lib/db/models'
// getModelVersionForActor / listModelVersionsForActor, the same policy check as model(id));
// resolvers only reshape the engine's JSON, never compute.
import { z } from "zod";
import { compareModelsForActor, getHeadLineageForActor, type HeadComparisonOutcome, type HeadLineageOutcome } from "@/lib/analysis/head-lineage";
import { getHeadReportForReadableModel, type HeadReportState } from "@/lib/analysis/head-report";
import { headReportParams, tokenRangeParam } from "@/lib/analysis/kinds/head-report";
import type { LayerMatch } from "@/lib/engine/circuits/head-matching";
import type { HeadScores } from "@/lib/engine/circuits/report";
import type { HeadLabel } from "@/lib/engine/circuits/labels";
import type { ModelSummary } from "@/lib/db/models";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput } from "../../payload";
import { charge } from "../../rate-limit";

/** A number that is finite, else null (stored JSON turns NaN into null; GraphQL Float rejects NaN). */
function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** GraphQL's nulls as absent fields (the kind's schema gives the defaults). */
const withoutNulls = (o: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).filter((e) => e[1] !== null && e[1] !== undefined));

// The same bounds as the kind's params (MAX_SEED, MIN/MAX_REPEAT_LENGTH), checked here so errors name `probe.<field>`.
const headReportArgs = z.object({
  version: z.number().int().min(1, "version is at least 1").max(1_000_000).nullish(),
  probe: z.preprocess(withoutNulls, headReportParams.pick({ seed: true, repeatLength: true }).partial().extend({
    tokenRange: z.object({ from: z.number(), to: z.number() }).transform((r) => [r.from, r.to]).pipe(tokenRangeParam).optional(),
  })),
});

type ProbeArgs = { seed?: number | null; repeatLength?: number | null; tokenRange?: { from: number; to: number } | null };

const headReport: Resolver<ModelSummary, { version?: number | null; probe?: ProbeArgs | null }, HeadReportState> = (parent, args, context) => {
  const { version, probe } = parseInput(headReportArgs, args);
  // The parent came from a policy-checked model (model/models): no second access check.
  return getHeadReportForReadableModel(context.db, context.actor, parent, {
    ...charge(context, "Model.headReport"),
    version: version ?? undefined,
    probe,
  });
};

const ready = (o: HeadReportState) => (o.status === "READY" ? o.result : null);

const report = {
  message: (o: HeadReportState) => (o.status === "FAILED" || o.status === "CANCELLED" ? o.message : null),
  cached: (o: HeadReportState) => (o.status === "READY" ? o.cached : false),
  attentionOnly: (o: HeadReportState) => o.attentionOnly,
  jobId: (o: HeadReportState) => ("jobId" in o ? (o.jobId ?? null) : null),
  progress: (o: HeadReportState) => (o.status === "QUEUED" || o.status === "RUNNING" ? o.progress : null),
  processing: (o: HeadReportState) => ready(o)?.processing ?? null,
  probes: (o: HeadReportState) => ready(o)?.probes ?? null,
  thresholds: (o: HeadReportState) => ready(o)?.thresholds ?? null,
  heads: (o: HeadReportState) => ready(o)?.heads ?? [],
  skipped: (o: HeadReportState) => ready(o)?.skipped ?? [],
  composition: (o: HeadReportState) => ready(o)?.composition ?? null,
};

const score = (key: keyof HeadScores) => (h: HeadScores) => finiteOrNull(h[key]);

const headScores = {
  previousToken: score("previousToken"),
  duplicateToken: score("duplicateToken"),
  induction: score("induction"),
  inductionStripe: score("inductionStripe"),
  ovCopying: score("ovCopying"),
  qkTokenPositivity: score("qkTokenPositivity"),
  qkPositionalPositivity: score("qkPositionalPositivity"),
};

const headLabel = {
  score: (l: HeadLabel) => finiteOrNull(l.score),
  partner: (l: HeadLabel) => l.partner ?? null,
  mechanism: (l: HeadLabel) => l.mechanism ?? null,
};

type Nested4 = unknown[][][][];
const finite4 = (t: Nested4) => t.map((a) => a.map((b) => b.map((c) => c.map(finiteOrNull))));

const composition = {
  Q: (c: { Q: Nested4 }) => finite4(c.Q),
  K: (c: { K: Nested4 }) => finite4(c.K),
  V: (c: { V: Nested4 }) => finite4(c.V),
};

const headLineage: Resolver<ModelSummary, object, HeadLineageOutcome> = (parent, _args, context) =>
  getHeadLineageForActor(context.db, context.actor, parent.id, charge(context, "Model.headLineage"));

const lineage = {
  message: (o: HeadLineageOutcome) => (o.status === "READY" ? null : o.message),
  cached: (o: HeadLineageOutcome) => (o.status === "READY" ? o.cached : false),
  versions: (o: HeadLineageOutcome) => (o.status === "READY" ? o.versions : []),
  baseline: (o: HeadLineageOutcome) => (o.status === "READY" ? finiteOrNull(o.baseline) : null),
  heads: (o: HeadLineageOutcome) => (o.status === "READY" ? o.heads : []),
};

const id = z.string().trim().min(1, "An id is required.").max(200);
const compareArgs = z.object({ a: id, b: id, space: z.enum(["RESIDUAL", "VOCAB"]).default("RESIDUAL") });

const compareModels: Resolver<unknown, { a: string; b: string; space?: string }, HeadComparisonOutcome | null> = (_p, args, context) => {
  const input = parseInput(compareArgs, args);
  const space = input.space === "VOCAB" ? "vocab" : "residual";
  return nullIfNotFound(compareModelsForActor(context.db, context.actor, input.a, input.b, space, charge(context, "Query.compareModels")));
};

const comparison = {
  message: (o: HeadComparisonOutcome) => (o.status === "READY" ? null : o.message),
  space: (o: HeadComparisonOutcome) => (o.status === "READY" ? o.space.toUpperCase() : null),
  baseline: (o: HeadComparisonOutcome) => (o.status === "READY" ? o.baseline : null),
  layers: (o: HeadComparisonOutcome) => (o.status === "READY" ? o.layers : []),
};

const layerHeadMatch = {
  similarity: (l: LayerMatch) => {
    const n = l.pairs.length;
    return Array.from({ length: n }, (_, i) => Array.from(l.similarity.subarray(i * n, (i + 1) * n)));
  },
};

export const analysisResolvers = {
  Query: { compareModels },
  Model: { headReport, headLineage },
  HeadLineage: lineage,
  HeadComparison: comparison,
  LayerHeadMatch: layerHeadMatch,
  HeadReport: report,
  HeadScores: headScores,
  HeadLabel: headLabel,
  CompositionScores: composition,
};
