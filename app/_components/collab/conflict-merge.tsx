"use client";
// Shown when an edit was refused as stale (CONFLICT): the person's draft and the annotation as it
// is now side by side, field by field, with a word diff of the bodies and, when they differ, both
// evidence lists; they choose a side per field (and may edit the body) and resubmit against the
// current version (merge.ts).
import { diffWords } from "diff";
import { useMemo, useState } from "react";
import styles from "./collab.module.css";
import { conflictingFields, mergeDrafts, sameEvidence, type AnnotationDraft, type DraftField, type EvidenceLinkDraft, type MergeChoice } from "./merge";
import { WordDiff } from "./revision-history";

export interface ConflictMergeProps<L extends EvidenceLinkDraft = EvidenceLinkDraft> {
  mine: AnnotationDraft & { evidence: L[] };
  theirs: AnnotationDraft & { version: number; evidence: L[] };
  busy: boolean;
  /** The merged fields and the evidence list chosen. */
  onResubmit: (merged: AnnotationDraft, evidence: L[]) => void;
  onCancel: () => void;
}

const FIELD_NAMES: Record<DraftField, string> = { label: "Label", body: "Text", confidence: "Confidence" };

const show = (field: DraftField, d: AnnotationDraft) => (field === "confidence" ? `${Math.round(d.confidence * 100)}%` : d[field] || "(empty)");

function EvidenceList({ links }: { links: readonly EvidenceLinkDraft[] }) {
  if (links.length === 0) return <div>(none)</div>;
  return <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>{links.map((l, i) => <li key={i}><span className="mono">{l.kind.toLowerCase()} {l.pointer || "(whole result)"}</span>{l.caption ? ` — ${l.caption}` : ""}</li>)}</ul>;
}

export function ConflictMerge<L extends EvidenceLinkDraft>({ mine, theirs, busy, onResubmit, onCancel }: ConflictMergeProps<L>) {
  const fields = conflictingFields(mine, theirs);
  const evidenceDiffers = !sameEvidence(mine.evidence, theirs.evidence);
  const [evidenceSide, setEvidenceSide] = useState<"mine" | "theirs">("mine");
  const [choice, setChoice] = useState<MergeChoice>({ label: "mine", body: "mine", confidence: "mine" });
  const [body, setBody] = useState<string>(mine.body);
  const diff = useMemo(() => diffWords(theirs.body, mine.body).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })), [theirs.body, mine.body]);
  const chooseBody = (side: "mine" | "theirs") => { setChoice((c) => ({ ...c, body: side })); setBody(side === "mine" ? mine.body : theirs.body); };

  return (
    <div className={styles.merge} role="alertdialog" aria-label="Merge your edit" data-testid="conflict-merge">
      <strong>Someone else changed this annotation while you edited it (it is now at version {theirs.version}).</strong>
      <p className={styles.meta} style={{ margin: 0 }}>
        {fields.length === 0 && !evidenceDiffers ? "Their change matches yours; resubmit to keep it." : `Choose what to keep for ${[...fields.map((f) => FIELD_NAMES[f].toLowerCase()), ...(evidenceDiffers ? ["evidence"] : [])].join(", ")}, then resubmit.`}
      </p>
      {fields.map((f) => (
        <fieldset key={f} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend><strong>{FIELD_NAMES[f]}</strong></legend>
          <div className={styles.mergeGrid}>
            {(["mine", "theirs"] as const).map((side) => (
              <label key={side} className={styles.mergeSide}>
                <input type="radio" name={`merge-${f}`} checked={choice[f] === side} onChange={() => (f === "body" ? chooseBody(side) : setChoice((c) => ({ ...c, [f]: side })))} />{" "}
                <strong>{side === "mine" ? "Yours" : "Current"}</strong>
                <div data-testid={`merge-${f}-${side}`}>{show(f, side === "mine" ? mine : theirs)}</div>
              </label>
            ))}
          </div>
          {f === "body" ? (
            <>
              <p className={styles.meta} style={{ margin: "0.4rem 0 0.2rem" }}>From the current text to yours:</p>
              <WordDiff parts={diff} />
              <label htmlFor="merge-body-edit" className={styles.meta}>Merged text (edit freely)</label>
              <textarea id="merge-body-edit" value={body} onChange={(e) => setBody(e.target.value)} style={{ width: "100%", minHeight: "5rem", boxSizing: "border-box" }} />
            </>
          ) : null}
        </fieldset>
      ))}
      {evidenceDiffers ? (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend><strong>Evidence</strong></legend>
          <div className={styles.mergeGrid}>
            {(["mine", "theirs"] as const).map((side) => (
              <label key={side} className={styles.mergeSide} style={{ whiteSpace: "normal" }}>
                <input type="radio" name="merge-evidence" checked={evidenceSide === side} onChange={() => setEvidenceSide(side)} />{" "}
                <strong>{side === "mine" ? "Yours" : "Current"}</strong>
                <div data-testid={`merge-evidence-${side}`}><EvidenceList links={side === "mine" ? mine.evidence : theirs.evidence} /></div>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className={styles.actions}>
        <button type="button" disabled={busy} onClick={() => onResubmit(mergeDrafts(mine, theirs, choice, fields.includes("body") ? body : undefined), evidenceSide === "theirs" ? theirs.evidence : mine.evidence)}>Resubmit merged</button>
        <button type="button" className="secondary" onClick={onCancel}>Discard my edit</button>
      </div>
    </div>
  );
}
