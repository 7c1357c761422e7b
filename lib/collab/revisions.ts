// Revisions of an annotation (who, what, when) and the diff between two of them, for the UI's
// diff view. Rule: a diff's work is bounded (the `diff` package's own timeout, DIFF_TIMEOUT_MS);
// past it the change is shown whole (all removed, all added) rather than computed further.
import { diffWords } from "diff";
import type { Actor } from "@/lib/auth/policy";
import type { DbOrTx } from "@/lib/db/client";
import { loadAnnotation } from "./annotations";
import { evidenceOf, type EvidenceLink } from "./evidence";

/** Longest a body diff may compute before it falls back to "all removed, all added" (ms). */
export const DIFF_TIMEOUT_MS = 200;
/** Most revisions listed per annotation (newest first). */
export const MAX_REVISIONS_LISTED = 200;

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface RevisionSummary {
  id: string;
  version: number;
  authorId: string | null;
  author: { id: string; name: string; email: string } | null;
  /** The annotated model's team (whose members may see authors' emails). */
  teamId: string;
  label: string;
  body: string;
  confidence: number;
  evidence: EvidenceLink[];
  createdAt: Date;
}

export interface RevisionChange {
  field: "label" | "body" | "confidence" | "evidence";
  before: string;
  after: string;
}

/** The body diff of two texts, word by word, bounded in time. */
export function diffText(before: string, after: string): DiffPart[] {
  const parts = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!parts) {
    return [
      ...(before ? [{ value: before, added: false, removed: true }] : []),
      ...(after ? [{ value: after, added: true, removed: false }] : []),
    ];
  }
  return parts.map((p) => ({ value: p.value, added: p.added, removed: p.removed }));
}

/** What changed between two revisions, field by field (the body as text; see `diffText` for words). */
export function revisionChanges(before: RevisionSummary | null, after: RevisionSummary): RevisionChange[] {
  const show = (r: RevisionSummary | null) => ({
    label: r?.label ?? "",
    body: r?.body ?? "",
    confidence: r ? String(r.confidence) : "",
    evidence: r ? JSON.stringify(r.evidence) : "",
  });
  const a = show(before);
  const b = show(after);
  return (["label", "body", "confidence", "evidence"] as const).filter((f) => a[f] !== b[f]).map((field) => ({ field, before: a[field], after: b[field] }));
}

/** An annotation's revisions, newest first (model:read). */
export async function listRevisionsForActor(db: DbOrTx, actor: Actor | null, annotationId: string): Promise<RevisionSummary[]> {
  const { model } = await loadAnnotation(db, actor, annotationId);
  const rows = await db.annotationRevision.findMany({
    where: { annotationId },
    orderBy: { version: "desc" },
    take: MAX_REVISIONS_LISTED,
    select: { id: true, version: true, authorId: true, label: true, body: true, confidence: true, evidence: true, createdAt: true, author: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({ ...r, evidence: evidenceOf(r.evidence), teamId: model.teamId }));
}
