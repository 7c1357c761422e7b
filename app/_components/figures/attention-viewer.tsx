"use client";
// The attention viewer (in the spirit of CircuitsVis): small multiples of every head's pattern, one
// head large with zoom, and the tokens as text. Hovering a token (or a row of the large pattern)
// shows where it attends (keys shaded by weight, ranked) and which tokens attend to it (underlined),
// without a React render: the hover touches only the O(k) spans and the overlay canvas, so it stays
// well inside a frame at 2 048 tokens. Canvas drawing times are left on the root element
// (data-draw-ms, data-hover-ms) for the browser benchmark.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ExportButtons } from "./figure";
import { attendedBy, attendsTo, attentionScene, positionAt, rasterPattern, weightLut, zoomWindow, type SparsePattern, type Weighted } from "./attention";
import { colourAt } from "./palette";
import { tokenLabel } from "./table-scene";
import styles from "./attention-viewer.module.css";

export interface AttentionViewerProps {
  name: string;
  tokens: { id: number; text: string }[];
  /** [layer][head] sparse patterns, all of the same n. */
  layers: SparsePattern[][];
  /** A click on a token or a row picks that position (for predictions and path expansion). */
  onPick?: (pos: number) => void;
  picked?: number | null;
}

const THUMB = 96;
const ZOOMS = [32, 64, 128, 256, 512, 1024];
const ATTENDED_BY = 12;

const LUT = weightLut((t) => colourAt("viridis", t));
const lutCss = (w: number) => {
  const l = Math.max(1, Math.min(255, Math.round(w * 255))) * 4;
  return `rgb(${LUT[l]}, ${LUT[l + 1]}, ${LUT[l + 2]})`;
};

function paint(canvas: HTMLCanvasElement | null, p: SparsePattern, window: { start: number; end: number }, size: number) {
  const ctx = canvas?.getContext("2d");
  if (!ctx) return;
  ctx.putImageData(new ImageData(rasterPattern(p, window, size, LUT), size, size), 0, 0);
}

export function AttentionViewer({ name, tokens, layers, onPick, picked }: AttentionViewerProps) {
  const n = tokens.length;
  const [sel, setSel] = useState({ layer: 0, head: 0 });
  const [zoom, setZoom] = useState(n);
  const [start, setStart] = useState(0);
  const [size, setSize] = useState(480);
  const rootRef = useRef<HTMLDivElement>(null);
  const mainRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<HTMLCanvasElement>(null);
  const thumbRefs = useRef<(HTMLCanvasElement | null)[]>([]);
  const stripRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const marked = useRef<HTMLElement[]>([]);
  const pattern = layers[sel.layer]?.[sel.head];
  const len = Math.min(n, zoom);
  const window = useMemo(() => ({ start: Math.min(start, Math.max(0, n - len)), end: Math.min(n, Math.min(start, Math.max(0, n - len)) + len) }), [start, len, n]);

  useEffect(() => {
    const el = rootRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([e]) => setSize(Math.max(200, Math.min(560, Math.floor(e.contentRect.width) - 8))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Thumbnails: every head over the whole sequence, drawn when the data changes.
  useLayoutEffect(() => {
    const t0 = performance.now();
    layers.forEach((heads, l) => heads.forEach((p, h) => paint(thumbRefs.current[l * heads.length + h], p, { start: 0, end: n }, THUMB)));
    rootRef.current?.setAttribute("data-thumbs-ms", (performance.now() - t0).toFixed(2));
  }, [layers, n]);

  // The large pattern of the selected head in the zoom window.
  useLayoutEffect(() => {
    if (!pattern) return;
    const t0 = performance.now();
    paint(mainRef.current, pattern, window, size);
    overlayRef.current?.getContext("2d")?.clearRect(0, 0, size, size);
    const root = rootRef.current;
    root?.setAttribute("data-draw-ms", (performance.now() - t0).toFixed(2));
    root?.setAttribute("data-drawn", `${sel.layer}.${sel.head}:${window.start}-${window.end}`);
  }, [pattern, window, size, sel]);

  const clearMarks = () => {
    for (const el of marked.current) {
      el.style.background = "";
      el.style.color = "";
      el.removeAttribute("data-attended");
      el.removeAttribute("data-attends");
      el.removeAttribute("data-hovered");
    }
    marked.current = [];
  };

  const span = (pos: number) => (pos >= window.start && pos < window.end ? (stripRef.current?.children[pos - window.start] as HTMLElement | undefined) : undefined);

  const drawOverlay = (pos: number, to: Weighted[], by: Weighted[]) => {
    const ctx = overlayRef.current?.getContext("2d");
    if (!ctx) return;
    ctx.clearRect(0, 0, size, size);
    const cell = size / (window.end - window.start);
    const at = (p: number) => (p - window.start) * cell;
    if (pos < window.start || pos >= window.end) return;
    ctx.strokeStyle = "#e08214";
    ctx.lineWidth = 1.5;
    ctx.strokeRect(0, at(pos), size, Math.max(1, cell));
    ctx.strokeStyle = "#542788";
    ctx.strokeRect(at(pos), 0, Math.max(1, cell), size);
    ctx.fillStyle = "#e08214";
    for (const e of to) if (e.pos >= window.start && e.pos < window.end) ctx.fillRect(at(e.pos), at(pos) + cell / 2 - 1.5, Math.max(3, cell), 3);
    ctx.fillStyle = "#542788";
    for (const e of by) if (e.pos >= window.start && e.pos < window.end) ctx.fillRect(at(pos) + cell / 2 - 1.5, at(e.pos), 3, Math.max(3, cell));
  };

  /** Hover of position `pos` (a token or a row): O(n·k) for "attended by", O(k) DOM writes. */
  const hover = (pos: number, t0: number) => {
    if (!pattern) return;
    clearMarks();
    const to = attendsTo(pattern, pos);
    const by = attendedBy(pattern, pos, ATTENDED_BY);
    to.forEach((e, rank) => {
      const el = span(e.pos);
      if (!el) return;
      el.style.background = lutCss(e.weight);
      el.style.color = e.weight > 0.45 ? "#fff" : "";
      el.setAttribute("data-attended", String(rank));
      marked.current.push(el);
    });
    by.forEach((e, rank) => {
      const el = span(e.pos);
      if (!el) return;
      el.setAttribute("data-attends", String(rank));
      marked.current.push(el);
    });
    const self = span(pos);
    if (self) {
      self.setAttribute("data-hovered", "");
      marked.current.push(self);
    }
    drawOverlay(pos, to, by);
    if (readoutRef.current) {
      const t = (p: number) => tokenLabel(tokens[p]?.text ?? "");
      readoutRef.current.textContent = `${sel.layer}.${sel.head} · token ${pos} ${t(pos)} attends to ${to.slice(0, 4).map((e) => `${e.pos} ${t(e.pos)} ${e.weight.toFixed(2)}`).join(", ") || "nothing kept"}${by.length ? ` · attended by ${by.slice(0, 3).map((e) => `${e.pos} (${e.weight.toFixed(2)})`).join(", ")}` : ""}`;
    }
    rootRef.current?.setAttribute("data-hover-ms", (performance.now() - t0).toFixed(3));
    rootRef.current?.setAttribute("data-hover-pos", String(pos));
  };

  const posOfEvent = (target: EventTarget | null) => {
    const raw = target instanceof HTMLElement ? target.dataset.pos : undefined;
    return raw === undefined ? null : Number(raw);
  };
  const rowAt = (e: React.MouseEvent<HTMLCanvasElement>) => positionAt(e.clientY - e.currentTarget.getBoundingClientRect().top, size, window);
  const heads = layers[0]?.length ?? 0;
  const exportData = () => (pattern ? { head: `${sel.layer}.${sel.head}`, window, tokens: tokens.slice(window.start, window.end), rows: Array.from({ length: window.end - window.start }, (_, i) => attendsTo(pattern, window.start + i)) } : null);

  return (
    <div ref={rootRef} className={styles.viewer} data-testid="attention-viewer" data-n={n}>
      <div className={styles.thumbs} role="group" aria-label="Heads (small multiples)">
        {layers.map((hs, l) => hs.map((_, h) => (
          <button key={`${l}.${h}`} type="button" className={`${styles.thumb} ${sel.layer === l && sel.head === h ? styles.thumbOn : ""}`} aria-pressed={sel.layer === l && sel.head === h} onClick={() => setSel({ layer: l, head: h })} aria-label={`Head ${l}.${h}`}>
            <canvas ref={(el) => { thumbRefs.current[l * heads + h] = el; }} width={THUMB} height={THUMB} />
            <span>{l}.{h}</span>
          </button>
        )))}
      </div>
      <div className={styles.controls}>
        <label>Zoom
          <select value={len} onChange={(e) => { const z = Number(e.target.value); setZoom(z); setStart(zoomWindow(n, picked ?? Math.floor(n / 2), z).start); }} aria-label="Positions shown">
            <option value={n}>all {n}</option>
            {ZOOMS.filter((z) => z < n).map((z) => <option key={z} value={z}>{z}</option>)}
          </select>
        </label>
        {len < n ? (
          <label>from
            <input type="range" min={0} max={n - len} value={window.start} onChange={(e) => setStart(Number(e.target.value))} aria-label="First position shown" />
            <span className="mono">{window.start}–{window.end - 1}</span>
          </label>
        ) : null}
        <ExportButtons name={`${name}-attention-${sel.layer}.${sel.head}`} title={`Attention of head ${sel.layer}.${sel.head}`} canvas={() => mainRef.current}
          scene={() => attentionScene(pattern!, window, size, LUT, `Attention of head ${sel.layer}.${sel.head}, positions ${window.start}–${window.end - 1}`)} data={exportData} />
      </div>
      <div className={styles.main} style={{ width: size, height: size }}>
        <canvas ref={mainRef} width={size} height={size} aria-label={`Attention pattern of head ${sel.layer}.${sel.head}: rows are queries, columns keys`} role="img" />
        <canvas ref={overlayRef} width={size} height={size} className={styles.overlay}
          onMouseMove={(e) => hover(rowAt(e), e.timeStamp)} onClick={(e) => onPick?.(rowAt(e))} data-testid="attention-canvas" />
      </div>
      <p className={styles.readout}><span ref={readoutRef} data-testid="attention-readout">Hover a token: shaded, where it attends (darker = more); underlined, the tokens that attend to it. Click to pick it.</span></p>
      <div ref={stripRef} className={styles.strip} data-testid="token-strip"
        onMouseMove={(e) => { const p = posOfEvent(e.target); if (p !== null) hover(p, e.timeStamp); }}
        onClick={(e) => { const p = posOfEvent(e.target); if (p !== null) onPick?.(p); }}>
        {tokens.slice(window.start, window.end).map((t, i) => (
          <span key={window.start + i} data-pos={window.start + i} title={`position ${window.start + i}, id ${t.id}`} className={picked === window.start + i ? styles.picked : undefined}>{t.text}</span>
        ))}
      </div>
    </div>
  );
}
