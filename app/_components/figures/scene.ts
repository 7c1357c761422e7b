// A figure as a list of marks (rects, lines, circles, text) in pixel coordinates: the one
// description drawn on screen (React SVG or canvas), exported as SVG and rendered to PNG. Pure
// functions build scenes from data and are unit-tested; nothing here touches the DOM.
// Rule: every text mark uses the monospace figure font, so `textWidth` is exact enough to fit labels.

export interface RectMark { kind: "rect"; x: number; y: number; w: number; h: number; fill: string; stroke?: string; strokeWidth?: number; rx?: number; key?: string; title?: string }
export interface LineMark { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string; strokeWidth?: number; dash?: string }
export interface CircleMark { kind: "circle"; cx: number; cy: number; r: number; fill: string; stroke?: string; strokeWidth?: number; key?: string; title?: string }
export interface TextMark { kind: "text"; x: number; y: number; text: string; size: number; fill: string; anchor?: "start" | "middle" | "end"; weight?: "normal" | "bold" }
/** Marks may name the thing they belong to (e.g. head "1.0"), so a page and its tests can find them. */
export type Mark = (RectMark | LineMark | CircleMark | TextMark) & { group?: string };

export interface Scene {
  width: number;
  height: number;
  /** Short text for screen readers and the exported SVG's <title>. */
  title: string;
  marks: Mark[];
}

/** The figure font: monospace, so a string's width is its length times a constant. */
export const FIGURE_FONT = '"DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace';
/** Advance width of one monospace glyph as a fraction of the font size (DejaVu Sans Mono: 0.602). */
export const GLYPH_WIDTH = 0.602;

/** Width in pixels of `text` in the figure font at `size` px. */
export function textWidth(text: string, size: number): number {
  return [...text].length * GLYPH_WIDTH * size;
}

/** `text` cut to fit `maxWidth` px at `size`, with "…" when cut ("" when not even one glyph fits). */
export function fitText(text: string, size: number, maxWidth: number): string {
  const glyphs = [...text];
  const fits = Math.floor(maxWidth / (GLYPH_WIDTH * size));
  if (glyphs.length <= fits) return text;
  if (fits < 2) return "";
  return `${glyphs.slice(0, fits - 1).join("")}…`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function markToSvg(m: Mark): string {
  switch (m.kind) {
    case "rect": {
      const stroke = m.stroke ? ` stroke="${m.stroke}" stroke-width="${m.strokeWidth ?? 1}"` : "";
      const title = m.title ? `<title>${escapeXml(m.title)}</title>` : "";
      return `<rect x="${n(m.x)}" y="${n(m.y)}" width="${n(m.w)}" height="${n(m.h)}"${m.rx ? ` rx="${m.rx}"` : ""} fill="${m.fill}"${stroke}>${title}</rect>`;
    }
    case "line":
      return `<line x1="${n(m.x1)}" y1="${n(m.y1)}" x2="${n(m.x2)}" y2="${n(m.y2)}" stroke="${m.stroke}" stroke-width="${m.strokeWidth ?? 1}"${m.dash ? ` stroke-dasharray="${m.dash}"` : ""}/>`;
    case "circle": {
      const stroke = m.stroke ? ` stroke="${m.stroke}" stroke-width="${m.strokeWidth ?? 1}"` : "";
      const title = m.title ? `<title>${escapeXml(m.title)}</title>` : "";
      return `<circle cx="${n(m.cx)}" cy="${n(m.cy)}" r="${n(m.r)}" fill="${m.fill}"${stroke}>${title}</circle>`;
    }
    case "text":
      return `<text x="${n(m.x)}" y="${n(m.y)}" font-size="${m.size}" fill="${m.fill}" text-anchor="${m.anchor ?? "start"}"${m.weight === "bold" ? ' font-weight="bold"' : ""}>${escapeXml(m.text)}</text>`;
    default: {
      const unreachable: never = m;
      throw new TypeError(`sceneToSvg: unknown mark ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A standalone SVG document of the scene (white background, figure font), for export. */
export function sceneToSvg(scene: Scene): string {
  const body = scene.marks.map(markToSvg).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family='${FIGURE_FONT}'>
<title>${escapeXml(scene.title)}</title>
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
</svg>
`;
}

/** The drawing calls of a 2D canvas context that drawScene uses (so tests can pass a recorder). */
export type Canvas2D = Pick<CanvasRenderingContext2D,
  "fillStyle" | "strokeStyle" | "lineWidth" | "font" | "textAlign" | "textBaseline" | "fillRect" | "strokeRect" | "beginPath" | "moveTo" | "lineTo" | "stroke" | "arc" | "fill" | "fillText" | "setLineDash">;

/** Draws the scene on a canvas context in the scene's pixel coordinates (PNG export, canvas views). */
export function drawScene(ctx: Canvas2D, scene: Scene): void {
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, scene.width, scene.height);
  ctx.textBaseline = "alphabetic";
  for (const m of scene.marks) {
    switch (m.kind) {
      case "rect":
        ctx.fillStyle = m.fill;
        ctx.fillRect(m.x, m.y, m.w, m.h);
        if (m.stroke) {
          ctx.strokeStyle = m.stroke;
          ctx.lineWidth = m.strokeWidth ?? 1;
          ctx.strokeRect(m.x, m.y, m.w, m.h);
        }
        break;
      case "line":
        ctx.strokeStyle = m.stroke;
        ctx.lineWidth = m.strokeWidth ?? 1;
        ctx.setLineDash(m.dash ? m.dash.split(/[ ,]+/).map(Number) : []);
        ctx.beginPath();
        ctx.moveTo(m.x1, m.y1);
        ctx.lineTo(m.x2, m.y2);
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      case "circle":
        ctx.beginPath();
        ctx.arc(m.cx, m.cy, m.r, 0, 2 * Math.PI);
        ctx.fillStyle = m.fill;
        ctx.fill();
        if (m.stroke) {
          ctx.strokeStyle = m.stroke;
          ctx.lineWidth = m.strokeWidth ?? 1;
          ctx.stroke();
        }
        break;
      case "text":
        ctx.fillStyle = m.fill;
        ctx.font = `${m.weight === "bold" ? "bold " : ""}${m.size}px ${FIGURE_FONT}`;
        ctx.textAlign = m.anchor === "middle" ? "center" : m.anchor === "end" ? "right" : "left";
        ctx.fillText(m.text, m.x, m.y);
        break;
      default: {
        const unreachable: never = m;
        throw new TypeError(`drawScene: unknown mark ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
