/**
 * The `circuitboard` commands: analyze (head report), run (patterns and logits; a DT's trajectory run), circuits (top-k
 * OV and QK entries of one head). Each returns the JSON value it prints; formatting is in main.ts.
 * Rule: every engine number comes from the engine function that defines it; this file only loads,
 * validates input, and shapes output (docs/CLI.md documents every key).
 */
import { readFile } from "node:fs/promises";
import { type Kernels } from "../engine/linalg/kernels";
import { inferRepeatLength } from "../engine/circuits/detectors";
import { headReport, type HeadReportJson } from "../engine/circuits/report";
import { circuitTopK, fullOV, fullQK, type CircuitEntry } from "../engine/circuits/qk-ov";
import { rowTopK } from "../engine/linalg/topk";
import { runWithCache } from "../engine/transformer/forward";
import { decomposeLogits } from "../engine/transformer/attention-share";
import { labelledShare, shareJson } from "../analysis/kinds/trajectory";
import { rowsOfTopK, topKFlag } from "./circuit-commands";
import { runTrajectoryCommand } from "./trajectory";
import { type AttnOnlyModel } from "../engine/transformer/weights";
import { CliError, type ParsedArgs, UsageError, checkFlags, intFlag, parseHead, parseTokenList, stringFlag, tokenBatchSchema } from "./args";

export interface CommandContext {
  readonly args: ParsedArgs;
  readonly model: AttnOnlyModel;
  readonly kernels: Kernels;
}

function checkIds(model: AttnOnlyModel, seqs: number[][], source: string): void {
  const { d_vocab, n_ctx } = model.config;
  seqs.forEach((s, b) => {
    if (s.length > n_ctx) throw new UsageError(`${source}: sequence ${b} has ${s.length} tokens, more than n_ctx = ${n_ctx}`);
    const bad = s.findIndex((t) => t >= d_vocab);
    if (bad >= 0) throw new UsageError(`${source}: sequence ${b} has token ${s[bad]} at position ${bad}, not an id in [0, d_vocab = ${d_vocab})`);
  });
}

async function readTokenFile(path: string): Promise<number[][]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new CliError(`cannot read --tokens file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--tokens file ${path} is not valid JSON (${(e as Error).message})`);
  }
  const r = tokenBatchSchema.safeParse(json);
  if (!r.success) throw new UsageError(`--tokens file ${path} must be a JSON array of token-id arrays, e.g. [[1,2,3],[4,5,6]]`);
  return r.data;
}

/** `analyze <model> [--tokens tokens.json] [--seed N] [--batch N] [--repeat-length L] [--baseline-samples N]`. */
export async function analyze({ args, model, kernels }: CommandContext): Promise<HeadReportJson> {
  checkFlags(args, "analyze", ["json", "tokens", "seed", "batch", "repeat-length", "baseline-samples"]);
  const tokensPath = stringFlag(args, "tokens");
  const tokens = tokensPath ? await readTokenFile(tokensPath) : undefined;
  if (tokens) checkIds(model, tokens, `--tokens file ${tokensPath}`);
  // With --tokens every detector, the ARENA stripe included, runs on them: --repeat-length is their
  // L (else inferred from the repeat each sequence ends with); otherwise it is the seeded probe's L.
  const L = intFlag(args, "repeat-length", tokens ? 1 : 2);
  if (tokens) {
    tokens.forEach((s, b) => {
      const n = L ?? inferRepeatLength(s);
      if (n === 0) throw new UsageError(`--tokens file ${tokensPath}: sequence ${b} does not end in a block repeated twice, so the induction stripe has no L; pass --repeat-length L`);
      if (2 * n > s.length) throw new UsageError(`--repeat-length ${n} does not fit sequence ${b} of ${s.length} tokens (needs 2L ≤ n)`);
    });
  }
  return headReport(model, {
    kernels, tokens,
    seed: intFlag(args, "seed", 0), batch: intFlag(args, "batch", 2),
    ...(tokens ? { tokensRepeatLength: L } : { repeatLength: L }), baselineSamples: intFlag(args, "baseline-samples", 0),
  });
}

/** Rows of a row-major [rows, cols] block as subarrays (no copy); written as nested JSON arrays. */
const rowsOf = (d: Float32Array, rows: number, cols: number, offset = 0): Float32Array[] =>
  Array.from({ length: rows }, (_, r) => d.subarray(offset + r * cols, offset + (r + 1) * cols));

/** Output of `run`: rows are Float32Array views, streamed by json-out as [layer][head][query][key] and [pos][vocab]. */
export interface RunOutput {
  tokens: number[];
  patterns: Float32Array[][][];
  /** [pos][vocab], without --top-k. */
  logits?: Float32Array[];
  /** With --top-k K: the K largest logits of every position, `[pos][{ token, logit }]`. */
  top?: { token: number; logit: number }[][];
  /** The top logit of every position decomposed into direct path, heads and MLPs (as `run --trajectory`). */
  attentionShare: ReturnType<typeof labelledShare>;
}

/** `run <model> --tokens 1,2,3 [--top-k K]`, or `--trajectory FILE` for a decision transformer (./trajectory.ts): attention patterns [layer][head][query][key] and logits [pos][vocab] (or their top K). */
export async function run({ args, model, kernels }: CommandContext): Promise<RunOutput | Awaited<ReturnType<typeof runTrajectoryCommand>>> {
  checkFlags(args, "run", ["json", "tokens", "top-k", "trajectory", "rtg-points"]);
  const trajectory = stringFlag(args, "trajectory");
  if (trajectory !== undefined) {
    if (args.flags.has("tokens") || args.flags.has("top-k")) throw new UsageError("run: give --trajectory or --tokens, not both (--top-k is for --tokens)");
    return runTrajectoryCommand(args, model, kernels, trajectory);
  }
  if (args.flags.has("rtg-points")) throw new UsageError("run: --rtg-points goes with --trajectory");
  if (model.dt) throw new UsageError("run: this model is a decision transformer: give --trajectory FILE (DT-FORMAT.md), not --tokens");
  const topK = args.flags.has("top-k") ? Math.min(topKFlag(args, "top-k", 10), model.config.d_vocab) : undefined;
  const list = stringFlag(args, "tokens");
  if (!list) throw new UsageError("run: --tokens 1,2,3 is required");
  const tokens = parseTokenList(list, "tokens");
  checkIds(model, [tokens], "--tokens");
  const c = await runWithCache(model, tokens, { kernels, logProbs: false });
  const n = tokens.length;
  const H = model.config.n_heads;
  const patterns = c.pattern.map((p) => Array.from({ length: H }, (_, h) => rowsOf(p.data, n, n, h * n * n)));
  const V = model.config.d_vocab;
  const attentionShare = labelledShare(shareJson(await decomposeLogits(model, c)), tokens.map((t, p) => `${p}:${t}`), String);
  if (topK === undefined) return { tokens, patterns, logits: rowsOf(c.logits.data, n, V), attentionShare };
  const values = new Float32Array(n * topK);
  const indices = new Int32Array(n * topK);
  for (let p = 0; p < n; p++) rowTopK(c.logits.data.subarray(p * V, (p + 1) * V), topK, false, values, indices, p * topK);
  return { tokens, patterns, top: rowsOfTopK({ k: topK, values, indices }, n, "token").map((row) => row.map((e) => ({ token: e.token, logit: e.value }))), attentionShare };
}

const entries = (es: CircuitEntry[], row: string, col: string) => es.map((e) => ({ [row]: e.row, [col]: e.col, value: e.value }));

/** `circuits <model> --head L.H [--ov-topk K] [--qk-topk K]`: top-k entries of the full circuits. */
export async function circuits({ args, model, kernels }: CommandContext): Promise<Record<string, unknown>> {
  checkFlags(args, "circuits", ["json", "head", "ov-topk", "qk-topk"]);
  const name = stringFlag(args, "head");
  if (!name) throw new UsageError("circuits: --head L.H is required");
  if (model.config.n_layers === 0) throw new UsageError("circuits: this model has no attention heads (n_layers = 0)");
  const [layer, head] = parseHead(name, model.config.n_layers, model.config.n_heads);
  const ovK = intFlag(args, "ov-topk", 1) ?? 10;
  const qkK = intFlag(args, "qk-topk", 1) ?? ovK;
  const w = model.weights;
  const ov = await circuitTopK(await fullOV(w, layer, head, { kernels }), ovK, { kernels });
  const ovNeg = await circuitTopK(await fullOV(w, layer, head, { kernels }), ovK, { kernels, smallest: true });
  const qk = await circuitTopK(await fullQK(w, layer, head, { kernels }), qkK, { kernels });
  const pos = await circuitTopK(await fullQK(w, layer, head, { kernels, positional: true }), qkK, { kernels });
  return {
    head: name, layer, head_index: head,
    ov: { top: entries(ov.entries, "source", "output"), bottom: entries(ovNeg.entries, "source", "output") },
    qk: { top: entries(qk.entries, "query", "key") },
    qkPositional: { top: entries(pos.entries, "query", "key") },
  };
}
