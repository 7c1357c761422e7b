"use client";
// A <details> whose content mounts only once opened, so its query runs only for what a reader
// looks at (an annotation's history or comment thread), and stays live (queryKeys.collab) while open.
import { useState, type ReactNode } from "react";
import styles from "./collab.module.css";

export function LazyDetails({ summary, testId, children }: { summary: ReactNode; testId?: string; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details className={styles.details} data-testid={testId} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
