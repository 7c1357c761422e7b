// What lib/findings' functions know about a finding and who may do what to it. Rule: every function
// loads the finding through `loadFinding`, which decides with lib/auth/policy (finding:read — open
// to signed-out requests for a PUBLIC finding — or the action asked) and answers NotFound when the
// actor may not know the finding exists (a DRAFT of someone else, a TEAM finding outside the team).
import { authorize, authorizeFindingRead, can, type Actor, type FindingAction, type FindingResource } from "@/lib/auth/policy";
import { modelResource } from "@/lib/db/access";
import { publishCollab } from "@/lib/collab/events";
import type { DbOrTx, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { ConflictError, NotFoundError } from "@/lib/db/errors";
import { MODEL_SUMMARY } from "@/lib/db/models";

export const FIGURE_SELECT = {
  id: true,
  findingId: true,
  key: true,
  position: true,
  kind: true,
  params: true,
  frozen: true,
  engineVersion: true,
  frozenAt: true,
  createdAt: true,
} as const satisfies Prisma.FindingFigureSelect;

export type FigureRow = Prisma.FindingFigureGetPayload<{ select: typeof FIGURE_SELECT }>;

export const FINDING_SELECT = {
  id: true,
  modelId: true,
  modelVersionId: true,
  title: true,
  body: true,
  bodyHtml: true,
  visibility: true,
  authorId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true, email: true } },
  model: { select: MODEL_SUMMARY },
  modelVersion: { select: { id: true, number: true, contentHash: true } },
  figures: { select: FIGURE_SELECT, orderBy: { position: "asc" } },
} as const satisfies Prisma.FindingSelect;

export type FindingRow = Prisma.FindingGetPayload<{ select: typeof FINDING_SELECT }>;

/** A finding with what the policy says about it for the actor who loaded it. */
export interface LoadedFinding {
  row: FindingRow;
  resource: FindingResource;
  /** The actor may read the finding's model (and so compute on it: `current`, pending freezes). */
  modelReadable: boolean;
  /** The actor may edit the finding (EDITOR or OWNER who may read it). */
  editable: boolean;
  /** The actor may learn which model it is about: they may read it, or it is PUBLIC. */
  modelNamed: boolean;
}

/** The policy's view of a loaded finding row. */
export async function findingResource(db: DbOrTx, actor: Actor | null, row: Pick<FindingRow, "model" | "authorId" | "visibility">): Promise<FindingResource> {
  const model = await modelResource(db, actor, row.model);
  return { kind: "finding", model, authorId: row.authorId, visibility: row.visibility };
}

export async function describeFinding(db: DbOrTx, actor: Actor | null, row: FindingRow): Promise<LoadedFinding> {
  const resource = await findingResource(db, actor, row);
  const modelReadable = can(actor, "model:read", resource.model);
  return { row, resource, modelReadable, editable: can(actor, "finding:edit", resource), modelNamed: modelReadable || row.model.visibility === "PUBLIC" };
}

/** The finding, authorized for `action` (default finding:read); NotFoundError when the actor may not know it. */
export async function loadFinding(db: DbOrTx, actor: Actor | null, id: string, action: FindingAction = "finding:read"): Promise<LoadedFinding> {
  const row = await db.finding.findUnique({ where: { id }, select: FINDING_SELECT });
  if (!row) throw new NotFoundError("No finding with that id.");
  const loaded = await describeFinding(db, actor, row);
  if (action === "finding:read") authorizeFindingRead(actor, loaded.resource);
  else authorize(actor, action, loaded.resource, "finding");
  return loaded;
}

/** The client-facing JSON of a finding (the `current` value a CONFLICT carries). */
export function findingJson(row: FindingRow): Record<string, unknown> {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    visibility: row.visibility,
    version: row.version,
    figures: row.figures.map((f) => ({ key: f.key, kind: f.kind, params: f.params })),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Throws the ConflictError of a stale write (or NotFound when the finding is gone meanwhile). */
export function findingConflict(current: FindingRow | null, read: number): never {
  if (!current) throw new NotFoundError("No finding with that id.");
  throw new ConflictError(`This finding changed since you read it (you edited version ${read}; it is at version ${current.version}).`, { current: findingJson(current) });
}

/** Publishes a finding event on its model at the commit of `tx`. */
export function publishFinding(tx: Tx, actor: Actor, row: { id: string; modelId: string; version: number }, action: "created" | "updated" | "deleted"): Promise<void> {
  return publishCollab(tx, { modelId: row.modelId, entity: "finding", action, id: row.id, head: null, version: action === "deleted" ? 0 : row.version, actorId: actor.userId });
}
