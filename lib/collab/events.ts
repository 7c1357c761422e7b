// The collaboration events of a model, on one lib/live channel. Rule: a write publishes through its
// transaction client, so the event goes out when (and only if) the write commits; the payload names
// ids only, and every subscriber re-reads (and re-authorizes) what it shows.
import type { Tx } from "@/lib/db/client";
import { defineChannel, publish } from "@/lib/live";

/** What changed; "presence" is someone starting ("created") or ending ("deleted") a live view of the model. */
export type CollabEntity = "annotation" | "vote" | "comment" | "claim" | "label" | "presence" | "finding";
export type CollabAction = "created" | "updated" | "deleted";

export interface CollabEvent extends Record<string, unknown> {
  modelId: string;
  entity: CollabEntity;
  action: CollabAction;
  /** The row's id (for a vote: the annotation's id). */
  id: string;
  /** The head the row is about ("L.H"), when it has one. */
  head: string | null;
  /** The row's version after the write (0 after a delete). */
  version: number;
  /** Who did it (user id). */
  actorId: string;
}

export const collabEvents = defineChannel<CollabEvent>("collab_events");

/** Publishes `event` at the commit of `tx`. */
export function publishCollab(tx: Tx, event: CollabEvent): Promise<void> {
  return publish(tx, collabEvents, event);
}
