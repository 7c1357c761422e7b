/**
 * Decision-transformer training data from the built-in gridworld (lib/engine/env/gridworld.ts):
 * each sequence is one seeded episode of the behaviour mixture as the tokens
 * R₀ s₀ a₀ R₁ s₁ a₁ … (Chen et al. 2021 §3: return-to-go, state, action per timestep), with states
 * as discrete tokens — one per cell, which is exactly a one-hot "agent@(x,y)" feature vector times
 * W_E_state (lib/engine/train/export-dt.ts) — and RTG as "R0"/"R1" (the return is 0 or 1).
 * The loss counts only state tokens before the goal (lossMask): the model learns the action given the
 * trajectory so far. An episode that reaches the goal early is padded with R0, the goal cell and
 * "up"; those positions are masked out.
 */
import { ACTIONS, GOAL, GRID_HEIGHT, GRID_WIDTH, HORIZON, returnsToGo, sampleEpisode, STATE_LABELS, type Episode } from "../../env/gridworld";
import type { Rng } from "../prng";
import { checkSampleArgs, type Task } from "./task";

export const RTG_TOKENS = ["R0", "R1"] as const;
/** Token ids: RTG tokens, then one state token per cell (x * height + y), then the actions. */
export const STATE_TOKEN_START = RTG_TOKENS.length;
export const ACTION_TOKEN_START = STATE_TOKEN_START + STATE_LABELS.length;
export const GRIDWORLD_VOCAB: readonly string[] = [...RTG_TOKENS, ...STATE_LABELS, ...ACTIONS];
/** Tokens of one episode: HORIZON steps of (RTG, state, action). */
export const GRIDWORLD_SEQ_LEN = 3 * HORIZON;

const GOAL_TOKEN = STATE_TOKEN_START + GOAL[0] * GRID_HEIGHT + GOAL[1];

/** The token sequence of an episode, padded to GRIDWORLD_SEQ_LEN. */
export function episodeTokens(e: Episode, out: Int32Array, offset = 0): void {
  const rtg = returnsToGo(e);
  for (let t = 0; t < HORIZON; t++) {
    const o = offset + 3 * t;
    if (t < e.states.length) {
      out[o] = rtg[t];
      out[o + 1] = STATE_TOKEN_START + e.states[t][0] * GRID_HEIGHT + e.states[t][1];
      out[o + 2] = ACTION_TOKEN_START + e.actions[t];
    } else {
      out[o] = 0;
      out[o + 1] = GOAL_TOKEN;
      out[o + 2] = ACTION_TOKEN_START;
    }
  }
}

export function gridworldDTTask(): Task {
  return {
    name: "gridworld-dt",
    description: `Episodes of the built-in ${GRID_WIDTH}×${GRID_HEIGHT} gridworld (lib/engine/env/gridworld.ts) from a seeded mixture of scripted policies (expert, noisy expert, decoy seeker, random), as return-to-go, state, action tokens; loss on the action after each state before the goal.`,
    vocab: GRIDWORLD_VOCAB,
    sample(rng: Rng, batch: number, seqLen: number, out: Int32Array): void {
      checkSampleArgs("gridworld-dt", batch, seqLen, out);
      if (seqLen !== GRIDWORLD_SEQ_LEN) throw new RangeError(`gridworld-dt.sample: seqLen must be ${GRIDWORLD_SEQ_LEN} (3 tokens × ${HORIZON} steps), got ${seqLen}`);
      for (let b = 0; b < batch; b++) episodeTokens(sampleEpisode(rng), out, b * seqLen);
    },
    lossMask(tokens: Int32Array, mask: Uint8Array): void {
      for (let n = 0; n < tokens.length; n++) mask[n] = tokens[n] >= STATE_TOKEN_START && tokens[n] < ACTION_TOKEN_START && tokens[n] !== GOAL_TOKEN ? 1 : 0;
    },
  };
}
