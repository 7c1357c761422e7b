import { describe, expect, it } from "vitest";
import { barScene } from "@/app/_components/figures/bars";
import { complexPlaneScene } from "@/app/_components/figures/complex-plane";
import { cellKey, heatmapScene } from "@/app/_components/figures/heatmap";
import { colourAt, css } from "@/app/_components/figures/palette";
import type { CircleMark, RectMark } from "@/app/_components/figures/scene";

describe("the heatmap, bar and complex-plane figures", () => {
  it("draw one keyed cell per defined value in its palette colour and outline the highlighted cells", () => {
    const scene = heatmapScene({
      title: "K", rows: ["0.0", "0.1"], cols: ["1.0", "1.1"], values: [[0.5, null], [0.1, 0.9]], width: 400,
      position: (v) => v, legend: { palette: "puor", lo: 0, hi: 1, label: "z" }, highlight: new Set([cellKey("0.0", "1.0")]),
    });
    const keyed = scene.marks.filter((m): m is RectMark => m.kind === "rect" && m.key !== undefined);
    expect(keyed.map((m) => m.key)).toEqual(["0.0>1.0", "0.1>1.0", "0.1>1.1"]);
    expect(keyed[2].fill).toBe(css(colourAt("puor", 0.9)));
    const outlines = scene.marks.filter((m): m is RectMark => m.kind === "rect" && m.fill === "none" && m.strokeWidth === 3);
    expect(outlines).toHaveLength(1);
    expect(outlines[0].x).toBeGreaterThanOrEqual(keyed[0].x);
    expect(outlines[0].x + outlines[0].w).toBeLessThanOrEqual(keyed[0].x + keyed[0].w);
  });

  it("draw bars from zero, negative ones to the left, with the reference line where its value is", () => {
    const scene = barScene({ title: "b", width: 300, items: [{ key: "a", label: "a", value: 2 }, { key: "b", label: "b", value: -1 }], reference: { value: 1, label: "baseline" }, palette: "puor" });
    const [a, b] = scene.marks.filter((m): m is RectMark => m.kind === "rect");
    // Zero sits a third of the way along the plot (range −1 … 2), so bar a is twice bar b.
    expect(a.w / b.w).toBeCloseTo(2, 5);
    expect(b.x + b.w).toBeCloseTo(a.x, 5);
    const ref = scene.marks.find((m) => m.kind === "line" && m.dash)!;
    expect(ref.kind === "line" && ref.x1).toBeCloseTo(a.x + a.w / 2, 5);
  });

  it("place eigenvalues at (Re, −Im) scaled to the largest modulus, and refuse mismatched parts", () => {
    const scene = complexPlaneScene({ title: "λ", re: [2, 0, -1], im: [0, 1, -1], size: 200 });
    const dots = scene.marks.filter((m): m is CircleMark => m.kind === "circle" && m.key !== undefined);
    const c = 100;
    const scale = (c - 28) / 2;
    expect([dots[0].cx, dots[0].cy]).toEqual([c + 2 * scale, c]);
    expect([dots[1].cx, dots[1].cy]).toEqual([c, c - scale]);
    expect([dots[2].cx, dots[2].cy]).toEqual([c - scale, c + scale]);
    expect(() => complexPlaneScene({ title: "λ", re: [1], im: [], size: 100 })).toThrow(/1 real parts but 0 imaginary/);
  });
});
