// Head annotations (DESIGN §8): a label from the team's taxonomy, a Markdown body (rendered and
// sanitised at write time), a confidence and evidence links. Rules: every write is one transaction
// that writes the row, an AnnotationRevision with the row's new version, an AuditLog row and (at
// commit) one live event; an update or delete names the version it read, and a stale one is refused
// with a ConflictError carrying the current row — the version check and the write are one UPDATE
// … WHERE version = $read, so of concurrent edits exactly one lands per version and none is lost.
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { audit } from "@/lib/db/audit";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, ConflictError, NotFoundError } from "@/lib/db/errors";
import { assertHead, authorizeContent, collabModel, type CollabModel } from "./access";
import { assertEvidenceOfModel, evidenceListSchema, evidenceOf, type EvidenceLink } from "./evidence";
import { publishCollab } from "./events";
import { MAX_MARKDOWN_CHARS, renderMarkdown } from "./markdown";
import { assertLabelUsable } from "./taxonomy";

/** Most annotations on one head. */
export const MAX_ANNOTATIONS_PER_HEAD = 50;

export const ANNOTATION_SELECT = {
  id: true,
  modelId: true,
  head: true,
  label: true,
  body: true,
  bodyHtml: true,
  confidence: true,
  evidence: true,
  accepted: true,
  version: true,
  authorId: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true, email: true } },
  model: { select: { teamId: true } },
} as const satisfies Prisma.HeadAnnotationSelect;

export type AnnotationRow = Prisma.HeadAnnotationGetPayload<{ select: typeof ANNOTATION_SELECT }>;

const label = z.string().trim().min(1, "Choose a label.").max(40);
const body = z.string().max(MAX_MARKDOWN_CHARS, `The text is at most ${MAX_MARKDOWN_CHARS} characters.`);
const confidence = z.number().min(0, "Confidence is between 0 and 1.").max(1, "Confidence is between 0 and 1.");

export const createAnnotationSchema = z.object({
  modelId: z.string().trim().min(1).max(200),
  head: z.string().trim().min(1).max(20),
  label,
  body: body.default(""),
  confidence,
  evidence: evidenceListSchema.default([]),
});
export type CreateAnnotationInput = z.input<typeof createAnnotationSchema>;

export const updateAnnotationSchema = z.object({
  id: z.string().trim().min(1).max(200),
  version: z.number().int().min(1),
  label: label.optional(),
  body: body.optional(),
  confidence: confidence.optional(),
  evidence: evidenceListSchema.optional(),
});
export type UpdateAnnotationInput = z.input<typeof updateAnnotationSchema>;

/** The client-facing JSON of an annotation (the `current` value a CONFLICT carries). */
export function annotationJson(row: AnnotationRow): Record<string, unknown> {
  return {
    id: row.id,
    head: row.head,
    label: row.label,
    body: row.body,
    confidence: row.confidence,
    evidence: evidenceOf(row.evidence),
    accepted: row.accepted,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function conflict(current: AnnotationRow | null, read: number): never {
  if (!current) throw new NotFoundError("No annotation with that id.");
  throw new ConflictError(`This annotation changed since you read it (you edited version ${read}; it is at version ${current.version}).`, {
    current: annotationJson(current),
  });
}

async function writeRevision(tx: Tx, row: AnnotationRow, actor: Actor): Promise<void> {
  await tx.annotationRevision.create({
    data: {
      annotationId: row.id,
      version: row.version,
      authorId: actor.userId,
      label: row.label,
      body: row.body,
      confidence: row.confidence,
      evidence: row.evidence as Prisma.InputJsonValue,
    },
  });
}

/** An annotation and its model, model:read authorized; NotFoundError otherwise. */
export async function loadAnnotation(db: DbOrTx, actor: Actor | null, id: string): Promise<{ row: AnnotationRow; model: CollabModel }> {
  const row = await db.headAnnotation.findUnique({ where: { id }, select: ANNOTATION_SELECT });
  if (!row) throw new NotFoundError("No annotation with that id.");
  const model = await collabModel(db, actor, row.modelId);
  return { row, model };
}

/** One annotation the actor may read. */
export async function getAnnotationForActor(db: DbOrTx, actor: Actor | null, id: string): Promise<AnnotationRow> {
  return (await loadAnnotation(db, actor, id)).row;
}

/** The annotations of a model (optionally one head), by head then age. */
export async function listAnnotationsForActor(db: DbOrTx, actor: Actor | null, modelId: string, head?: string | null): Promise<AnnotationRow[]> {
  const model = await collabModel(db, actor, modelId);
  const where: Prisma.HeadAnnotationWhereInput = { modelId, ...(head ? { head: assertHead(model, head) } : {}) };
  return db.headAnnotation.findMany({ where, select: ANNOTATION_SELECT, orderBy: [{ head: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
}

/** Writes a new annotation (EDITOR or OWNER of the model's team). */
export async function createAnnotation(db: Db, actor: Actor | null, raw: CreateAnnotationInput): Promise<AnnotationRow> {
  const input = createAnnotationSchema.parse(raw);
  const model = await collabModel(db, actor, input.modelId, "model:annotate");
  const head = assertHead(model, input.head);
  await assertLabelUsable(db, model.teamId, input.label);
  await assertEvidenceOfModel(db, model.id, input.evidence);
  const bodyHtml = renderMarkdown(input.body, "body");
  return db.$transaction(async (tx) => {
    if ((await tx.headAnnotation.count({ where: { modelId: model.id, head } })) >= MAX_ANNOTATIONS_PER_HEAD) {
      throw new BadInputError(`Head ${head} has ${MAX_ANNOTATIONS_PER_HEAD} annotations already.`, "head");
    }
    const row = await tx.headAnnotation.create({
      data: { modelId: model.id, head, label: input.label, body: input.body, bodyHtml, confidence: input.confidence, evidence: input.evidence, authorId: actor!.userId },
      select: ANNOTATION_SELECT,
    });
    await writeRevision(tx, row, actor!);
    await audit(tx, actor, "annotation.create", "annotation", row.id, { modelId: model.id, head, label: row.label });
    await publishCollab(tx, { modelId: model.id, entity: "annotation", action: "created", id: row.id, head, version: row.version, actorId: actor!.userId });
    return row;
  });
}

/** Edits an annotation at the version the editor read (any EDITOR or OWNER); ConflictError when stale. */
export async function updateAnnotation(db: Db, actor: Actor | null, raw: UpdateAnnotationInput): Promise<AnnotationRow> {
  const input = updateAnnotationSchema.parse(raw);
  const { row: read, model } = await loadAnnotation(db, actor, input.id);
  authorizeContent(actor, "annotation:edit", model, read.authorId, "annotation");
  if (input.label !== undefined) await assertLabelUsable(db, model.teamId, input.label);
  if (input.evidence !== undefined) await assertEvidenceOfModel(db, model.id, input.evidence);
  const data: Prisma.HeadAnnotationUpdateManyMutationInput = { version: { increment: 1 } };
  if (input.label !== undefined) data.label = input.label;
  if (input.confidence !== undefined) data.confidence = input.confidence;
  if (input.evidence !== undefined) data.evidence = input.evidence as EvidenceLink[];
  if (input.body !== undefined) {
    data.body = input.body;
    data.bodyHtml = renderMarkdown(input.body, "body");
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.headAnnotation.updateMany({ where: { id: input.id, version: input.version }, data });
    if (count !== 1) conflict(await tx.headAnnotation.findUnique({ where: { id: input.id }, select: ANNOTATION_SELECT }), input.version);
    const row = (await tx.headAnnotation.findUnique({ where: { id: input.id }, select: ANNOTATION_SELECT }))!;
    await writeRevision(tx, row, actor);
    await audit(tx, actor, "annotation.update", "annotation", row.id, { modelId: model.id, version: row.version });
    await publishCollab(tx, { modelId: model.id, entity: "annotation", action: "updated", id: row.id, head: row.head, version: row.version, actorId: actor.userId });
    return row;
  });
}

/** Deletes an annotation at the version the actor read (its author or an OWNER). */
export async function deleteAnnotation(db: Db, actor: Actor | null, input: { id: string; version: number }): Promise<void> {
  const { row: read, model } = await loadAnnotation(db, actor, input.id);
  authorizeContent(actor, "content:delete", model, read.authorId, "annotation");
  await db.$transaction(async (tx) => {
    const { count } = await tx.headAnnotation.deleteMany({ where: { id: input.id, version: input.version } });
    if (count !== 1) conflict(await tx.headAnnotation.findUnique({ where: { id: input.id }, select: ANNOTATION_SELECT }), input.version);
    await audit(tx, actor, "annotation.delete", "annotation", input.id, { modelId: model.id, head: read.head, label: read.label });
    await publishCollab(tx, { modelId: model.id, entity: "annotation", action: "deleted", id: input.id, head: read.head, version: 0, actorId: actor.userId });
  });
}

/**
 * Marks (or unmarks) an annotation as its team's accepted account of the head (EDITOR or OWNER);
 * at most one per head: accepting one clears the others in the same transaction. Acceptance is the
 * team's verdict, not an edit of the annotation: it makes no revision and leaves `version` alone.
 */
export async function setAnnotationAccepted(db: Db, actor: Actor | null, input: { id: string; accepted: boolean }): Promise<AnnotationRow> {
  const { row: read, model } = await loadAnnotation(db, actor, input.id);
  authorizeContent(actor, "annotation:edit", model, read.authorId, "annotation");
  return db.$transaction(async (tx) => {
    // Clearing the head's flags first (an UPDATE locking those rows) serialises concurrent accepts.
    if (input.accepted) await tx.headAnnotation.updateMany({ where: { modelId: model.id, head: read.head, accepted: true }, data: { accepted: false } });
    const row = await tx.headAnnotation.update({ where: { id: input.id }, data: { accepted: input.accepted }, select: ANNOTATION_SELECT });
    await audit(tx, actor, input.accepted ? "annotation.accept" : "annotation.unaccept", "annotation", row.id, { modelId: model.id, head: row.head });
    await publishCollab(tx, { modelId: model.id, entity: "annotation", action: "updated", id: row.id, head: row.head, version: row.version, actorId: actor.userId });
    return row;
  });
}
