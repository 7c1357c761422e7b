// A finding as ONE self-contained HTML file that opens from disk with no network: inline CSS, the
// body as the sanitised HTML the app renders (lib/collab/markdown, stored at write time), every
// figure as inline SVG drawn from its frozen value (./figure-svg, the same strings the finding page
// shows), each figure's numbers as a table, and the export document (./export-format) embedded as
// inert JSON data. Rules: no script runs and none is needed; a Content-Security-Policy meta of
// default-src 'none' forbids any fetch; every text from outside is escaped (escapeXml); the body's
// absolute links lose their href (the address stays readable as the link's title), so the only
// address in the file is the finding's own link, shown as text.
import type { ExportedFigure, FindingExport } from "./export-format";
import { figureValueSchemas, type AnyFigureValue } from "./figures";
import { escapeXml, figureNumber, figureSvg } from "./figure-svg";

const STYLE = `
body{font:15px/1.55 system-ui,sans-serif;color:#111827;background:#f9fafb;margin:0}
article{max-width:860px;margin:0 auto;padding:2rem 1.25rem;background:#fff}
h1{font-size:1.7rem;margin:0 0 .25rem}.meta{color:#4b5563;font-size:.9rem}
figure{margin:1.5rem 0;padding:1rem;border:1px solid #e5e7eb;border-radius:8px;overflow-x:auto}
figcaption{font-size:.85rem;color:#4b5563;margin-bottom:.5rem}
table{border-collapse:collapse;font:12px ui-monospace,monospace;margin-top:.5rem}td,th{border:1px solid #e5e7eb;padding:2px 6px;text-align:right}
a[title]::after{content:" (" attr(title) ")";color:#6b7280;font-size:.85em}
pre,code{background:#f3f4f6;border-radius:4px}pre{padding:.75rem;overflow-x:auto}
`;

/** The embedded document as JSON that cannot end its element or open markup. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The sanitised body with absolute links made inert: ` href="https://…"` becomes ` title="https://…"`. */
export function offlineBody(bodyHtml: string): string {
  return bodyHtml.replace(/(\s)href="([^"]*)"/g, (whole, space: string, href: string) => (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href) ? `${space}title="${href}"` : whole));
}

function numbersTable(figure: ExportedFigure, value: AnyFigureValue): string {
  const rows: string[][] = [];
  switch (figure.kind) {
    case "HEAD_CARD": {
      const v = value as { scores: Record<string, number | null> };
      for (const [k, n] of Object.entries(v.scores)) rows.push([k, figureNumber(n)]);
      break;
    }
    case "OV_TABLE": {
      const v = value as { top: { source: { text: string }; output: { text: string }; value: number | null }[] };
      for (const e of v.top) rows.push([`${JSON.stringify(e.source.text)} → ${JSON.stringify(e.output.text)}`, figureNumber(e.value)]);
      break;
    }
    default:
      return "";
  }
  return `<table>${rows.map((r) => `<tr><th>${escapeXml(r[0])}</th><td>${escapeXml(r[1])}</td></tr>`).join("")}</table>`;
}

function figureHtml(figure: ExportedFigure): string {
  const caption = `${figure.key} · ${figure.kind} · ${JSON.stringify(figure.params)}${figure.engineVersion ? ` · engine ${figure.engineVersion}` : ""}${figure.frozenAt ? ` · frozen ${figure.frozenAt}` : ""}`;
  const parsed = figure.value === null ? null : figureValueSchemas[figure.kind].safeParse(figure.value);
  const drawing = parsed?.success ? `${figureSvg(figure.kind, parsed.data)}${numbersTable(figure, parsed.data)}` : `<p>${figure.value === null ? "Still being computed when exported: no values." : "Its values do not match the figure format."}</p>`;
  return `<figure id="${escapeXml(figure.key)}" data-kind="${figure.kind}"><figcaption>${escapeXml(caption)}</figcaption>${drawing}</figure>`;
}

/** The whole file. `link` is the finding's own address (shown as text), `bodyHtml` its sanitised body. */
export function findingHtml(doc: FindingExport, options: { bodyHtml: string; link: string | null }): string {
  const f = doc.finding;
  const model = f.model.name ? `${f.model.name}, version ${f.model.version}` : `version ${f.model.version} of a model`;
  const meta = [`About ${model}`, f.author ? `by ${f.author}` : null, `exported ${doc.exportedAt}`].filter(Boolean).join(" · ");
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeXml(f.title)}</title><style>${STYLE}</style></head><body><article>`,
    `<h1>${escapeXml(f.title)}</h1><p class="meta">${escapeXml(meta)}</p>`,
    options.link ? `<p class="meta">Online: <span class="link">${escapeXml(options.link)}</span></p>` : "",
    `<div class="body">${offlineBody(options.bodyHtml)}</div>`,
    `<section aria-label="Figures">${doc.figures.map(figureHtml).join("")}</section>`,
    `<script type="application/json" id="finding-data">${inertJson(doc)}</script>`,
    `</article></body></html>`,
  ].join("\n");
}
