// Head matching: the Hungarian assignment on hand-worked matrices, and a model against a copy of
// itself with the heads of each layer permuted (the permutation must be recovered exactly).
import { describe, expect, it } from "vitest";
import { assignMax, headLineage, matchHeads, type HeadMatchInput } from "@/lib/engine/circuits/head-matching";
import { initParams, type ParamSet } from "@/lib/engine/train/params";

const cfg = { n_layers: 2, n_heads: 4, d_model: 32, d_head: 4, d_vocab: 20, n_ctx: 8, positional_embedding_type: "standard" as const, biases: false };

function input(p: ParamSet): HeadMatchInput {
  const blocks = [0, 1].map((l) => ({
    W_Q: p[`blocks.${l}.attn.W_Q`], W_K: p[`blocks.${l}.attn.W_K`], W_V: p[`blocks.${l}.attn.W_V`], W_O: p[`blocks.${l}.attn.W_O`],
  }));
  return { blocks, W_E: p["embed.W_E"], W_U: p["unembed.W_U"] };
}

/** Copy of p whose head h of layer l is head perm[l][h] of p. */
function permuted(p: ParamSet, perm: number[][]): ParamSet {
  const out: ParamSet = { ...p };
  for (const l of [0, 1]) {
    for (const w of ["W_Q", "W_K", "W_V", "W_O"]) {
      const t = p[`blocks.${l}.attn.${w}`];
      const stride = t.data.length / cfg.n_heads;
      const data = new Float64Array(t.data.length);
      for (let h = 0; h < cfg.n_heads; h++) data.set(t.data.subarray(perm[l][h] * stride, (perm[l][h] + 1) * stride), h * stride);
      out[`blocks.${l}.attn.${w}`] = { data, shape: t.shape };
    }
  }
  return out;
}

describe("assignMax", () => {
  it("finds the maximum-weight assignment of a hand-worked 3×3 matrix where greedy fails", () => {
    // Greedy takes (0,0)=9, then (1,1)=1 and (2,2)=7: 17. The optimum is 8+8+7 = 23: 0→1, 1→0, 2→2.
    const w = [9, 8, 0, 8, 1, 0, 0, 0, 7];
    expect([...assignMax(w, 3)]).toEqual([1, 0, 2]);
  });

  it("returns the identity on an identity matrix and rejects a wrongly sized matrix", () => {
    expect([...assignMax([1, 0, 0, 1], 2)]).toEqual([0, 1]);
    expect(() => assignMax([1, 2, 3], 2)).toThrow(/weights has 3 entries, expected 2×2/);
  });
});

describe("matchHeads", () => {
  const p = initParams(cfg, 11);
  const perm = [[2, 0, 3, 1], [1, 3, 0, 2]];
  const q = permuted(p, perm);

  for (const space of ["residual", "vocab"] as const) {
    it(`matches a model to its head-permuted copy exactly, with similarity 1, in ${space} space`, () => {
      const m = matchHeads(input(q), input(p), { space });
      for (const l of [0, 1]) {
        for (const pair of m.layers[l].pairs) {
          const h = Number(pair.a.split(".")[1]);
          expect(pair.b).toBe(`${l}.${perm[l][h]}`);
          expect(pair.similarity).toBeCloseTo(1, 10);
        }
      }
    });
  }

  it("scores unrelated random heads near the random-subspace baseline d_head / d_model", () => {
    const m = matchHeads(input(p), input(initParams(cfg, 99)));
    expect(m.baseline).toBe(4 / 32);
    const all = m.layers.flatMap((l) => [...l.similarity]);
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(0.25);
  });

  it("refuses models of different shapes, naming them", () => {
    const other = initParams({ ...cfg, d_head: 8 }, 1);
    expect(() => matchHeads(input(p), input(other))).toThrow(/W_Q shapes differ, \[4, 32, 4\] vs \[4, 32, 8\]/);
  });
});

describe("headLineage", () => {
  it("traces each head of the last checkpoint to its permuted position in earlier checkpoints", () => {
    const p = initParams(cfg, 5);
    const perm = [[3, 2, 1, 0], [0, 2, 1, 3]];
    const lineage = headLineage([input(permuted(p, perm)), input(p)]);
    expect(lineage.map((h) => h.head)).toEqual(["0.0", "0.1", "0.2", "0.3", "1.0", "1.1", "1.2", "1.3"]);
    for (const h of lineage) {
      const [l, i] = h.head.split(".").map(Number);
      // Head i of the last checkpoint sits where perm places it in the first: index j with perm[l][j] = i.
      expect(h.trace[0].head).toBe(`${l}.${perm[l].indexOf(i)}`);
      expect(h.trace[1]).toEqual({ checkpoint: 1, head: h.head, similarity: expect.closeTo(1, 10) });
    }
  });
});
