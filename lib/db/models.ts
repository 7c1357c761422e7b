// Models and their versions. Rules: a model the actor may not read is NotFound, whether asked for
// by id, listed, or searched (lists filter with the same rule as lib/auth/policy); every write runs
// in a transaction with an AuditLog row. Uploads live in ./tensors.ts.
import { authorize, authorizeRead, type Actor, type Visibility } from "@/lib/auth/policy";
import { modelResource, readableModelsWhere } from "./access";
import { forgetModelVersions } from "./analysis-memory";
import { versionIdsOf } from "./analyses";
import { audit } from "./audit";
import type { Db, DbOrTx } from "./client";
import type { Prisma } from "./generated/client";
import { BadInputError, NotFoundError } from "./errors";

/** What lists and pages show of a model. */
export const MODEL_SUMMARY = {
  id: true,
  name: true,
  visibility: true,
  config: true,
  contentHash: true,
  createdAt: true,
  updatedAt: true,
  teamId: true,
  createdById: true,
  team: { select: { id: true, name: true, slug: true, isPublic: true } },
  createdBy: { select: { id: true, name: true } },
  tokenizer: { select: { id: true, kind: true, vocabSize: true } },
} as const satisfies Prisma.ModelSelect;

export type ModelSummary = Prisma.ModelGetPayload<{ select: typeof MODEL_SUMMARY }>;

export const VERSION_SUMMARY = {
  id: true,
  modelId: true,
  number: true,
  contentHash: true,
  config: true,
  processing: true,
  metadata: true,
  byteLength: true,
  createdAt: true,
} as const satisfies Prisma.ModelVersionSelect;

export type ModelVersionSummary = Prisma.ModelVersionGetPayload<{ select: typeof VERSION_SUMMARY }>;

export interface ModelPage {
  items: ModelSummary[];
  /** Pass as `after` for the next page; null on the last page. */
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 100;

function validModelName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 120) throw new BadInputError("A model name is 1 to 120 characters.", "name");
  return trimmed;
}

/** One model the actor may read; NotFoundError otherwise (never revealing that it exists). */
export async function getModelForActor(db: DbOrTx, actor: Actor | null, modelId: string): Promise<ModelSummary> {
  const model = await db.model.findUnique({ where: { id: modelId }, select: MODEL_SUMMARY });
  if (!model) throw new NotFoundError("No model with that id.");
  authorizeRead(actor, "model:read", await modelResource(db, actor, model), "model");
  return model;
}

/**
 * The models the actor may read, newest first, `first` at a time after the cursor `after`;
 * `search` matches the name case-insensitively; `teamId` restricts to one team.
 */
export async function listModelsForActor(
  db: DbOrTx,
  actor: Actor | null,
  options: { search?: string | null; teamId?: string | null; first?: number; after?: string | null } = {},
): Promise<ModelPage> {
  const first = options.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new BadInputError(`first must be an integer from 1 to ${MAX_PAGE_SIZE}.`, "first");
  const search = options.search?.trim();
  const where: Prisma.ModelWhereInput = {
    AND: [
      readableModelsWhere(actor),
      ...(search ? [{ name: { contains: search, mode: "insensitive" as const } }] : []),
      ...(options.teamId ? [{ teamId: options.teamId }] : []),
    ],
  };
  if (options.after) {
    const exists = await db.model.findFirst({ where: { AND: [where, { id: options.after }] }, select: { id: true } });
    if (!exists) throw new BadInputError("That cursor is not a model of this list.", "after");
  }
  const rows = await db.model.findMany({
    where,
    select: MODEL_SUMMARY,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first + 1,
    ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
  });
  const hasNextPage = rows.length > first;
  const items = rows.slice(0, first);
  return { items, hasNextPage, endCursor: items.length ? items[items.length - 1].id : null };
}


/** The versions of a model the actor may read, newest first. */
export async function listModelVersionsForActor(db: DbOrTx, actor: Actor | null, modelId: string): Promise<ModelVersionSummary[]> {
  await getModelForActor(db, actor, modelId);
  return db.modelVersion.findMany({ where: { modelId }, select: VERSION_SUMMARY, orderBy: { number: "desc" } });
}

/** A version (default: the latest) of a model the actor may read. */
export async function getModelVersionForActor(db: DbOrTx, actor: Actor | null, modelId: string, number?: number): Promise<ModelVersionSummary> {
  await getModelForActor(db, actor, modelId);
  return findModelVersion(db, modelId, number);
}

/**
 * A version (default: the latest) of a model the caller has ALREADY authorized (e.g. the parent of
 * a nested GraphQL field, which came from getModelForActor/listModelsForActor): one query, no
 * second access check. NotFoundError when there is no such version.
 */
export async function findModelVersion(db: DbOrTx, modelId: string, number?: number): Promise<ModelVersionSummary> {
  const version = await db.modelVersion.findFirst({
    where: { modelId, ...(number !== undefined ? { number } : {}) },
    select: VERSION_SUMMARY,
    orderBy: { number: "desc" },
  });
  if (!version) throw new NotFoundError(number === undefined ? "This model has no version." : `This model has no version ${number}.`);
  return version;
}

async function updateModel(db: Db, actor: Actor | null, modelId: string, action: string, data: Prisma.ModelUpdateInput, details: Prisma.InputJsonObject): Promise<ModelSummary> {
  return db.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { id: modelId }, select: MODEL_SUMMARY });
    if (!model) throw new NotFoundError("No model with that id.");
    authorize(actor, "model:update", await modelResource(tx, actor, model), "model");
    const updated = await tx.model.update({ where: { id: modelId }, data, select: MODEL_SUMMARY });
    await audit(tx, actor, action, "model", modelId, details);
    return updated;
  });
}

/** Renames a model (EDITOR or OWNER of its team). */
export async function renameModel(db: Db, actor: Actor | null, modelId: string, newName: string): Promise<ModelSummary> {
  const name = validModelName(newName);
  return updateModel(db, actor, modelId, "model.rename", { name }, { name });
}

/** Changes who may see a model (EDITOR or OWNER of its team). */
export async function setModelVisibility(db: Db, actor: Actor | null, modelId: string, visibility: Visibility): Promise<ModelSummary> {
  if (!["PRIVATE", "TEAM", "PUBLIC"].includes(visibility)) throw new BadInputError("Visibility is PRIVATE, TEAM or PUBLIC.", "visibility");
  return updateModel(db, actor, modelId, "model.setVisibility", { visibility }, { visibility });
}

/** Deletes a model with its versions, tensors, cached analyses and tokenizer (OWNER of its team). */
export async function deleteModel(db: Db, actor: Actor | null, modelId: string): Promise<void> {
  const versionIds = await db.$transaction(
    async (tx) => {
      const model = await tx.model.findUnique({ where: { id: modelId }, select: MODEL_SUMMARY });
      if (!model) throw new NotFoundError("No model with that id.");
      authorize(actor, "model:delete", await modelResource(tx, actor, model), "model");
      const ids = await versionIdsOf(tx, { id: modelId });
      await tx.model.delete({ where: { id: modelId } });
      // A tokenizer belongs to the upload that brought it: remove it with its last model.
      const tokenizerId = model.tokenizer?.id;
      if (tokenizerId && (await tx.model.count({ where: { tokenizerId } })) === 0) await tx.tokenizer.delete({ where: { id: tokenizerId } });
      await audit(tx, actor, "model.delete", "model", modelId, { name: model.name, teamId: model.teamId, contentHash: model.contentHash });
      return ids;
    },
    { timeout: 120_000 },
  );
  // After the commit: the cached analyses of its versions leave memory with their rows.
  forgetModelVersions(versionIds);
}
