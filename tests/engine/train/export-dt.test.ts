// The gridworld DT export (lib/engine/train/export-dt.ts): the decision transformer it writes, run on
// a trajectory by the engine (dt-forward runTrajectory), gives the same action logits — up to one
// shared constant per state, which the softmax ignores — as the trainer's own forward pass of the
// token model on the episode's R s a tokens (log-probabilities of the action tokens): the RTG fold
// into W_pos, the state rows and the action head are exact.
import { describe, expect, it } from "vitest";
import "@/lib/engine/linalg/kernels-ts";
import { playEpisode, policyAction, POLICIES } from "@/lib/engine/env/gridworld";
import { episodeTrajectory } from "@/lib/engine/env/gridworld-rollout";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { gridworldDTSafetensors } from "@/lib/engine/train/export-dt";
import { forward, Workspace } from "@/lib/engine/train/model";
import { initParams, type TrainModelConfig } from "@/lib/engine/train/params";
import { mulberry32 } from "@/lib/engine/train/prng";
import { ACTION_TOKEN_START, episodeTokens, GRIDWORLD_SEQ_LEN, GRIDWORLD_VOCAB } from "@/lib/engine/train/tasks/gridworld-dt";
import { runTrajectory } from "@/lib/engine/transformer/dt-forward";
import { loadModel } from "@/lib/engine/transformer/weights";

const cfg: TrainModelConfig = { n_layers: 1, n_heads: 2, d_model: 12, d_head: 4, d_vocab: GRIDWORLD_VOCAB.length, n_ctx: GRIDWORLD_SEQ_LEN, positional_embedding_type: "standard", biases: false };

describe("gridworldDTSafetensors", () => {
  it("runs as the trainer's token model does: action logits equal up to a per-state constant", async () => {
    const params = initParams(cfg, 4);
    for (const t of Object.values(params)) for (let i = 0; i < t.data.length; i++) t.data[i] *= 3;
    const { header, tensors } = readSafetensors(gridworldDTSafetensors(cfg, params));
    const model = loadModel(tensors, { metadata: { ...header.metadata } });
    const rng = mulberry32(9);
    for (const [start, rtg] of [[[0, 0], 1], [[4, 0], 0]] as const) {
      const e = playEpisode(start, (v) => policyAction(POLICIES[rtg === 1 ? 0 : 2], v.s, rng));
      const tokens = new Int32Array(GRIDWORLD_SEQ_LEN);
      episodeTokens({ ...e, return: rtg }, tokens);
      const ws = new Workspace(cfg, 1, GRIDWORLD_SEQ_LEN);
      forward(cfg, params, tokens, ws);
      const T = e.states.length;
      const run = await runTrajectory(model, episodeTrajectory(e.states, e.actions, rtg));
      for (let t = 0; t < T; t++) {
        const logp = Array.from({ length: 4 }, (_, a) => Math.log(ws.probs[(3 * t + 1) * cfg.d_vocab + ACTION_TOKEN_START + a]));
        const got = run.actionLogits[t];
        for (let a = 1; a < 4; a++) expect(got[a] - got[0]).toBeCloseTo(logp[a] - logp[0], 4);
      }
    }
  });
});
