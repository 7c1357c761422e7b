"use client";
// One figure of a finding, drawn from its FROZEN value by lib/findings/figure-svg (the same SVG the
// offline HTML export holds), in a card (./findings.module.css), with a note when the model's
// newest version answers differently, and an honest status while its analysis is computing.
import { figureValueSchemas, FIGURE_KINDS, type FigureKind } from "@/lib/findings/figures";
import { figureSvg } from "@/lib/findings/figure-svg";
import type { FindingPageFields } from "@/lib/client/finding-operations";
import styles from "./findings.module.css";

type Figure = FindingPageFields["figures"][number];

function isKind(kind: string): kind is FigureKind {
  return (FIGURE_KINDS as readonly string[]).includes(kind);
}

export function FindingFigure({ figure }: { figure: Figure }) {
  const parsed = figure.value !== null && isKind(figure.kind) ? figureValueSchemas[figure.kind].safeParse(figure.value) : null;
  const current = figure.current;
  return (
    <figure id={figure.key} className={styles.figure} data-testid={`figure-${figure.key}`} data-kind={figure.kind}>
      <figcaption className={styles.caption}>
        <span className="chip">{figure.key}</span>
        <span className={styles.kind}>{figure.kind.toLowerCase().replace("_", " ")}</span>
        <span className={styles.params}>{JSON.stringify(figure.params)}</span>
        {figure.engineVersion ? <span>engine {figure.engineVersion}</span> : null}
        {figure.frozenAt ? <span>frozen {new Date(figure.frozenAt).toLocaleString()}</span> : null}
      </figcaption>
      {parsed?.success && isKind(figure.kind) ? (
        // The SVG string escapes every outside text (lib/findings/figure-svg escapeXml).
        <div className={styles.svg} dangerouslySetInnerHTML={{ __html: figureSvg(figure.kind, parsed.data) }} />
      ) : (
        <p className={styles.pending} role="status" data-testid="figure-pending">
          {figure.status === "PENDING" ? "Its analysis is still being computed; the values are frozen once it is ready." : "Its values do not match the figure format."}
        </p>
      )}
      {current?.status === "READY" && current.differs ? (
        <p className={`alert alert-error ${styles.differs}`} data-testid="figure-differs">Version {current.latestVersion} of the model answers differently; the figure shows the values frozen from the pinned version.</p>
      ) : null}
    </figure>
  );
}
