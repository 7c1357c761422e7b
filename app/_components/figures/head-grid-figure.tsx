"use client";
// The overview's head grid as a figure: cells coloured by the chosen score (viridis for scores in
// [0, 1], PuOr centred on 0 for signed ones), label badges (the engine's, then people's consensus) fitted to the cell width at the page's
// current width, a click opens the head's page. Exports PNG, SVG and the grid's data as JSON.
import { useMemo, useState } from "react";
import { labelBadgeTitle, labelBadgeVariants, type LabelView } from "@/lib/analysis/display";
import { REPORT_SCORE_KEYS, scoreDefinition, type ScoreKey } from "@/lib/analysis/score-definitions";
import { Figure } from "./figure";
import { consensusBadge, headGridScene, type GridConsensus, type GridHead } from "./head-grid";
import { divergingPosition, unitPosition } from "./palette";
import { useWidth } from "./use-width";
import styles from "./figures.module.css";

export interface HeadRow {
  name: string;
  layer: number;
  head: number;
  labels: LabelView[];
  scores: Partial<Record<ScoreKey, number | null>>;
  /** People's agreed label, when any (Model.headConsensus). */
  consensus?: GridConsensus | null;
}

export interface HeadGridFigureProps {
  name: string;
  nLayers: number;
  nHeads: number;
  heads: HeadRow[];
  onOpen: (head: string) => void;
  initialScore?: ScoreKey;
}

export function HeadGridFigure({ name, nLayers, nHeads, heads, onOpen, initialScore = "induction" }: HeadGridFigureProps) {
  const [score, setScore] = useState<ScoreKey>(initialScore);
  const [ref, width] = useWidth<HTMLDivElement>();
  const definition = scoreDefinition(score);
  const signed = definition.range === "signed";
  const scene = useMemo(() => {
    const gridHeads: GridHead[] = heads.map((h) => ({
      name: h.name, layer: h.layer, head: h.head, value: h.scores[score] ?? null,
      badges: [...h.labels.map((l) => ({ variants: labelBadgeVariants(l), title: labelBadgeTitle(l) })), ...(h.consensus ? [consensusBadge(h.consensus)] : [])],
    }));
    return headGridScene({
      title: `Heads of ${name} coloured by ${definition.name}`, nLayers, nHeads, heads: gridHeads, width,
      position: signed ? (v) => divergingPosition(v, 1) : (v) => unitPosition(v, 0, 1),
      legend: signed ? { palette: "puor", lo: -1, hi: 1, label: definition.name, markers: [{ value: 0, label: "0" }] } : { palette: "viridis", lo: 0, hi: 1, label: definition.name },
    });
  }, [heads, score, width, name, nLayers, nHeads, definition, signed]);
  const byName = useMemo(() => new Map(heads.map((h) => [h.name, h])), [heads]);
  return (
    <div ref={ref} data-testid="head-grid">
      <div className={styles.controls}>
        <label>
          Colour by
          <select value={score} onChange={(e) => setScore(e.target.value as ScoreKey)} aria-label="Colour heads by score">
            {REPORT_SCORE_KEYS.map((k) => <option key={k} value={k}>{scoreDefinition(k).name}</option>)}
          </select>
        </label>
        <span className="hint" style={{ margin: 0 }}>{definition.definition}</span>
      </div>
      <Figure
        name={`${name}-heads-${score}`} scene={scene} testId="head-grid-figure"
        data={{ score, definition: definition.definition, heads: heads.map((h) => ({ name: h.name, value: h.scores[score] ?? null, labels: h.labels, consensus: h.consensus ?? null })) }}
        describe={(key) => {
          const h = byName.get(key);
          if (!h) return null;
          const v = h.scores[score];
          return `head ${key} · ${definition.name} ${typeof v === "number" ? v.toFixed(4) : "—"}${h.labels.length ? ` · ${h.labels.map(labelBadgeTitle).join("; ")}` : ""}${h.consensus ? ` · people: ${h.consensus.label} (support ${h.consensus.count})` : ""} · click for its page`;
        }}
        onSelect={onOpen}
      />
    </div>
  );
}
