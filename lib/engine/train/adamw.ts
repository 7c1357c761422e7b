/**
 * AdamW (Loshchilov & Hutter, 2019: decoupled weight decay) with a linear warm-up and cosine decay
 * of the learning rate, as in PyTorch's `torch.optim.AdamW` and TL's `train` utilities.
 * Rule: weight decay applies to weight matrices (W_*) only, never to biases (b_*); the update is a
 * pure function of (params, grads, moments, step), so runs are reproducible.
 */
import type { ParamSet } from "./params";

export interface AdamWOptions {
  /** Peak learning rate. */
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight decay coefficient λ (update −lr·λ·θ). */
  weightDecay?: number;
  /** Steps of linear warm-up from lr/warmup to lr. */
  warmupSteps?: number;
  /** Total steps; the cosine decays from lr to lr·minLrRatio at the last step. */
  totalSteps: number;
  minLrRatio?: number;
  /** Clip the global gradient L2 norm to this value before the update (0 = off). */
  gradClip?: number;
}

/**
 * Learning rate at 0-based `step`: lr·(step+1)/warmup during warm-up, then
 * lr·(r + (1−r)·½(1 + cos(π·progress))) with progress from 0 to 1 over the remaining steps.
 */
export function learningRate(step: number, o: AdamWOptions): number {
  const warm = o.warmupSteps ?? 0;
  if (step < warm) return (o.lr * (step + 1)) / warm;
  const r = o.minLrRatio ?? 0.1;
  const span = Math.max(1, o.totalSteps - warm - 1);
  const progress = Math.min(1, (step - warm) / span);
  return o.lr * (r + (1 - r) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}

/** AdamW state: first and second moments per parameter, and the step count. */
export class AdamW {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly decay: boolean[];
  private t = 0;

  constructor(private readonly names: string[], params: ParamSet, private readonly o: AdamWOptions) {
    if (!(o.lr > 0)) throw new RangeError(`AdamW: lr must be positive, got ${o.lr}`);
    if (!Number.isInteger(o.totalSteps) || o.totalSteps < 1) throw new RangeError(`AdamW: totalSteps must be a positive integer, got ${o.totalSteps}`);
    this.m = names.map((n) => new Float64Array(params[n].data.length));
    this.v = names.map((n) => new Float64Array(params[n].data.length));
    this.decay = names.map((n) => n.split(".").pop()!.startsWith("W_"));
  }

  /** Steps taken so far. */
  get step(): number {
    return this.t;
  }

  /** Global L2 norm of the gradients. */
  static gradNorm(names: string[], grads: ParamSet): number {
    let s = 0;
    for (const n of names) {
      const g = grads[n].data;
      for (let i = 0; i < g.length; i++) s += g[i] * g[i];
    }
    return Math.sqrt(s);
  }

  /** One update of `params` in place from `grads`; returns the learning rate used. */
  update(params: ParamSet, grads: ParamSet): number {
    const lr = learningRate(this.t, this.o);
    this.t++;
    const b1 = this.o.beta1 ?? 0.9, b2 = this.o.beta2 ?? 0.999, eps = this.o.eps ?? 1e-8, wd = this.o.weightDecay ?? 0;
    const clip = this.o.gradClip ?? 0;
    let gscale = 1;
    // Global-norm clipping as torch.nn.utils.clip_grad_norm_ (scale clip / norm when norm > clip; torch adds 1e-6 to norm).
    if (clip > 0) {
      const norm = AdamW.gradNorm(this.names, grads);
      if (norm > clip) gscale = clip / norm;
    }
    const c1 = 1 - Math.pow(b1, this.t), c2 = 1 - Math.pow(b2, this.t);
    for (let idx = 0; idx < this.names.length; idx++) {
      const w = params[this.names[idx]].data, g = grads[this.names[idx]].data;
      const m = this.m[idx], v = this.v[idx];
      const decay = this.decay[idx] ? lr * wd : 0;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] * gscale;
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        // torch.optim.AdamW: w·(1 − lr·wd) − lr·(m/c1) / (√(v/c2) + eps).
        w[i] -= lr * ((m[i] / c1) / (Math.sqrt(v[i] / c2) + eps)) + decay * w[i];
      }
    }
    return lr;
  }
}
