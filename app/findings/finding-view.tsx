"use client";
// A finding as a reader sees it: title, what it is about, a banner when the model's newest version
// disagrees with a frozen figure, the body (sanitised HTML stored at write time, lib/collab/markdown)
// and its figures drawn from their frozen values. The finding page adds its controls as children.
import Link from "next/link";
import type { ReactNode } from "react";
import type { FindingPageFields } from "@/lib/client/finding-operations";
import { FindingFigure } from "./finding-figure";
import styles from "./findings.module.css";

export function FindingView({ finding, children }: { finding: FindingPageFields; children?: ReactNode }) {
  const disagreeing = finding.figures.filter((f) => f.current?.status === "READY" && f.current.differs);
  const latest = Math.max(0, ...finding.figures.map((f) => f.current?.latestVersion ?? 0));
  return (
    <article className="page" data-testid="finding">
      <p className="subtle" style={{ margin: 0 }}>
        Finding · <span className="badge">{finding.visibility.toLowerCase()}</span>
      </p>
      <h1>{finding.title}</h1>
      <p className="subtle">
        {finding.author ? `By ${finding.author.name}` : "By a former member"} · about{" "}
        {finding.model ? <Link href={`/models/${finding.model.id}`}>{finding.model.name}</Link> : "a model"}, version {finding.modelVersion} · updated{" "}
        {new Date(finding.updatedAt).toLocaleString()}
      </p>
      {disagreeing.length > 0 ? (
        <div className="alert alert-error" role="status" data-testid="newer-version-banner">
          Version {latest} of the model disagrees with {disagreeing.length === 1 ? "figure" : "figures"} {disagreeing.map((f) => f.key).join(", ")}. This finding shows
          the values frozen from version {finding.modelVersion}.
        </div>
      ) : null}
      {children}
      {/* bodyHtml is the server's sanitised rendering (rehype-sanitize, no images, no raw HTML). */}
      <div className={`markdown ${styles.body}`} data-testid="finding-body" dangerouslySetInnerHTML={{ __html: finding.bodyHtml }} />
      <section aria-label="Figures" className={styles.figures}>
        {finding.figures.map((f) => (
          <FindingFigure key={f.id} figure={f} />
        ))}
      </section>
    </article>
  );
}
