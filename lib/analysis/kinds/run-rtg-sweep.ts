// Kind "run-rtg-sweep": a decision transformer's action probabilities at the last state as the last
// step's return-to-go runs over the model's [rtg.min, rtg.max] (Chen et al. 2021 §5.3, the DT's
// conditioning; lib/engine/transformer/dt-forward.ts `rtgSweep`), `points` evenly spaced values.
import { z } from "zod";
import { MAX_SWEEP_POINTS, rtgSweep } from "../../engine/transformer/dt-forward";
import { floatTensor, type TensorJson } from "../tensor-json";
import { topKParam } from "./limits";
import { defineAnalysisKind } from "./registry";
import { trajectoryParam } from "./trajectory";

export const RUN_RTG_SWEEP_KIND = "run-rtg-sweep";

export interface RtgSweepJson {
  rtg: number[];
  /** [points, n_actions] float32 softmax probabilities. */
  probs: TensorJson;
}

export const runRtgSweepKind = defineAnalysisKind({
  kind: RUN_RTG_SWEEP_KIND,
  params: z.object({ trajectory: trajectoryParam, points: topKParam("points", MAX_SWEEP_POINTS, 2) }),
  async compute(model, p, { kernels }): Promise<RtgSweepJson> {
    const s = await rtgSweep(model, p.trajectory, p.points, { kernels });
    return { rtg: s.rtg, probs: floatTensor(s.probs.flat(), [s.probs.length, s.probs[0]?.length ?? 0]) };
  },
});
