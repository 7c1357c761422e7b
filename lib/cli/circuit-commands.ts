/**
 * The `circuitboard` commands for the paper's weight-only circuits beyond the head report:
 * direct-path (the bigram table W_E W_U, paper §"Zero-layer transformers") and skip-trigrams (paper
 * §"One-layer attention-only transformers"). Same rule as commands.ts: engine functions compute,
 * this file validates flags and shapes the JSON (docs/CLI.md).
 */
import { bigramTopK } from "../engine/circuits/bigrams";
import { skipTrigrams, type SkipTrigram } from "../engine/circuits/skip-trigrams";
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

/** `skip-trigrams <model> [--head L.H] [--top-k K]`: top skip-trigrams of one head, or of every head. */
export async function skipTrigramsCommand({ args, model, kernels }: CommandContext): Promise<Record<string, unknown>> {
  checkFlags(args, "skip-trigrams", ["json", "head", "top-k"]);
  const { n_layers, n_heads } = model.config;
  if (n_layers === 0) throw new UsageError("skip-trigrams: this model has no attention heads (n_layers = 0)");
  const k = topKFlag(args, "top-k", 10);
  const name = stringFlag(args, "head");
  const heads = name ? [parseHead(name, n_layers, n_heads)] : Array.from({ length: n_layers * n_heads }, (_, i) => [Math.floor(i / n_heads), i % n_heads] as [number, number]);
  const out = [];
  for (const [l, h] of heads) out.push({ head: `${l}.${h}`, trigrams: (await skipTrigrams(model.weights, l, h, k, { kernels })).map(trigramJson) });
  return { heads: out };
}
