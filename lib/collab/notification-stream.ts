// A live signal of one person's in-app notifications (the header's bell), fed by the instance's one
// lib/live listener on the channel notify() publishes at commit (./notifications): it says only
// "yours changed" and never carries a notification, so the bell re-reads them through the usual
// query, which authenticates again. Rules: signed-in accounts only; only events naming the
// subscriber's own id pass; at most MAX_NOTIFICATION_STREAMS_PER_USER streams per person and
// instance (a browser tab holds one) and MAX_QUEUED_SIGNALS waiting per stream (past it: one
// "resync" instead, as after a listener reconnect). Every stream starts with one "resync", for what
// was written between the client's last read and the LISTEN.
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { QuotaError, UnauthenticatedError } from "@/lib/db/errors";
import { subscribe } from "@/lib/live";
import { EventQueue } from "@/lib/live/event-queue";
import { notificationEvents } from "./notifications";

/** Most open notification streams of one person on one instance. */
export const MAX_NOTIFICATION_STREAMS_PER_USER = 16;
/** Most signals waiting for a slow reader before the stream says "resync" instead. */
export const MAX_QUEUED_SIGNALS = 50;

/** "new": a notification was written for the subscriber; "resync": signals may have been missed. */
export interface NotificationSignal {
  reason: "new" | "resync";
  at: Date;
}

const openStreams: Map<string, number> = ((globalThis as { __circuitboardNotificationStreams?: Map<string, number> }).__circuitboardNotificationStreams ??= new Map());

/** Open notification streams of a user on this instance (for tests and diagnostics). */
export function openNotificationStreams(userId: string): number {
  return openStreams.get(userId) ?? 0;
}

/** Opens `actor`'s notification signal stream (UnauthenticatedError signed out, QuotaError past the bound). */
export async function openNotificationStream(db: Db, actor: Actor | null): Promise<AsyncIterableIterator<NotificationSignal>> {
  if (!actor) throw new UnauthenticatedError("Sign in to follow your notifications.");
  const count = openNotificationStreams(actor.userId);
  if (count >= MAX_NOTIFICATION_STREAMS_PER_USER) throw new QuotaError(`You have ${MAX_NOTIFICATION_STREAMS_PER_USER} notification streams open on this server; close a tab and retry.`);
  openStreams.set(actor.userId, count + 1);
  let unsubscribe: (() => void) | null = null;
  const queue = new EventQueue<NotificationSignal>({
    bound: MAX_QUEUED_SIGNALS,
    overflow: () => ({ reason: "resync", at: new Date() }),
    onClose: () => {
      unsubscribe?.();
      const left = openNotificationStreams(actor.userId) - 1;
      if (left > 0) openStreams.set(actor.userId, left);
      else openStreams.delete(actor.userId);
    },
  });
  try {
    unsubscribe = await subscribe(db, notificationEvents, (event) => {
      if (event.userId === actor.userId) queue.push({ reason: "new", at: new Date() });
    }, { onResync: () => queue.push({ reason: "resync", at: new Date() }) });
  } catch (error) {
    await queue.return();
    throw error;
  }
  // The client may have left while the LISTEN was set up: onClose has run, so drop it here.
  if (queue.closed) unsubscribe();
  // The first signal covers what was written between the client's last read and the LISTEN.
  else queue.push({ reason: "resync", at: new Date() });
  return queue;
}
