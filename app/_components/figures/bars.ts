// A horizontal bar chart scene: one labelled bar per item from a zero line (negative bars go left),
// optionally a dashed reference line (e.g. the random-pair baseline, or 1 for "no more than
// random"). Used for singular values, composition partners and the path expansion. Pure; keys are item keys.
import { colourAt, css, type PaletteName } from "./palette";
import { fitText, textWidth, type Mark, type Scene } from "./scene";

export interface BarItem {
  key: string;
  label: string;
  value: number;
}

export interface BarSpec {
  title: string;
  items: BarItem[];
  width: number;
  /** A vertical reference at this value, with its label. */
  reference?: { value: number; label: string };
  /** "puor": signed bars, orange above zero and purple below; otherwise one colour of the palette. */
  palette?: PaletteName;
  format?: (v: number) => string;
  /** Bar thickness in px. */
  bar?: number;
}

/** Bars laid out for `spec.width`: labels (cut to fit a third of the width) left, values right of each bar. */
export function barScene(spec: BarSpec): Scene {
  const fmt = spec.format ?? ((v: number) => v.toFixed(3));
  const size = 11;
  const bar = spec.bar ?? 16;
  const labelW = Math.min(Math.max(40, ...spec.items.map((i) => textWidth(i.label, size))) + 8, Math.floor(spec.width / 3));
  const valueW = Math.max(...spec.items.map((i) => textWidth(fmt(i.value), 10)), 30) + 6;
  const plotX = labelW;
  const plotW = Math.max(60, spec.width - labelW - valueW - 8);
  const values = spec.items.map((i) => i.value).concat(spec.reference ? [spec.reference.value] : []).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values, 1e-12);
  const xOf = (v: number) => plotX + ((v - lo) / (hi - lo)) * plotW;
  const top = 8;
  const marks: Mark[] = [];
  spec.items.forEach((item, i) => {
    const y = top + i * (bar + 4);
    const x0 = xOf(0);
    const x1 = xOf(Number.isFinite(item.value) ? item.value : 0);
    // Signed: orange above zero, purple below (PuOr); unsigned: one mid viridis colour.
    const fill = spec.palette === "puor" ? colourAt("puor", item.value >= 0 ? 0.85 : 0.15) : colourAt(spec.palette ?? "viridis", 0.35);
    marks.push({ kind: "text", x: labelW - 6, y: y + bar / 2 + 4, text: fitText(item.label, size, labelW - 8), size, fill: "#1b1f24", anchor: "end" });
    marks.push({ kind: "rect", x: Math.min(x0, x1), y, w: Math.max(1, Math.abs(x1 - x0)), h: bar, fill: css(fill), key: item.key, title: `${item.label}: ${fmt(item.value)}` });
    marks.push({ kind: "text", x: Math.max(x0, x1) + 4, y: y + bar / 2 + 4, text: fmt(item.value), size: 10, fill: "#5c6672" });
  });
  const bottom = top + spec.items.length * (bar + 4);
  marks.push({ kind: "line", x1: xOf(0), y1: top - 4, x2: xOf(0), y2: bottom, stroke: "#5c6672" });
  if (spec.reference && Number.isFinite(spec.reference.value)) {
    const rx = xOf(spec.reference.value);
    marks.push({ kind: "line", x1: rx, y1: top - 4, x2: rx, y2: bottom, stroke: "#1b1f24", strokeWidth: 1.5, dash: "4 3" });
    marks.push({ kind: "text", x: rx, y: bottom + 14, text: spec.reference.label, size: 10, fill: "#1b1f24", anchor: "middle" });
  }
  return { width: spec.width, height: bottom + 22, title: spec.title, marks };
}
