// Merging a stale finding edit: updateFinding's CONFLICT carries the finding as it is now
// (`extensions.current`, lib/findings/access findingJson). Rule: nothing is resubmitted until the
// person chose (keep theirs, keep their own draft, or a text merged by hand); a resubmission is made
// against the CURRENT version, so a third writer in between yields another conflict, not an overwrite.
import { diffLines } from "diff";
import { z } from "zod";

/** The form's bounds, the same as lib/findings/limits (which the server checks; importing it would bundle the Markdown renderer). */
export const TITLE_MAX_CHARS = 200;
export const BODY_MAX_CHARS = 20_000;

/** The fields of a finding its editor edits. */
export interface FindingDraft {
  title: string;
  body: string;
}

/** The finding as a CONFLICT says it is now. */
export type FindingCurrent = FindingDraft & { version: number };

const currentSchema = z.object({ title: z.string(), body: z.string(), version: z.number().int().positive() });

/** The current finding of a CONFLICT, or null when `current` is not one (then only the message is shown). */
export function parseFindingConflict(current: unknown): FindingCurrent | null {
  const parsed = currentSchema.safeParse(current);
  return parsed.success ? { title: parsed.data.title, body: parsed.data.body, version: parsed.data.version } : null;
}

/** One part of a diff: text kept, added (only in the newer side) or removed (only in the older). */
export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

/** The line diff from `from` to `to` (jsdiff diffLines); the bodies are bounded by the server (20 000 characters). */
export function lineDiff(from: string, to: string): DiffPart[] {
  return diffLines(from, to).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed }));
}
