import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cli } from "./run-cli";
import { writeSafetensors } from "@/lib/engine/io/safetensors-writer";
import { expectClose } from "@/tests/helpers/tolerance";
import { inductionTensors, T, V } from "@/tests/fixtures/circuits/hand-models";

let dir = "";
let modelPath = "";

beforeAll(async () => {
  process.env.CIRCUITBOARD_KERNELS = "ts";
  dir = await mkdtemp(join(tmpdir(), "circuitboard-cli-"));
  modelPath = join(dir, "induction.safetensors");
  const { tensors, config } = inductionTensors();
  await writeFile(modelPath, writeSafetensors(tensors, { config }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("circuitboard analyze", () => {
  it("prints the head report of the hand-built induction model with the documented keys", async () => {
    const { code, out, err } = await cli(["analyze", modelPath, "--json", "--baseline-samples", "10"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.config).toMatchObject({ n_layers: 2, n_heads: 2, d_vocab: V, n_ctx: T, positional_embedding_type: "shortformer" });
    expect(r.heads.map((h: { name: string }) => h.name)).toEqual(["0.0", "0.1", "1.0", "1.1"]);
    for (const h of r.heads) {
      for (const k of ["previousToken", "duplicateToken", "induction", "inductionStripe", "ovCopying", "qkTokenPositivity", "qkPositionalPositivity"]) expect(typeof h[k], k).toBe("number");
    }
    const h10 = r.heads[2];
    expect(h10).toMatchObject({ layer: 1, head: 0 });
    expect(h10.labels).toEqual(expect.arrayContaining([expect.objectContaining({ label: "induction", partner: "0.0", mechanism: "k-composition" })]));
    expect(r.heads[0].labels.map((l: { label: string }) => l.label)).toContain("previous-token");
    // Composition in TL layout [layer, head, layer, head]: zero unless layer₁ < layer₂.
    for (const m of ["Q", "K", "V"]) {
      expect(r.composition[m]).toHaveLength(2);
      expect(r.composition[m][0]).toHaveLength(2);
      expect(r.composition[m][0][0]).toHaveLength(2);
      expect(r.composition[m][1][0][0][1]).toBe(0);
    }
    // 0.0 writes e_prev(t); 1.0's keys read exactly that: K score 1/√32 by construction (see fixture).
    expect(Math.abs(r.composition.K[0][0][1][0] - 1 / Math.sqrt(32))).toBeLessThan(1e-6);
    expect(r.compositionBaseline.samples).toBe(10);
  });

  it("uses the caller's token sequences for the TL detectors", async () => {
    const tokensPath = join(dir, "tokens.json");
    await writeFile(tokensPath, JSON.stringify([[1, 2, 3, 1, 2, 3]]));
    const { code, out } = await cli(["analyze", modelPath, "--tokens", tokensPath, "--json", "--baseline-samples", "0"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.probes.detectorTokens).toBe("caller");
    // Hand-derived: 0.0 attends from q to q−1 (row 0 to itself): previous-token score 5/6.
    expect(Math.abs(r.heads[0].previousToken - 5 / 6)).toBeLessThan(1e-6);
  });

  it("fails clearly on a missing file and on a malformed tokens file", async () => {
    const missing = await cli(["analyze", join(dir, "nope.safetensors"), "--json"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("no such file");
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ tokens: [1] }));
    const r = await cli(["analyze", modelPath, "--tokens", bad, "--json"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("must be a JSON array of token-id arrays");
    const big = join(dir, "big.json");
    await writeFile(big, JSON.stringify([[1, V]]));
    expect((await cli(["analyze", modelPath, "--tokens", big])).err).toContain(`token ${V} at position 1, not an id in [0, d_vocab = ${V})`);
  });
});

describe("circuitboard run and circuits", () => {
  it("run prints patterns [layer][head][query][key] and logits [pos][vocab]", async () => {
    const { code, out } = await cli(["run", modelPath, "--tokens", "4,5,4", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.tokens).toEqual([4, 5, 4]);
    expect(r.patterns).toHaveLength(2);
    expect(r.patterns[0][0]).toHaveLength(3);
    expect(r.patterns[0][0][2]).toHaveLength(3);
    // Head 0.0 at query 2 attends to key 1 (hand-built previous-token head); causal zeros above the diagonal.
    expect(r.patterns[0][0][2][1]).toBeGreaterThan(0.999);
    expect(r.patterns[1][0][0][1]).toBe(0);
    expect(r.logits).toHaveLength(3);
    expect(r.logits[0]).toHaveLength(V);
    // Position 2 (token 4): the direct path W_E W_U = I gives token 4 a logit of 1. Head 1.0's keys
    // match where the previous-token slot holds 4: key 1 (after the 4 at 0) and key 0 (0.0's row 0
    // attends to itself, so position 0's slot also holds 4): half each, copying 4 and 5 with 0.5.
    // W_U reads nothing else (see fixture).
    const want = Array.from({ length: V }, (_, t) => (t === 4 ? 1.5 : t === 5 ? 0.5 : 0));
    expectClose(r.logits[2], want, { abs: 1e-6 }, "logits at position 2");
  });

  it("circuits prints the top OV and QK entries of a head", async () => {
    const { code, out } = await cli(["circuits", modelPath, "--head", "1.0", "--ov-topk", "3", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.head).toBe("1.0");
    expect(r.ov.top).toHaveLength(3);
    // W_E W_OV W_U of 1.0 is the identity: every top entry is a diagonal 1.
    for (const e of r.ov.top) {
      expect(e).toMatchObject({ value: 1 });
      expect(e.source).toBe(e.output);
    }
    expect(r.qk.top).toHaveLength(3);
  });

  it("rejects a bad head name with a usage error", async () => {
    const r = await cli(["circuits", modelPath, "--head", "2.0", "--json"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad head name "2.0": expected L.H with 0 ≤ L < 2 and 0 ≤ H < 2');
    expect((await cli(["circuits", modelPath, "--head", "x"])).code).toBe(2);
    expect((await cli(["frobnicate", modelPath])).err).toContain('unknown command "frobnicate"');
  });

  it("runs as the installed bin (tsx API) and exits non-zero on errors", async () => {
    const run = promisify(execFile);
    const bin = join(process.cwd(), "bin/circuitboard.mjs");
    const { stdout } = await run("node", [bin, "run", modelPath, "--tokens", "1,2", "--json"], { env: { ...process.env, CIRCUITBOARD_KERNELS: "ts" } });
    expect(JSON.parse(stdout).tokens).toEqual([1, 2]);
    await expect(run("node", [bin, "run", join(dir, "missing.safetensors"), "--tokens", "1"])).rejects.toMatchObject({ code: 1 });
  });
});
