// Merging a stale edit: a CONFLICT error carries the annotation as it is now (`extensions.current`,
// lib/collab/annotations.ts annotationJson). Rule: nothing is resubmitted until the person chose,
// field by field, between their draft and the current value; the resubmission is made against the
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

const currentSchema = z.object({
  id: z.string(),
  label: z.string(),
  body: z.string(),
  confidence: z.number(),
  version: z.number().int(),
});

/** The current annotation of a CONFLICT, or null when `current` is not one (then the form just reloads). */
export function parseConflictCurrent(current: unknown): (AnnotationDraft & { id: string; version: number }) | null {
  const parsed = currentSchema.safeParse(current);
  return parsed.success ? parsed.data : null;
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
