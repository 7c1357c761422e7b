/**
 * Quantities watched while training: the in-context-learning score and per-head attention scores
 * on a probe batch of repeated random tokens.
 * Rule: the probe batch depends only on the seed and the model shape, so scores at different steps
 * (and of different runs with the same seed) are measured on the same tokens.
 */
import type { ParamSet, TrainModelConfig } from "./params";
import { forward, Workspace } from "./model";
import { mulberry32, deriveSeed } from "./prng";
import { detectorScores, inductionStripeScores } from "../circuits/detectors";

/**
 * In-context-learning score (Olsson et al., 2022, §"in-context learning score"): mean loss on late
 * tokens minus mean loss on early tokens. `posLoss` [seqLen − 1] is the loss per query position;
 * early = query positions [1, ⌊n/4⌋], late = the last ⌊n/4⌋ positions, n = posLoss.length.
 * Negative when the model predicts late tokens better than early ones, i.e. learns in context.
 */
export function inContextLearningScore(posLoss: ArrayLike<number>): number {
  const n = posLoss.length;
  const q = Math.floor(n / 4);
  if (q < 1 || n < 3) throw new RangeError(`inContextLearningScore: needs at least 4 positions, got ${n}`);
  let early = 0, late = 0;
  for (let i = 1; i <= q; i++) early += posLoss[i];
  for (let i = n - q; i < n; i++) late += posLoss[i];
  return late / q - early / q;
}

/**
 * Per-head scores measured on the probe batch while training: the head report's own definitions
 * (lib/engine/circuits/detectors), so a head's training curve ends at the number its report shows
 * on the same tokens.
 */
export interface HeadScore {
  /** TL-style head name "L.H". */
  name: string;
  layer: number;
  head: number;
  /** TL `head_detector` "previous_token_head" ("mul"), the report's `previousToken` (detectorScores). */
  previousToken: number;
  /** ARENA's induction stripe at offset 1 − L, the report's `inductionStripe` (inductionStripeScores). */
  induction: number;
}

/**
 * Probe: `batch` sequences of L = ⌊seqLen/2⌋ uniform random tokens repeated twice (odd seqLen: one
 * extra random token first, like ARENA's BOS).
 */
export class HeadProbe {
  private readonly ws: Workspace;
  private readonly tokens: Int32Array;
  private readonly half: number;

  constructor(private readonly cfg: TrainModelConfig, seed: number, batch = 8, seqLen = cfg.n_ctx) {
    this.ws = new Workspace(cfg, batch, seqLen);
    this.half = Math.floor(seqLen / 2);
    const off = seqLen - 2 * this.half;
    const rng = mulberry32(deriveSeed(seed, "probe"));
    this.tokens = new Int32Array(batch * seqLen);
    for (let b = 0; b < batch; b++) {
      const o = b * seqLen;
      for (let i = 0; i < off + this.half; i++) this.tokens[o + i] = rng.int(cfg.d_vocab);
      for (let i = 0; i < this.half; i++) this.tokens[o + off + this.half + i] = this.tokens[o + off + i];
    }
  }

  /** The probe's token ids, one array per sequence. */
  get sequences(): number[][] {
    const T = this.ws.seqLen;
    return Array.from({ length: this.ws.batch }, (_, b) => Array.from(this.tokens.subarray(b * T, (b + 1) * T)));
  }

  /** Scores of every head of `params` on the probe batch, layer-major. */
  scores(params: ParamSet): HeadScore[] {
    const { ws, cfg, half } = this;
    forward(cfg, params, this.tokens, ws);
    const T = ws.seqLen, H = cfg.n_heads;
    // The workspace's [batch, head, q, k] patterns as the detectors read them: per sequence, per layer [head, q, k].
    const patterns = Array.from({ length: ws.batch }, (_, b) =>
      ws.pattern.map((pat) => ({ data: pat.subarray(b * H * T * T, (b + 1) * H * T * T), shape: [H, T, T] })),
    );
    const prev = detectorScores("previous-token", this.sequences, patterns);
    const stripe = inductionStripeScores(patterns, T, half);
    const out: HeadScore[] = [];
    for (let l = 0; l < cfg.n_layers; l++) {
      for (let h = 0; h < H; h++) out.push({ name: `${l}.${h}`, layer: l, head: h, previousToken: prev[l * H + h], induction: stripe[l * H + h] });
    }
    return out;
  }
}
