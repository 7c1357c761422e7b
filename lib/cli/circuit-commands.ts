/**
 * The `circuitboard` commands for the paper's weight-only circuits beyond the head report:
 * direct-path (the bigram table W_E W_U, paper §"Zero-layer transformers") and skip-trigrams (paper
 * §"One-layer attention-only transformers"). Same rule as commands.ts: engine functions compute,
 * this file validates flags and shapes the JSON (docs/CLI.md).
 */
import { bigramTopK } from "../engine/circuits/bigrams";
import { groupTrigramsBySegment } from "../engine/circuits/segment-groups";
import { skipTrigrams, type SkipTrigram } from "../engine/circuits/skip-trigrams";
import { MAX_TYPED_TRIGRAMS, typedSkipTrigrams, type TypedSkipTrigram } from "../engine/circuits/typed";
import { isAttentionOnly } from "../engine/transformer/config";
import { segmentLookup } from "../engine/transformer/vocab-segments";
import { type RowTopK } from "../engine/linalg/kernels";
import { checkFlags, intFlag, parseHead, stringFlag, UsageError } from "./args";
import { type CommandContext } from "./commands";

/** Most entries a command prints per table (the GraphQL API's MAX_TOP_K). */
export const CLI_MAX_TOP_K = 1000;

/** An optional `--flag K` in [min, CLI_MAX_TOP_K]. */
export function topKFlag(args: CommandContext["args"], name: string, fallback: number, min = 1): number {
  const k = intFlag(args, name, min) ?? fallback;
  if (k > CLI_MAX_TOP_K) throw new UsageError(`--${name} must be at most ${CLI_MAX_TOP_K}, got ${k}`);
  return k;
}

/** The rows of a RowTopK table as `[{ [col]: index, value }]` per row. */
export function rowsOfTopK(t: RowTopK, rows: number, col: string): { [k: string]: number }[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: t.k }, (_, j) => ({ [col]: t.indices[r * t.k + j], value: t.values[r * t.k + j] })));
}

/** `direct-path <model> [--top-k K] [--per-token K]`: top bigrams of W_E W_U overall (and per input token). */
export async function directPathCommand({ args, model, kernels }: CommandContext): Promise<Record<string, unknown>> {
  checkFlags(args, "direct-path", ["json", "top-k", "per-token"]);
  const k = topKFlag(args, "top-k", 20);
  const perToken = topKFlag(args, "per-token", 0, 0);
  const top = await bigramTopK(model.weights, k, { kernels });
  const rows = perToken > 0 ? (await bigramTopK(model.weights, perToken, { kernels })).perRow! : null;
  return {
    top: top.entries.map((e) => ({ input: e.row, next: e.col, value: e.value })),
    ...(rows ? { perToken: rowsOfTopK(rows, model.config.d_vocab, "next") } : {}),
  };
}

const trigramJson = (t: SkipTrigram) => ({ source: t.source, destination: t.destination, output: t.output, score: t.score, qk: t.qk, ov: t.ov });

const typedJson = (t: TypedSkipTrigram) => ({ head: t.head, source: t.source, destination: t.destination, action: t.action.label, actionIndex: t.action.index, score: t.score, qk: t.qk, ov: t.ov, routing: t.routing });

/** A decision transformer's typed skip-trigrams over every head (engine typedSkipTrigrams), ranked and grouped. */
async function typedSkipTrigramsJson({ args, model, kernels }: CommandContext): Promise<Record<string, unknown>> {
  if (args.flags.has("head")) throw new UsageError("skip-trigrams: a decision transformer's typed skip-trigrams rank every head together; leave out --head");
  const k = intFlag(args, "top-k", 1) ?? 20;
  if (k > MAX_TYPED_TRIGRAMS) throw new UsageError(`--top-k must be at most ${MAX_TYPED_TRIGRAMS} for a decision transformer, got ${k}`);
  const r = await typedSkipTrigrams(model, k, { kernels });
  return {
    typed: true,
    attentionOnly: isAttentionOnly(model.config),
    trigrams: r.trigrams.map(typedJson),
    groups: r.groups.map((g) => ({ sourceType: g.sourceType, destinationType: g.destinationType, action: g.action, totalScore: g.totalScore, count: g.trigrams.length, trigrams: g.trigrams.map(typedJson) })),
  };
}

/**
 * `skip-trigrams <model> [--head L.H] [--top-k K]`: top skip-trigrams of one head, or of every head;
 * with vocab_segments, each head's trigrams grouped by segment too; a DT's typed skip-trigrams.
 */
export async function skipTrigramsCommand(ctx: CommandContext): Promise<Record<string, unknown>> {
  const { args, model, kernels } = ctx;
  checkFlags(args, "skip-trigrams", ["json", "head", "top-k"]);
  const { n_layers, n_heads } = model.config;
  if (n_layers === 0) throw new UsageError("skip-trigrams: this model has no attention heads (n_layers = 0)");
  if (model.dt) return typedSkipTrigramsJson(ctx);
  const k = topKFlag(args, "top-k", 10);
  const name = stringFlag(args, "head");
  const heads = name ? [parseHead(name, n_layers, n_heads)] : Array.from({ length: n_layers * n_heads }, (_, i) => [Math.floor(i / n_heads), i % n_heads] as [number, number]);
  const segmentOf = model.segments ? segmentLookup(model.segments) : undefined;
  const out = [];
  for (const [l, h] of heads) {
    const ts = await skipTrigrams(model.weights, l, h, k, { kernels });
    const groups = segmentOf
      ? groupTrigramsBySegment(ts.map((t) => ({ source: segmentOf(t.source), destination: segmentOf(t.destination), output: segmentOf(t.output), score: t.score }))).map(({ members, ...g }) => ({ ...g, trigrams: members }))
      : undefined;
    out.push({ head: `${l}.${h}`, trigrams: ts.map(trigramJson), ...(groups ? { segmentGroups: groups } : {}) });
  }
  return { ...(model.segments ? { segments: model.segments } : {}), heads: out };
}
