// The head report as an analysis kind: the same JSON as `circuitboard analyze` (docs/CLI.md,
// lib/engine/circuits/report.ts) with the platform's probe settings, so a version's report is one
// AnalysisResult row whoever asked for it and wherever it ran.
// Progress: the engine fills `timings[stage]` as each stage ends; a Proxy on that object turns each
// write into ctx.progress(stages done, HEAD_REPORT_STAGES, stage) and checks the abort signal, so
// the engine needs no callback of its own.
import { z } from "zod";
import { headReport, type HeadReportJson } from "../../engine/circuits/report";
import { defineAnalysisKind, type AnalysisContext } from "./registry";

/** The AnalysisResult kind of a head report. */
export const HEAD_REPORT_KIND = "head-report";

/** Longest repeated-token probe a caller may ask for (the engine also caps it at ⌊n_ctx/2⌋). */
export const MAX_REPEAT_LENGTH = 1024;

/** Most random-pair samples of the composition baseline. */
export const MAX_BASELINE_SAMPLES = 1000;

/**
 * The probe settings, defaulting to the engine's documented defaults (docs/CLI.md `analyze`: seed 0,
 * 8 sequences per probe batch, L = min(50, ⌊n_ctx/2⌋), 100 baseline samples).
 */
export const headReportParams = z.object({
  seed: z.number().int("seed must be a whole number").min(0, "seed is at least 0").max(2 ** 31 - 1, "seed is at most 2^31 − 1").default(0),
  batch: z.number().int("batch must be a whole number").min(1, "batch is at least 1").max(64, "batch is at most 64").default(8),
  repeatLength: z.number().int("repeatLength must be a whole number").min(1, "repeatLength is at least 1").max(MAX_REPEAT_LENGTH, `repeatLength is at most ${MAX_REPEAT_LENGTH}`).optional(),
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

export const headReportKind = defineAnalysisKind<HeadReportParams, HeadReportJson>({
  kind: HEAD_REPORT_KIND,
  params: headReportParams,
  async compute(model, params, ctx) {
    ctx.progress(0, HEAD_REPORT_STAGES, "forwardRepeated");
    const report = await headReport(model, { ...params, kernels: ctx.kernels, timings: progressTimings(ctx) });
    ctx.progress(HEAD_REPORT_STAGES, HEAD_REPORT_STAGES, "labels");
    return report;
  },
});
