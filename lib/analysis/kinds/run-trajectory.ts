// Kind "run-trajectory": a decision transformer on one trajectory (DT-FORMAT.md "Forward pass";
// Chen et al. 2021 §2.3): the action logits at every state token ([T, n_actions]), the token layout
// (type and timestep of every position), every layer's attention patterns (TL `cache["pattern", l]`)
// and the attention-only share of the top action's logit at each state token (direct logit
// attribution with ln_final's scale frozen, ARENA 1.2; lib/engine/transformer/attention-share.ts).
import { z } from "zod";
import { decomposeLogits } from "../../engine/transformer/attention-share";
import { runTrajectory } from "../../engine/transformer/dt-forward";
import { floatTensor, type TensorJson } from "../tensor-json";
import { MAX_DENSE_PATTERN_ENTRIES } from "./run-patterns";
import { defineAnalysisKind } from "./registry";
import { shareJson, trajectoryParam, type AttentionShareJson } from "./trajectory";

export const RUN_TRAJECTORY_KIND = "run-trajectory";

export interface RunTrajectoryJson {
  /** [T, n_actions] float32. */
  actionLogits: TensorJson;
  layout: { types: string[]; steps: number[]; labels: string[]; statePositions: number[] };
  /** [n_heads, n, n] per layer; null when all layers together exceed MAX_DENSE_PATTERN_ENTRIES. */
  patterns: TensorJson[] | null;
  share: AttentionShareJson;
}

export const runTrajectoryKind = defineAnalysisKind({
  kind: RUN_TRAJECTORY_KIND,
  params: z.object({ trajectory: trajectoryParam }),
  async compute(model, p, { kernels, progress }): Promise<RunTrajectoryJson> {
    const run = await runTrajectory(model, p.trajectory, { kernels });
    progress(1, 2, "attention-only share");
    const { n_layers: L, n_heads: H } = model.config;
    const n = run.layout.types.length;
    const A = model.weights.W_U.shape[1];
    const d = await decomposeLogits(model, run.cache, { kind: "logit" }, run.layout.statePositions);
    return {
      actionLogits: floatTensor(run.actionLogits.flat(), [run.actionLogits.length, A]),
      layout: { types: [...run.layout.types], steps: [...run.layout.steps], labels: [...run.layout.labels], statePositions: [...run.layout.statePositions] },
      patterns: L * H * n * n <= MAX_DENSE_PATTERN_ENTRIES ? run.cache.pattern.map((t) => floatTensor(t.data, [H, n, n])) : null,
      share: shareJson(d),
    };
  },
});
