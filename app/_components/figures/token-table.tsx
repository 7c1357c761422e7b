"use client";
// A table of tokens and numbers (OV / QK top entries, bigrams, skip-trigrams, predictions) shown as
// HTML, exported as PNG / SVG (tableScene) and JSON (its rows). Token cells show the token's text
// quoted, with its id on hover.
import type { ReactNode } from "react";
import { ExportButtons } from "./figure";
import { tableScene, tokenLabel } from "./table-scene";
import styles from "./figures.module.css";

export type Cell = { token: { id: number; text: string } } | { number: number; digits?: number } | { text: string };

export interface TokenTableProps {
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  testId?: string;
  caption?: ReactNode;
}

function cellText(c: Cell): string {
  if ("token" in c) return tokenLabel(c.token.text);
  if ("number" in c) return Number.isFinite(c.number) ? c.number.toFixed(c.digits ?? 3) : "—";
  return c.text;
}

export function TokenTable({ name, title, columns, rows, testId, caption }: TokenTableProps) {
  const numeric = new Set(columns.map((_, j) => j).filter((j) => rows.length > 0 && rows.every((r) => "number" in r[j])));
  const scene = () => tableScene({ title, columns, rows: rows.map((r) => r.map(cellText)), numeric });
  const data = { title, columns, rows: rows.map((r) => r.map((c) => ("token" in c ? c.token : "number" in c ? c.number : c.text))) };
  return (
    <figure className={styles.figure} data-testid={testId}>
      <div className="table-wrap">
        <table className={styles.tokenTable}>
          <caption className="subtle" style={{ textAlign: "left", captionSide: "top" }}>{title}</caption>
          <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={numeric.has(j) ? styles.num : undefined}>
                    {"token" in c ? <span className={styles.tok} title={`token id ${c.token.id}`}>{tokenLabel(c.token.text)}</span> : cellText(c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption className={styles.caption}>
        <span className={styles.readout}>{caption}</span>
        <ExportButtons name={name} title={title} scene={scene} data={data} />
      </figcaption>
    </figure>
  );
}
