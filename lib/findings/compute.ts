// A figure's values on one model version, asked of lib/analysis (the engine's kinds, cached per
// version, params and engine version): the head report for HEAD_CARD and COMPOSITION, run-patterns
// for ATTENTION, ov-circuit for OV_TABLE. Used to freeze a figure on the finding's pinned version
// and to compute `current` on the model's newest one. Rules: the caller has authorized the version;
// the prompt and tokens are bounded (./limits) and checked against the version's n_ctx and d_vocab
// before anything runs; an analysis still computing answers PENDING (its job runs on), never a guess.
import { getOrEnqueueAnalysis, type AnalysisOptions } from "@/lib/analysis/get-analysis";
import { HEAD_REPORT_KIND } from "@/lib/analysis/head-report";
import { OV_CIRCUIT_KIND } from "@/lib/analysis/kinds/ov-circuit";
import { RUN_PATTERNS_KIND } from "@/lib/analysis/kinds/run-patterns";
import { SCORE_DEFINITIONS } from "@/lib/analysis/score-definitions";
import { decodeTensor, type TensorJson } from "@/lib/analysis/tensor-json";
import { tokenizerOf, tokenOf } from "@/lib/analysis/tokens";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { BadInputError } from "@/lib/db/errors";
import type { ModelSummary, ModelVersionSummary } from "@/lib/db/models";
import type { HeadReportJson } from "@/lib/engine/circuits/report";
import { figureValueSchemas, type AnyFigureValue, type FigureKind, type FigureParams } from "./figures";
import { MAX_COMPOSITION_HEADS, MAX_FIGURE_TOKENS } from "./limits";

/** A version the caller may read, with its model (team, config, tokenizer). */
export interface FigureTarget {
  model: Pick<ModelSummary, "id" | "teamId" | "config" | "tokenizer">;
  version: ModelVersionSummary;
}

export type FigureOutcome =
  | { status: "READY"; value: AnyFigureValue; engineVersion: string; modelVersion: number }
  | { status: "PENDING" | "FAILED"; message: string; engineVersion: string; modelVersion: number };

interface Shape {
  n_layers: number;
  n_heads: number;
  n_ctx: number;
  d_vocab: number;
}

function shapeOf(config: unknown): Shape {
  const c = (config ?? {}) as Record<string, unknown>;
  const n = (k: string) => (typeof c[k] === "number" ? (c[k] as number) : 0);
  return { n_layers: n("n_layers"), n_heads: n("n_heads"), n_ctx: n("n_ctx"), d_vocab: n("d_vocab") };
}

function splitHead(head: string): [number, number] {
  const [l, h] = head.split(".").map(Number);
  return [l, h];
}

/** Stored JSON: NaN and ±∞ become null, as in an AnalysisResult row. */
function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function headCard(report: HeadReportJson, p: FigureParams["HEAD_CARD"]): AnyFigureValue {
  const row = report.heads.find((h) => h.name === p.head);
  if (!row) throw new BadInputError(`The head report has no head ${p.head}.`, "params.head");
  return {
    head: p.head,
    scores: Object.fromEntries(SCORE_DEFINITIONS.map((d) => [d.key, row[d.key] ?? null])) as FigureValue<"HEAD_CARD">["scores"],
    labels: row.labels.map((l) => ({ label: l.label, score: l.score, ...(l.partner ? { partner: l.partner } : {}) })),
    repeatLength: report.probes.repeatLength,
  };
}

type FigureValue<K extends FigureKind> = import("./figures").FigureValue[K];

function composition(report: HeadReportJson, p: FigureParams["COMPOSITION"], shape: Shape): AnyFigureValue {
  const heads: string[] = [];
  for (let l = 0; l < shape.n_layers; l++) for (let h = 0; h < shape.n_heads; h++) heads.push(`${l}.${h}`);
  const m = report.composition[p.mode];
  const scores = heads.map((from) => {
    const [l1, h1] = splitHead(from);
    return heads.map((to) => {
      const [l2, h2] = splitHead(to);
      return m[l1]?.[h1]?.[l2]?.[h2] ?? null;
    });
  });
  const b = report.compositionBaseline;
  return { mode: p.mode, heads, scores, baseline: b ? { mean: b.mean, std: b.std } : null };
}

/** The figure's token ids: the prompt through the model's tokenizer, or the ids given, checked against the version. */
async function attentionTokens(db: Db, target: FigureTarget, p: FigureParams["ATTENTION"], shape: Shape): Promise<number[]> {
  const field = p.prompt !== undefined ? "params.prompt" : "params.tokens";
  const ids = p.prompt !== undefined ? (await tokenizerOf(db, target.model)).encode(p.prompt) : p.tokens!;
  if (ids.length === 0) throw new BadInputError(`${field}: the input has no tokens.`, field);
  const most = Math.min(MAX_FIGURE_TOKENS, shape.n_ctx);
  if (ids.length > most) throw new BadInputError(`${field}: ${ids.length} tokens; a figure shows at most ${most} (MAX_FIGURE_TOKENS = ${MAX_FIGURE_TOKENS}, n_ctx = ${shape.n_ctx}).`, field);
  const bad = ids.findIndex((t) => t >= shape.d_vocab);
  if (bad >= 0) throw new BadInputError(`${field}: token ${ids[bad]} at position ${bad} is not an id in [0, d_vocab = ${shape.d_vocab}).`, field);
  return ids;
}

function headPattern(dense: TensorJson, head: number): (number | null)[][] {
  const d = decodeTensor(dense);
  const [, n, m] = d.shape;
  return Array.from({ length: n }, (_, q) => Array.from(d.data.subarray(head * n * m + q * m, head * n * m + (q + 1) * m)));
}

/**
 * The figure's values on `target.version` for `actor` (who may read the model): READY with the
 * value, PENDING while its analysis is computed by a job, FAILED with the engine's message.
 * BadInputError (naming the params field) when the params do not fit the version.
 */
export async function computeFigure(db: Db, actor: Actor | null, target: FigureTarget, kind: FigureKind, params: unknown, options: AnalysisOptions = {}): Promise<FigureOutcome> {
  const shape = shapeOf(target.version.config);
  const readableVersion = { ...target.version, teamId: target.model.teamId };
  const ask = <R>(analysis: string, analysisParams: unknown) => getOrEnqueueAnalysis<R>(db, actor, { readableVersion, kind: analysis, params: analysisParams }, options);
  let build: () => Promise<{ state: Awaited<ReturnType<typeof ask>>; value: (result: never) => AnyFigureValue }>;
  switch (kind) {
    case "HEAD_CARD": {
      const p = params as FigureParams["HEAD_CARD"];
      build = async () => ({ state: await ask<HeadReportJson>(HEAD_REPORT_KIND, {}), value: (r: HeadReportJson) => headCard(r, p) });
      break;
    }
    case "COMPOSITION": {
      const p = params as FigureParams["COMPOSITION"];
      if (shape.n_layers * shape.n_heads > MAX_COMPOSITION_HEADS) {
        throw new BadInputError(`A composition figure shows at most ${MAX_COMPOSITION_HEADS} heads (MAX_COMPOSITION_HEADS); this model has ${shape.n_layers * shape.n_heads}.`, "kind");
      }
      build = async () => ({ state: await ask<HeadReportJson>(HEAD_REPORT_KIND, {}), value: (r: HeadReportJson) => composition(r, p, shape) });
      break;
    }
    case "ATTENTION": {
      const p = params as FigureParams["ATTENTION"];
      const [layer, head] = splitHead(p.head);
      const ids = await attentionTokens(db, target, p, shape);
      const tok = await tokenizerOf(db, target.model);
      build = async () => ({
        state: await ask<{ dense: TensorJson | null }>(RUN_PATTERNS_KIND, { tokens: ids, layer }),
        value: (r: { dense: TensorJson | null }) => ({ head: p.head, tokens: ids.map((id) => tokenOf(tok, id)), pattern: headPattern(r.dense!, head) }),
      });
      break;
    }
    case "OV_TABLE": {
      const p = params as FigureParams["OV_TABLE"];
      const [layer, head] = splitHead(p.head);
      const tok = await tokenizerOf(db, target.model);
      type Ov = { top: { row: number; col: number; value: number }[] };
      build = async () => ({
        state: await ask<Ov>(OV_CIRCUIT_KIND, { layer, head, topK: p.topK }),
        value: (r: Ov) => ({ head: p.head, top: r.top.map((e) => ({ source: tokenOf(tok, e.row), output: tokenOf(tok, e.col), value: e.value })) }),
      });
      break;
    }
    default:
      throw new TypeError(`unreachable figure kind ${String(kind satisfies never)}`);
  }
  const { state, value } = await build();
  const at = { engineVersion: state.engineVersion, modelVersion: state.modelVersion };
  if (state.status === "READY") {
    const built = asStored(value(state.result as never));
    return { status: "READY", value: figureValueSchemas[kind].parse(built) as AnyFigureValue, ...at };
  }
  if (state.status === "QUEUED" || state.status === "RUNNING") return { status: "PENDING", message: `The analysis is being computed (job ${state.jobId}).`, ...at };
  return { status: "FAILED", message: (state as { message: string }).message, ...at };
}
