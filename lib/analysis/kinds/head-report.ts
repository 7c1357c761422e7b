// The head report as an analysis kind: the same JSON as `circuitboard analyze` (docs/CLI.md,
// lib/engine/circuits/report.ts) with the platform's probe settings, so a version's report is one
// AnalysisResult row whoever asked for it and wherever it ran.
// Progress: the engine fills `timings[stage]` as each stage ends; a Proxy on that object turns each
// write into ctx.progress(stages done, HEAD_REPORT_STAGES, stage) and checks the abort signal, so
// the engine needs no callback of its own.
import { z } from "zod";
import { BadInputError } from "../../db/errors";
import { probeHint } from "../../engine/circuits/probes";
import { headReport, type HeadReportJson } from "../../engine/circuits/report";
import { defineAnalysisKind, type AnalysisContext, type VersionShape } from "./registry";

/** The AnalysisResult kind of a head report. */
export const HEAD_REPORT_KIND = "head-report";

/** Longest repeated-token probe a caller may ask for (a model also caps it at ⌊n_ctx/2⌋). */
export const MAX_REPEAT_LENGTH = 1024;
/** Shortest repeated-token probe: an induction stripe needs a token to repeat after another. */
export const MIN_REPEAT_LENGTH = 2;
/** Largest probe seed (the engine's PRNG takes a 31-bit seed). */
export const MAX_SEED = 2 ** 31 - 1;
/** Largest token id bound of a tokenRange before the model's d_vocab is looked at. */
export const MAX_TOKEN_ID = 10_000_000;

/** Most random-pair samples of the composition baseline. */
export const MAX_BASELINE_SAMPLES = 1000;

/** A token-id range [lo, hi) as the engine takes it (lo < hi; hi ≤ d_vocab is checked against the model). */
export const tokenRangeParam = z
  .tuple([
    z.number().int("tokenRange.from must be a whole number").min(0, "tokenRange.from is at least 0").max(MAX_TOKEN_ID, `tokenRange.from is at most ${MAX_TOKEN_ID}`),
    z.number().int("tokenRange.to must be a whole number").min(1, "tokenRange.to is at least 1").max(MAX_TOKEN_ID, `tokenRange.to is at most ${MAX_TOKEN_ID}`),
  ])
  .refine((r) => r[0] < r[1], { message: "tokenRange.from must be below tokenRange.to" });

/**
 * The probe settings, defaulting to the engine's documented defaults (docs/CLI.md `analyze`: seed 0,
 * 8 sequences per probe batch, L = min(50, ⌊n_ctx/2⌋), 100 baseline samples).
 */
export const headReportParams = z.object({
  seed: z.number().int("seed must be a whole number").min(0, "seed is at least 0").max(MAX_SEED, `seed is at most 2^31 − 1 = ${MAX_SEED}`).default(0),
  batch: z.number().int("batch must be a whole number").min(1, "batch is at least 1").max(64, "batch is at most 64").default(8),
  repeatLength: z.number().int("repeatLength must be a whole number").min(MIN_REPEAT_LENGTH, `repeatLength is at least ${MIN_REPEAT_LENGTH}`).max(MAX_REPEAT_LENGTH, `repeatLength is at most ${MAX_REPEAT_LENGTH}`).optional(),
  /** Draw the probes' random tokens from [lo, hi) (default [0, d_vocab), or the model's hint). */
  tokenRange: tokenRangeParam.optional(),
  baselineSamples: z.number().int("baselineSamples must be a whole number").min(0).max(MAX_BASELINE_SAMPLES, `baselineSamples is at most ${MAX_BASELINE_SAMPLES}`).default(100),
});

export type HeadReportParams = z.output<typeof headReportParams>;

/** Stages headReport times (forwardRepeated, forwardVaried, composition, compositionBaseline, ovCopying, qkTokenPositivity, qkPositionalPositivity), then labels. */
export const HEAD_REPORT_STAGES = 8;

/** A `timings` object that reports each finished stage to ctx (and stops on abort). */
function progressTimings(ctx: AnalysisContext): Record<string, number> {
  let done = 0;
  return new Proxy<Record<string, number>>({}, {
    set(target, stage, seconds) {
      target[String(stage)] = Number(seconds);
      done = Math.min(HEAD_REPORT_STAGES - 1, done + 1);
      if (ctx.signal.aborted) throw new Error("head report: cancelled");
      ctx.progress(done, HEAD_REPORT_STAGES, String(stage));
      return true;
    },
  });
}

/**
 * The probe checked against the version's shape (BadInputError naming the field: 2L ≤ n_ctx,
 * tokenRange inside [0, d_vocab)), with what the caller left out taken from the model's training
 * hint (safetensors metadata `circuitboard.probe`, lib/engine/circuits/probes probeHint) — so the
 * cache key names the probe the report really ran.
 */
export function headReportParamsFor(params: HeadReportParams, { config, metadata }: VersionShape): HeadReportParams {
  const { n_ctx, d_vocab } = config;
  if (params.repeatLength !== undefined && 2 * params.repeatLength > n_ctx) {
    throw new BadInputError(`probe.repeatLength is at most ⌊n_ctx/2⌋ = ${Math.floor(n_ctx / 2)} for this model (n_ctx = ${n_ctx}).`, "probe.repeatLength");
  }
  if (params.tokenRange && params.tokenRange[1] > d_vocab) {
    throw new BadInputError(`probe.tokenRange.to is at most d_vocab = ${d_vocab} (the range is [from, to)).`, "probe.tokenRange.to");
  }
  const hint = probeHint(metadata, { n_ctx, d_vocab });
  return {
    ...params,
    ...(params.repeatLength === undefined && hint.repeatLength !== undefined ? { repeatLength: hint.repeatLength } : {}),
    ...(params.tokenRange === undefined && hint.tokenRange ? { tokenRange: [hint.tokenRange[0], hint.tokenRange[1]] as [number, number] } : {}),
  };
}

export const headReportKind = defineAnalysisKind<HeadReportParams, HeadReportJson>({
  kind: HEAD_REPORT_KIND,
  params: headReportParams,
  forVersion: headReportParamsFor,
  async compute(model, params, ctx) {
    ctx.progress(0, HEAD_REPORT_STAGES, "forwardRepeated");
    const report = await headReport(model, { ...params, kernels: ctx.kernels, timings: progressTimings(ctx) });
    ctx.progress(HEAD_REPORT_STAGES, HEAD_REPORT_STAGES, "labels");
    return report;
  },
});
