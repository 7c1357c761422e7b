// `circuitboard run <dt> --trajectory FILE --json` (docs/CLI.md): the DT fixture of
// tests/engine/transformer/dt-fixtures.ts written by the tests' own safetensors builder; action
// logits checked against the float64 reference forward pass, the other keys by their invariants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_TRAJECTORY_FILE_BYTES } from "@/lib/cli/trajectory";
import { cli } from "./run-cli";
import { dtFile, dtModelTensors, DT_CFG } from "@/tests/api/mlp-dt-models";
import { randomTrajectory, referenceActionLogits } from "@/tests/engine/transformer/dt-fixtures";
import { expectClose } from "@/tests/helpers/tolerance";
import { tinyModel } from "@/tests/api/tiny-model";

let dir = "";
let dtPath = "";
let tokenPath = "";

async function trajectoryFile(name: string, content: unknown): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

beforeAll(async () => {
  process.env.CIRCUITBOARD_KERNELS = "ts";
  dir = await mkdtemp(join(tmpdir(), "circuitboard-dt-"));
  dtPath = join(dir, "dt.safetensors");
  tokenPath = join(dir, "tiny.safetensors");
  await writeFile(dtPath, dtFile());
  await writeFile(tokenPath, tinyModel());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("circuitboard run --trajectory", () => {
  it("prints the documented keys; actionLogits equal the float64 reference within 1e-4 relative", async () => {
    const traj = randomTrajectory(4, 31);
    const { code, out, err } = await cli(["run", dtPath, "--trajectory", await trajectoryFile("t.json", traj), "--rtg-points", "3", "--json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r).sort()).toEqual(["actionLogits", "actions", "attentionShare", "patterns", "positions", "rtgSweep"]);
    expect(r.actions).toEqual(["left", "right", "forward"]);
    expect(r.positions[4]).toEqual({ index: 4, type: "state", timestep: 1, label: "s1" });
    const want = referenceActionLogits(DT_CFG, dtModelTensors(), traj);
    const scale = Math.max(...want.flat().map(Math.abs));
    expectClose(r.actionLogits.flat(), want.flat(), { rel: 1e-4, abs: 1e-4 * scale }, "actionLogits");
    expect(r.patterns).toHaveLength(DT_CFG.n_layers);
    expect(r.patterns[0]).toHaveLength(DT_CFG.n_heads);
    expect(r.patterns[0][0]).toHaveLength(11);
    const s = r.attentionShare;
    expect(s.positions.map((p: { label: string }) => p.label)).toEqual(["s0", "s1", "s2", "s3"]);
    s.positions.forEach((p: { total: number; direct: number; attention: number; mlp: number; share: number; targetLabel: string }, i: number) => {
      expect(p.targetLabel).toBe(r.actions[want[i].indexOf(Math.max(...want[i]))]);
      expectClose(p.direct + p.attention + p.mlp, p.total, { abs: 1e-4, rel: 1e-4 }, "groups add up");
      expect(p.share).toBeGreaterThan(0);
      expect(p.share).toBeLessThan(1);
    });
    expect(r.rtgSweep.rtg).toEqual([-1, 0, 1]);
    for (const row of r.rtgSweep.probs) expectClose(row.reduce((a: number, b: number) => a + b, 0), 1, { abs: 1e-6 }, "probabilities");
  });

  it("says the top action and share per state in text mode", async () => {
    const { code, out } = await cli(["run", dtPath, "--trajectory", await trajectoryFile("t2.json", randomTrajectory(2, 3))]);
    expect(code).toBe(0);
    expect(out).toMatch(/^mean attention-only share \d+\.\d%/);
    expect(out).toMatch(/s1: top action (left|right|forward) \(-?\d+\.\d{3}\), attention-only share \d+\.\d%/);
  });

  it("refuses a trajectory that does not fit, naming the field, and the wrong kind of model or flags", async () => {
    const bad: [unknown, RegExp][] = [
      [{ ...randomTrajectory(2, 1), states: [Array(12).fill(0), Array(5).fill(0)] }, /trajectory\.states\[1\] must be an array of n_features = 12 numbers/],
      ['{"timesteps":[0],"rtg":[1e999],"states":[[0,0,0,0,0,0,0,0,0,0,0,0]],"actions":[]}', /trajectory\.rtg\.0: /],
      [randomTrajectory(9, 1), /trajectory\.timesteps has 9 steps; the model's n_ctx = 24 holds 1 to 8/],
      ["{not json", /is not valid JSON/],
      [{ timesteps: [0], rtg: [0], states: [[0]], actions: "x" }, /trajectory\.actions: /],
    ];
    for (const [content, message] of bad) {
      const r = await cli(["run", dtPath, "--trajectory", await trajectoryFile("bad.json", content), "--json"]);
      expect({ code: r.code, out: r.out }).toEqual({ code: 2, out: "" });
      expect(r.err).toMatch(message);
    }
    const t = await trajectoryFile("ok.json", randomTrajectory(2, 1));
    const token = await cli(["run", tokenPath, "--trajectory", t, "--json"]);
    expect(token.code).toBe(2);
    expect(token.err).toMatch(/--trajectory needs a decision transformer/);
    const tokens = await cli(["run", dtPath, "--tokens", "1,2", "--json"]);
    expect(tokens.code).toBe(2);
    expect(tokens.err).toMatch(/give --trajectory FILE/);
    const points = await cli(["run", dtPath, "--trajectory", t, "--rtg-points", "65", "--json"]);
    expect(points.code).toBe(2);
    expect(points.err).toMatch(/--rtg-points must be at most 64/);
  });

  it(`reads a trajectory file of exactly MAX_TRAJECTORY_FILE_BYTES (${MAX_TRAJECTORY_FILE_BYTES}) bytes and refuses one byte more before parsing it`, async () => {
    const json = JSON.stringify(randomTrajectory(2, 5));
    // Trailing spaces are valid JSON: the file's size is the only difference.
    const at = await trajectoryFile("at-bound.json", json + " ".repeat(MAX_TRAJECTORY_FILE_BYTES - json.length));
    const ok = await cli(["run", dtPath, "--trajectory", at, "--json"]);
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).actionLogits).toHaveLength(2);
    const over = await trajectoryFile("over-bound.json", json + " ".repeat(MAX_TRAJECTORY_FILE_BYTES - json.length + 1));
    const refused = await cli(["run", dtPath, "--trajectory", over, "--json"]);
    expect({ code: refused.code, out: refused.out }).toEqual({ code: 2, out: "" });
    expect(refused.err).toContain(`is ${MAX_TRAJECTORY_FILE_BYTES + 1} bytes, more than ${MAX_TRAJECTORY_FILE_BYTES} (MAX_TRAJECTORY_FILE_BYTES)`);
  });
});
