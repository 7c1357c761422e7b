// The attention viewer's sparse pattern logic against a dense reference built independently:
// a causal softmax over random scores, its top-k per row taken by sorting.
import { describe, expect, it } from "vitest";
import { attendedBy, attendsTo, positionAt, rasterPattern, sparsePattern, splitHeads, weightLut, zoomWindow, type SparsePattern } from "@/app/_components/figures/attention";
import { colourAt } from "@/app/_components/figures/palette";
import { timeBoundMs } from "@/tests/helpers/time-bound";

function denseCausal(n: number, seed: number): number[][] {
  let s = seed;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, q) => {
    const scores = Array.from({ length: q + 1 }, () => rand() * 6);
    const m = Math.max(...scores);
    const e = scores.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return Array.from({ length: n }, (_, key) => (key <= q ? e[key] / z : 0));
  });
}

function topK(dense: number[][], k: number): SparsePattern {
  const n = dense.length;
  const values = new Float32Array(n * k);
  const indices = new Int32Array(n * k);
  dense.forEach((row, q) => {
    const order = row.map((w, key) => ({ w, key })).sort((a, b) => b.w - a.w).slice(0, k);
    order.forEach((e, j) => {
      values[q * k + j] = e.w;
      indices[q * k + j] = e.key;
    });
  });
  return sparsePattern(n, k, values, indices);
}

const lut = weightLut((t) => colourAt("viridis", t));

describe("the attention viewer's sparse patterns", () => {
  const n = 40;
  const k = 6;
  const dense = denseCausal(n, 7);
  const p = topK(dense, k);

  it("answer where a token attends with its k largest keys, largest first", () => {
    for (const q of [0, 5, 39]) {
      const expected = dense[q].map((w, key) => ({ pos: key, weight: w })).filter((e) => e.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, k);
      const got = attendsTo(p, q);
      expect(got.map((e) => e.pos)).toEqual(expected.map((e) => e.pos));
      got.forEach((e, i) => expect(e.weight).toBeCloseTo(expected[i].weight, 6));
    }
    expect(attendsTo(p, -1)).toEqual([]);
    expect(attendsTo(p, n)).toEqual([]);
  });

  it("answer which tokens attend to a key: every query whose kept keys include it, strongest first", () => {
    const key = 3;
    const expected = dense
      .map((row, q) => ({ pos: q, weight: row[key], kept: topK([row], k).indices.includes(key) }))
      .filter((e) => e.kept && e.weight > 0)
      .sort((a, b) => b.weight - a.weight);
    const got = attendedBy(p, key, 100);
    expect(got.map((e) => e.pos)).toEqual(expected.map((e) => e.pos));
    expect(attendedBy(p, key, 2)).toHaveLength(Math.min(2, expected.length));
  });

  it("rasterise a hand-worked 3-token pattern cell by cell at 2 px per position", () => {
    // Rows: q0 → 0 (1.0); q1 → 0 (0.25), 1 (0.75); q2 → 2 (1.0) and 0 (0.0, dropped).
    const hand = sparsePattern(3, 2, new Float32Array([1, 0, 0.75, 0.25, 1, 0]), new Int32Array([0, 0, 1, 0, 2, 0]));
    const img = rasterPattern(hand, { start: 0, end: 3 }, 6, lut);
    const level = (x: number, y: number) => {
      const at = (y * 6 + x) * 4;
      for (let l = 0; l < 256; l++) if (lut[l * 4] === img[at] && lut[l * 4 + 1] === img[at + 1] && lut[l * 4 + 2] === img[at + 2]) return l;
      return -1;
    };
    expect(level(0, 0)).toBe(255);
    expect(level(1, 1)).toBe(255);
    expect(level(2, 0)).toBe(0); // q0 does not attend to key 1: white
    expect(level(0, 2)).toBe(Math.round(0.25 * 255));
    expect(level(3, 3)).toBe(Math.round(0.75 * 255));
    expect(level(5, 5)).toBe(255);
    expect(level(0, 5)).toBe(0);
    expect([img[0 + 3], img[(2 * 6 + 2) * 4 + 3]]).toEqual([255, 255]);
  });

  it("keeps the largest weight where many positions share one pixel, and shows only the zoom window", () => {
    const img = rasterPattern(p, { start: 0, end: n }, 4, lut);
    // Pixel (0, 0) covers queries 0–9 and keys 0–9: its level is the largest kept weight there.
    let max = 0;
    for (let q = 0; q < 10; q++) for (let j = 0; j < k; j++) if (p.indices[q * k + j] < 10) max = Math.max(max, p.values[q * k + j]);
    expect(Array.from(img.subarray(0, 4))).toEqual(Array.from(lut.subarray(Math.round(max * 255) * 4, Math.round(max * 255) * 4 + 4)));
    const zoomed = rasterPattern(p, { start: 30, end: 40 }, 10, lut);
    // Pixel (x, y) is query 30 + y, key 30 + x; above the diagonal is white (causal).
    expect(Array.from(zoomed.subarray((0 * 10 + 9) * 4, (0 * 10 + 9) * 4 + 3))).toEqual([255, 255, 255]);
  });

  it("maps pixels back to positions inside the window and keeps zoom windows inside the sequence", () => {
    expect(positionAt(0, 100, { start: 10, end: 20 })).toBe(10);
    expect(positionAt(99.9, 100, { start: 10, end: 20 })).toBe(19);
    expect(positionAt(500, 100, { start: 10, end: 20 })).toBe(19);
    expect(zoomWindow(2048, 5, 128)).toEqual({ start: 0, end: 128 });
    expect(zoomWindow(2048, 2040, 128)).toEqual({ start: 1920, end: 2048 });
    expect(zoomWindow(10, 5, 500)).toEqual({ start: 0, end: 10 });
  });

  it("refuses arrays that do not hold n × k entries, per head too", () => {
    expect(() => sparsePattern(3, 2, new Float32Array(5), new Int32Array(6))).toThrow(/expected 3×2 = 6 values/);
    const heads = splitHeads([2, 3, 1], new Float32Array([1, 2, 3, 4, 5, 6]), new Int32Array(6));
    expect(heads.map((h) => Array.from(h.values))).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(() => splitHeads([2, 3], new Float32Array(6), new Int32Array(6))).toThrow(/expected \[n_heads, n, k\]/);
  });

  it("rasterises 2 048 tokens × 16 keys into 512² pixels without any O(n²) step", () => {
    const big = 2048;
    const kk = 16;
    const values = new Float32Array(big * kk).fill(1 / kk);
    const indices = new Int32Array(big * kk).map((_, i) => Math.max(0, Math.floor(i / kk) - (i % kk)));
    const sp = sparsePattern(big, kk, values, indices);
    const t0 = performance.now();
    rasterPattern(sp, { start: 0, end: big }, 512, lut);
    const ms = performance.now() - t0;
    // Not a timing assertion (the machine is shared): a generous bound that only an O(n²) loop misses.
    expect(ms).toBeLessThan(timeBoundMs(2_000));
  });
});
