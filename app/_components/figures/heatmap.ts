// A labelled heatmap scene (rows × columns of cells, a colour per value, highlighted cells outlined,
// a legend below): the composition page's Q/K/V maps. Pure; keys are "row>col".
import { legendMarks, LEGEND_HEIGHT, type LegendSpec } from "./legend";
import { colourAt, css, textOn, type Rgb } from "./palette";
import { textWidth, type Mark, type Scene } from "./scene";

export interface HeatmapSpec {
  title: string;
  rows: string[];
  cols: string[];
  /** values[r][c]; null: no value (drawn as a pale hatch-free grey cell without a key). */
  values: (number | null)[][];
  /** The colour position t ∈ [0, 1] of a value on the legend's palette. */
  position: (v: number) => number;
  legend: LegendSpec;
  /** Cells outlined as highlighted, as "row>col" keys. */
  highlight?: ReadonlySet<string>;
  /** Largest cell side in px. */
  maxCell?: number;
  /** Width available in px (cells shrink to fit, down to 12 px). */
  width: number;
  /** Text drawn in a cell when it is large enough. */
  cellText?: (v: number) => string;
}

export const cellKey = (row: string, col: string) => `${row}>${col}`;

/** The heatmap laid out for `spec.width`: axis labels left and above, cells, legend underneath. */
export function heatmapScene(spec: HeatmapSpec): Scene {
  const labelSize = 11;
  const left = Math.ceil(Math.max(24, ...spec.rows.map((r) => textWidth(r, labelSize))) + 10);
  const top = 20;
  const nCols = Math.max(1, spec.cols.length);
  const cell = Math.max(12, Math.min(spec.maxCell ?? 56, Math.floor((spec.width - left - 8) / nCols)));
  const gridW = nCols * cell;
  const legendW = Math.max(160, Math.min(gridW, 280));
  const width = Math.max(left + gridW, left + legendW) + 8;
  const height = top + spec.rows.length * cell + 18 + LEGEND_HEIGHT;
  const marks: Mark[] = [];
  spec.cols.forEach((c, j) => marks.push({ kind: "text", x: left + j * cell + cell / 2, y: top - 6, text: c, size: labelSize, fill: "#1b1f24", anchor: "middle" }));
  spec.rows.forEach((r, i) => marks.push({ kind: "text", x: left - 6, y: top + i * cell + cell / 2 + 4, text: r, size: labelSize, fill: "#1b1f24", anchor: "end" }));
  const outlined: Mark[] = [];
  spec.rows.forEach((r, i) =>
    spec.cols.forEach((c, j) => {
      const v = spec.values[i]?.[j] ?? null;
      const x = left + j * cell;
      const y = top + i * cell;
      if (v === null || !Number.isFinite(v)) {
        marks.push({ kind: "rect", x, y, w: cell - 1, h: cell - 1, fill: "#f1f2f4" });
        return;
      }
      const fill: Rgb = colourAt(spec.legend.palette, spec.position(v));
      const key = cellKey(r, c);
      marks.push({ kind: "rect", x, y, w: cell - 1, h: cell - 1, fill: css(fill), key });
      const text = spec.cellText?.(v);
      if (text && textWidth(text, 9) < cell - 4 && cell >= 24) {
        marks.push({ kind: "text", x: x + cell / 2, y: y + cell / 2 + 3, text, size: 9, fill: textOn(fill), anchor: "middle" });
      }
      if (spec.highlight?.has(key)) {
        outlined.push({ kind: "rect", x: x + 1, y: y + 1, w: cell - 3, h: cell - 3, fill: "none", stroke: "#1b1f24", strokeWidth: 3 });
        outlined.push({ kind: "rect", x: x + 3.5, y: y + 3.5, w: cell - 8, h: cell - 8, fill: "none", stroke: "#ffffff", strokeWidth: 1.5 });
      }
    }),
  );
  marks.push(...outlined);
  marks.push(...legendMarks(spec.legend, left, top + spec.rows.length * cell + 14, legendW));
  return { width, height, title: spec.title, marks };
}
