// The CLI on the shipped gridworld DT (models/gridworld-dt-1l) and on token models (issue 10 item 6):
// `run --trajectory --json` equals the engine's runTrajectory / decomposeLogits / rtgSweep called
// directly on the same file; `skip-trigrams --json` of a DT is the engine's typedSkipTrigrams;
// `run --tokens --json` carries the attention-only share (1 at every position of an attention-only
// model by construction, below 1 with MLPs); a token model's vocab_segments group its trigrams.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typedSkipTrigrams } from "@/lib/engine/circuits/typed";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { sampleEpisode } from "@/lib/engine/env/gridworld";
import { episodeTrajectory } from "@/lib/engine/env/gridworld-rollout";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { mulberry32 } from "@/lib/engine/train/prng";
import { batchShare, decomposeLogits } from "@/lib/engine/transformer/attention-share";
import { rtgSweep, runTrajectory, type Trajectory } from "@/lib/engine/transformer/dt-forward";
import { runWithCache } from "@/lib/engine/transformer/forward";
import type { AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { geluFile, geluMetadata, geluTensors } from "@/tests/api/mlp-dt-models";
import { tinyModel } from "@/tests/api/tiny-model";
import { expectClose } from "@/tests/helpers/tolerance";
import { cli } from "./run-cli";

const DT = join(__dirname, "../../models/gridworld-dt-1l/model.safetensors");
let dir = "";
let dt: AttnOnlyModel;
const path = (name: string) => join(dir, name);

/** A seeded episode of the gridworld's behaviour mixture as DT-FORMAT.md's trajectory, cut to `steps`. */
function seededTrajectory(seed: number, steps: number): Trajectory {
  const e = sampleEpisode(mulberry32(seed));
  return episodeTrajectory(e.states.slice(0, steps), e.actions, e.return);
}

async function json(argv: string[]) {
  const r = await cli([...argv, "--json"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

beforeAll(async () => {
  process.env.CIRCUITBOARD_KERNELS = "ts";
  dir = await mkdtemp(join(tmpdir(), "circuitboard-gridworld-"));
  dt = await loadModelFile(DT);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("circuitboard on models/gridworld-dt-1l", () => {
  it("run --trajectory: actionLogits [T][n_actions], typed positions, patterns, share and sweep equal the engine's", async () => {
    const traj = seededTrajectory(7, 6);
    const T = traj.timesteps.length;
    expect(T).toBeGreaterThan(2);
    await writeFile(path("traj.json"), JSON.stringify(traj));
    const r = await json(["run", DT, "--trajectory", path("traj.json"), "--rtg-points", "5"]);

    const run = await runTrajectory(dt, traj, { kernels: tsKernels });
    const A = dt.dt!.spec.actions.labels.length;
    expect(r.actions).toEqual(dt.dt!.spec.actions.labels);
    expect(r.actionLogits).toHaveLength(T);
    for (const row of r.actionLogits) expect(row).toHaveLength(A);
    expectClose(r.actionLogits.flat(), run.actionLogits.flat(), { rel: 1e-6, abs: 1e-6 }, "actionLogits");
    // Labelled attention: 3 tokens a step but the last (R s a … R s), each typed and timestamped.
    const n = 3 * T - 1;
    expect(r.positions.map((p: { type: string }) => p.type)).toEqual(Array.from({ length: n }, (_, i) => ["rtg", "state", "action"][i % 3]));
    expect(r.positions.map((p: { timestep: number }) => p.timestep)).toEqual(Array.from({ length: n }, (_, i) => Math.floor(i / 3)));
    expect(r.patterns).toHaveLength(1);
    expect(r.patterns[0]).toHaveLength(dt.config.n_heads);
    expectClose(r.patterns.flat(3), Array.from(run.cache.pattern[0].data), { rel: 1e-6, abs: 1e-7 }, "patterns");

    const d = await decomposeLogits(dt, run.cache, { kind: "logit" }, run.layout.statePositions);
    expectClose(r.attentionShare.positions.map((p: { total: number }) => p.total), Array.from(d.total), { rel: 1e-6, abs: 1e-6 }, "decomposed totals");
    expect(r.attentionShare.mean).toBeCloseTo(batchShare([d]).mean, 10);
    // An attention-only DT: the direct and attention paths carry all of it, no MLP terms.
    expect(r.attentionShare.mean).toBeCloseTo(1, 10);
    expect(r.attentionShare.terms.some((t: { group: string }) => t.group === "mlp")).toBe(false);
    // Decomposed at the state tokens, whose logit is the top action.
    r.attentionShare.positions.forEach((p: { position: number; target: number; total: number }, t: number) => {
      expect(r.positions[p.position].type).toBe("state");
      expect(p.target).toBe(run.actionLogits[t].indexOf(Math.max(...run.actionLogits[t])));
      expect(p.total).toBeCloseTo(run.actionLogits[t][p.target], 4);
    });

    const sweep = await rtgSweep(dt, traj, 5, { kernels: tsKernels });
    expect(r.rtgSweep.rtg).toEqual(sweep.rtg);
    expectClose(r.rtgSweep.probs.flat(), sweep.probs.flat(), { rel: 1e-6, abs: 1e-7 }, "rtgSweep");
    expect(r.rtgSweep.rtg[0]).toBe(dt.dt!.spec.rtg.min);
    expect(r.rtgSweep.rtg[4]).toBe(dt.dt!.spec.rtg.max);
  });

  it("skip-trigrams: the typed skip-trigrams and groups of the engine, --head refused", async () => {
    const r = await json(["skip-trigrams", DT, "--top-k", "12"]);
    const want = await typedSkipTrigrams(dt, 12, { kernels: tsKernels });
    expect(r.typed).toBe(true);
    expect(r.attentionOnly).toBe(true);
    expect(r.trigrams.map((t: { head: string; source: { label: string }; destination: { label: string }; action: string }) => [t.head, t.source.label, t.destination.label, t.action])).toEqual(
      want.trigrams.map((t) => [t.head, t.source.label, t.destination.label, t.action.label]),
    );
    expectClose(r.trigrams.map((t: { score: number }) => t.score), want.trigrams.map((t) => t.score), { rel: 1e-6, abs: 0 }, "scores");
    expect(r.trigrams.every((t: { destination: { type: string } }) => t.destination.type === "state")).toBe(true);
    expect(r.groups.map((g: { sourceType: string; action: string; count: number }) => [g.sourceType, g.action, g.count])).toEqual(want.groups.map((g) => [g.sourceType, g.action, g.trigrams.length]));
    expect(r.groups.reduce((s: number, g: { count: number }) => s + g.count, 0)).toBe(12);
    const refused = await cli(["skip-trigrams", DT, "--head", "0.0", "--json"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/leave out --head/);
  });
});

describe("circuitboard on token models", () => {
  it("run --tokens carries the attention-only share: 1 without MLPs, below 1 with them, totals equal to the top logit", async () => {
    await writeFile(path("tiny.safetensors"), tinyModel({ biases: true }));
    await writeFile(path("gelu.safetensors"), geluFile());
    const tiny = await json(["run", path("tiny.safetensors"), "--tokens", "1,4,2,3"]);
    expect(Object.keys(tiny).sort()).toEqual(["attentionShare", "logits", "patterns", "tokens"]);
    for (const p of tiny.attentionShare.positions) expect(p.share).toBeCloseTo(1, 10);
    const gelu = await json(["run", path("gelu.safetensors"), "--tokens", "1,4,2,6", "--top-k", "2"]);
    expect(gelu.attentionShare.positions).toHaveLength(4);
    gelu.attentionShare.positions.forEach((p: { target: number; total: number; share: number; direct: number; attention: number; mlp: number }, i: number) => {
      expect(p.target).toBe(gelu.top[i][0].token);
      expectClose([p.total], [gelu.top[i][0].logit], { rel: 1e-4, abs: 1e-5 }, "decomposed total = top logit");
      expectClose([p.direct + p.attention + p.mlp], [p.total], { rel: 1e-4, abs: 1e-5 }, "groups add up");
      expect(p.share).toBeLessThan(1);
    });
    const model = await loadModelFile(path("gelu.safetensors"));
    const d = await decomposeLogits(model, await runWithCache(model, [1, 4, 2, 6], { kernels: tsKernels, logProbs: false }));
    expect(gelu.attentionShare.mean).toBeCloseTo(batchShare([d]).mean, 10);
  });

  it("skip-trigrams of a model with vocab_segments groups each head's trigrams by segment", async () => {
    const segments = [{ name: "low", start: 0, end: 3 }, { name: "high", start: 3, end: 6 }];
    await writeFile(path("seg.safetensors"), geluFile(geluTensors(), { ...geluMetadata(), vocab_segments: JSON.stringify(segments) }));
    const r = await json(["skip-trigrams", path("seg.safetensors"), "--head", "0.1", "--top-k", "8"]);
    expect(r.segments).toEqual(segments);
    const model = await loadModelFile(path("seg.safetensors"));
    const want = await skipTrigrams(model.weights, 0, 1, 8, { kernels: tsKernels });
    const h = r.heads[0];
    expect(h.trigrams.map((t: { source: number }) => t.source)).toEqual(want.map((t) => t.source));
    const seg = (id: number) => (id < 3 ? "low" : id < 6 ? "high" : null);
    const seen: number[] = [];
    for (const g of h.segmentGroups) {
      for (const i of g.trigrams) {
        const t = want[i];
        expect([seg(t.source), seg(t.destination), seg(t.output)]).toEqual([g.sourceSegment, g.destinationSegment, g.outputSegment]);
        seen.push(i);
      }
      expect(g.count).toBe(g.trigrams.length);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(want.map((_, i) => i));
  });
});
