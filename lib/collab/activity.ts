// A live stream of one model's collaboration activity (annotations, votes, comments, claims, labels,
// presence) for one reader, fed by the instance's one lib/live listener (no query while idle).
// Rules: model:read is checked when the stream opens, again before every event is handed out, and
// at every presence beat; once it fails the stream yields one `denied` item and ends, so a person
// removed from the team stops receiving. Each stream is the reader's presence on the model
// (./presence) for as long as it is open, and presence events are shown as ./presence allows. At
// most MAX_STREAMS_PER_USER streams per person and instance; at most MAX_QUEUED_EVENTS wait per
// stream (past it: one "resync" item instead).
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { isDataError, QuotaError, UnauthenticatedError, type DataError } from "@/lib/db/errors";
import { subscribe } from "@/lib/live";
import { EventQueue } from "@/lib/live/event-queue";
import { collabModel, type CollabModel } from "./access";
import { collabEvents, type CollabEvent } from "./events";
import { beatPresence, joinPresence, leavePresence, PRESENCE_BEAT_MS, presenceEventFor } from "./presence";

/** Most open activity streams of one person on one instance (a browser tab holds one per model). */
export const MAX_STREAMS_PER_USER = 16;
/** Most events waiting for a slow reader before the stream says "resync" instead. */
export const MAX_QUEUED_EVENTS = 200;

/** What an activity stream yields: a change, a "re-read everything" marker, or the end of access. */
export type ActivityItem =
  | { type: "event"; event: CollabEvent; at: Date }
  | { type: "resync"; modelId: string; at: Date }
  | { type: "denied"; error: DataError };

const openStreams: Map<string, number> = ((globalThis as { __circuitboardActivityStreams?: Map<string, number> }).__circuitboardActivityStreams ??= new Map());

/** Open streams per user on this instance (for tests and diagnostics). */
export function openActivityStreams(userId: string): number {
  return openStreams.get(userId) ?? 0;
}

export interface ActivityOptions {
  /** Presence beat period (tests shorten it). */
  beatMs?: number;
}

/** Opens `actor`'s activity stream of `modelId` (NotFoundError when the model may not be read). */
export async function openModelActivity(db: Db, actor: Actor | null, modelId: string, options: ActivityOptions = {}): Promise<AsyncIterableIterator<ActivityItem>> {
  if (!actor) throw new UnauthenticatedError("Sign in to follow a model's activity.");
  const model = await collabModel(db, actor, modelId);
  const count = openActivityStreams(actor.userId);
  if (count >= MAX_STREAMS_PER_USER) throw new QuotaError(`You have ${MAX_STREAMS_PER_USER} live streams open on this server; close a tab and retry.`);
  openStreams.set(actor.userId, count + 1);

  let presenceId: string | null = null;
  let unsubscribe: (() => void) | null = null;
  const queue = new EventQueue<ActivityItem>({
    bound: MAX_QUEUED_EVENTS,
    overflow: () => ({ type: "resync", modelId: model.id, at: new Date() }),
    onClose: async () => {
      clearInterval(beat);
      unsubscribe?.();
      const left = openActivityStreams(actor.userId) - 1;
      if (left > 0) openStreams.set(actor.userId, left);
      else openStreams.delete(actor.userId);
      if (presenceId) await leavePresence(db, actor, model.id, presenceId);
    },
  });

  /** The model as the actor may read it now, or the typed error once they may not. */
  const recheck = async (): Promise<{ model: CollabModel } | { denied: DataError }> => {
    try {
      return { model: await collabModel(db, actor, model.id) };
    } catch (error) {
      if (isDataError(error)) return { denied: error };
      throw error;
    }
  };
  const beat = setInterval(() => {
    void (async () => {
      const now = await recheck();
      if ("denied" in now) queue.push({ type: "denied", error: now.denied });
      else if (presenceId && !queue.closed) await beatPresence(db, actor, model.id, presenceId);
    })().catch((error: unknown) => console.error("[live] presence beat failed", error));
  }, options.beatMs ?? PRESENCE_BEAT_MS);
  beat.unref?.();

  try {
    unsubscribe = await subscribe(
      db,
      collabEvents,
      (event) => {
        if (event.modelId === model.id) queue.push({ type: "event", event, at: new Date() });
      },
      { onResync: () => queue.push({ type: "resync", modelId: model.id, at: new Date() }) },
    );
    const joined = await joinPresence(db, actor, model.id);
    // The client may have left while the row was written: onClose has run, so leave here.
    if (queue.closed) await leavePresence(db, actor, model.id, joined);
    else presenceId = joined;
  } catch (error) {
    await queue.return();
    throw error;
  }

  // Every event is re-authorized before it leaves: access can end between two events.
  let ended = false;
  const end = (item: ActivityItem): IteratorResult<ActivityItem> => {
    ended = true;
    void queue.return();
    return { value: item, done: false };
  };
  const checked: AsyncIterableIterator<ActivityItem> = {
    async next() {
      if (ended) return { value: undefined, done: true };
      const item = await queue.next();
      if (item.done) return item;
      if (item.value.type === "denied") return end(item.value);
      const now = await recheck();
      if ("denied" in now) return end({ type: "denied", error: now.denied });
      // Presence events name the watcher only to readers who may see viewers (./presence).
      return item.value.type === "event" ? { value: { ...item.value, event: presenceEventFor(item.value.event, now.model, actor.userId) }, done: false } : item;
    },
    return: () => queue.return(),
    throw: (error?: unknown) => queue.throw(error),
    [Symbol.asyncIterator]() {
      return checked;
    },
  };
  return checked;
}
