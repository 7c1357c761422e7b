// Colour-blind safe palettes for every figure: viridis and cividis (sequential, luminance rising
// monotonically, readable in grey and under the common colour-vision deficiencies) and ColorBrewer's
// PuOr (diverging, purple below the centre, orange above). Pure functions, no DOM.
// Rule: no figure picks a colour outside this module; a value's colour is `colourAt(palette, t)`.

export type Rgb = readonly [number, number, number];
export type PaletteName = "viridis" | "cividis" | "puor";

function hex(h: string): Rgb {
  const n = Number.parseInt(h.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Evenly spaced anchors: matplotlib's viridis at t = 0, 0.1, …, 1 (the 11 colours d3 and matplotlib publish). */
const VIRIDIS = ["#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"].map(hex);
/** cividis (Nuñez, Anderton & Renslow 2018) at t = 0, 0.25, 0.5, 0.75, 1, after matplotlib's table. */
const CIVIDIS = ["#00224e", "#35456c", "#7c7b78", "#bcaf6f", "#fee838"].map(hex);
/** ColorBrewer PuOr, 11 classes, reversed so that t = 0 is purple (most negative) and t = 1 orange. */
const PUOR = ["#2d004b", "#542788", "#8073ac", "#b2abd2", "#d8daeb", "#f7f7f7", "#fee0b6", "#fdb863", "#e08214", "#b35806", "#7f3b08"].map(hex);

const ANCHORS: Record<PaletteName, Rgb[]> = { viridis: VIRIDIS, cividis: CIVIDIS, puor: PUOR };

/** The palette's colour at t ∈ [0, 1] (clamped; NaN gives the t = 0 colour), linear between anchors. */
export function colourAt(palette: PaletteName, t: number): Rgb {
  const anchors = ANCHORS[palette];
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) * (anchors.length - 1) : 0;
  const i = Math.min(anchors.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [anchors[i], anchors[i + 1]];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as unknown as Rgb;
}

/** "rgb(r, g, b)" for SVG and canvas. */
export function css(rgb: Rgb): string {
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}

/** Relative luminance (WCAG 2.1) in [0, 1]: decides whether text on a fill is drawn dark or light. */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Text colour readable on `fill`: near-black on light fills, white on dark ones. */
export function textOn(fill: Rgb): string {
  return luminance(fill) > 0.36 ? "#1b1f24" : "#ffffff";
}

/** Position of `value` on [lo, hi] clamped to [0, 1]; 0 when the range is empty or the value not finite. */
export function unitPosition(value: number, lo: number, hi: number): number {
  if (!Number.isFinite(value) || !(hi > lo)) return 0;
  return Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
}

/** Position of a signed value on a diverging scale centred on 0 with ±`extent` at the ends. */
export function divergingPosition(value: number, extent: number): number {
  if (!Number.isFinite(value) || !(extent > 0)) return 0.5;
  return Math.min(1, Math.max(0, 0.5 + value / (2 * extent)));
}
