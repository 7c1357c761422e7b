// Probe batches (lib/engine/circuits/probes): the token range option and the metadata probe hint.
import { describe, expect, it } from "vitest";
import { PROBE_HINT_KEY, probeHint, repeatedRandomTokens, variedPeriodTokens } from "@/lib/engine/circuits/probes";

describe("repeatedRandomTokens and variedPeriodTokens with a token range", () => {
  it("draw every token from [lo, hi), keep the r r shape, and leave the default [0, d_vocab) draw unchanged", () => {
    const seqs = repeatedRandomTokens(100, 12, { batch: 5, seed: 3, tokenRange: [40, 45] });
    for (const s of seqs) {
      expect(s).toHaveLength(24);
      expect(s.slice(0, 12)).toEqual(s.slice(12));
      for (const t of s) expect(t >= 40 && t < 45).toBe(true);
    }
    expect(new Set(seqs.flat()).size).toBe(5);
    expect(repeatedRandomTokens(100, 12, { batch: 5, seed: 3, tokenRange: [0, 100] })).toEqual(repeatedRandomTokens(100, 12, { batch: 5, seed: 3 }));
    const varied = variedPeriodTokens(100, 20, 3, 10, { batch: 3, seed: 1, tokenRange: [7, 9] });
    for (const t of varied.tokens.flat()) expect(t === 7 || t === 8).toBe(true);
  });

  it("refuse a range outside [0, d_vocab) or empty, naming the operation", () => {
    expect(() => repeatedRandomTokens(10, 3, { tokenRange: [5, 11] })).toThrow("repeatedRandomTokens: token range [5, 11) must satisfy 0 ≤ lo < hi ≤ d_vocab = 10");
    expect(() => variedPeriodTokens(10, 8, 2, 4, { tokenRange: [4, 4] })).toThrow(/variedPeriodTokens: token range \[4, 4\)/);
  });
});

describe("probeHint", () => {
  const shape = { n_ctx: 32, d_vocab: 50 };
  it("reads repeatLength and tokenRange from the model's metadata, keeping only the fields that fit the model", () => {
    expect(probeHint({ [PROBE_HINT_KEY]: JSON.stringify({ repeatLength: 10, tokenRange: [2, 50] }) }, shape)).toEqual({ repeatLength: 10, tokenRange: [2, 50] });
    expect(probeHint({ [PROBE_HINT_KEY]: JSON.stringify({ repeatLength: 17, tokenRange: [2, 51] }) }, shape)).toEqual({});
    expect(probeHint({ [PROBE_HINT_KEY]: JSON.stringify({ repeatLength: 2.5, tokenRange: [3, 1] }) }, shape)).toEqual({});
    expect(probeHint({ [PROBE_HINT_KEY]: "{not json" }, shape)).toEqual({});
    expect(probeHint({ [PROBE_HINT_KEY]: "x".repeat(1001) }, shape)).toEqual({});
    expect(probeHint({}, shape)).toEqual({});
  });
});
