// The overview's head grid: every badge fits its cell at the widths the overview is drawn at (the
// 1440 px and 390 px screens of the browser test), and cells carry the chosen score's colour.
import { describe, expect, it } from "vitest";
import { badgeWidth, BADGE_SIZE, consensusBadge, fitBadge, headGridScene, type GridHead } from "@/app/_components/figures/head-grid";
import { colourAt, css, unitPosition } from "@/app/_components/figures/palette";
import { textWidth, type RectMark, type TextMark } from "@/app/_components/figures/scene";
import { labelBadgeVariants } from "@/lib/analysis/display";

const induction = { label: "induction", score: 0.93, partner: "0.0", mechanism: "k-composition" };
const prev = { label: "previous-token", score: 0.81, partner: null, mechanism: null };

function heads(nLayers: number, nHeads: number): GridHead[] {
  return Array.from({ length: nLayers * nHeads }, (_, i) => {
    const layer = Math.floor(i / nHeads);
    const head = i % nHeads;
    const labels = i % 3 === 0 ? [induction, prev] : i % 3 === 1 ? [prev] : [];
    return { name: `${layer}.${head}`, layer, head, value: i / (nLayers * nHeads), badges: labels.map((l) => ({ variants: labelBadgeVariants(l), title: l.label })) };
  });
}

describe("the head grid figure", () => {
  it("spells badges from full to abbreviated as the cell narrows", () => {
    const v = labelBadgeVariants(induction);
    expect(v).toEqual(["induction ← 0.0 (K-comp)", "ind ← 0.0", "IND", "I"]);
    expect(labelBadgeVariants(prev)).toEqual(["previous-token 0.81", "prev 0.81", "PREV", "P"]);
    expect(fitBadge(v, BADGE_SIZE, 500)).toBe(v[0]);
    expect(fitBadge(v, BADGE_SIZE, badgeWidth(v[1]))).toBe(v[1]);
    expect(fitBadge(v, BADGE_SIZE, badgeWidth(v[1]) - 1)).toBe("IND");
    expect(fitBadge(["INDUCTION"], BADGE_SIZE, 40).endsWith("…")).toBe(true);
  });

  for (const [width, nLayers, nHeads] of [[1440 - 120, 2, 2], [390 - 40, 2, 2], [390 - 40, 2, 12], [1440 - 120, 12, 12], [390 - 40, 1, 2]] as const) {
    it(`fits every badge inside its cell and the figure inside ${width} px (${nLayers} × ${nHeads} heads)`, () => {
      const scene = headGridScene({ title: "t", nLayers, nHeads, heads: heads(nLayers, nHeads), width, position: (x) => x, legend: { palette: "viridis", lo: 0, hi: 1, label: "score" } });
      expect(scene.width).toBeLessThanOrEqual(width);
      const cells = scene.marks.filter((m): m is RectMark => m.kind === "rect" && m.key !== undefined && m.rx === 5);
      expect(cells).toHaveLength(nLayers * nHeads);
      // Each badge is a pill (rx 7) followed by its text.
      const badgeRects = scene.marks.filter((m): m is RectMark => m.kind === "rect" && m.rx === 7);
      const badgeTexts = scene.marks.flatMap((m, i) => (m.kind === "rect" && m.rx === 7 ? [scene.marks[i + 1] as TextMark] : []));
      expect(badgeTexts.every((t) => t.kind === "text" && t.size === BADGE_SIZE)).toBe(true);
      expect(badgeRects.length).toBeGreaterThan(0);
      badgeRects.forEach((b, i) => {
        const cell = cells.find((c) => c.key === b.key)!;
        expect(b.x).toBeGreaterThanOrEqual(cell.x);
        expect(b.x + b.w).toBeLessThanOrEqual(cell.x + cell.w);
        expect(b.y + b.h).toBeLessThanOrEqual(cell.y + cell.h);
        expect(badgeTexts[i].text.length).toBeGreaterThan(0);
        expect(textWidth(badgeTexts[i].text, BADGE_SIZE)).toBeLessThanOrEqual(b.w);
      });
    });
  }

  it("colours each cell by the chosen score on the palette and grey where the score is undefined", () => {
    const hs = heads(1, 3);
    hs[2].value = null;
    const scene = headGridScene({ title: "t", nLayers: 1, nHeads: 3, heads: hs, width: 600, position: (x) => unitPosition(x, 0, 1), legend: { palette: "cividis", lo: 0, hi: 1, label: "score" } });
    const cells = scene.marks.filter((m): m is RectMark => m.kind === "rect" && m.rx === 5);
    expect(cells[1].fill).toBe(css(colourAt("cividis", hs[1].value!)));
    expect(cells[2].fill).toBe("rgb(241, 242, 244)");
  });

  it("draws people's consensus label with its support as an accent badge after the engine's, fitted to narrow cells", () => {
    const hs = heads(1, 12);
    hs[0].badges.push(consensusBadge({ label: "induction", count: 3, accepted: false }));
    hs[1].badges.push(consensusBadge({ label: "name-mover", count: 1, accepted: true }));
    for (const width of [1440, 390]) {
      const scene = headGridScene({ title: "t", nLayers: 1, nHeads: 12, heads: hs, width, position: (x) => unitPosition(x, 0, 1), legend: { palette: "viridis", lo: 0, hi: 1, label: "score" } });
      const accent = scene.marks.filter((m): m is RectMark => m.kind === "rect" && m.rx === 7 && m.stroke === "#2450d8");
      expect(accent.map((m) => m.key)).toEqual(["0.0", "0.1"]);
      const cell = scene.marks.find((m): m is RectMark => m.kind === "rect" && m.rx === 5 && m.key === "0.0")!;
      expect(accent[0].x + accent[0].w).toBeLessThanOrEqual(cell.x + cell.w);
      const texts = scene.marks.filter((m) => m.kind === "text" && m.group === "0.0").map((m) => (m as { text: string }).text);
      expect(texts[texts.length - 1]).toMatch(/×3$/);
    }
    expect(consensusBadge({ label: "name-mover", count: 1, accepted: true }).variants[0]).toBe("accepted name-mover ×1");
  });
});
