import { describe, expect, it } from "vitest";
import { baselineRange, nestScores } from "@/app/models/[id]/composition/composition-scale";
import { compositionGrid } from "@/lib/analysis/display";

describe("the composition page's scale", () => {
  it("nests a row-major [L, H, L, H] tensor as TL layout, entry by entry", () => {
    const L = 2, H = 3;
    const flat = Float32Array.from({ length: L * H * L * H }, (_, i) => i);
    const nested = nestScores(flat, [L, H, L, H]);
    for (let a = 0; a < L; a++) for (let b = 0; b < H; b++) for (let c = 0; c < L; c++) for (let d = 0; d < H; d++) {
      expect(nested[a][b][c][d]).toBe(((a * H + b) * L + c) * H + d);
    }
    // The writer 0.1 → reader 1.2 cell of the grid is scores[0][1][1][2].
    const grid = compositionGrid(nested);
    expect(grid.values[1][2]).toBe(((0 * H + 1) * L + 1) * H + 2);
    expect(() => nestScores(flat, [L, H, L])).toThrow(/expected \[n_layers, n_heads, n_layers, n_heads\]/);
    expect(() => nestScores(flat.subarray(1), [L, H, L, H])).toThrow(/needs 36 values, got 35/);
  });

  it("centres the colour range on the baseline mean, wide enough for the top score and 3 std", () => {
    expect(baselineRange({ mean: 0.16, std: 0.02 }, 0.18)).toEqual({ lo: 0.16 - 0.06, hi: 0.16 + 0.06 });
    const r = baselineRange({ mean: 0.16, std: 0.02 }, 0.5);
    expect(r.hi).toBeCloseTo(0.5);
    expect((r.lo + r.hi) / 2).toBeCloseTo(0.16);
  });
});
