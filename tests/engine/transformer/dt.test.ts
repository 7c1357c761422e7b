import { describe, expect, it } from "vitest";
import { loadModel } from "@/lib/engine/transformer/weights";
import { runTrajectory, rtgSweep, softmax, TrajectoryError, type Trajectory } from "@/lib/engine/transformer/dt-forward";
import type { Tensor } from "@/lib/engine/tensor/tensor";
import { decomposeLogits } from "@/lib/engine/transformer/attention-share";
import "@/lib/engine/linalg/kernels-ts";
import { expectClose } from "@/tests/helpers/tolerance";
import { referenceForward, type FixtureConfig } from "./fixtures";
import { dtTensors, dtMetadata, DT_CFG, randomTrajectory, referenceEmbed } from "./dt-fixtures";
import { faultOf, fileOf, validate } from "./files";

describe("decision transformers (DT-FORMAT.md)", () => {
  for (const variant of [{ ln: true, act_fn: "gelu" as const }, { ln: false, act_fn: "relu" as const, gated: true }]) {
    it(`gives actionLogits [T][n_actions] equal to a float64 reference within 1e-4 relative (${JSON.stringify(variant)})`, async () => {
      const c: FixtureConfig = { ...DT_CFG, ...variant };
      const t = dtTensors(c, 3);
      const model = loadModel(t, { metadata: dtMetadata(c) });
      expect(model.config).toMatchObject({ d_vocab_out: 3, d_mlp: c.d_mlp, act_fn: c.act_fn });
      const traj = randomTrajectory(5, 11);
      const run = await runTrajectory(model, traj);
      expect(run.actionLogits.length).toBe(5);
      expect(run.layout.labels.slice(0, 4)).toEqual(["R0", "s0", "a0", "R1"]);
      const embed = referenceEmbed(t, traj, c.d_model);
      const ref = referenceForward(c, t, embed.map(() => 0), 1e-5, embed);
      const want = run.layout.statePositions.flatMap((p) => ref.logits[p]);
      const scale = Math.max(...want.map(Math.abs));
      expectClose(run.actionLogits.flat(), want, { rel: 1e-4, abs: 1e-4 * scale }, "actionLogits");
    });
  }

  it("decomposes the action logits at the state positions into terms that add up to them", async () => {
    const model = loadModel(dtTensors(DT_CFG, 8), { metadata: dtMetadata(DT_CFG) });
    const run = await runTrajectory(model, randomTrajectory(4, 9));
    const d = await decomposeLogits(model, run.cache, { kind: "logit" }, run.layout.statePositions);
    const chosen = run.actionLogits.map((row, i) => row[d.tokens[i]]);
    expectClose(d.positions.map((_, i) => d.terms.reduce((s, t) => s + t.values[i], 0)), chosen, { abs: 1e-5, rel: 1e-4 }, "terms");
    expect(d.terms.filter((t) => t.kind === "mlp").length).toBe(2);
    expect(Math.max(...d.share)).toBeLessThan(1);
  });

  it("sweeps the last RTG over [rtg.min, rtg.max], each point the model's softmax at the last state", async () => {
    const model = loadModel(dtTensors(DT_CFG, 4), { metadata: dtMetadata(DT_CFG) });
    const traj = randomTrajectory(3, 5);
    const sweep = await rtgSweep(model, traj, 5);
    expect(sweep.rtg).toEqual([-1, -0.5, 0, 0.5, 1]);
    const atMax = await runTrajectory(model, { ...traj, rtg: [traj.rtg[0], traj.rtg[1], 1] });
    expectClose(sweep.probs[4], softmax(atMax.actionLogits[2]), { abs: 1e-7 }, "probs at rtg.max");
    for (const p of sweep.probs) expect(Math.abs(p.reduce((a, b) => a + b) - 1)).toBeLessThan(1e-9);
    expect(sweep.probs[0]).not.toEqual(sweep.probs[4]);
  });

  const faults: [string, (x: Trajectory) => void, string][] = [
    ["too few actions", (x) => x.actions.pop(), "trajectory.actions must be an array of 3 entries (4 timesteps), got 2"],
    ["a timestep beyond W_time", (x) => (x.timesteps[1] = 99), "trajectory.timesteps[1] is 99; must be an integer in [0, 15] (rows of embed.W_time)"],
    ["a short state", (x) => x.states[2].pop(), "trajectory.states[2] must be an array of n_features = 12 numbers"],
    ["a NaN feature", (x) => (x.states[0][3] = NaN), "trajectory.states[0][3] must be a finite number"],
    ["an action id beyond the padding row", (x) => (x.actions[0] = 4), "trajectory.actions[0] is 4; must be an action id in [0, 4)"],
    ["an infinite RTG", (x) => (x.rtg[3] = Infinity), "trajectory.rtg[3] must be a finite number"],
    ["more steps than n_ctx holds", (x) => Object.assign(x, randomTrajectory(9, 1)), "trajectory.timesteps has 9 steps; the model's n_ctx = 24 holds 1 to 8"],
  ];
  for (const [what, edit, message] of faults) {
    it(`refuses a trajectory with ${what}, naming the field`, async () => {
      const model = loadModel(dtTensors(DT_CFG, 1), { metadata: dtMetadata(DT_CFG) });
      const traj = randomTrajectory(4, 2);
      edit(traj);
      const err = await runTrajectory(model, traj).catch((e) => e);
      expect(err).toBeInstanceOf(TrajectoryError);
      expect(err.message).toBe(message);
    });
  }

  it("validates the typed tensors and the decision_transformer metadata, naming the fault", () => {
    const t = () => dtTensors(DT_CFG, 1);
    const meta = dtMetadata(DT_CFG);
    const check = (tensors: Record<string, Tensor>, m: Record<string, string>) => faultOf(() => validate(fileOf(tensors, m)));
    const noTime = t();
    delete noTime["embed.W_time"];
    expect(check(noTime, meta).message).toBe("missing embed.W_time");
    const both = t();
    both["embed.W_E"] = both["embed.W_E_state"];
    expect(check(both, meta).tensor).toBe("embed.W_E_state");
    const spec = JSON.parse(meta.decision_transformer);
    expect(check(t(), { ...meta, decision_transformer: JSON.stringify({ ...spec, actions: { ...spec.actions, labels: ["a"] } }) }).message)
      .toBe("__metadata__.decision_transformer.actions.labels has 1 labels but must have 3");
    expect(check(t(), { ...meta, decision_transformer: JSON.stringify({ ...spec, state: { ...spec.state, grid: { width: 3, height: 3, channels: ["x"] } } }) }).message)
      .toBe("__metadata__.decision_transformer.state.grid covers 3×3×1 = 9 features but n_features is 12");
    expect(check(t(), { config: meta.config }).message).toBe("the file has embed.W_E_state (a decision transformer) but no __metadata__.decision_transformer");
    const wideU = t();
    wideU["unembed.W_U"] = { data: new Float32Array(16 * 4), shape: [16, 4] };
    expect(check(wideU, meta).message).toBe("unembed.W_U has shape [16, 4] but d_vocab_out is 3 from embed.W_E_action");
    const rtg = t();
    rtg["embed.W_E_rtg"] = { data: new Float32Array(32), shape: [2, 16] };
    expect(check(rtg, meta).message).toBe("embed.W_E_rtg has shape [2, 16] but must be [1, 16]");
    expect(check(t(), { ...meta, decision_transformer: JSON.stringify({ ...spec, token_order: ["rtg", "action", "state"] }) }).message)
      .toContain("token_order");
  });
});
