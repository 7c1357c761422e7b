import { describe, expect, it } from "vitest";
import { loadModel } from "@/lib/engine/transformer/weights";
import { typedCircuits, typedRows, typedSkipTrigrams } from "@/lib/engine/circuits/typed";
import type { Tensor } from "@/lib/engine/tensor/tensor";
import "@/lib/engine/linalg/kernels-ts";
import { expectClose } from "@/tests/helpers/tolerance";
import { DT_CFG, dtMetadata, dtTensors } from "@/tests/engine/transformer/dt-fixtures";
import type { FixtureConfig } from "@/tests/engine/transformer/fixtures";

const noLN: FixtureConfig = { ...DT_CFG, ln: false };
const D = 16, E = 4;

/** Float64 rows of the typed inputs, built from the raw tensors in the module's documented order. */
function rawRows(t: Record<string, Tensor>): number[][] {
  const rows = (name: string, n: number, scale = 1) => Array.from({ length: n }, (_, i) => Array.from(t[name].data.subarray(i * D, (i + 1) * D), (v) => v * scale));
  return [...rows("embed.W_E_state", 12), ...rows("embed.W_E_action", 3), ...rows("embed.W_E_rtg", 1, 1), ...rows("embed.W_E_rtg", 1, -1), ...rows("embed.W_time", 16), ...rows("pos_embed.W_pos", 24)];
}

const proj = (x: number[], W: Tensor, h: number, cols: number, inner = D) => Array.from({ length: cols }, (_, e) => x.reduce((s, v, d) => s + v * W.data[(h * inner + d) * cols + e], 0));

describe("typed circuits of a decision transformer", () => {
  it("QK over (state destination, typed source) and OV over (typed source, action) equal dense float64 products of the raw tensors", async () => {
    const t = dtTensors(noLN, 5);
    const model = loadModel(t, { metadata: dtMetadata(noLN), processing: { fold_ln: false } });
    const { rows } = typedRows(model);
    expect(rows.map((r) => r.type).filter((x, i, a) => a.indexOf(x) === i)).toEqual(["state", "action", "rtg", "timestep", "position"]);
    expect(rows.find((r) => r.type === "rtg")!.label).toBe("RTG high");
    const raw = rawRows(t);
    expect(rows.length).toBe(raw.length);
    const c = await typedCircuits(model, 1, 1);
    const blk = "blocks.1.attn.";
    const qk: number[] = [], ov: number[] = [];
    for (let d = 0; d < 12; d++) {
      const q = proj(raw[d], t[blk + "W_Q"], 1, E);
      for (const s of raw) qk.push(q.reduce((acc, v, e) => acc + v * proj(s, t[blk + "W_K"], 1, E)[e], 0));
    }
    for (const s of raw) {
      const out = proj(proj(s, t[blk + "W_V"], 1, E), t[blk + "W_O"], 1, D, E);
      for (let a = 0; a < 3; a++) ov.push(out.reduce((acc, v, d) => acc + v * t["unembed.W_U"].data[d * 3 + a], 0));
    }
    expectClose(c.qk, qk, { abs: 1e-4, rel: 1e-4 }, "typed QK");
    expectClose(c.ov, ov, { abs: 1e-4, rel: 1e-4 }, "typed OV");
  });

  it("ranks skip-trigrams by the product of normalised QK and OV, the best one found by brute force", async () => {
    const model = loadModel(dtTensors(noLN, 6), { metadata: dtMetadata(noLN), processing: { fold_ln: false } });
    const { trigrams, groups } = await typedSkipTrigrams(model, 10);
    expect(trigrams.length).toBe(10);
    for (let i = 1; i < trigrams.length; i++) expect(trigrams[i].score).toBeLessThanOrEqual(trigrams[i - 1].score);
    expect(trigrams.every((x) => x.destination.type === "state")).toBe(true);
    // Brute force over every head, destination, source and action.
    let best = { score: -1, head: "", d: -1, s: -1, a: -1 };
    const R = typedRows(model).rows.length;
    for (const [l, h] of [[0, 0], [0, 1], [1, 0], [1, 1]]) {
      const c = await typedCircuits(model, l, h);
      const qkMax = Math.max(...c.qk), ovMax = Math.max(...c.ov);
      for (let d = 0; d < 12; d++) for (let s = 0; s < R; s++) for (let a = 0; a < 3; a++) {
        const qk = c.qk[d * R + s], ov = c.ov[s * 3 + a];
        if (qk > 0 && ov > 0 && (qk / qkMax) * (ov / ovMax) > best.score) best = { score: (qk / qkMax) * (ov / ovMax), head: `${l}.${h}`, d, s, a };
      }
    }
    expect(trigrams[0]).toMatchObject({ head: best.head, action: { index: best.a } });
    expect(trigrams[0].destination.index).toBe(best.d);
    expect(Math.abs(trigrams[0].score - best.score)).toBeLessThan(1e-9);
    expect(groups.reduce((n, g) => n + g.trigrams.length, 0)).toBe(10);
    for (const g of groups) expect(g.trigrams.every((x) => x.source.type === g.sourceType && x.action.label === g.action)).toBe(true);
  });

  it("marks a head's rows 'routing, not direct' when its output misses W_U's span and an MLP follows, never without MLPs", async () => {
    for (const withMlp of [true, false]) {
      const c: FixtureConfig = { ...noLN, d_mlp: withMlp ? 32 : undefined };
      const t = dtTensors(c, 7);
      // Head 0.0 writes only into dims 8..15; W_U reads only dims 0..7.
      for (let e = 0; e < E; e++) for (let d = 0; d < 8; d++) t["blocks.0.attn.W_O"].data[e * D + d] = 0;
      for (let d = 8; d < D; d++) for (let a = 0; a < 3; a++) t["unembed.W_U"].data[d * 3 + a] = 0;
      const model = loadModel(t, { metadata: dtMetadata(c), processing: { fold_ln: false } });
      const head00 = await typedCircuits(model, 0, 0);
      expect(Math.max(...head00.directFraction)).toBeLessThan(1e-6);
      expect(head00.routing.every((r) => r === withMlp)).toBe(true);
      const head01 = await typedCircuits(model, 0, 1);
      expect(Math.min(...head01.directFraction)).toBeGreaterThan(0);
    }
  });
});
