// Findings (issue 9 item 5): a Markdown write-up about a model that pins one of its versions.
// Rules: every write is one transaction that writes the row, an AuditLog row and (at commit) one
// live event on the model; an edit names the version it read, and a stale one is refused with a
// ConflictError carrying the current finding (the check and the write are one UPDATE … WHERE
// version = $read); the body is bounded and rendered through the sanitiser at write time.
import { z } from "zod";
import type { AnalysisOptions } from "@/lib/analysis/get-analysis";
import { authorize, can, type Actor } from "@/lib/auth/policy";
import { collabModel } from "@/lib/collab/access";
import { renderMarkdown } from "@/lib/collab/markdown";
import { readableModelsWhere } from "@/lib/db/access";
import { audit } from "@/lib/db/audit";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, NotFoundError } from "@/lib/db/errors";
import { describeFinding, findingConflict, FINDING_SELECT, loadFinding, publishFinding, type FindingRow, type LoadedFinding } from "./access";
import { freezePendingFigures } from "./figure-store";
import { findingBodySchema, findingTitleSchema } from "./export-format";
import { MAX_FINDINGS_PAGE } from "./limits";

const id = z.string().trim().min(1, "An id is required.").max(200);
export const findingVisibilitySchema = z.enum(["DRAFT", "TEAM", "PUBLIC"]);

export const createFindingSchema = z.strictObject({
  modelId: id,
  title: findingTitleSchema,
  body: findingBodySchema.default(""),
  /** The version to pin (default: the latest). */
  version: z.number().int().min(1).max(1_000_000).optional(),
});

export const updateFindingSchema = z.strictObject({
  id,
  expectedVersion: z.number().int().min(1),
  title: findingTitleSchema.optional(),
  body: findingBodySchema.optional(),
});

export const listFindingsSchema = z
  .strictObject({
    modelId: id.optional(),
    teamId: id.optional(),
    first: z.number().int().min(1, "first is at least 1").max(MAX_FINDINGS_PAGE, `first is at most ${MAX_FINDINGS_PAGE}`).default(20),
  })
  .refine((a) => (a.modelId === undefined) !== (a.teamId === undefined), { message: "give exactly one of modelId and teamId", path: ["modelId"] });

/** One finding the actor may read (signed out: a PUBLIC one). */
export function getFindingForActor(db: DbOrTx, actor: Actor | null, findingId: string): Promise<LoadedFinding> {
  return loadFinding(db, actor, findingId);
}

/**
 * The findings of a model or of a team's models the actor may read, newest first, at most `first`.
 * A reader of the model sees its TEAM and PUBLIC findings and their own drafts; anyone else (signed
 * out too) its PUBLIC findings only.
 */
export async function listFindingsForActor(db: Db, actor: Actor | null, raw: z.input<typeof listFindingsSchema>): Promise<LoadedFinding[]> {
  const input = listFindingsSchema.parse(raw);
  let where: Prisma.FindingWhereInput;
  if (input.modelId !== undefined) {
    where = { modelId: input.modelId };
  } else {
    where = { model: { teamId: input.teamId } };
  }
  const visible: Prisma.FindingWhereInput = actor
    ? { OR: [{ visibility: "PUBLIC" }, { visibility: "TEAM", model: readableModelsWhere(actor) }, { visibility: "DRAFT", authorId: actor.userId, model: readableModelsWhere(actor) }] }
    : { visibility: "PUBLIC" };
  const rows = await db.finding.findMany({ where: { AND: [where, visible] }, select: FINDING_SELECT, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.first });
  const out: LoadedFinding[] = [];
  for (const row of rows) {
    const loaded = await describeFinding(db, actor, row);
    if (can(actor, "finding:read", loaded.resource)) out.push(loaded);
  }
  return out;
}

/** Writes a new DRAFT finding pinned to a version of the model (EDITOR or OWNER). */
export async function createFinding(db: Db, actor: Actor | null, raw: z.input<typeof createFindingSchema>): Promise<FindingRow> {
  const input = createFindingSchema.parse(raw);
  const model = await collabModel(db, actor, input.modelId, "model:annotate");
  const version = await db.modelVersion.findFirst({
    where: { modelId: model.id, ...(input.version !== undefined ? { number: input.version } : {}) },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  if (!version) throw input.version !== undefined ? new BadInputError(`The model has no version ${input.version}.`, "version") : new NotFoundError("The model has no version.");
  const bodyHtml = renderMarkdown(input.body, "body");
  return db.$transaction(async (tx) => {
    const row = await tx.finding.create({
      data: { modelId: model.id, modelVersionId: version.id, title: input.title, body: input.body, bodyHtml, authorId: actor!.userId },
      select: FINDING_SELECT,
    });
    await audit(tx, actor, "finding.create", "finding", row.id, { modelId: model.id, modelVersion: row.modelVersion.number });
    await publishFinding(tx, actor!, row, "created");
    return row;
  });
}

/** Edits a finding's title or body at the version the editor read; ConflictError when stale. */
export async function updateFinding(db: Db, actor: Actor | null, raw: z.input<typeof updateFindingSchema>): Promise<FindingRow> {
  const input = updateFindingSchema.parse(raw);
  await loadFinding(db, actor, input.id, "finding:edit");
  const data: Prisma.FindingUpdateManyMutationInput = { version: { increment: 1 } };
  if (input.title !== undefined) data.title = input.title;
  if (input.body !== undefined) {
    data.body = input.body;
    data.bodyHtml = renderMarkdown(input.body, "body");
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.finding.updateMany({ where: { id: input.id, version: input.expectedVersion }, data });
    if (count !== 1) findingConflict(await tx.finding.findUnique({ where: { id: input.id }, select: FINDING_SELECT }), input.expectedVersion);
    const row = (await tx.finding.findUnique({ where: { id: input.id }, select: FINDING_SELECT }))!;
    await audit(tx, actor, "finding.update", "finding", row.id, { version: row.version, fields: Object.keys(data).filter((k) => k !== "version" && k !== "bodyHtml") });
    await publishFinding(tx, actor!, row, "updated");
    return row;
  });
}

/**
 * Sets a finding's visibility (EDITOR or OWNER who may read it). Only its author makes it a DRAFT
 * again (a draft is the author's alone). Returns the finding after.
 */
export async function setFindingVisibility(
  db: Db,
  actor: Actor | null,
  input: { id: string; visibility: z.input<typeof findingVisibilitySchema> },
  options: AnalysisOptions = {},
): Promise<FindingRow> {
  const visibility = findingVisibilitySchema.parse(input.visibility);
  const read = await loadFinding(db, actor, input.id, "finding:edit");
  if (visibility === "DRAFT" && read.row.authorId !== actor!.userId) throw new BadInputError("Only the finding's author can make it a draft again.", "visibility");
  // Publishing freezes the figures still PENDING whose analysis is ready by now.
  if (visibility !== "DRAFT") await freezePendingFigures(db, actor, read, options);
  return db.$transaction(async (tx) => {
    const row = await tx.finding.update({ where: { id: read.row.id }, data: { visibility, version: { increment: 1 } }, select: FINDING_SELECT });
    await audit(tx, actor, "finding.visibility", "finding", row.id, { from: read.row.visibility, to: visibility });
    await publishFinding(tx, actor!, row, "updated");
    return row;
  });
}

/** Deletes a finding (its author or an OWNER), its figures and share links with it. */
export async function deleteFinding(db: Db, actor: Actor | null, findingId: string): Promise<void> {
  const { row, resource } = await loadFinding(db, actor, findingId);
  authorize(actor, "finding:delete", resource, "finding");
  await db.$transaction(async (tx) => {
    await tx.finding.delete({ where: { id: row.id } });
    await audit(tx, actor, "finding.delete", "finding", row.id, { modelId: row.modelId, title: row.title });
    await publishFinding(tx, actor!, row, "deleted");
  });
}
