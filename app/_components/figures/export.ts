// Exports of a figure: its scene as SVG or PNG and its data as JSON, saved as a download. The file
// names and the JSON text are pure (tested); only `download` and `scenePng` touch the DOM.
import { drawScene, sceneToSvg, type Scene } from "./scene";

export type ExportFormat = "png" | "svg" | "json";

/** A safe file name: "<figure>.<ext>" with anything but letters, digits, dot, dash and underscore made "-". */
export function exportFileName(figure: string, format: ExportFormat): string {
  const base = figure.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 120) || "figure";
  return `${base}.${format}`;
}

/** The figure's data as pretty JSON; typed arrays become plain arrays, non-finite numbers null. */
export function figureJson(data: unknown): string {
  return `${JSON.stringify(data, (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v), 2)}\n`;
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The scene drawn on a canvas at `scale`× as a PNG blob. */
export function scenePng(scene: Scene, scale = 2): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(scene.width * scale);
  canvas.height = Math.ceil(scene.height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) return Promise.reject(new Error("This browser cannot draw on a canvas."));
  ctx.scale(scale, scale);
  drawScene(ctx, scene);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
}

/** Saves the figure in one format: its scene (or a canvas's pixels for PNG) or its data. */
export async function download(format: ExportFormat, name: string, scene: Scene | (() => Scene), data: unknown, canvas?: HTMLCanvasElement | null): Promise<void> {
  const fileName = exportFileName(name, format);
  const getScene = typeof scene === "function" ? scene : () => scene;
  if (format === "json") return save(new Blob([figureJson(data)], { type: "application/json" }), fileName);
  if (format === "svg") return save(new Blob([sceneToSvg(getScene())], { type: "image/svg+xml" }), fileName);
  if (canvas) {
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/png"));
    if (blob) return save(blob, fileName);
  }
  return save(await scenePng(getScene()), fileName);
}
