/**
 * Decision-transformer fixtures in the tensor names of DT-FORMAT.md: the seeded random blocks of
 * ./fixtures.ts with the token embedding replaced by typed ones, a 2×2×3 grid of 12 state features,
 * three actions plus a padding row, RTG in [-1, 1]; and seeded random trajectories.
 */
import type { Tensor } from "@/lib/engine/tensor/tensor";
import type { Trajectory } from "@/lib/engine/transformer/dt-forward";
import { randomTensors, referenceForward, uniform, type FixtureConfig } from "./fixtures";

/** d_vocab here is the action head's width (n_actions = 3). */
export const DT_CFG: FixtureConfig = { n_layers: 2, n_heads: 2, d_model: 16, d_head: 4, d_vocab: 3, n_ctx: 24, d_mlp: 32, act_fn: "gelu", ln: true, biases: true };

export function dtTensors(c: FixtureConfig, seed: number): Record<string, Tensor> {
  const t = randomTensors(c, seed);
  delete t["embed.W_E"];
  const r = uniform(seed + 1000);
  const make = (shape: number[], scale: number): Tensor => ({ data: Float32Array.from({ length: shape[0] * shape[1] }, () => scale * r()), shape });
  t["embed.W_E_state"] = make([12, c.d_model], 0.5);
  t["embed.W_E_action"] = make([4, c.d_model], 1);
  t["embed.W_E_rtg"] = make([1, c.d_model], 1);
  t["embed.W_time"] = make([16, c.d_model], 0.3);
  return t;
}

export function dtMetadata(c: FixtureConfig): Record<string, string> {
  return {
    config: JSON.stringify({ n_layers: c.n_layers, d_model: c.d_model, act_fn: c.act_fn, d_mlp: c.d_mlp, gated_mlp: !!c.gated, attn_only: !c.d_mlp, normalization_type: c.ln ? "LN" : null }),
    decision_transformer: JSON.stringify({
      token_order: ["rtg", "state", "action"], readout: "state",
      state: { n_features: 12, labels: Array.from({ length: 12 }, (_, i) => `ch${Math.floor(i / 4)}@(${Math.floor((i % 4) / 2)},${i % 2})`),
        grid: { width: 2, height: 2, channels: ["object", "color", "state"], index: "channel * width * height + x * height + y" }, encoding: "integer" },
      actions: { labels: ["left", "right", "forward"], padding_row: true },
      rtg: { min: -1, max: 1 },
    }),
  };
}

export function randomTrajectory(T: number, seed: number) {
  const r = uniform(seed);
  const int = (n: number) => Math.min(n - 1, Math.floor(((r() + 1) / 2) * n));
  return {
    timesteps: Array.from({ length: T }, (_, i) => i),
    rtg: Array.from({ length: T }, () => r()),
    states: Array.from({ length: T }, () => Array.from({ length: 12 }, () => int(3))),
    actions: Array.from({ length: T - 1 }, () => int(3)),
  };
}

/** The typed embedding by DT-FORMAT.md's formulas, float64, written independently of dt-forward.ts. */
export function referenceEmbed(t: Record<string, Tensor>, traj: Trajectory, D: number): number[][] {
  const row = (name: string, i: number) => Array.from(t[name].data.subarray(i * D, (i + 1) * D), Number);
  const out: number[][] = [];
  const T = traj.timesteps.length;
  for (let s = 0; s < T; s++) {
    const time = row("embed.W_time", traj.timesteps[s]);
    out.push(row("embed.W_E_rtg", 0).map((v, j) => traj.rtg[s] * v + time[j]));
    const st = time.slice();
    traj.states[s].forEach((x, f) => row("embed.W_E_state", f).forEach((v, j) => (st[j] += x * v)));
    out.push(st);
    if (s < T - 1) out.push(row("embed.W_E_action", traj.actions[s]).map((v, j) => v + time[j]));
  }
  return out;
}

/** Float64 reference action logits [T][n_actions] of a trajectory (referenceForward on referenceEmbed, read at the state tokens). */
export function referenceActionLogits(c: FixtureConfig, t: Record<string, Tensor>, traj: Trajectory): number[][] {
  const embed = referenceEmbed(t, traj, c.d_model);
  const ref = referenceForward(c, t, embed.map(() => 0), 1e-5, embed);
  return traj.timesteps.map((_, s) => ref.logits[3 * s + 1]);
}
