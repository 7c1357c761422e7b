// What lib/collab's query functions know about the model a piece of content is on: the model as
// the policy sees it (loaded once), its shape for head names, and the content resource of a row.
// Rule: every collab function goes through `collabModel` (model:read checked, NotFound otherwise)
// before it reads or writes anything of the model.
import { authorize, authorizeRead, type Action, type Actor, type ContentResource, type ModelResource } from "@/lib/auth/policy";
import { modelResource } from "@/lib/db/access";
import type { DbOrTx } from "@/lib/db/client";
import { BadInputError, NotFoundError } from "@/lib/db/errors";

export interface CollabModel {
  id: string;
  teamId: string;
  nLayers: number;
  nHeads: number;
  resource: ModelResource;
}

function configInt(config: unknown, key: string): number {
  const v = config && typeof config === "object" ? (config as Record<string, unknown>)[key] : undefined;
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 0;
}

/**
 * The model (authorized for `action`, default model:read — which a signed-out visitor has on a
 * PUBLIC model, lib/auth/policy); NotFoundError when it may not be seen.
 */
export async function collabModel(db: DbOrTx, actor: Actor | null, modelId: string, action: Action = "model:read"): Promise<CollabModel> {
  const model = await db.model.findUnique({
    where: { id: modelId },
    select: { id: true, teamId: true, visibility: true, createdById: true, config: true, team: { select: { isPublic: true } } },
  });
  if (!model) throw new NotFoundError("No model with that id.");
  const resource = await modelResource(db, actor, model);
  if (action === "model:read") authorizeRead(actor, action, resource, "model");
  else authorize(actor, action, resource, "model");
  return { id: model.id, teamId: model.teamId, nLayers: configInt(model.config, "n_layers"), nHeads: configInt(model.config, "n_heads"), resource };
}

/** Authorizes `action` on a row of `model` written by `authorId`. */
export function authorizeContent(actor: Actor | null, action: Action, model: CollabModel, authorId: string | null, what: string): asserts actor is Actor {
  const content: ContentResource = { kind: "content", model: model.resource, authorId };
  authorize(actor, action, content, what);
}

/** Checks a head name "L.H" against the model's shape (0 ≤ L < n_layers, 0 ≤ H < n_heads). */
export function assertHead(model: CollabModel, head: string, field = "head"): string {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(head);
  if (!m || Number(m[1]) >= model.nLayers || Number(m[2]) >= model.nHeads) {
    throw new BadInputError(`"${head.slice(0, 20)}" is not a head of this model: expected L.H with 0 ≤ L < ${model.nLayers} and 0 ≤ H < ${model.nHeads}.`, field);
  }
  return `${Number(m[1])}.${Number(m[2])}`;
}
