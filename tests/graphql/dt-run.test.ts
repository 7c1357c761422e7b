// Decision transformers over GraphQL (issue 10): Query.run on a trajectory, checked against the
// float64 reference forward pass of tests/engine/transformer (fixtures.ts referenceForward on the
// DT-FORMAT.md embedding written in dt-fixtures.ts, not the engine), the attention-only share
// (1 for attention-only models by construction), the RTG sweep and Model.typedSkipTrigrams.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { decodeTensor, type TensorJson } from "@/lib/analysis/tensor-json";
import { MAX_TYPED_TRIGRAMS, typedSkipTrigrams } from "@/lib/engine/circuits/typed";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import "@/lib/engine/linalg/kernels-ts";
import { MAX_TRAJECTORY_NUMBERS } from "@/lib/analysis/kinds/trajectory";
import { MAX_STATE_FEATURES } from "@/lib/engine/transformer/dt-config";
import { MAX_SWEEP_POINTS, MAX_TRAJECTORY_STEPS } from "@/lib/engine/transformer/dt-forward";
import { loadModel } from "@/lib/engine/transformer/weights";
import { dtFile, dtMetadata, dtModelTensors, DT_CFG } from "@/tests/api/mlp-dt-models";
import { tinyModel } from "@/tests/api/tiny-model";
import { dtTensors, randomTrajectory, referenceActionLogits } from "@/tests/engine/transformer/dt-fixtures";
import type { FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { expectClose } from "@/tests/helpers/tolerance";
import { codes, gql } from "./harness";
import { storeFiles } from "./mlp-models.setup";

const t = useTestDatabase();
let owner: Actor;
let ids: Record<string, string>;

/** The DT fixture without MLP blocks: an attention-only DT. */
const ATTN_DT: FixtureConfig = { ...DT_CFG, d_mlp: undefined, act_fn: undefined };
const attnDtTensors = () => dtTensors(ATTN_DT, 21);

beforeAll(async () => {
  owner = await createTestUser(t.db, "dt-owner");
  ids = await storeFiles(t.db, owner, {
    dt: dtFile(),
    attnDt: dtFile(attnDtTensors(), dtMetadata(ATTN_DT)),
    tiny: tinyModel({ biases: true }),
  });
}, 60_000);

interface Env<R> { state: string; attentionOnly: boolean; message: string | null; result: R }
interface Share { mean: number; positions: { position: number; label: string; total: number; share: number; direct: number; attention: number; mlp: number }[]; terms: { name: string; kind: string; group: string; values: number[] }[] }
interface RunAnswer {
  run: {
    positions: { index: number; type: string; timestep: number | null; label: string }[];
    actionLogits: Env<{ actions: string[]; statePositions: number[]; logits: TensorJson }>;
    patterns: Env<{ positions: { label: string }[]; dense: TensorJson }>;
    attentionShare: Env<Share>;
    rtgSweep: Env<{ rtg: number[]; actions: string[]; probs: TensorJson }>;
  } | null;
}

const RUN = `query($id: ID!, $trajectory: TrajectoryInput!) { run(modelId: $id, trajectory: $trajectory) {
  positions { index type timestep label }
  actionLogits { state attentionOnly message result { actions statePositions logits { shape dtype base64 } } }
  patterns(layer: 1) { state attentionOnly message result { positions { label } dense { shape dtype base64 } } }
  attentionShare { state attentionOnly message result { mean positions { position label total share direct attention mlp } terms { name kind group values } } }
  rtgSweep(points: 5) { state attentionOnly message result { rtg actions probs { shape dtype base64 } } }
} }`;

const softmax = (row: number[]) => {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

describe("Query.run on a decision transformer's trajectory", () => {
  it("answers actionLogits [T][n_actions] equal to the float64 reference within 1e-4 relative, with typed positions and patterns", async () => {
    const traj = randomTrajectory(4, 13);
    const r = await gql<RunAnswer>(t.db, owner, RUN, { id: ids.dt, trajectory: traj });
    expect(r.errors).toBeUndefined();
    const run = r.data!.run!;
    expect(run.positions.slice(0, 4)).toEqual([
      { index: 0, type: "rtg", timestep: 0, label: "R0" }, { index: 1, type: "state", timestep: 0, label: "s0" },
      { index: 2, type: "action", timestep: 0, label: "a0" }, { index: 3, type: "rtg", timestep: 1, label: "R1" },
    ]);
    expect(run.positions).toHaveLength(3 * 4 - 1);
    expect(run.actionLogits).toMatchObject({ state: "READY", attentionOnly: false, result: { actions: ["left", "right", "forward"], statePositions: [1, 4, 7, 10] } });
    const logits = decodeTensor(run.actionLogits.result.logits);
    expect(logits.shape).toEqual([4, 3]);
    const want = referenceActionLogits(DT_CFG, dtModelTensors(), traj).flat();
    const scale = Math.max(...want.map(Math.abs));
    expectClose(logits.data, want, { rel: 1e-4, abs: 1e-4 * scale }, "actionLogits");

    const pat = decodeTensor(run.patterns.result.dense);
    expect(pat.shape).toEqual([DT_CFG.n_heads, 11, 11]);
    expect(run.patterns.result.positions.map((p) => p.label).slice(0, 3)).toEqual(["R0", "s0", "a0"]);
    // Causal rows sum to 1.
    for (let row = 0; row < 11; row++) expectClose(Array.from(pat.data.subarray(row * 11, row * 11 + 11)).reduce((a, b) => a + b, 0), 1, { abs: 1e-5 }, `pattern row ${row}`);
  });

  it("splits each state's top action logit into direct, head and MLP terms that add up to it; MLPs carry part of it", async () => {
    const r = await gql<RunAnswer>(t.db, owner, RUN, { id: ids.dt, trajectory: randomTrajectory(3, 4) });
    expect(r.errors).toBeUndefined();
    const share = r.data!.run!.attentionShare;
    expect(share).toMatchObject({ state: "READY", attentionOnly: false });
    const s = share.result;
    expect(s.positions.map((p) => p.label)).toEqual(["s0", "s1", "s2"]);
    expect(s.terms.filter((x) => x.kind === "mlp")).toHaveLength(DT_CFG.n_layers);
    s.positions.forEach((p, i) => {
      expectClose(s.terms.reduce((a, x) => a + x.values[i], 0), p.total, { abs: 1e-4, rel: 1e-4 }, `terms at ${p.label}`);
      expectClose(p.direct + p.attention + p.mlp, p.total, { abs: 1e-4, rel: 1e-4 }, `groups at ${p.label}`);
    });
    expect(s.mean).toBeGreaterThan(0);
    expect(s.mean).toBeLessThan(1);
  });

  it("gives an attention-only share of exactly 1 for an attention-only DT and an attention-only token model", async () => {
    const dt = await gql<RunAnswer>(t.db, owner, RUN, { id: ids.attnDt, trajectory: randomTrajectory(3, 6) });
    expect(dt.errors).toBeUndefined();
    expect(dt.data!.run!.attentionShare).toMatchObject({ state: "READY", attentionOnly: true });
    expect(dt.data!.run!.attentionShare.result.mean).toBe(1);
    expect(dt.data!.run!.attentionShare.result.positions.map((p) => p.share)).toEqual([1, 1, 1]);
    const tok = await gql<{ run: { attentionShare: Env<Share> } }>(t.db, owner, `query($id: ID!) { run(modelId: $id, tokens: [0, 3, 1, 2]) { attentionShare { state attentionOnly result { mean positions { share mlp } } } } }`, { id: ids.tiny });
    expect(tok.errors).toBeUndefined();
    expect(tok.data!.run.attentionShare.result.mean).toBe(1);
    expect(tok.data!.run.attentionShare.result.positions).toEqual([0, 1, 2, 3].map(() => ({ share: 1, mlp: 0 })));
  });

  it("sweeps the last RTG over [rtg.min, rtg.max]; each point is the reference's softmax at the last state", async () => {
    const traj = randomTrajectory(3, 8);
    const r = await gql<RunAnswer>(t.db, owner, RUN, { id: ids.dt, trajectory: traj });
    expect(r.errors).toBeUndefined();
    const sweep = r.data!.run!.rtgSweep.result;
    expectClose(sweep.rtg, [-1, -0.5, 0, 0.5, 1], { abs: 1e-12 }, "rtg");
    const probs = decodeTensor(sweep.probs);
    expect(probs.shape).toEqual([5, 3]);
    sweep.rtg.forEach((rtg, i) => {
      const ref = referenceActionLogits(DT_CFG, dtModelTensors(), { ...traj, rtg: [...traj.rtg.slice(0, -1), rtg] });
      expectClose(probs.data.subarray(i * 3, i * 3 + 3), softmax(ref[ref.length - 1]), { abs: 1e-5, rel: 1e-4 }, `probs at rtg ${rtg}`);
    });
  });
});

describe("Model.typedSkipTrigrams", () => {
  it("groups a DT's typed skip-trigrams by source type → state → action, as the engine lists them", async () => {
    const r = await gql<{ model: { typedSkipTrigrams: Env<{ sourceType: string; destinationType: string; action: string; totalScore: number; trigrams: { head: string; source: { type: string; label: string }; destination: { type: string }; action: string; score: number; routing: boolean }[] }[]> } }>(
      t.db, owner, `query($id: ID!) { model(id: $id) { typedSkipTrigrams(topK: 12) { state attentionOnly message result { sourceType destinationType action totalScore trigrams { head source { type label index } destination { type label } action actionIndex score qk ov routing } } } } }`, { id: ids.dt });
    expect(r.errors).toBeUndefined();
    const a = r.data!.model.typedSkipTrigrams;
    expect(a).toMatchObject({ state: "READY", attentionOnly: false });
    const { header, tensors } = readSafetensors(dtFile());
    const engine = await typedSkipTrigrams(loadModel(tensors, { metadata: { ...header.metadata } }), 12);
    expect(a.result.map((g) => `${g.sourceType}→${g.destinationType}→${g.action}`)).toEqual(engine.groups.map((g) => `${g.sourceType}→state→${g.action}`));
    for (const g of a.result) {
      for (const x of g.trigrams) expect({ source: x.source.type, destination: x.destination.type, action: x.action }).toEqual({ source: g.sourceType, destination: "state", action: g.action });
      expectClose(g.totalScore, g.trigrams.reduce((s, x) => s + x.score, 0), { rel: 1e-9, abs: 1e-12 }, "totalScore");
    }
    expect(a.result.flatMap((g) => g.trigrams)).toHaveLength(12);
  });
});

describe("trajectory runs refuse what does not fit, naming the field", () => {
  const ask = (id: string, trajectory: unknown) => gql(t.db, owner, `query($id: ID!, $trajectory: TrajectoryInput!) { run(modelId: $id, trajectory: $trajectory) { positions { label } } }`, { id, trajectory });

  it("more steps than n_ctx holds, a state of the wrong width, an action id past the padding row, a timestep past W_time", async () => {
    const long = randomTrajectory(9, 1); // 9 steps = 26 tokens > n_ctx 24
    const cases: [unknown, RegExp][] = [
      [long, /trajectory\.timesteps has 9 steps; the model's n_ctx = 24 holds 1 to 8/],
      [{ ...randomTrajectory(3, 2), states: [Array(12).fill(0), Array(11).fill(0), Array(12).fill(0)] }, /trajectory\.states\[1\] must be an array of n_features = 12 numbers/],
      [{ ...randomTrajectory(3, 2), actions: [0, 4] }, /trajectory\.actions\[1\] is 4; must be an action id in \[0, 4\)/],
      [{ ...randomTrajectory(2, 2), timesteps: [0, 16] }, /trajectory\.timesteps\[1\] is 16; must be an integer in \[0, 15\]/],
      [{ ...randomTrajectory(3, 2), rtg: [0, 1] }, /trajectory\.rtg must be an array of 3 entries/],
    ];
    for (const [traj, message] of cases) {
      const r = await ask(ids.dt, traj);
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors![0].message).toMatch(message);
    }
  });

  it("MAX_TRAJECTORY_STEPS + 1 entries in any field, a state of MAX_STATE_FEATURES + 1 numbers and MAX_TRAJECTORY_NUMBERS + 1 numbers in all, naming the bound", async () => {
    const over = MAX_TRAJECTORY_STEPS + 1;
    const small = randomTrajectory(2, 3);
    const cases: [string, unknown, string][] = [
      ["timesteps", { ...small, timesteps: Array(over).fill(0) }, `trajectory.timesteps: at most ${MAX_TRAJECTORY_STEPS} entries (MAX_TRAJECTORY_STEPS)`],
      ["rtg", { ...small, rtg: Array(over).fill(0) }, `trajectory.rtg: at most ${MAX_TRAJECTORY_STEPS} entries (MAX_TRAJECTORY_STEPS)`],
      ["states", { ...small, states: Array(over).fill([0]) }, `trajectory.states: at most ${MAX_TRAJECTORY_STEPS} entries (MAX_TRAJECTORY_STEPS)`],
      ["actions", { ...small, actions: Array(over).fill(0) }, `trajectory.actions: at most ${MAX_TRAJECTORY_STEPS} entries (MAX_TRAJECTORY_STEPS)`],
      ["features", { ...small, states: [Array(MAX_STATE_FEATURES + 1).fill(0), small.states[1]] }, `trajectory.states: at most ${MAX_STATE_FEATURES} features a state (MAX_STATE_FEATURES)`],
      [
        "numbers",
        // Full states up to the bound, then one number more: MAX_TRAJECTORY_NUMBERS + 1 in all.
        { ...small, states: [...Array<number[]>(MAX_TRAJECTORY_NUMBERS / MAX_STATE_FEATURES).fill(Array(MAX_STATE_FEATURES).fill(0)), [0]] },
        `trajectory.states: at most ${MAX_TRAJECTORY_NUMBERS} numbers in all (MAX_TRAJECTORY_NUMBERS)`,
      ],
    ];
    for (const [name, trajectory, message] of cases) {
      const r = await ask(ids.dt, trajectory);
      expect(codes(r), name).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors![0].message, name).toContain(message);
    }
  });

  it("rtgSweep points and typedSkipTrigrams topK beyond their bounds, before any work", async () => {
    const sweep = await gql(t.db, owner, `query($id: ID!, $trajectory: TrajectoryInput!, $points: Int!) { run(modelId: $id, trajectory: $trajectory) { rtgSweep(points: $points) { state } } }`, { id: ids.dt, trajectory: randomTrajectory(2, 3), points: MAX_SWEEP_POINTS + 1 });
    expect(codes(sweep)).toEqual(["BAD_USER_INPUT"]);
    expect(sweep.errors![0].message).toMatch(new RegExp(`points must be at most ${MAX_SWEEP_POINTS}`));
    const typed = await gql(t.db, owner, `query($id: ID!, $topK: Int!) { model(id: $id) { typedSkipTrigrams(topK: $topK) { state } } }`, { id: ids.dt, topK: MAX_TYPED_TRIGRAMS + 1 });
    expect(codes(typed)).toEqual(["BAD_USER_INPUT"]);
    expect(typed.errors![0].message).toMatch(new RegExp(`topK must be at most ${MAX_TYPED_TRIGRAMS}`));
  });

  it("a trajectory for a token model, tokens for a DT, and token-run fields of a trajectory run", async () => {
    const a = await ask(ids.tiny, randomTrajectory(2, 3));
    expect(codes(a)).toEqual(["BAD_USER_INPUT"]);
    expect(a.errors![0].message).toMatch(/not a decision transformer/);
    const b = await gql(t.db, owner, `query($id: ID!) { run(modelId: $id, tokens: [1, 2]) { positions { label } } }`, { id: ids.dt });
    expect(codes(b)).toEqual(["BAD_USER_INPUT"]);
    expect(b.errors![0].message).toMatch(/decision transformer: give a trajectory/);
    const c = await gql(t.db, owner, `query($id: ID!, $trajectory: TrajectoryInput!) { run(modelId: $id, trajectory: $trajectory) { logits { state } } }`, { id: ids.dt, trajectory: randomTrajectory(2, 3) });
    expect(codes(c)).toEqual(["BAD_USER_INPUT"]);
    expect(c.errors![0].message).toMatch(/logits reads a token run/);
    const d = await gql(t.db, owner, `query($id: ID!) { run(modelId: $id, tokens: [1, 2]) { actionLogits { state } } }`, { id: ids.tiny });
    expect(codes(d)).toEqual(["BAD_USER_INPUT"]);
    const e = await gql(t.db, owner, `query($id: ID!) { model(id: $id) { typedSkipTrigrams { state } } }`, { id: ids.tiny });
    expect(codes(e)).toEqual(["BAD_USER_INPUT"]);
  });
});
