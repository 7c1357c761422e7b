import { describe, expect, it } from "vitest";
import { loadModel } from "@/lib/engine/transformer/weights";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { batchShare, decomposeLogits } from "@/lib/engine/transformer/attention-share";
import "@/lib/engine/linalg/kernels-ts";
import { expectClose, F32 } from "@/tests/helpers/tolerance";
import { randomTensors, type FixtureConfig } from "./fixtures";

const mlpCfg: FixtureConfig = { n_layers: 2, n_heads: 2, d_model: 12, d_head: 3, d_vocab: 17, n_ctx: 10, d_mlp: 24, act_fn: "gelu", biases: true, ln: true };
const meta = { config: JSON.stringify({ act_fn: "gelu" }) };
const tokens = [3, 7, 7, 1, 16, 0, 3, 7, 9];

async function setup(c: FixtureConfig, seed: number, scaleOut = 1) {
  const t = randomTensors(c, seed);
  for (const [name, w] of Object.entries(t)) if (/mlp\.(W_out|b_out)$/.test(name)) t[name] = { data: w.data.map((v) => v * scaleOut), shape: w.shape };
  const model = loadModel(t, { metadata: c.d_mlp ? meta : undefined });
  return { model, cache: await runWithCache(model, tokens) };
}

describe("decomposeLogits (direct logit attribution with ln_final's scale frozen)", () => {
  it("its terms add up to the model's top logit at every position of an MLP model", async () => {
    const { model, cache } = await setup(mlpCfg, 1);
    const d = await decomposeLogits(model, cache);
    const V = mlpCfg.d_vocab;
    const logitOfTop = d.positions.map((p, i) => cache.logits.data[p * V + d.tokens[i]]);
    for (let p = 0; p < tokens.length; p++) {
      const row = Array.from(cache.logits.data.subarray(p * V, (p + 1) * V));
      expect(d.tokens[p]).toBe(row.indexOf(Math.max(...row)));
    }
    const sums = d.positions.map((_, i) => d.terms.reduce((s, t) => s + t.values[i], 0));
    expectClose(sums, logitOfTop, F32, "sum of terms");
    expect(d.terms.filter((t) => t.group === "mlp").map((t) => t.name)).toEqual(["mlp.0", "mlp.1"]);
    expect(d.terms.filter((t) => t.group === "attention").length).toBe(2 * 2 + 2 * 2); // 4 heads + 4 virtual heads
  });

  it("its terms add up to a chosen logit difference at chosen positions", async () => {
    const { model, cache } = await setup(mlpCfg, 2);
    const V = mlpCfg.d_vocab;
    const d = await decomposeLogits(model, cache, { kind: "difference", a: 5, b: 11 }, [2, 8]);
    const want = [2, 8].map((p) => cache.logits.data[p * V + 5] - cache.logits.data[p * V + 11]);
    expectClose(d.positions.map((_, i) => d.terms.reduce((s, t) => s + t.values[i], 0)), want, F32, "difference");
    expectClose(d.total, want, F32, "total");
    expectClose(d.positions.map((_, i) => d.groups.direct[i] + d.groups.attention[i] + d.groups.mlp[i]), want, F32, "groups");
  });

  it("gives 100% to direct + attention paths in an attention-only model, at every position and over a batch", async () => {
    const { model, cache } = await setup({ ...mlpCfg, d_mlp: undefined }, 3);
    const d = await decomposeLogits(model, cache);
    expect([...d.share]).toEqual(tokens.map(() => 1));
    expect(d.terms.some((t) => t.group === "mlp")).toBe(false);
    expect(batchShare([d, d]).mean).toBe(1);
  });

  it("gives the MLPs a share that vanishes with their output and grows with it", async () => {
    const shares: number[] = [];
    for (const s of [0, 0.3, 3]) {
      const { model, cache } = await setup(mlpCfg, 4, s);
      shares.push(batchShare([await decomposeLogits(model, cache)]).mean);
    }
    expect(shares[0]).toBe(1);
    expect(shares[1]).toBeLessThan(1);
    expect(shares[2]).toBeLessThan(shares[1]);
  });

  it("averages over every position of a batch", async () => {
    const a = await setup(mlpCfg, 5);
    const b = await setup(mlpCfg, 6);
    const da = await decomposeLogits(a.model, a.cache, { kind: "logit", token: 4 }, [0, 1, 2]);
    const db = await decomposeLogits(b.model, b.cache, { kind: "logit", token: 4 });
    const all = [...da.share, ...db.share];
    expect(batchShare([da, db])).toEqual({ mean: all.reduce((x, y) => x + y) / all.length, positions: 3 + tokens.length });
  });

  it("refuses logit ids and positions out of range", async () => {
    const { model, cache } = await setup(mlpCfg, 7);
    await expect(decomposeLogits(model, cache, { kind: "logit", token: 17 })).rejects.toThrow("token 17 is not a logit id in [0, 17)");
    await expect(decomposeLogits(model, cache, { kind: "difference", a: 0, b: -1 })).rejects.toThrow("b -1 is not a logit id");
    await expect(decomposeLogits(model, cache, undefined, [9])).rejects.toThrow("position 9 is not in [0, 9)");
  });
});
