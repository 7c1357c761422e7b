// A colour legend as scene marks: a strip of the palette from `lo` to `hi` with tick labels and
// optional markers (e.g. the random-pair baseline), shared by every coloured figure.
import { colourAt, css, type PaletteName } from "./palette";
import type { Mark } from "./scene";

export interface LegendSpec {
  palette: PaletteName;
  lo: number;
  hi: number;
  /** Text after the scale, e.g. "z-score vs random pairs". */
  label: string;
  /** Values marked with a tick and a label (e.g. { value: 0, label: "baseline" }). */
  markers?: { value: number; label: string }[];
  format?: (v: number) => string;
}

export const LEGEND_HEIGHT = 40;
const STEPS = 32;

/** The legend's marks in a box at (x, y) of `width` px (height LEGEND_HEIGHT). */
export function legendMarks(spec: LegendSpec, x: number, y: number, width: number): Mark[] {
  const fmt = spec.format ?? ((v: number) => v.toFixed(2));
  const marks: Mark[] = [];
  const w = width / STEPS;
  for (let i = 0; i < STEPS; i++) {
    marks.push({ kind: "rect", x: x + i * w, y, w: w + 0.5, h: 10, fill: css(colourAt(spec.palette, (i + 0.5) / STEPS)) });
  }
  marks.push({ kind: "rect", x, y, w: width, h: 10, fill: "none", stroke: "#9aa3ad", strokeWidth: 0.5 });
  marks.push({ kind: "text", x, y: y + 22, text: fmt(spec.lo), size: 10, fill: "#5c6672" });
  marks.push({ kind: "text", x: x + width, y: y + 22, text: fmt(spec.hi), size: 10, fill: "#5c6672", anchor: "end" });
  for (const m of spec.markers ?? []) {
    if (!(spec.hi > spec.lo) || m.value < spec.lo || m.value > spec.hi) continue;
    const mx = x + ((m.value - spec.lo) / (spec.hi - spec.lo)) * width;
    marks.push({ kind: "line", x1: mx, y1: y - 3, x2: mx, y2: y + 13, stroke: "#1b1f24", strokeWidth: 1.5 });
    marks.push({ kind: "text", x: mx, y: y + 22, text: m.label, size: 10, fill: "#1b1f24", anchor: "middle" });
  }
  marks.push({ kind: "text", x, y: y + 35, text: spec.label, size: 10, fill: "#5c6672" });
  return marks;
}
