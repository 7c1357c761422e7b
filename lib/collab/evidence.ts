// Evidence links of an annotation: each points into a stored AnalysisResult of the annotated
// model (a score, an OV/QK entry, a composition pair, a prompt run, a figure) by a JSON pointer.
// Rules: at write time every link's result must belong to a version of the annotated model (so a
// link can never reveal another model's data); at read time the pointer is resolved in the stored
// result with bounded work (path length) and a bounded answer (MAX_EVIDENCE_VALUE_BYTES).
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { BadInputError } from "@/lib/db/errors";

export const EVIDENCE_KINDS = ["SCORE", "OV_ENTRY", "QK_ENTRY", "COMPOSITION", "PROMPT_RUN", "FIGURE"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Most evidence links on one annotation. */
export const MAX_EVIDENCE_LINKS = 20;
/** Most segments of a pointer (RFC 6901) into a result. */
export const MAX_POINTER_SEGMENTS = 12;
/** Largest resolved value returned (bytes of JSON); larger values answer `truncated: true`. */
export const MAX_EVIDENCE_VALUE_BYTES = 4096;

export const evidenceLinkSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  resultId: z.string().trim().min(1, "resultId is required.").max(100),
  pointer: z
    .string()
    .max(300, "A pointer is at most 300 characters.")
    .regex(/^(\/[^/]*)*$/, "A pointer is a JSON pointer such as /heads/5/labels/0/score (or empty for the whole result).")
    .refine((p) => p.split("/").length - 1 <= MAX_POINTER_SEGMENTS, `A pointer has at most ${MAX_POINTER_SEGMENTS} segments.`)
    .default(""),
  caption: z.string().trim().max(200, "A caption is at most 200 characters.").default(""),
});
export type EvidenceLink = z.output<typeof evidenceLinkSchema>;

export const evidenceListSchema = z.array(evidenceLinkSchema).max(MAX_EVIDENCE_LINKS, `At most ${MAX_EVIDENCE_LINKS} evidence links.`);

/** BadInputError unless every link's result is an AnalysisResult of a version of `modelId`. */
export async function assertEvidenceOfModel(db: DbOrTx, modelId: string, links: readonly EvidenceLink[]): Promise<void> {
  if (!links.length) return;
  const ids = [...new Set(links.map((l) => l.resultId))];
  const found = await db.analysisResult.findMany({ where: { id: { in: ids }, modelVersion: { modelId } }, select: { id: true } });
  const known = new Set(found.map((r) => r.id));
  const index = links.findIndex((l) => !known.has(l.resultId));
  if (index !== -1) throw new BadInputError(`evidence ${index}: no stored result of this model has id ${links[index].resultId}.`, "evidence");
}

/** Stored evidence as links (rows written by this module; anything malformed is skipped). */
export function evidenceOf(stored: unknown): EvidenceLink[] {
  const parsed = evidenceListSchema.safeParse(stored);
  return parsed.success ? parsed.data : [];
}

export type ResolvedEvidence = { found: false } | { found: true; truncated: boolean; value: unknown };

/** The value at `pointer` (RFC 6901) in `result`, size-bounded. */
export function resolvePointer(result: unknown, pointer: string): ResolvedEvidence {
  let node: unknown = result;
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (segments.length > MAX_POINTER_SEGMENTS) return { found: false };
  for (const segment of segments) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(segment) || Number(segment) >= node.length) return { found: false };
      node = node[Number(segment)];
    } else if (node && typeof node === "object" && Object.prototype.hasOwnProperty.call(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else {
      return { found: false };
    }
  }
  const text = JSON.stringify(node) ?? "null";
  if (Buffer.byteLength(text) > MAX_EVIDENCE_VALUE_BYTES) return { found: true, truncated: true, value: null };
  return { found: true, truncated: false, value: node };
}
