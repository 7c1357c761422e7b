/**
 * A decision transformer playing the built-in gridworld (./gridworld.ts): at every step the
 * trajectory so far, with the RTG held at the target return (reward is only on arrival), runs
 * through the model (dt-forward runTrajectory) and the greedy action — the argmax of the action
 * logits at the last state — is taken in the simulator (Chen et al. 2021 §3 "evaluation").
 */
import type { Kernels } from "../linalg/kernels";
import { runTrajectory, type Trajectory } from "../transformer/dt-forward";
import type { AttnOnlyModel } from "../transformer/weights";
import { playEpisodeAsync, stateFeatures, type Action, type Cell, type Episode } from "./gridworld";

/** The trajectory of an episode's first steps, ending at its current state (what the model reads). */
export function episodeTrajectory(states: readonly Cell[], actions: readonly Action[], rtg: number): Trajectory {
  return {
    timesteps: states.map((_, t) => t),
    rtg: states.map(() => rtg),
    states: states.map(stateFeatures),
    actions: actions.slice(0, states.length - 1),
  };
}

const argmax = (row: readonly number[]) => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);

/** One greedy episode of `model` from `start` conditioned on return-to-go `rtg`. */
export function greedyEpisode(model: AttnOnlyModel, start: Cell, rtg: number, opts: { kernels?: Kernels } = {}): Promise<Episode> {
  return playEpisodeAsync(start, async ({ history: h }) => {
    const run = await runTrajectory(model, episodeTrajectory(h.states, h.actions, rtg), opts);
    return argmax(run.actionLogits[run.actionLogits.length - 1]) as Action;
  }, `greedy DT, RTG ${rtg}`);
}

/** Share of greedy episodes from `starts` that reach the goal, conditioned on `rtg`. */
export async function greedyGoalRate(model: AttnOnlyModel, starts: readonly Cell[], rtg: number, opts: { kernels?: Kernels } = {}): Promise<number> {
  let reached = 0;
  for (const s of starts) if ((await greedyEpisode(model, s, rtg, opts)).return === 1) reached++;
  return reached / starts.length;
}
