// The model overview's head grid (layer rows × head columns, each cell a head "L.H" coloured by a
// chosen score) with the head's labels as badges that always fit their cell: each badge is drawn
// in the longest of its spellings that fits the cell's width at the current page width; people's
// consensus label (with its support) is one more badge, drawn in the accent colour. Pure.
import { legendMarks, LEGEND_HEIGHT, type LegendSpec } from "./legend";
import { colourAt, css, textOn } from "./palette";
import { fitText, textWidth, type Mark, type Scene } from "./scene";

export interface GridBadge {
  /** Spellings from the most to the least explicit, e.g. ["induction ← 0.0 (K-comp)", "ind ← 0.0", "IND"]. */
  variants: string[];
  /** Full text on hover. */
  title: string;
  /** "consensus": people's agreed label (drawn in the accent colour, apart from the engine's). */
  tone?: "consensus";
}

/** What people agreed a head is (Model.headConsensus): the label and the support behind it. */
export interface GridConsensus {
  label: string;
  count: number;
  accepted: boolean;
}

/** Spellings of a consensus badge from full to short, e.g. ["agreed induction ×3", "induction ×3", "ind ×3", "×3"]. */
export function consensusBadge(c: GridConsensus): GridBadge {
  const word = c.accepted ? "accepted" : "agreed";
  return {
    variants: [`${word} ${c.label} ×${c.count}`, `${c.label} ×${c.count}`, `${c.label.slice(0, 3)} ×${c.count}`, `×${c.count}`],
    title: `${c.accepted ? "The team's accepted annotation" : "Consensus of people's annotations"}: ${c.label}, support ${c.count}`,
    tone: "consensus",
  };
}

export interface GridHead {
  name: string;
  layer: number;
  head: number;
  /** The chosen score (null: undefined for this head). */
  value: number | null;
  badges: GridBadge[];
}

export interface HeadGridSpec {
  title: string;
  nLayers: number;
  nHeads: number;
  heads: GridHead[];
  /** Width available in px. */
  width: number;
  position: (v: number) => number;
  legend: LegendSpec;
  selected?: string | null;
}

export const BADGE_SIZE = 10;
const BADGE_PAD = 4;
const BADGE_H = 15;
const NAME_H = 20;

/**
 * The longest variant whose pill (text plus padding) fits `maxWidth` px at `size`; the last variant
 * cut with "…" when none fits whole.
 */
export function fitBadge(variants: string[], size: number, maxWidth: number): string {
  for (const v of variants) if (textWidth(v, size) + 2 * BADGE_PAD <= maxWidth) return v;
  return fitText(variants[variants.length - 1] ?? "", size, maxWidth - 2 * BADGE_PAD);
}

/** Badge pill width for `text`. */
export function badgeWidth(text: string, size = BADGE_SIZE): number {
  return textWidth(text, size) + 2 * BADGE_PAD;
}

/** The grid laid out for `spec.width`; keys are head names. Cells grow in height to hold every badge. */
export function headGridScene(spec: HeadGridSpec): Scene {
  const narrow = spec.width < 480;
  const left = narrow ? 26 : 60;
  const top = 18;
  const nHeads = Math.max(1, spec.nHeads);
  const gap = narrow && nHeads > 6 ? 2 : 4;
  const cellW = Math.max(20, Math.min(170, Math.floor((spec.width - left - 4) / nHeads) - gap));
  const maxBadges = Math.max(0, ...spec.heads.map((h) => h.badges.length));
  const cellH = NAME_H + maxBadges * (BADGE_H + 3) + 6;
  const marks: Mark[] = [];
  for (let h = 0; h < nHeads; h++) {
    marks.push({ kind: "text", x: left + h * (cellW + gap) + cellW / 2, y: top - 5, text: narrow ? String(h) : `head ${h}`, size: 10, fill: "#5c6672", anchor: "middle" });
  }
  for (let l = 0; l < spec.nLayers; l++) {
    marks.push({ kind: "text", x: left - 6, y: top + l * (cellH + gap) + 14, text: narrow ? `L${l}` : `layer ${l}`, size: 10, fill: "#5c6672", anchor: "end" });
  }
  for (const head of spec.heads) {
    const x = left + head.head * (cellW + gap);
    const y = top + head.layer * (cellH + gap);
    const defined = head.value !== null && Number.isFinite(head.value);
    const fill = defined ? colourAt(spec.legend.palette, spec.position(head.value!)) : ([241, 242, 244] as const);
    const selected = spec.selected === head.name;
    marks.push({ kind: "rect", x, y, w: cellW, h: cellH, rx: 5, fill: css(fill), stroke: selected ? "#1b1f24" : "#c5cbd3", strokeWidth: selected ? 2.5 : 1, key: head.name, group: head.name, title: `head ${head.name}: ${defined ? head.value!.toFixed(3) : "no score"}` });
    marks.push({ kind: "text", x: x + cellW / 2, y: y + 14, text: head.name, size: cellW < 34 ? 9 : 12, fill: textOn(fill), anchor: "middle", weight: "bold", group: head.name });
    head.badges.forEach((b, i) => {
      const text = fitBadge(b.variants, BADGE_SIZE, cellW - 4);
      if (!text) return;
      const w = Math.min(cellW - 4, badgeWidth(text));
      const by = y + NAME_H + i * (BADGE_H + 3);
      const consensus = b.tone === "consensus";
      marks.push({ kind: "rect", x: x + (cellW - w) / 2, y: by, w, h: BADGE_H, rx: 7, fill: consensus ? "#e8eefc" : "#ffffff", stroke: consensus ? "#2450d8" : "#1b1f24", strokeWidth: consensus ? 1.25 : 0.75, key: head.name, group: head.name, title: b.title });
      marks.push({ kind: "text", x: x + cellW / 2, y: by + 11, text, size: BADGE_SIZE, fill: consensus ? "#1e3a8a" : "#1b1f24", anchor: "middle", group: head.name, ...(consensus ? { weight: "bold" as const } : {}) });
    });
  }
  const gridBottom = top + spec.nLayers * (cellH + gap);
  const legendW = Math.max(140, Math.min(260, spec.width - left - 10));
  marks.push(...legendMarks(spec.legend, left, gridBottom + 10, legendW));
  const width = Math.max(left + nHeads * (cellW + gap), left + legendW + 8);
  return { width, height: gridBottom + 14 + LEGEND_HEIGHT, title: spec.title, marks };
}
