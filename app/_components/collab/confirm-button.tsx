"use client";
// A destructive button that asks first: the first click turns it into "Delete …? Yes / Keep it",
// so nothing is deleted by one stray click (and no browser dialog is needed).
import { useState } from "react";
import styles from "./collab.module.css";

export function ConfirmButton({ label, question, busy, onConfirm }: { label: string; question: string; busy: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" className="danger" disabled={busy} onClick={() => setAsking(true)}>{label}</button>;
  return (
    <span className={styles.confirm} role="group" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="danger" disabled={busy} onClick={() => { setAsking(false); onConfirm(); }}>Yes, delete</button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>Keep it</button>
    </span>
  );
}
