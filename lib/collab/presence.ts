// Presence: who is looking at a model now. Each open live stream of the model's activity
// (./activity) holds one ModelPresence row: written when the stream opens, its `seenAt` refreshed
// every PRESENCE_BEAT_MS by the instance serving the stream, deleted when the stream closes. A row
// not refreshed within PRESENCE_TTL_MS (its instance died) no longer counts and is swept by the next
// write on that model. Joining and leaving publish a "presence" collab event at commit, so every
// instance's subscribers re-read the list; nothing polls. Who is looking is shown to members of the
// model's team only: a PUBLIC model's other readers get an empty list, and its presence events
// without the watcher (actorId), except their own — a private team's watchers are not public.
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { collabModel, type CollabModel } from "./access";
import { publishCollab, type CollabEvent } from "./events";

/** How often an open stream refreshes its presence row. */
export const PRESENCE_BEAT_MS = 10_000;
/** A presence row older than this (three missed beats) no longer counts. */
export const PRESENCE_TTL_MS = 3 * PRESENCE_BEAT_MS;
/** Most viewers listed for one model. */
export const MAX_VIEWERS_LISTED = 100;

export interface ModelViewer {
  userId: string;
  name: string;
  /** When this person's oldest open view of the model started. */
  since: Date;
}

function staleBefore(now = Date.now()): Date {
  return new Date(now - PRESENCE_TTL_MS);
}

/** Records that `actor` (already authorized to read the model) opened a view of it; returns the row id. */
export async function joinPresence(db: Db, actor: Actor, modelId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.modelPresence.deleteMany({ where: { modelId, seenAt: { lt: staleBefore() } } });
    const row = await tx.modelPresence.create({ data: { modelId, userId: actor.userId }, select: { id: true } });
    await publishCollab(tx, { modelId, entity: "presence", action: "created", id: row.id, head: null, version: 1, actorId: actor.userId });
    return row.id;
  });
}

/** Refreshes a view's row (recreating it if a sweep removed it during a long pause). */
export async function beatPresence(db: Db, actor: Actor, modelId: string, id: string): Promise<void> {
  const now = new Date();
  await db.modelPresence.upsert({ where: { id }, update: { seenAt: now }, create: { id, modelId, userId: actor.userId, since: now, seenAt: now } });
}

/** Ends a view: deletes its row and tells the model's subscribers. */
export async function leavePresence(db: Db, actor: Actor, modelId: string, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.modelPresence.deleteMany({ where: { id } });
    if (count) await publishCollab(tx, { modelId, entity: "presence", action: "deleted", id, head: null, version: 0, actorId: actor.userId });
  });
}

/** Whether a reader of `model` may see who is looking at it: a member of the model's team. */
export function seesViewers(model: CollabModel): boolean {
  return model.resource.role !== null;
}

/** `event` as `readerId` may see it: a presence event of someone else loses its actor when the reader does not see viewers. */
export function presenceEventFor(event: CollabEvent, model: CollabModel, readerId: string): CollabEvent {
  if (event.entity !== "presence" || seesViewers(model) || event.actorId === readerId) return event;
  return { ...event, actorId: "" };
}

/**
 * The people looking at the model now (model:read checked), longest-present first, one entry per
 * person; an empty list for a reader outside the model's team (seesViewers).
 */
export async function listViewersForActor(db: Db, actor: Actor | null, modelId: string): Promise<ModelViewer[]> {
  const model = await collabModel(db, actor, modelId);
  if (!seesViewers(model)) return [];
  const rows = await db.modelPresence.groupBy({
    by: ["userId"],
    where: { modelId: model.id, seenAt: { gte: staleBefore() } },
    _min: { since: true },
    orderBy: { _min: { since: "asc" } },
    take: MAX_VIEWERS_LISTED,
  });
  if (!rows.length) return [];
  const users = await db.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ userId: r.userId, name: names.get(r.userId) ?? "", since: r._min.since ?? new Date(0) }));
}
