/**
 * Training loop for attention-only transformers: sample a batch from a task, forward, backward,
 * AdamW, report progress; cancellable, with checkpoints.
 * Rule: for a given options object (seed included) the run is deterministic on a given JavaScript
 * engine — same losses, same weights, bit for bit — because all randomness comes from seeded
 * mulberry32 streams and all arithmetic is sequential float64.
 */
import { AdamW } from "./adamw";
import { HeadProbe, inContextLearningScore, type HeadScore } from "./metrics";
import { backward, forward, Workspace } from "./model";
import { cloneParams, initParams, paramNames, paramShapes, validateConfig, zeroParams, type ParamSet, type TrainModelConfig } from "./params";
import { deriveSeed, mulberry32, type Rng } from "./prng";
import type { Task } from "./tasks/task";

/** Everything that defines a training run. */
export interface TrainOptions {
  /** Model shape; d_vocab must equal task.vocab.length. */
  config: TrainModelConfig;
  task: Task;
  steps: number;
  batchSize: number;
  /** Training sequence length (default n_ctx). */
  seqLen?: number;
  seed: number;
  /** Peak learning rate (default 1e-3). */
  lr?: number;
  /** AdamW decoupled weight decay on W_* (default 0.01). */
  weightDecay?: number;
  /** Linear warm-up steps (default min(100, steps/10)). */
  warmupSteps?: number;
  /** Final learning rate as a fraction of the peak (default 0.1). */
  minLrRatio?: number;
  /** Global gradient-norm clip (default 1; 0 = off). */
  gradClip?: number;
  /** Start from these weights instead of the seeded initialisation (copied, never mutated). */
  init?: ParamSet;
  /** Compute per-head probe scores every this many steps (default 0 = never); always on the last step when > 0. */
  scoreEvery?: number;
  /** Call onCheckpoint every this many steps (and on the last step). */
  checkpointEvery?: number;
  onCheckpoint?: (step: number, params: ParamSet) => void;
  /** Called after every step; returning false stops the run (like an abort). */
  onProgress?: (e: TrainProgress) => boolean | void;
  signal?: AbortSignal;
}

/** One progress event, emitted after every step. */
export interface TrainProgress {
  /** Steps completed (1-based). */
  step: number;
  totalSteps: number;
  /** Mean next-token cross-entropy of this step's batch (nats). */
  loss: number;
  /** Learning rate used for this step. */
  lr: number;
  /** In-context-learning score of this step's batch (late minus early token loss; negative = learning in context). */
  icl: number;
  elapsedMs: number;
  /** Per-head probe scores, on steps where they were computed. */
  headScores?: HeadScore[];
}

export interface TrainResult {
  config: TrainModelConfig;
  params: ParamSet;
  /** Loss of every completed step. */
  losses: number[];
  /** ICL score of every completed step. */
  icl: number[];
  stepsDone: number;
  cancelled: boolean;
  elapsedMs: number;
  /** Probe scores after the last step (when scoreEvery > 0). */
  headScores?: HeadScore[];
}

/** A training run advanced one step at a time (what `train` and `trainSync` drive). */
export class Trainer {
  readonly params: ParamSet;
  readonly losses: number[] = [];
  readonly icl: number[] = [];
  private readonly grads: ParamSet;
  private readonly names: string[];
  private readonly opt: AdamW;
  private readonly ws: Workspace;
  private readonly tokens: Int32Array;
  private readonly dataRng: Rng;
  private readonly probe?: HeadProbe;
  private readonly t0 = Date.now();
  lastHeadScores?: HeadScore[];

  constructor(private readonly o: TrainOptions) {
    const cfg = o.config;
    validateConfig(cfg);
    if (cfg.d_vocab !== o.task.vocab.length) {
      throw new RangeError(`train: config.d_vocab=${cfg.d_vocab} but task ${o.task.name} has ${o.task.vocab.length} tokens`);
    }
    if (!Number.isInteger(o.steps) || o.steps < 1) throw new RangeError(`train: steps must be a positive integer, got ${o.steps}`);
    if (!Number.isInteger(o.seed)) throw new TypeError(`train: seed must be an integer, got ${o.seed}`);
    this.names = paramNames(cfg);
    if (o.init) {
      for (const [n, shape] of paramShapes(cfg)) {
        const t = o.init[n];
        if (!t || t.shape.join() !== shape.join()) throw new RangeError(`train: init is missing ${n} or its shape is not [${shape.join(", ")}]`);
      }
      this.params = cloneParams(o.init);
    } else {
      this.params = initParams(cfg, o.seed);
    }
    this.grads = zeroParams(cfg);
    const seqLen = o.seqLen ?? cfg.n_ctx;
    this.ws = new Workspace(cfg, o.batchSize, seqLen);
    this.tokens = new Int32Array(o.batchSize * seqLen);
    if (o.task.lossMask) this.ws.lossMask = new Uint8Array(o.batchSize * seqLen);
    this.dataRng = mulberry32(deriveSeed(o.seed, "data"));
    this.opt = new AdamW(this.names, this.params, {
      lr: o.lr ?? 1e-3,
      weightDecay: o.weightDecay ?? 0.01,
      warmupSteps: o.warmupSteps ?? Math.min(100, Math.floor(o.steps / 10)),
      minLrRatio: o.minLrRatio ?? 0.1,
      gradClip: o.gradClip ?? 1,
      totalSteps: o.steps,
    });
    if ((o.scoreEvery ?? 0) > 0 && cfg.n_layers > 0) this.probe = new HeadProbe(cfg, o.seed, 8, Math.min(seqLen, cfg.n_ctx));
  }

  get done(): boolean {
    return this.losses.length >= this.o.steps;
  }

  /** Runs one step; returns its progress event. */
  step(): TrainProgress {
    const { o, ws, tokens, grads } = this;
    o.task.sample(this.dataRng, ws.batch, ws.seqLen, tokens);
    if (ws.lossMask) o.task.lossMask!(tokens, ws.lossMask);
    const loss = forward(o.config, this.params, tokens, ws);
    const icl = inContextLearningScore(ws.posLoss);
    for (const n of this.names) grads[n].data.fill(0);
    backward(o.config, this.params, tokens, ws, grads);
    const lr = this.opt.update(this.params, grads);
    this.losses.push(loss);
    this.icl.push(icl);
    const step = this.losses.length;
    const e: TrainProgress = { step, totalSteps: o.steps, loss, lr, icl, elapsedMs: Date.now() - this.t0 };
    const every = o.scoreEvery ?? 0;
    if (this.probe && every > 0 && (step % every === 0 || step === o.steps)) {
      e.headScores = this.lastHeadScores = this.probe.scores(this.params);
    }
    const ce = o.checkpointEvery ?? 0;
    if (o.onCheckpoint && ((ce > 0 && step % ce === 0) || step === o.steps)) o.onCheckpoint(step, cloneParams(this.params));
    return e;
  }

  result(cancelled: boolean): TrainResult {
    return {
      config: { ...this.o.config }, params: this.params, losses: this.losses, icl: this.icl,
      stepsDone: this.losses.length, cancelled, elapsedMs: Date.now() - this.t0, headScores: this.lastHeadScores,
    };
  }
}

/** Trains to completion or cancellation without yielding (scripts, tests, worker threads). */
export function trainSync(o: TrainOptions): TrainResult {
  const t = new Trainer(o);
  while (!t.done) {
    if (o.signal?.aborted) return t.result(true);
    const e = t.step();
    if (o.onProgress?.(e) === false) return t.result(true);
  }
  return t.result(false);
}

/**
 * Trains like `trainSync` but yields to the event loop every `yieldEveryMs` (default 50 ms), so an
 * AbortSignal or UI update can get in when it runs on a browser or server thread.
 */
export async function train(o: TrainOptions & { yieldEveryMs?: number }): Promise<TrainResult> {
  const t = new Trainer(o);
  const every = o.yieldEveryMs ?? 50;
  let last = Date.now();
  while (!t.done) {
    if (o.signal?.aborted) return t.result(true);
    const e = t.step();
    if (o.onProgress?.(e) === false) return t.result(true);
    if (Date.now() - last >= every) {
      await new Promise<void>((r) => setTimeout(r, 0));
      last = Date.now();
    }
  }
  return t.result(false);
}
