"use client";
// One figure on a page: the scene drawn as SVG, a hover readout (pictures first, numbers on hover),
// and PNG / SVG / JSON export buttons. Marks with a `key` report hover and click by that key.
import { useState, type ReactNode } from "react";
import { download, type ExportFormat } from "./export";
import { FIGURE_FONT, type Mark, type Scene } from "./scene";
import styles from "./figures.module.css";

function SvgMark({ m, active }: { m: Mark; active: boolean }) {
  switch (m.kind) {
    case "rect":
      return (
        <rect x={m.x} y={m.y} width={m.w} height={m.h} rx={m.rx} fill={m.fill} stroke={active ? "#1b1f24" : m.stroke} strokeWidth={active ? 2 : m.strokeWidth} data-key={m.key} data-group={m.group} pointerEvents={m.key ? undefined : "none"}>
          {m.title ? <title>{m.title}</title> : null}
        </rect>
      );
    case "line":
      return <line x1={m.x1} y1={m.y1} x2={m.x2} y2={m.y2} stroke={m.stroke} strokeWidth={m.strokeWidth ?? 1} strokeDasharray={m.dash} pointerEvents="none" />;
    case "circle":
      return (
        <circle cx={m.cx} cy={m.cy} r={active ? m.r + 2 : m.r} fill={m.fill} stroke={active ? "#1b1f24" : m.stroke} strokeWidth={m.strokeWidth} data-key={m.key} data-group={m.group} pointerEvents={m.key ? undefined : "none"}>
          {m.title ? <title>{m.title}</title> : null}
        </circle>
      );
    case "text":
      return (
        <text x={m.x} y={m.y} fontSize={m.size} fill={m.fill} textAnchor={m.anchor ?? "start"} fontWeight={m.weight} pointerEvents="none" data-group={m.group}>
          {m.text}
        </text>
      );
  }
}

export interface FigureProps {
  /** Export file name stem, e.g. "induction-2l-composition-K". */
  name: string;
  scene: Scene;
  /** What the JSON export saves: the numbers the figure draws. */
  data: unknown;
  /** The readout for a hovered mark's key (null: the default hint). */
  describe?: (key: string) => string | null;
  onSelect?: (key: string) => void;
  /** Keys drawn as selected. */
  activeKey?: string | null;
  testId?: string;
  children?: ReactNode;
}

/** PNG, SVG and JSON buttons for a figure (the scene is built only when an image is asked for). */
export function ExportButtons({ name, title, scene, data, canvas }: { name: string; title: string; scene: Scene | (() => Scene); data: unknown; canvas?: () => HTMLCanvasElement | null }) {
  const [exportError, setExportError] = useState<string | null>(null);
  const save = (format: ExportFormat) => download(format, name, scene, data, canvas?.()).then(() => setExportError(null), (e: unknown) => setExportError(e instanceof Error ? e.message : String(e)));
  return (
    <span className={styles.exports}>
      {(["png", "svg", "json"] as const).map((f) => (
        <button key={f} type="button" className="secondary" onClick={() => void save(f)} aria-label={`Export ${title} as ${f.toUpperCase()}`}>{f.toUpperCase()}</button>
      ))}
      {exportError ? <span className="alert alert-error" role="alert">{exportError}</span> : null}
    </span>
  );
}

export function Figure({ name, scene, data, describe, onSelect, activeKey, testId, children }: FigureProps) {
  const [hover, setHover] = useState<string | null>(null);
  const keyOf = (target: EventTarget | null) => (target instanceof Element ? target.closest("[data-key]")?.getAttribute("data-key") ?? null : null);
  const readout = hover && describe ? describe(hover) : null;
  return (
    <figure className={styles.figure} data-testid={testId}>
      <div className={styles.scroll}>
        <svg
          viewBox={`0 0 ${scene.width} ${scene.height}`} width={scene.width} height={scene.height} role="img" aria-label={scene.title}
          style={{ fontFamily: FIGURE_FONT, cursor: onSelect ? "pointer" : undefined }}
          onMouseMove={(e) => setHover(keyOf(e.target))} onMouseLeave={() => setHover(null)}
          onClick={(e) => { const k = keyOf(e.target); if (k && onSelect) onSelect(k); }}
        >
          {scene.marks.map((m, i) => <SvgMark key={i} m={m} active={"key" in m && m.key !== undefined && (m.key === activeKey || m.key === hover)} />)}
        </svg>
      </div>
      <figcaption className={styles.caption}>
        <span className={styles.readout} aria-live="polite" data-testid={testId ? `${testId}-readout` : undefined}>{readout ?? (describe ? "Hover for the numbers." : "")}</span>
        <ExportButtons name={name} title={scene.title} scene={scene} data={data} />
      </figcaption>
      {children}
    </figure>
  );
}
