// Merging a stale edit: a CONFLICT error carries the annotation as it is now (`extensions.current`,
// lib/collab/annotations.ts annotationJson). Rule: nothing is resubmitted until the person chose,
// field by field (evidence as one list), between their draft and the current value; the resubmission is made against the
// current version, so a third writer in between yields another conflict instead of an overwrite.
import { z } from "zod";

/** The fields of an annotation a person edits in the form. */
export interface AnnotationDraft {
  label: string;
  body: string;
  confidence: number;
}

export const DRAFT_FIELDS = ["label", "body", "confidence"] as const satisfies readonly (keyof AnnotationDraft)[];
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** An evidence link as the form edits it and a CONFLICT carries it. */
export interface EvidenceLinkDraft {
  kind: string;
  resultId: string;
  pointer: string;
  caption: string;
}

const linkSchema = z.object({ kind: z.string(), resultId: z.string(), pointer: z.string(), caption: z.string() });

const currentSchema = z.object({
  id: z.string(),
  label: z.string(),
  body: z.string(),
  confidence: z.number(),
  version: z.number().int(),
  evidence: z.array(linkSchema).default([]),
});

/** The current annotation of a CONFLICT, or null when `current` is not one (then the form just reloads). */
export function parseConflictCurrent(current: unknown): (AnnotationDraft & { id: string; version: number; evidence: EvidenceLinkDraft[] }) | null {
  const parsed = currentSchema.safeParse(current);
  if (!parsed.success) return null;
  const { id, label, body, confidence, version, evidence } = parsed.data;
  return { id, label, body, confidence, version, evidence: evidence.map(({ kind, resultId, pointer, caption }) => ({ kind, resultId, pointer, caption })) };
}

/** Whether two evidence lists cite the same links, in the same order, with the same captions. */
export function sameEvidence(a: readonly EvidenceLinkDraft[], b: readonly EvidenceLinkDraft[]): boolean {
  return a.length === b.length && a.every((l, i) => l.kind === b[i].kind && l.resultId === b[i].resultId && l.pointer === b[i].pointer && l.caption === b[i].caption);
}

/** The fields where the draft and the current value differ. */
export function conflictingFields(mine: AnnotationDraft, theirs: AnnotationDraft): DraftField[] {
  return DRAFT_FIELDS.filter((f) => mine[f] !== theirs[f]);
}

/** Where each differing field's merged value starts: the person's own draft. */
export type MergeChoice = Record<DraftField, "mine" | "theirs">;

/** The merged draft: each field from the side chosen; `body` may be edited on top (bodyEdit). */
export function mergeDrafts(mine: AnnotationDraft, theirs: AnnotationDraft, choice: MergeChoice, bodyEdit?: string): AnnotationDraft {
  const pick = <F extends DraftField>(f: F): AnnotationDraft[F] => (choice[f] === "theirs" ? theirs[f] : mine[f]);
  return { label: pick("label"), body: bodyEdit ?? pick("body"), confidence: pick("confidence") };
}
