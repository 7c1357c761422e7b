/**
 * The head report: every per-head score of the paper's analyses plus Q/K/V composition, the JSON
 * that `circuitboard analyze` prints (docs/CLI.md) and that the platform caches.
 * Rule: every number is computed by the engine function that defines it (detectors, eigen,
 * composition, induction); this module only orchestrates, batches the forward passes, and shapes
 * the output. Probe batches are seeded, so the same model, options and seed give the same report.
 */
import { type Kernels, getKernels } from "../linalg/kernels";
import { type FloatArray, type Tensor } from "../tensor/tensor";
import { runWithCache } from "../transformer/forward";
import { type AttnOnlyModel } from "../transformer/weights";
import { type AttnOnlyConfig, isAttentionOnly } from "../transformer/config";
import { type ProcessingFlags } from "../transformer/processing";
import { compositionBaseline, type CompositionBaseline, compositionScores, type CompositionScores, relativeToBaseline } from "./composition";
import { detectorScores, inductionStripeScores, inferRepeatLength } from "./detectors";
import { embedGram, ovCopyingScores, qkPositivityScores, unembedEmbed } from "./eigen";
import { type AblationCache, kCompositionPartner, keyAblationDrop } from "./induction";
import { type HeadLabel, LABEL_THRESHOLDS, labelHead, looksLikeInduction, type PartnerEvidence } from "./labels";
import { repeatedRandomTokens, variedPeriodTokens } from "./probes";

export interface HeadScores {
  readonly name: string;
  readonly layer: number;
  readonly head: number;
  /** TL head_detector "previous_token_head" ("mul"), mean over the detector batch. */
  readonly previousToken: number;
  /** TL head_detector "duplicate_token_head". */
  readonly duplicateToken: number;
  /** TL head_detector "induction_head". */
  readonly induction: number;
  /** ARENA induction score: mean attention on the stripe at offset 1 − L over repeated random tokens. */
  readonly inductionStripe: number;
  /** Re(Σλ)/Σ|λ| of W_E W_OV W_U; null when skipped (see HeadReportJson.skipped). */
  readonly ovCopying: number | null;
  /** Re(Σλ)/Σ|λ| of W_E W_QK W_Eᵀ. */
  readonly qkTokenPositivity: number;
  /** Re(Σλ)/Σ|λ| of W_pos W_QK W_posᵀ. */
  readonly qkPositionalPositivity: number;
  /** TL induction score on sequences with varied repeat periods. */
  readonly variedPeriodInduction: number;
  /** 1 − mean total variation between the head's attention rows on different token contents. */
  readonly positionalInvariance: number;
  /** Mean total variation between the head's attention rows and uniform causal attention (0 = uniform). */
  readonly distanceFromUniform: number;
  readonly labels: HeadLabel[];
}

type Nested4 = number[][][][];

/** A score the report did not compute for this model, and why. */
export interface SkippedScore {
  readonly score: keyof HeadScores;
  readonly reason: string;
}

/**
 * The scores undefined for a model. A decision transformer reads typed rows (state features,
 * actions, the RTG direction) and writes action logits, so W_U W_E, the middle factor of the OV
 * copying eigenvalues (paper §"Detecting copying behavior"), does not exist: "copying" needs the
 * input and output vocabularies to be one.
 */
export function skippedScores(model: Pick<AttnOnlyModel, "dt" | "weights">): SkippedScore[] {
  if (!model.dt) return [];
  const inputs = model.weights.W_E.shape[0], actions = model.weights.W_U.shape[1];
  return [{
    score: "ovCopying",
    reason: `a decision transformer reads ${inputs} typed input rows (state features, actions, RTG) and predicts ${actions} actions: ` +
      "W_E W_OV W_U maps inputs to actions, not a vocabulary to itself, so it has no copying eigenvalues",
  }];
}

export interface HeadReportJson {
  readonly config: AttnOnlyConfig;
  /**
   * False for a model with MLP blocks: the scores below describe its attention heads only (the
   * paper's weight analyses ignore the MLPs), and its logits are not explained by them alone.
   */
  readonly attentionOnly: boolean;
  readonly processing: ProcessingFlags;
  readonly kernels: string;
  readonly probes: {
    seed: number; detectorTokens: "caller" | "seeded"; repeatLength: number; batch: number; periods: number[];
    /** The range [lo, hi) the random probe tokens were drawn from, when not [0, d_vocab). */
    tokenRange?: [number, number];
    /** Caller tokens only: the repeat length L of each sequence the ARENA stripe was measured with. */
    stripeRepeatLengths?: number[];
  };
  readonly thresholds: typeof LABEL_THRESHOLDS;
  readonly heads: HeadScores[];
  /** Scores left out for this model, each with why (null in every head), e.g. ovCopying of a decision transformer. */
  readonly skipped: SkippedScore[];
  /** TL all_composition_scores, [layer₁][head₁][layer₂][head₂]. */
  readonly composition: { Q: Nested4; K: Nested4; V: Nested4 };
  readonly compositionBaseline?: CompositionBaseline;
  /** composition / baseline mean. */
  readonly compositionRelative?: { Q: Nested4; K: Nested4; V: Nested4 };
}

export interface HeadReportOptions {
  kernels?: Kernels;
  /**
   * Token-id sequences for every detector (default: the seeded repeated batch): the TL scores and
   * ARENA's stripe, whose L per sequence is `tokensRepeatLength` or inferred from the repeat the
   * sequence ends with (inferRepeatLength; when one ends in none, the stripe stays on the seeded
   * batch and `probes.stripeRepeatLengths` is absent). The key ablation and the varied-period
   * scores keep the seeded batches (they need tokens made for them).
   */
  tokens?: number[][];
  /** L of the ARENA stripe on the caller's tokens (default: inferred per sequence). */
  tokensRepeatLength?: number;
  seed?: number;
  /** Sequences per probe batch (default 8 repeated, half as many varied-period). */
  batch?: number;
  /** L of the repeated random tokens (default min(50, ⌊n_ctx/2⌋)). */
  repeatLength?: number;
  /** Draw the probes' random tokens from [lo, hi) (default [0, d_vocab)). */
  tokenRange?: readonly [number, number];
  /** Random-pair composition baseline samples (0 = skip; default 100). */
  baselineSamples?: number;
  /** Filled with seconds per stage when given. */
  timings?: Record<string, number>;
}

function nested(t: Tensor<Float64Array>): Nested4 {
  const [L, H] = t.shape;
  return Array.from({ length: L }, (_, a) => Array.from({ length: H }, (_, b) => Array.from({ length: L }, (_, c) => Array.from(t.data.subarray(((a * H + b) * L + c) * H, ((a * H + b) * L + c + 1) * H)))));
}

/** 1 − mean over query rows of ½Σ_k|p_a − p_b|, averaged over consecutive pairs of sequences. */
function positionalInvariance(patterns: Tensor<FloatArray>[][], n: number): Float64Array {
  const L = patterns[0].length;
  const H = patterns[0][0].shape[0];
  const out = new Float64Array(L * H);
  const pairs = patterns.length - 1;
  for (let b = 0; b < pairs; b++) {
    for (let l = 0; l < L; l++) {
      const pa = patterns[b][l].data;
      const pb = patterns[b + 1][l].data;
      for (let h = 0; h < H; h++) {
        let tv = 0;
        for (let i = h * n * n; i < (h + 1) * n * n; i++) tv += Math.abs(pa[i] - pb[i]);
        out[l * H + h] += (1 - tv / (2 * n)) / pairs;
      }
    }
  }
  return out;
}

/** Mean over sequences and query rows of ½Σ_k |p[q,k] − 1/(q+1)| (k ≤ q): 0 for uniform attention. */
function distanceFromUniform(patterns: Tensor<FloatArray>[][], n: number): Float64Array {
  const L = patterns[0].length;
  const H = patterns[0][0].shape[0];
  const out = new Float64Array(L * H);
  for (const seq of patterns) {
    for (let l = 0; l < L; l++) {
      const p = seq[l].data;
      for (let h = 0; h < H; h++) {
        let tv = 0;
        for (let q = 0; q < n; q++) for (let k = 0; k <= q; k++) tv += Math.abs(p[(h * n + q) * n + k] - 1 / (q + 1));
        out[l * H + h] += tv / (2 * n) / patterns.length;
      }
    }
  }
  return out;
}

/**
 * Attention patterns of every sequence. The detectors read patterns only, and the key ablation
 * resid_pre, q and the per-head results of earlier layers: so the pass stops after the last
 * layer's pattern (no unembedding, pos·d_model·d_vocab, nor the last layer's V/z/W_O), and batches
 * that are not kept for the ablation skip the per-head results (one z·W_O product per layer).
 */
async function forwardPatterns(model: AttnOnlyModel, batch: number[][], k: Kernels, keep: AblationCache[] | null): Promise<Tensor<FloatArray>[][]> {
  const out: Tensor<FloatArray>[][] = [];
  for (const tokens of batch) {
    const c = await runWithCache(model, tokens, { kernels: k, logProbs: false, stopAfterPattern: true, keepResult: keep !== null });
    out.push(c.pattern);
    keep?.push({ tokens: c.tokens, resid_pre: c.resid_pre, q: c.q, result: c.result });
  }
  return out;
}

async function timed<T>(timings: Record<string, number> | undefined, stage: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  if (timings) timings[stage] = (performance.now() - t0) / 1000;
  return r;
}

/** Builds the full head report of `model` (see HeadReportJson). */
export async function headReport(model: AttnOnlyModel, opts: HeadReportOptions = {}): Promise<HeadReportJson> {
  const k = opts.kernels ?? getKernels();
  const { config } = model;
  const { n_layers: NL, n_heads: H, d_vocab, n_ctx } = config;
  const seed = opts.seed ?? 0;
  const batch = opts.batch ?? 8;
  const L = opts.repeatLength ?? Math.min(50, Math.floor(n_ctx / 2));
  if (!Number.isInteger(L) || L < 2 || 2 * L > n_ctx) throw new RangeError(`headReport: repeat length ${L} needs 2 ≤ L and 2L ≤ n_ctx = ${n_ctx}`);
  const T = opts.timings;
  const w = model.weights;
  const { tokenRange } = opts;
  const repeated = repeatedRandomTokens(d_vocab, L, { batch, seed, tokenRange });
  const varied = variedPeriodTokens(d_vocab, 2 * L, Math.max(2, Math.ceil(L / 4)), L, { batch: Math.max(2, Math.ceil(batch / 2)), seed, tokenRange });
  const skipped = skippedScores(model);
  const base = { config, attentionOnly: isAttentionOnly(config), processing: model.processing, kernels: k.name, thresholds: LABEL_THRESHOLDS, skipped };
  const stripeLengths = opts.tokens ? callerRepeatLengths(opts.tokens, opts.tokensRepeatLength) : undefined;
  const probes = {
    seed, detectorTokens: opts.tokens ? ("caller" as const) : ("seeded" as const), repeatLength: L, batch, periods: varied.periods,
    ...(tokenRange ? { tokenRange: [tokenRange[0], tokenRange[1]] as [number, number] } : {}),
    ...(stripeLengths ? { stripeRepeatLengths: stripeLengths } : {}),
  };
  if (NL === 0) return { ...base, probes, heads: [], composition: { Q: [], K: [], V: [] } };

  const caches: AblationCache[] = [];
  const repPatterns = await timed(T, "forwardRepeated", () => forwardPatterns(model, repeated, k, caches));
  const detTokens = opts.tokens ?? repeated;
  const detPatterns = opts.tokens ? await timed(T, "forwardCaller", () => forwardPatterns(model, opts.tokens!, k, null)) : repPatterns;
  const varPatterns = await timed(T, "forwardVaried", () => forwardPatterns(model, varied.tokens, k, null));
  const prev = detectorScores("previous-token", detTokens, detPatterns);
  const dup = detectorScores("duplicate-token", detTokens, detPatterns);
  const ind = detectorScores("induction", detTokens, detPatterns);
  const stripe = stripeLengths ? callerStripe(detPatterns, opts.tokens!, stripeLengths) : inductionStripeScores(repPatterns, 2 * L, L);
  const variedInd = detectorScores("induction", varied.tokens, varPatterns);
  const posInv = positionalInvariance(varPatterns, 2 * L);
  const nonUniform = distanceFromUniform(varPatterns, 2 * L);

  const comp = await timed(T, "composition", () => compositionScores(w.blocks, { kernels: k }));
  const samples = opts.baselineSamples ?? 100;
  const baseline = samples > 0 ? await timed(T, "compositionBaseline", () => compositionBaseline(config.d_model, config.d_head, { samples, seed, kernels: k })) : undefined;
  const skipCopying = skipped.some((x) => x.score === "ovCopying");
  const copying = await timed(T, "ovCopying", async () => (skipCopying ? null : ovCopyingScores(w, { kernels: k, W_UE: await unembedEmbed(w, k) })));
  const qkTok = await timed(T, "qkTokenPositivity", async () => qkPositivityScores(w, "token", { kernels: k, gram: await embedGram(w.W_E, k) }));
  const qkPos = await timed(T, "qkPositionalPositivity", async () => qkPositivityScores(w, "positional", { kernels: k, gram: await embedGram(w.W_pos, k) }));

  const heads: HeadScores[] = [];
  const t0 = performance.now();
  for (let l = 0; l < NL; l++) {
    for (let h = 0; h < H; h++) {
      const i = l * H + h;
      const s = {
        previousToken: prev[i], duplicateToken: dup[i], induction: ind[i], inductionStripe: stripe[i], ovCopying: copying ? copying.scores[i] : null,
        positionalInvariance: posInv[i], distanceFromUniform: nonUniform[i], variedPeriodInduction: variedInd[i],
      };
      const partner = looksLikeInduction(s) ? await findPartner(model, comp, prev, caches, L, l, h, k) : undefined;
      heads.push({
        name: `${l}.${h}`, layer: l, head: h, ...s, qkTokenPositivity: qkTok.scores[i], qkPositionalPositivity: qkPos.scores[i],
        labels: labelHead(s, partner),
      });
    }
  }
  if (T) T.labels = (performance.now() - t0) / 1000;
  return {
    ...base, probes, heads,
    composition: { Q: nested(comp.Q), K: nested(comp.K), V: nested(comp.V) },
    ...(baseline ? { compositionBaseline: baseline, compositionRelative: toNested(relativeToBaseline(comp, baseline)) } : {}),
  };
}

/**
 * L per caller sequence: `given` (RangeError when it does not fit one), else the repeat each ends
 * with; undefined when some sequence ends in no repeat (the stripe then stays on the seeded batch).
 */
function callerRepeatLengths(tokens: readonly number[][], given: number | undefined): number[] | undefined {
  const Ls = tokens.map((seq, b) => {
    if (given === undefined) return inferRepeatLength(seq);
    if (!Number.isInteger(given) || given < 1 || 2 * given > seq.length) throw new RangeError(`headReport: repeat length ${given} does not fit caller sequence ${b} of ${seq.length} tokens (needs 2L ≤ n)`);
    return given;
  });
  return Ls.every((L) => L >= 1) ? Ls : undefined;
}

/** ARENA's stripe on the caller's sequences (each its own length and L), mean over sequences. */
function callerStripe(patterns: Tensor<FloatArray>[][], tokens: readonly number[][], Ls: readonly number[]): Float64Array {
  const out = new Float64Array(patterns[0].length * patterns[0][0].shape[0]);
  patterns.forEach((seq, b) => {
    const s = inductionStripeScores([seq], tokens[b].length, Ls[b]);
    for (let i = 0; i < out.length; i++) out[i] += s[i] / patterns.length;
  });
  return out;
}

function toNested(c: CompositionScores): { Q: Nested4; K: Nested4; V: Nested4 } {
  return { Q: nested(c.Q), K: nested(c.K), V: nested(c.V) };
}

async function findPartner(
  model: AttnOnlyModel, comp: CompositionScores, prev: Float64Array, caches: AblationCache[], L: number, l: number, h: number, k: Kernels,
): Promise<PartnerEvidence | undefined> {
  const p = kCompositionPartner(comp, prev, l, h, LABEL_THRESHOLDS.previousToken);
  if (!p) return undefined;
  const ab = await keyAblationDrop(model, caches, L, l, h, [p], k);
  // Trained models often spread the previous-token signal over several heads: when removing the
  // best partner alone does not verify the link, remove every previous-token head before layer l.
  const group: { layer: number; head: number }[] = [];
  for (let i = 0; i < l * model.config.n_heads; i++) {
    if (prev[i] >= LABEL_THRESHOLDS.previousToken) group.push({ layer: Math.floor(i / model.config.n_heads), head: i % model.config.n_heads });
  }
  const groupDrop = ab.drop < LABEL_THRESHOLDS.ablationDrop && group.length > 1 ? (await keyAblationDrop(model, caches, L, l, h, group, k)).drop : undefined;
  return {
    name: `${p.layer}.${p.head}`, kComposition: p.score, previousTokenLike: p.previousTokenLike, stripeWithoutPartner: ab.ablated, ablationDrop: ab.drop,
    ...(groupDrop === undefined ? {} : { groupAblationDrop: groupDrop }),
  };
}
