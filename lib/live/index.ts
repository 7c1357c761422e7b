// Live events after commit (DESIGN §1, §6, §7): Postgres LISTEN/NOTIFY, which embedded PGlite
// supports too, with ONE listener per database client per process, fanned out in-process to any
// number of subscribers (SSE streams, job runners, collaboration feeds).
//
// API (generic, for every domain):
//   const annotationEvents = defineChannel<{ modelId: string; annotationId: string }>("annotation_events");
//   await publish(dbOrTx, annotationEvents, { modelId, annotationId });  // a NOTIFY
//   const unsubscribe = await subscribe(db, annotationEvents, (payload) => …, { onResync });
//   …; unsubscribe();
//
// Rules:
// - A payload is small JSON naming ids, never rows (≤ MAX_PAYLOAD_BYTES once serialised); a
//   subscriber reads what it needs, and checks the reader's access itself.
// - `publish` is a NOTIFY: called with a transaction client it is delivered only when that
//   transaction commits (and never if it rolls back); called with the plain client after a write,
//   it goes out at once. Either way no subscriber sees an event before the data is visible.
// - `subscribe` resolves once the channel is LISTENed, so a publish issued after it is received.
//   Handlers run asynchronously (never inside the listener's own query), and an error thrown by one
//   is logged and does not reach the others.
// - Delivery is at most once: after the Postgres listener connection drops and reconnects, events
//   of the gap are lost, so each subscriber's `onResync` is called to re-read its state.
// - Idle subscribers cost no queries: nothing polls.
import type { Db, DbOrTx } from "../db/client";
import { hubOf, type Hub } from "./hub";

/** Largest serialised payload (bytes); Postgres's own limit is 8000. */
export const MAX_PAYLOAD_BYTES = 1000;

/** Channel names: lower-case identifiers, so they need no quoting in LISTEN (Postgres allows 63 bytes). */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A JSON object payload. */
export type LivePayload = Record<string, unknown>;

/** A typed channel: its name and (at the type level only) the shape of its payloads. */
export interface Channel<T extends LivePayload> {
  readonly name: string;
  /** Phantom member carrying the payload type; never set. */
  readonly payloadType?: T;
}

/** Declares a channel (name: lower-case letters, digits and "_", at most 63). */
export function defineChannel<T extends LivePayload>(name: string): Channel<T> {
  if (!CHANNEL_NAME.test(name)) throw new TypeError(`lib/live: channel name ${JSON.stringify(name)} must match ${CHANNEL_NAME}`);
  return Object.freeze({ name });
}

/** Sends `payload` on `channel` (delivered at commit when `db` is a transaction client). */
export async function publish<T extends LivePayload>(db: DbOrTx, channel: Channel<T>, payload: T): Promise<void> {
  const text = JSON.stringify(payload);
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`lib/live: a ${channel.name} payload is ${Buffer.byteLength(text)} bytes; the bound is ${MAX_PAYLOAD_BYTES} (send ids, not rows)`);
  }
  await db.$executeRawUnsafe("SELECT pg_notify($1, $2)", channel.name, text);
}

export interface SubscribeOptions {
  /** Called after the listener reconnected: events may have been missed, re-read your state. */
  onResync?: () => void;
}

/** Stops a subscription (idempotent). */
export type Unsubscribe = () => void;

/** Calls `handler` with every payload published on `channel` of `db`'s database, from any process. */
export function subscribe<T extends LivePayload>(db: Db, channel: Channel<T>, handler: (payload: T) => void, options: SubscribeOptions = {}): Promise<Unsubscribe> {
  const hub: Hub = hubOf(db);
  return hub.add(channel.name, { handler: handler as (payload: LivePayload) => void, onResync: options.onResync });
}

/** What this process's listener of `db` holds (for tests and diagnostics). */
export function liveStats(db: Db): { connected: boolean; channels: string[]; subscribers: number } {
  return hubOf(db).stats();
}
