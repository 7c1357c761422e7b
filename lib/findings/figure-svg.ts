// A finding's figures as SVG text, drawn from their FROZEN values only (./figures figureValueSchemas):
// the finding page and the offline HTML export (./html-export) insert the same string, so both show
// the same figure. Rules: pure functions of the value (no DOM, no fetch, no external reference: no
// href, no font or image URL); every text from outside (token texts, head names, labels) goes
// through escapeXml; sizes are bounded by the value schemas (MAX_COMPOSITION_HEADS,
// MAX_FIGURE_TOKENS, MAX_FIGURE_TOP_K), and cell labels are drawn only up to LABELLED_SIDE.
import { SCORE_DEFINITIONS } from "../analysis/score-definitions";
import type { AnyFigureValue, FigureKind, FigureValue } from "./figures";

/** Largest side of a heatmap whose cells carry their number and whose rows and columns are named. */
export const LABELLED_SIDE = 16;

const FONT = `font-family="ui-monospace, monospace" font-size="11"`;

/** Text made inert in XML and HTML: & < > " ' as entities; control characters and lone surrogates as U+FFFD. */
export function escapeXml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A frozen number as figures and tables show it: 4 significant digits, "—" for a stored NaN (null). */
export function figureNumber(v: number | null): string {
  if (v === null) return "—";
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

function svg(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(label)}"><title>${escapeXml(label)}</title>${body}</svg>`;
}

function text(x: number, y: number, content: string, attrs = ""): string {
  return `<text x="${x}" y="${y}" ${FONT} ${attrs}>${escapeXml(content)}</text>`;
}

/** Blue for positive, red for negative, opacity by |v| / scale (0 … 1). */
function fill(v: number | null, scale: number): string {
  if (v === null || scale <= 0) return `fill="#e5e7eb"`;
  const a = Math.min(1, Math.abs(v) / scale);
  return `fill="${v >= 0 ? "#1d4ed8" : "#b91c1c"}" fill-opacity="${a.toFixed(3)}"`;
}

function headCard(v: FigureValue["HEAD_CARD"]): string {
  const rows = SCORE_DEFINITIONS.map((d) => ({ name: d.name, value: v.scores[d.key] ?? null }));
  const W = 520, ROW = 18, LEFT = 190, BAR = 220, mid = LEFT + BAR / 2;
  const bars = rows.map((r, i) => {
    const y = 24 + i * ROW;
    const w = r.value === null ? 0 : (Math.min(1, Math.abs(r.value)) * BAR) / 2;
    const x = r.value !== null && r.value < 0 ? mid - w : mid;
    return `${text(LEFT - 6, y + 12, r.name, `text-anchor="end"`)}<rect x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW - 5}" ${fill(r.value, 1)}/>${text(LEFT + BAR + 6, y + 12, figureNumber(r.value), `data-score="${escapeXml(r.name)}"`)}`;
  });
  const labelY = 24 + rows.length * ROW + 18;
  const labels = v.labels.length
    ? v.labels.map((l, i) => text(8, labelY + i * 16, `${l.label} ${figureNumber(l.score)}${l.partner ? ` (partner ${l.partner})` : ""}`)).join("")
    : text(8, labelY, "no label");
  const height = labelY + Math.max(1, v.labels.length) * 16;
  return svg(W, height, `Head ${v.head}: scores and labels`, `${text(8, 14, `Head ${v.head} · repeat length ${v.repeatLength}`, `font-weight="bold"`)}<line x1="${mid}" y1="22" x2="${mid}" y2="${24 + rows.length * ROW}" stroke="#6b7280"/>${bars.join("")}${labels}`);
}

/** A square heatmap: rows × columns of values, named and numbered when small enough. */
function heatmap(title: string, rowNames: string[], colNames: string[], values: (number | null)[][], scale: number): string {
  const n = Math.max(rowNames.length, colNames.length);
  const labelled = n <= LABELLED_SIDE;
  const cell = labelled ? 34 : Math.max(3, Math.floor(512 / n));
  const left = labelled ? 64 : 8, top = labelled ? 44 : 24;
  const cells: string[] = [];
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      const x = left + j * cell, y = top + i * cell;
      cells.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" ${fill(v, scale)}><title>${escapeXml(`${rowNames[i]} → ${colNames[j]}: ${figureNumber(v)}`)}</title></rect>`);
      if (labelled) cells.push(text(x + cell / 2, y + cell / 2 + 4, figureNumber(v), `text-anchor="middle" font-size="9" fill="${v !== null && Math.abs(v) / scale > 0.6 ? "#fff" : "#111"}"`));
    }),
  );
  const names = labelled
    ? [
        ...rowNames.map((r, i) => text(left - 4, top + i * cell + cell / 2 + 4, r, `text-anchor="end"`)),
        ...colNames.map((c, j) => text(left + j * cell + cell / 2, top - 6, c, `text-anchor="middle"`)),
      ].join("")
    : "";
  return svg(left + colNames.length * cell + 8, top + rowNames.length * cell + 8, title, `${text(8, 14, title, `font-weight="bold"`)}${names}${cells.join("")}`);
}

function maxAbs(values: (number | null)[][]): number {
  let m = 0;
  for (const row of values) for (const v of row) if (v !== null && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

function composition(v: FigureValue["COMPOSITION"]): string {
  const baseline = v.baseline ? ` · random pairs ${figureNumber(v.baseline.mean)} ± ${figureNumber(v.baseline.std)}` : "";
  return heatmap(`${v.mode}-composition (writer → reader)${baseline}`, v.heads, v.heads, v.scores, maxAbs(v.scores));
}

function attention(v: FigureValue["ATTENTION"]): string {
  const names = v.tokens.map((t) => JSON.stringify(t.text).slice(1, -1).slice(0, 12));
  return heatmap(`Attention of head ${v.head} (query → key)`, names, names, v.pattern, 1);
}

function ovTable(v: FigureValue["OV_TABLE"]): string {
  const ROW = 18;
  const rows = v.top.map((e, i) => {
    const y = 40 + i * ROW;
    return `${text(8, y, JSON.stringify(e.source.text))}${text(200, y, "→")}${text(224, y, JSON.stringify(e.output.text))}${text(470, y, figureNumber(e.value), `text-anchor="end"`)}`;
  });
  return svg(480, 40 + Math.max(1, v.top.length) * ROW, `OV circuit of head ${v.head}: largest entries`, `${text(8, 14, `OV circuit of head ${v.head} (W_E W_OV W_U)`, `font-weight="bold"`)}${text(8, 28, "source → output", `fill="#6b7280"`)}${text(470, 28, "value", `text-anchor="end" fill="#6b7280"`)}${rows.join("")}`);
}

/** The SVG of a figure's frozen value (the value has passed figureValueSchemas[kind]). */
export function figureSvg(kind: FigureKind, value: AnyFigureValue): string {
  switch (kind) {
    case "HEAD_CARD":
      return headCard(value as FigureValue["HEAD_CARD"]);
    case "COMPOSITION":
      return composition(value as FigureValue["COMPOSITION"]);
    case "ATTENTION":
      return attention(value as FigureValue["ATTENTION"]);
    case "OV_TABLE":
      return ovTable(value as FigureValue["OV_TABLE"]);
    default:
      throw new TypeError(`figureSvg: unknown kind ${JSON.stringify(kind)}`);
  }
}
