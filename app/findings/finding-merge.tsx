"use client";
// Shown by the finding editor when a save was refused as stale (CONFLICT): the editor's draft and
// the finding as it is now side by side (title and Markdown body), a line diff of the bodies, and a
// merged title and body to edit. "Keep mine" saves the draft, "Save merged" the edited text, both
// against the current version; "Take theirs" drops the draft and writes nothing (./finding-conflict).
import { useMemo, useState } from "react";
import styles from "../_components/collab/collab.module.css";
import { WordDiff } from "../_components/collab/revision-history";
import { BODY_MAX_CHARS, lineDiff, TITLE_MAX_CHARS, type FindingCurrent, type FindingDraft } from "./finding-conflict";

export interface FindingMergeProps {
  /** The server's CONFLICT message (names the version edited and the current one). */
  message: string;
  mine: FindingDraft;
  theirs: FindingCurrent;
  busy: boolean;
  onSave: (draft: FindingDraft) => void;
  onTakeTheirs: () => void;
}

function Side({ side, draft, heading }: { side: "mine" | "theirs"; draft: FindingDraft; heading: string }) {
  return (
    <section className={styles.mergeSide} data-testid={`merge-${side}`}>
      <strong>{heading}</strong>
      <div data-testid={`merge-title-${side}`} style={{ fontWeight: 600, margin: "0.3rem 0" }}>{draft.title}</div>
      <div data-testid={`merge-body-${side}`} className="mono" style={{ fontSize: "0.82rem" }}>{draft.body || "(empty)"}</div>
    </section>
  );
}

export function FindingMerge({ message, mine, theirs, busy, onSave, onTakeTheirs }: FindingMergeProps) {
  const [title, setTitle] = useState(mine.title);
  const [body, setBody] = useState(mine.body);
  const diff = useMemo(() => lineDiff(theirs.body, mine.body), [theirs.body, mine.body]);
  const bodyChanged = diff.some((p) => p.added || p.removed);
  return (
    <div className={styles.merge} role="alertdialog" aria-label="Merge your edit" data-testid="finding-merge">
      <p role="alert" style={{ margin: 0, fontWeight: 600 }}>{message}</p>
      <div className={styles.mergeGrid}>
        <Side side="mine" draft={mine} heading="Yours" />
        <Side side="theirs" draft={theirs} heading={`Current (version ${theirs.version})`} />
      </div>
      {mine.title !== theirs.title ? (
        <p className={styles.meta} style={{ margin: 0 }} data-testid="merge-title-diff">Title: <del>{theirs.title}</del> → <ins>{mine.title}</ins></p>
      ) : null}
      <div>
        <p className={styles.meta} style={{ margin: "0 0 0.2rem" }}>{bodyChanged ? "Lines from the current body to yours:" : "The bodies are the same."}</p>
        {bodyChanged ? <WordDiff parts={diff} /> : null}
      </div>
      <div className="field" style={{ marginBottom: 0 }}>
        <label htmlFor="merge-title">Merged title</label>
        <input id="merge-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={TITLE_MAX_CHARS} style={{ width: "100%", boxSizing: "border-box" }} />
      </div>
      <div className="field" style={{ marginBottom: 0 }}>
        <label htmlFor="merge-body">Merged body (Markdown; starts from yours, edit freely)</label>
        <textarea id="merge-body" value={body} onChange={(e) => setBody(e.target.value)} rows={8} maxLength={BODY_MAX_CHARS} style={{ width: "100%", boxSizing: "border-box", font: "inherit" }} />
      </div>
      <div className={styles.actions}>
        <button type="button" disabled={busy || !title.trim()} onClick={() => onSave({ title, body })}>Save merged</button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onSave(mine)}>Keep mine</button>
        <button type="button" className="secondary" disabled={busy} onClick={onTakeTheirs}>Take theirs</button>
      </div>
    </div>
  );
}
