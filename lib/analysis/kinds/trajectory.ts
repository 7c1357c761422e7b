// What the decision-transformer kinds share (DT-FORMAT.md "A trajectory"): the trajectory parameter
// with its named bounds (checked by zod before any number is looked at further; the engine then
// checks it against the model), and the attention-only share as plain JSON.
import { z } from "zod";
import { batchShare, type LogitDecomposition } from "../../engine/transformer/attention-share";
import { MAX_STATE_FEATURES } from "../../engine/transformer/dt-config";
import { MAX_TRAJECTORY_STEPS, type Trajectory, type TrajectoryLayout } from "../../engine/transformer/dt-forward";

/** Most state-feature numbers one trajectory may carry (T × n_features): 1 Mi. */
export const MAX_TRAJECTORY_NUMBERS = 1 << 20;

const steps = (field: string) => `trajectory.${field}: at most ${MAX_TRAJECTORY_STEPS} entries (MAX_TRAJECTORY_STEPS)`;

/** A trajectory as the kinds take it; its counts are bounded here, its fit to the model by the engine. */
export const trajectoryParam = z
  .object({
    timesteps: z.array(z.number().int("trajectory.timesteps: integers only").min(0, "trajectory.timesteps: at least 0")).min(1, "trajectory.timesteps: give at least one step").max(MAX_TRAJECTORY_STEPS, steps("timesteps")),
    rtg: z.array(z.number()).max(MAX_TRAJECTORY_STEPS, steps("rtg")),
    states: z.array(z.array(z.number()).max(MAX_STATE_FEATURES, `trajectory.states: at most ${MAX_STATE_FEATURES} features a state (MAX_STATE_FEATURES)`)).max(MAX_TRAJECTORY_STEPS, steps("states")),
    actions: z.array(z.number().int("trajectory.actions: integer ids only").min(0, "trajectory.actions: ids are at least 0")).max(MAX_TRAJECTORY_STEPS, steps("actions")),
  })
  .refine((t) => t.states.reduce((n, s) => n + s.length, 0) <= MAX_TRAJECTORY_NUMBERS, `trajectory.states: at most ${MAX_TRAJECTORY_NUMBERS} numbers in all (MAX_TRAJECTORY_NUMBERS)`);

export type TrajectoryParam = z.output<typeof trajectoryParam>;

/** One term of the decomposition, per position. */
export interface ShareTermJson {
  name: string;
  kind: string;
  group: "direct" | "attention" | "mlp";
  values: number[];
}

/** The attention-only share of one run (lib/engine/transformer/attention-share.ts), as stored. */
export interface AttentionShareJson {
  positions: number[];
  /** The logit id decomposed at each position (the top one). */
  targets: number[];
  total: number[];
  share: number[];
  groups: { direct: number[]; attention: number[]; mlp: number[] };
  terms: ShareTermJson[];
  mean: number;
}

export function shareJson(d: LogitDecomposition): AttentionShareJson {
  return {
    positions: [...d.positions],
    targets: [...d.tokens],
    total: Array.from(d.total),
    share: Array.from(d.share),
    groups: { direct: Array.from(d.groups.direct), attention: Array.from(d.groups.attention), mlp: Array.from(d.groups.mlp) },
    terms: d.terms.map((t) => ({ name: t.name, kind: t.kind, group: t.group, values: Array.from(t.values) })),
    mean: batchShare([d]).mean,
  };
}

/** Each position of a trajectory run with its token type, timestep and label (GraphQL RunPosition, the CLI's positions). */
export function trajectoryPositions(layout: TrajectoryLayout, trajectory: Trajectory) {
  return layout.types.map((type, index) => ({ index, type, timestep: trajectory.timesteps[layout.steps[index]], label: layout.labels[index] }));
}

/** One decomposed position, labelled (GraphQL SharePosition, the CLI's attentionShare.positions). */
export interface SharePositionJson {
  position: number;
  label: string;
  target: number;
  targetLabel: string;
  total: number;
  share: number;
  direct: number;
  attention: number;
  mlp: number;
}

/** The stored share with every position labelled: `labels[p]` names position p, `targetLabel` a logit id. */
export function labelledShare(p: AttentionShareJson, labels: readonly string[], targetLabel: (id: number) => string): { mean: number; positions: SharePositionJson[]; terms: ShareTermJson[] } {
  return {
    mean: p.mean,
    positions: p.positions.map((pos, i) => ({
      position: pos, label: labels[pos], target: p.targets[i], targetLabel: targetLabel(p.targets[i]),
      total: p.total[i], share: p.share[i], direct: p.groups.direct[i], attention: p.groups.attention[i], mlp: p.groups.mlp[i],
    })),
    terms: p.terms,
  };
}
