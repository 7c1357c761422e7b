// A finding as one Markdown file: its title, where it came from (model, pinned version, engine),
// its body, then every figure's frozen data as a table — so the numbers travel with the text.
// Rules: built from the export document only (./export-format), nothing recomputed; a table is
// bounded (MARKDOWN_TABLE_MAX_SIDE rows/columns; larger figures list their largest entries); every
// cell is escaped so a token's text cannot break out of its cell.
import type { ExportedFigure, FindingExport } from "./export-format";
import type { FigureValue } from "./figures";

/** Largest matrix (rows or columns) written out in full; larger ones list their MARKDOWN_TOP_ENTRIES largest entries. */
export const MARKDOWN_TABLE_MAX_SIDE = 16;
/** Entries listed for a matrix larger than MARKDOWN_TABLE_MAX_SIDE. */
export const MARKDOWN_TOP_ENTRIES = 20;

/** A table cell: pipes, backslashes, backticks and line breaks escaped, whitespace made visible. */
export function cell(text: string): string {
  const escaped = text.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`);
  return escaped.replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t") || "∅";
}

function number(v: number | null): string {
  return v === null ? "—" : Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

type Label = string;

/** A square matrix as a table, or its largest entries when it is too large. */
function matrix(labels: Label[], colLabels: Label[], values: (number | null)[][], rowName: string, colName: string): string {
  if (labels.length <= MARKDOWN_TABLE_MAX_SIDE && colLabels.length <= MARKDOWN_TABLE_MAX_SIDE) {
    return table([`${rowName} \\ ${colName}`, ...colLabels], values.map((row, i) => [labels[i], ...row.map(number)]));
  }
  const entries: { i: number; j: number; v: number }[] = [];
  values.forEach((row, i) => row.forEach((v, j) => v !== null && entries.push({ i, j, v })));
  entries.sort((a, b) => b.v - a.v);
  const top = entries.slice(0, MARKDOWN_TOP_ENTRIES);
  return `Largest ${top.length} of ${labels.length} × ${colLabels.length} entries:\n\n${table([rowName, colName, "value"], top.map((e) => [labels[e.i], colLabels[e.j], number(e.v)]))}`;
}

function headCard(v: FigureValue["HEAD_CARD"]): string {
  const scores = table(["score", "value"], Object.entries(v.scores).map(([k, x]) => [k, number(x)]));
  const labels = v.labels.length ? `\n\nLabels: ${v.labels.map((l) => `${cell(l.label)} (${number(l.score)}${l.partner ? `, partner ${l.partner}` : ""})`).join(", ")}.` : "\n\nLabels: none.";
  return `Head ${v.head} (repeat length ${v.repeatLength}).\n\n${scores}${labels}`;
}

function composition(v: FigureValue["COMPOSITION"]): string {
  const baseline = v.baseline ? `Random-pair baseline: mean ${number(v.baseline.mean)}, std ${number(v.baseline.std)}.\n\n` : "";
  return `${v.mode}-composition (rows write, columns read).\n\n${baseline}${matrix(v.heads, v.heads, v.scores, "from", "to")}`;
}

function attention(v: FigureValue["ATTENTION"]): string {
  const labels = v.tokens.map((t, i) => `${i}:${cell(t.text)}`);
  return `Attention of head ${v.head} (rows: query positions, columns: key positions).\n\n${matrix(labels, labels, v.pattern, "query", "key")}`;
}

function ovTable(v: FigureValue["OV_TABLE"]): string {
  return `Largest entries of head ${v.head}'s OV circuit W_E W_OV W_U.\n\n${table(["source", "output", "value"], v.top.map((e) => [cell(e.source.text), cell(e.output.text), number(e.value)]))}`;
}

function figureSection(f: ExportedFigure): string {
  const title = `### ${f.key} — ${f.kind}`;
  const meta = `Params: \`${JSON.stringify(f.params).replace(/`/g, "'")}\` · engine ${cell(f.engineVersion ?? "—")} · frozen ${f.frozenAt ?? "—"}`;
  if (f.value === null || f.value === undefined) return `${title}\n\n${meta}\n\n(still computing when exported: no values)`;
  const body = {
    HEAD_CARD: () => headCard(f.value as FigureValue["HEAD_CARD"]),
    COMPOSITION: () => composition(f.value as FigureValue["COMPOSITION"]),
    ATTENTION: () => attention(f.value as FigureValue["ATTENTION"]),
    OV_TABLE: () => ovTable(f.value as FigureValue["OV_TABLE"]),
  }[f.kind]();
  return `${title}\n\n${meta}\n\n${body}`;
}

/** The Markdown file of an export document. */
export function findingMarkdown(doc: FindingExport): string {
  const f = doc.finding;
  const head = `# ${f.title.replace(/\n/g, " ")}\n\n_Model ${cell(f.model.name)}, version ${f.model.version} · by ${cell(f.author ?? "unknown")} · exported ${doc.exportedAt}_`;
  const figures = doc.figures.length ? `\n\n## Figures\n\n${doc.figures.map(figureSection).join("\n\n")}` : "";
  return `${head}\n\n${f.body}${figures}\n`;
}
