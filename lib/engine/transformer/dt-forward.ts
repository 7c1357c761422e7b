/**
 * Running a decision transformer on a trajectory (DT-FORMAT.md "Forward pass" and "A trajectory";
 * Chen et al. 2021 §2.3): tokens of timestep t in the spec's token_order, the last timestep ending at
 * its state token; an RTG token is rtg·W_E_rtg[0], a state token state_features @ W_E_state, an action
 * token W_E_action[a], each plus W_time[t]; then W_pos and the blocks as for any model
 * (forward.ts runOnResidual); action logits are read at the state positions.
 * Rule: every number of a trajectory is checked (counts against named bounds, ids, timesteps,
 * finiteness) before anything is allocated; faults are TrajectoryErrors naming the field.
 */
import { ModelFormatError } from "../io/format-error";
import type { Kernels } from "../linalg/kernels";
import type { DTTokenType } from "./dt-config";
import { runOnResidual, type ForwardCache } from "./forward";
import type { AttnOnlyModel, DecisionTransformerParts } from "./weights";

/** The trajectory JSON of DT-FORMAT.md. */
export interface Trajectory {
  timesteps: number[];
  rtg: number[];
  states: number[][];
  actions: number[];
}

/** Most timesteps one run may hold (n_ctx bounds it further). */
export const MAX_TRAJECTORY_STEPS = 4096;
/** Most points of an RTG sweep. */
export const MAX_SWEEP_POINTS = 64;

/** A fault of a trajectory given by a client; `field` names the JSON path. */
export class TrajectoryError extends ModelFormatError {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`trajectory.${field} ${message}`);
    this.name = "TrajectoryError";
    this.field = field;
  }
}

/** The token sequence of a T-step trajectory: type, timestep index and label per position. */
export interface TrajectoryLayout {
  readonly types: DTTokenType[];
  /** Index into the trajectory's steps (0..T−1) of each position. */
  readonly steps: number[];
  /** "R3", "s3", "a3" (type letter and timestep value). */
  readonly labels: string[];
  /** Positions of the state tokens, one per step: where the action head reads. */
  readonly statePositions: number[];
}

export function requireDT(model: AttnOnlyModel, op: string): DecisionTransformerParts {
  if (!model.dt) throw new RangeError(`${op}: the model is not a decision transformer (it has embed.W_E, not embed.W_E_state)`);
  return model.dt;
}

/** Token layout of T steps (the last one stops after its state token). */
export function trajectoryLayout(dt: { spec: { token_order: readonly DTTokenType[] } }, timesteps: readonly number[]): TrajectoryLayout {
  const order = dt.spec.token_order;
  const types: DTTokenType[] = [], steps: number[] = [], labels: string[] = [], statePositions: number[] = [];
  const letter: Record<DTTokenType, string> = { rtg: "R", state: "s", action: "a" };
  for (let t = 0; t < timesteps.length; t++) {
    for (const type of order) {
      if (t === timesteps.length - 1 && order.indexOf(type) > order.indexOf("state")) break;
      if (type === "state") statePositions.push(types.length);
      types.push(type);
      steps.push(t);
      labels.push(`${letter[type]}${timesteps[t]}`);
    }
  }
  return { types, steps, labels, statePositions };
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** What a trajectory is checked against: the model's context and its DT spec's sizes. */
export interface TrajectoryLimits {
  n_ctx: number;
  token_order: readonly DTTokenType[];
  n_features: number;
  /** Action ids accepted (the actions, plus the padding row when there is one). */
  n_action_ids: number;
  max_timestep: number;
}

/** The limits of a loaded decision transformer. */
export function trajectoryLimits(model: AttnOnlyModel): TrajectoryLimits {
  const dt = requireDT(model, "checkTrajectory");
  const { spec } = dt;
  return { n_ctx: model.config.n_ctx, token_order: spec.token_order, n_features: spec.state.n_features, n_action_ids: spec.actions.labels.length + (spec.actions.padding_row ? 1 : 0), max_timestep: spec.max_timestep };
}

/** Most timesteps a model with these limits reads in one run (n_ctx over the tokens per step). */
export function maxTrajectorySteps(limits: Pick<TrajectoryLimits, "n_ctx" | "token_order">): number {
  const perStep = limits.token_order.indexOf("state") + 1;
  return Math.min(MAX_TRAJECTORY_STEPS, Math.floor((limits.n_ctx - perStep) / 3) + 1);
}

/**
 * Checks a trajectory against limits (see the module rule) — counts first, then every number — and
 * returns its layout. The platform checks a client's trajectory with this before any job runs.
 */
export function checkTrajectoryAgainst(limits: TrajectoryLimits, traj: Trajectory): TrajectoryLayout {
  const { n_features: F, n_action_ids: nActions } = limits;
  if (!Array.isArray(traj.timesteps)) throw new TrajectoryError("timesteps", "must be an array of integers");
  const T = traj.timesteps.length;
  const most = maxTrajectorySteps(limits);
  if (T < 1 || T > most) throw new TrajectoryError("timesteps", `has ${T} steps; the model's n_ctx = ${limits.n_ctx} holds 1 to ${most}`);
  for (const [field, v, n] of [["rtg", traj.rtg, T], ["states", traj.states, T], ["actions", traj.actions, T - 1]] as const) {
    if (!Array.isArray(v) || v.length !== n) throw new TrajectoryError(field, `must be an array of ${n} entries (${T} timesteps), got ${Array.isArray(v) ? v.length : typeof v}`);
  }
  traj.timesteps.forEach((t, i) => {
    if (!Number.isInteger(t) || t < 0 || t > limits.max_timestep) throw new TrajectoryError(`timesteps[${i}]`, `is ${JSON.stringify(t)?.slice(0, 30)}; must be an integer in [0, ${limits.max_timestep}] (rows of embed.W_time)`);
  });
  traj.rtg.forEach((r, i) => {
    if (!isFiniteNumber(r)) throw new TrajectoryError(`rtg[${i}]`, "must be a finite number");
  });
  traj.states.forEach((s, i) => {
    if (!Array.isArray(s) || s.length !== F) throw new TrajectoryError(`states[${i}]`, `must be an array of n_features = ${F} numbers`);
    for (let f = 0; f < F; f++) if (!isFiniteNumber(s[f])) throw new TrajectoryError(`states[${i}][${f}]`, "must be a finite number");
  });
  traj.actions.forEach((a, i) => {
    if (!Number.isInteger(a) || a < 0 || a >= nActions) throw new TrajectoryError(`actions[${i}]`, `is ${JSON.stringify(a)?.slice(0, 30)}; must be an action id in [0, ${nActions})`);
  });
  return trajectoryLayout({ spec: { token_order: limits.token_order } }, traj.timesteps);
}

/** Checks a trajectory against the model (see the module rule); returns its layout. */
export function checkTrajectory(model: AttnOnlyModel, traj: Trajectory): TrajectoryLayout {
  return checkTrajectoryAgainst(trajectoryLimits(model), traj);
}

/** The typed embedding [n, d_model] of a checked trajectory (TL `hook_embed` analogue, W_time included). */
export function embedTrajectory(model: AttnOnlyModel, traj: Trajectory, layout: TrajectoryLayout): Float32Array {
  const dt = requireDT(model, "embedTrajectory");
  const D = model.config.d_model;
  const W_E = model.weights.W_E.data, W_time = dt.W_time.data;
  const { rows } = dt;
  const out = new Float32Array(layout.types.length * D);
  layout.types.forEach((type, p) => {
    const t = layout.steps[p];
    const o = p * D;
    if (type === "rtg") {
      const r = traj.rtg[t];
      for (let j = 0; j < D; j++) out[o + j] = r * W_E[rows.rtgRow * D + j];
    } else if (type === "action") {
      out.set(W_E.subarray((rows.actionStart + traj.actions[t]) * D, (rows.actionStart + traj.actions[t] + 1) * D), o);
    } else {
      const s = traj.states[t];
      for (let f = 0; f < s.length; f++) {
        if (s[f] === 0) continue;
        for (let j = 0; j < D; j++) out[o + j] += s[f] * W_E[(rows.stateStart + f) * D + j];
      }
    }
    const ts = traj.timesteps[t];
    for (let j = 0; j < D; j++) out[o + j] += W_time[ts * D + j];
  });
  return out;
}

/** One run: the cache, the layout, and actionLogits [T][n_actions] at the state positions. */
export interface TrajectoryRun {
  readonly cache: ForwardCache;
  readonly layout: TrajectoryLayout;
  readonly actionLogits: number[][];
}

/** Runs the DT on a trajectory (checked first). Token ids recorded in the cache: 0 rtg, 1 state, 2 action. */
export async function runTrajectory(model: AttnOnlyModel, traj: Trajectory, opts: { kernels?: Kernels } = {}): Promise<TrajectoryRun> {
  const layout = checkTrajectory(model, traj);
  const typeId: Record<DTTokenType, number> = { rtg: 0, state: 1, action: 2 };
  const cache = await runOnResidual(model, embedTrajectory(model, traj, layout), layout.types.map((t) => typeId[t]), { kernels: opts.kernels, logProbs: false });
  const A = model.weights.W_U.shape[1];
  const actionLogits = layout.statePositions.map((p) => Array.from(cache.logits.data.subarray(p * A, (p + 1) * A)));
  return { cache, layout, actionLogits };
}

/** Softmax of one logit row (max-subtracted). */
export function softmax(row: readonly number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * RTG sweep: the action probabilities at the last state as the last step's RTG runs over
 * [rtg.min, rtg.max] in `points` evenly spaced values (the DT's conditioning, Chen et al. 2021 §5.3).
 */
export async function rtgSweep(model: AttnOnlyModel, traj: Trajectory, points = 11, opts: { kernels?: Kernels } = {}): Promise<{ rtg: number[]; probs: number[][] }> {
  const dt = requireDT(model, "rtgSweep");
  if (!Number.isInteger(points) || points < 2 || points > MAX_SWEEP_POINTS) throw new TrajectoryError("points", `must be an integer from 2 to ${MAX_SWEEP_POINTS} (MAX_SWEEP_POINTS)`);
  checkTrajectory(model, traj);
  const { min, max } = dt.spec.rtg;
  const rtg: number[] = [], probs: number[][] = [];
  for (let i = 0; i < points; i++) {
    const r = min + ((max - min) * i) / (points - 1);
    const run = await runTrajectory(model, { ...traj, rtg: [...traj.rtg.slice(0, -1), r] }, opts);
    rtg.push(r);
    probs.push(softmax(run.actionLogits[run.actionLogits.length - 1]));
  }
  return { rtg, probs };
}
