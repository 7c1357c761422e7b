"use client";
// One figure of a finding, drawn from its FROZEN value by lib/findings/figure-svg (the same SVG the
// offline HTML export holds), with a note when the model's newest version answers differently.
import { figureValueSchemas, FIGURE_KINDS, type FigureKind } from "@/lib/findings/figures";
import { figureSvg } from "@/lib/findings/figure-svg";
import type { FindingPageFields } from "@/lib/client/finding-operations";

type Figure = FindingPageFields["figures"][number];

function isKind(kind: string): kind is FigureKind {
  return (FIGURE_KINDS as readonly string[]).includes(kind);
}

export function FindingFigure({ figure }: { figure: Figure }) {
  const parsed = figure.value !== null && isKind(figure.kind) ? figureValueSchemas[figure.kind].safeParse(figure.value) : null;
  const current = figure.current;
  return (
    <figure id={figure.key} className="finding-figure" data-testid={`figure-${figure.key}`} data-kind={figure.kind}>
      <figcaption className="subtle">
        {figure.key} · {figure.kind.toLowerCase().replace("_", " ")} · {JSON.stringify(figure.params)}
        {figure.engineVersion ? ` · engine ${figure.engineVersion}` : ""}
        {figure.frozenAt ? ` · frozen ${new Date(figure.frozenAt).toLocaleString()}` : ""}
      </figcaption>
      {parsed?.success && isKind(figure.kind) ? (
        // The SVG string escapes every outside text (lib/findings/figure-svg escapeXml).
        <div className="figure-svg" dangerouslySetInnerHTML={{ __html: figureSvg(figure.kind, parsed.data) }} />
      ) : (
        <p className="subtle">{figure.status === "PENDING" ? "Its analysis is still being computed; the values are frozen once it is ready." : "Its values do not match the figure format."}</p>
      )}
      {current?.status === "READY" && current.differs ? (
        <p className="alert alert-error" data-testid="figure-differs">Version {current.latestVersion} of the model answers differently; the figure shows the values frozen from the pinned version.</p>
      ) : null}
    </figure>
  );
}
