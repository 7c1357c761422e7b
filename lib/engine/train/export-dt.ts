/**
 * A token model trained on the gridworld trajectories (./tasks/gridworld-dt.ts) written as a decision
 * transformer in the upload format of DT-FORMAT.md, with the same forward pass:
 * - a state token is one cell, so W_E_state[agent@(x,y)] is that cell's token row (one-hot encoding);
 * - W_E_action holds the four action token rows (no padding row);
 * - an RTG token of value r is r·W_E_rtg[0] plus what the RTG positions' W_pos carries: with
 *   W_E_rtg[0] = W_E[R1] − W_E[R0] and W_E[R0] added to W_pos at every RTG position (3t), r = 0 and
 *   r = 1 embed exactly as the tokens R0 and R1 did (values between interpolate linearly);
 * - W_time is zero: the trajectories all start at t = 0, so the position already says the timestep;
 * - W_U keeps the action columns only: the action head. Logits over the actions equal the token
 *   model's logits of the action tokens, so the greedy action is the same.
 * Rule: weights are rounded to float32 once, here, as in ./export.ts.
 */
import { writeSafetensors } from "../io/safetensors-writer";
import { ACTIONS, GRID_HEIGHT, GRID_WIDTH, HORIZON, STATE_LABELS } from "../env/gridworld";
import type { Tensor } from "../tensor/tensor";
import type { ParamSet, TrainModelConfig } from "./params";
import { ACTION_TOKEN_START, STATE_TOKEN_START } from "./tasks/gridworld-dt";

/** The `decision_transformer` metadata of the gridworld DT. */
export function gridworldDTSpec() {
  return {
    token_order: ["rtg", "state", "action"], readout: "state",
    state: { n_features: STATE_LABELS.length, labels: [...STATE_LABELS], grid: { width: GRID_WIDTH, height: GRID_HEIGHT, channels: ["agent"], index: "channel * width * height + x * height + y" }, encoding: "one-hot" },
    actions: { labels: [...ACTIONS], padding_row: false },
    rtg: { min: 0, max: 1 },
  };
}

const rows = (src: Float64Array, D: number, from: number, n: number) => Float32Array.from(src.subarray(from * D, (from + n) * D));

/** Safetensors bytes of the DT form of `params` (a model of ./tasks/gridworld-dt's vocabulary). */
export function gridworldDTSafetensors(cfg: TrainModelConfig, params: ParamSet, metadata: Record<string, string> = {}): Uint8Array {
  if (cfg.biases) throw new RangeError("gridworldDTSafetensors: the demo DT is trained without biases");
  if (cfg.positional_embedding_type !== "standard") throw new RangeError("gridworldDTSafetensors: a DT adds W_pos to the residual stream (positional_embedding_type \"standard\")");
  const { d_model: D, d_vocab: V, n_ctx } = cfg;
  const W_E = params["embed.W_E"].data;
  const A = ACTIONS.length, F = STATE_LABELS.length;
  const out: Record<string, Tensor<Float32Array>> = {};
  out["embed.W_E_state"] = { data: rows(W_E, D, STATE_TOKEN_START, F), shape: [F, D] };
  out["embed.W_E_action"] = { data: rows(W_E, D, ACTION_TOKEN_START, A), shape: [A, D] };
  out["embed.W_E_rtg"] = { data: Float32Array.from({ length: D }, (_, j) => W_E[D + j] - W_E[j]), shape: [1, D] };
  out["embed.W_time"] = { data: new Float32Array(HORIZON * D), shape: [HORIZON, D] };
  const W_pos = Float32Array.from(params["pos_embed.W_pos"].data);
  for (let p = 0; p < n_ctx; p += 3) for (let j = 0; j < D; j++) W_pos[p * D + j] = params["pos_embed.W_pos"].data[p * D + j] + W_E[j];
  out["pos_embed.W_pos"] = { data: W_pos, shape: [n_ctx, D] };
  for (let l = 0; l < cfg.n_layers; l++) {
    for (const w of ["W_Q", "W_K", "W_V", "W_O"]) {
      const t = params[`blocks.${l}.attn.${w}`];
      out[`blocks.${l}.attn.${w}`] = { data: Float32Array.from(t.data), shape: [...t.shape] };
    }
  }
  const W_U = params["unembed.W_U"].data;
  out["unembed.W_U"] = { data: Float32Array.from({ length: D * A }, (_, i) => W_U[Math.floor(i / A) * V + ACTION_TOKEN_START + (i % A)]), shape: [D, A] };
  const config = { n_layers: cfg.n_layers, n_heads: cfg.n_heads, d_model: D, d_head: cfg.d_head, n_ctx, attn_only: true, normalization_type: null, positional_embedding_type: "standard" };
  return writeSafetensors(out, { metadata: { ...metadata, config: JSON.stringify(config), decision_transformer: JSON.stringify(gridworldDTSpec()) } });
}
