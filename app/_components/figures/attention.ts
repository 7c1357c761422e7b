// The attention viewer's pure parts (in the spirit of CircuitsVis, drawn on canvas so 2 048 tokens
// stay responsive): attention patterns kept sparse as the top-k keys of every query row, rasterised
// straight into RGBA pixels for any zoom window, and the two hover questions — where does a token
// attend, and which tokens attend to it. Everything here is O(n·k) at most; nothing is O(n²).
import type { Mark, Scene } from "./scene";

/** One head's pattern [query_pos, key_pos] as the top-k keys of every query row (TL `cache["pattern"]`). */
export interface SparsePattern {
  /** Sequence length. */
  n: number;
  /** Keys kept per query row. */
  k: number;
  /** [n, k] attention weights, descending along each row. */
  values: Float32Array;
  /** [n, k] key positions of those weights. */
  indices: Int32Array;
}

/** A half-open window [start, end) of positions shown on both axes. */
export interface Window {
  start: number;
  end: number;
}

/** Checks the arrays' lengths against n·k once, so drawing never reads past them. */
export function sparsePattern(n: number, k: number, values: Float32Array, indices: Int32Array): SparsePattern {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0 || k < 0) throw new RangeError(`sparsePattern: n ${n} and k ${k} must be non-negative integers`);
  if (values.length !== n * k || indices.length !== n * k) throw new RangeError(`sparsePattern: expected ${n}×${k} = ${n * k} values and indices, got ${values.length} and ${indices.length}`);
  return { n, k, values, indices };
}

/** Splits a layer's [n_heads, n, k] top-k tensors into one SparsePattern per head. */
export function splitHeads(shape: number[], values: Float32Array, indices: Int32Array): SparsePattern[] {
  if (shape.length !== 3) throw new RangeError(`splitHeads: expected [n_heads, n, k], got [${shape.join(", ")}]`);
  const [h, n, k] = shape;
  if (values.length !== h * n * k || indices.length !== h * n * k) throw new RangeError(`splitHeads: [${shape.join(", ")}] needs ${h * n * k} entries, got ${values.length} and ${indices.length}`);
  return Array.from({ length: h }, (_, i) => sparsePattern(n, k, values.subarray(i * n * k, (i + 1) * n * k), indices.subarray(i * n * k, (i + 1) * n * k)));
}

export interface Weighted {
  pos: number;
  weight: number;
}

/** Where query `q` attends: its kept keys, largest weight first (weights of 0 dropped). */
export function attendsTo(p: SparsePattern, q: number): Weighted[] {
  if (q < 0 || q >= p.n) return [];
  const out: Weighted[] = [];
  for (let j = 0; j < p.k; j++) {
    const w = p.values[q * p.k + j];
    if (w > 0) out.push({ pos: p.indices[q * p.k + j], weight: w });
  }
  return out.sort((a, b) => b.weight - a.weight);
}

/** Which queries attend to key `key` among their kept entries, largest weight first, at most `limit`. */
export function attendedBy(p: SparsePattern, key: number, limit = 16): Weighted[] {
  const out: Weighted[] = [];
  if (key < 0 || key >= p.n) return out;
  // Causal attention: only queries at or after the key can attend to it.
  for (let q = key; q < p.n; q++) {
    for (let j = 0; j < p.k; j++) {
      if (p.indices[q * p.k + j] === key && p.values[q * p.k + j] > 0) out.push({ pos: q, weight: p.values[q * p.k + j] });
    }
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, limit);
}

/**
 * 256 RGBA colours for weights 0…1: white at 0, then viridis reversed (light yellow for a little
 * attention, dark purple for all of it), so luminance falls monotonically with the weight.
 */
export function weightLut(colourAt: (t: number) => readonly [number, number, number]): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = i === 0 ? [255, 255, 255] : colourAt(1 - i / 255);
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

/**
 * The pattern inside `window` rasterised into a size × size RGBA image: each kept entry (q, key)
 * with both in the window fills its cell; where several entries share a pixel (more positions than
 * pixels) the pixel shows the largest weight. O(n·k + size²).
 */
export function rasterPattern(p: SparsePattern, window: Window, size: number, lut: Uint8ClampedArray, out?: Uint8ClampedArray<ArrayBuffer>): Uint8ClampedArray<ArrayBuffer> {
  const start = Math.max(0, Math.min(window.start, p.n));
  const end = Math.max(start, Math.min(window.end, p.n));
  const span = end - start;
  const pixels = out && out.length === size * size * 4 ? out : new Uint8ClampedArray(size * size * 4);
  const level = new Uint8Array(size * size);
  if (span > 0) {
    const cell = size / span;
    for (let q = start; q < end; q++) {
      const y0 = Math.floor((q - start) * cell);
      const y1 = Math.max(y0 + 1, Math.floor((q - start + 1) * cell));
      for (let j = 0; j < p.k; j++) {
        const key = p.indices[q * p.k + j];
        if (key < start || key >= end) continue;
        const w = p.values[q * p.k + j];
        if (!(w > 0)) continue;
        const l = Math.max(1, Math.min(255, Math.round(w * 255)));
        const x0 = Math.floor((key - start) * cell);
        const x1 = Math.max(x0 + 1, Math.floor((key - start + 1) * cell));
        for (let y = y0; y < y1 && y < size; y++) {
          for (let x = x0; x < x1 && x < size; x++) {
            const at = y * size + x;
            if (l > level[at]) level[at] = l;
          }
        }
      }
    }
  }
  // One 32-bit store per pixel: the LUT and the image share the machine's byte order.
  const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, 256);
  const px32 = new Uint32Array(pixels.buffer, pixels.byteOffset, size * size);
  for (let i = 0; i < size * size; i++) px32[i] = lut32[level[i]];
  return pixels;
}

/** The position under pixel coordinate `px` (0 … size) of a panel showing `window`, clamped to it. */
export function positionAt(px: number, size: number, window: Window): number {
  const span = window.end - window.start;
  if (span <= 0) return window.start;
  return Math.min(window.end - 1, Math.max(window.start, window.start + Math.floor((px / size) * span)));
}

/** A window of `length` positions centred on `centre`, inside [0, n). */
export function zoomWindow(n: number, centre: number, length: number): Window {
  const len = Math.max(1, Math.min(n, Math.round(length)));
  const start = Math.max(0, Math.min(n - len, Math.round(centre - len / 2)));
  return { start, end: start + len };
}

/** Most cells an exported SVG of the pattern holds (beyond it, export the PNG). */
export const MAX_SVG_CELLS = 40_000;

/**
 * The pattern inside `window` as a scene of one rect per kept entry (the SVG export of the viewer),
 * colour from the same LUT as the canvas; at most MAX_SVG_CELLS entries, strongest rows first kept.
 */
export function attentionScene(p: SparsePattern, window: Window, size: number, lut: Uint8ClampedArray, title: string): Scene {
  const start = Math.max(0, window.start);
  const end = Math.min(p.n, window.end);
  const cell = size / Math.max(1, end - start);
  const marks: Mark[] = [{ kind: "rect", x: 0, y: 0, w: size, h: size, fill: "#ffffff", stroke: "#c5cbd3" }];
  let count = 0;
  for (let q = start; q < end && count < MAX_SVG_CELLS; q++) {
    for (let j = 0; j < p.k && count < MAX_SVG_CELLS; j++) {
      const key = p.indices[q * p.k + j];
      const w = p.values[q * p.k + j];
      if (key < start || key >= end || !(w > 0)) continue;
      const l = Math.max(1, Math.min(255, Math.round(w * 255))) * 4;
      marks.push({ kind: "rect", x: (key - start) * cell, y: (q - start) * cell, w: cell, h: cell, fill: `rgb(${lut[l]}, ${lut[l + 1]}, ${lut[l + 2]})` });
      count++;
    }
  }
  return { width: size, height: size, title, marks };
}
