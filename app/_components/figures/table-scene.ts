// A table of tokens and numbers as a scene, for the PNG and SVG export of the token tables (OV and
// QK top entries, bigrams, skip-trigrams, predictions); the page itself shows an HTML table. Pure.
import { fitText, textWidth, type Mark, type Scene } from "./scene";

export interface TableSpec {
  title: string;
  columns: string[];
  rows: string[][];
  /** Columns right-aligned (numbers). */
  numeric?: ReadonlySet<number>;
  /** Widest a column may be, in px (longer text is cut with "…"). */
  maxColumn?: number;
}

const SIZE = 11;
const ROW = 18;
const PAD = 8;

/** The table with each column as wide as its widest cell (capped), a header row and row rules. */
export function tableScene(spec: TableSpec): Scene {
  const cap = spec.maxColumn ?? 220;
  const widths = spec.columns.map((c, j) => Math.min(cap, Math.max(textWidth(c, SIZE), ...spec.rows.map((r) => textWidth(r[j] ?? "", SIZE))) + 2 * PAD));
  const width = widths.reduce((a, b) => a + b, 0);
  const marks: Mark[] = [];
  const xs = widths.map((_, j) => widths.slice(0, j).reduce((a, b) => a + b, 0));
  const cell = (text: string, j: number, y: number, bold: boolean) => {
    const right = spec.numeric?.has(j) ?? false;
    marks.push({ kind: "text", x: right ? xs[j] + widths[j] - PAD : xs[j] + PAD, y, text: fitText(text, SIZE, widths[j] - 2 * PAD), size: SIZE, fill: "#1b1f24", anchor: right ? "end" : "start", weight: bold ? "bold" : "normal" });
  };
  spec.columns.forEach((c, j) => cell(c, j, 13, true));
  marks.push({ kind: "line", x1: 0, y1: ROW, x2: width, y2: ROW, stroke: "#5c6672" });
  spec.rows.forEach((r, i) => {
    const y = ROW * (i + 1);
    r.forEach((text, j) => cell(text, j, y + 13, false));
    marks.push({ kind: "line", x1: 0, y1: y + ROW, x2: width, y2: y + ROW, stroke: "#dde1e7" });
  });
  return { width, height: ROW * (spec.rows.length + 1) + 2, title: spec.title, marks };
}

/** A token's text as the tables show it: quoted, with whitespace and control characters escaped. */
export function tokenLabel(text: string): string {
  return JSON.stringify(text);
}
