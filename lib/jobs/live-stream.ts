// A Server-Sent Events stream of one row that changes, driven by lib/live notifications (no polling):
// the row is read once at the start and again only when a notification says it changed (or after
// the listener reconnected); a heartbeat comment keeps idle connections open without any query.
// Rules: events go out in order (one read at a time, a burst of notifications coalesced into one
// read); the stream ends with "end" once the row is in a final state, or "failure" when it can no
// longer be read; the subscription is dropped when the client goes away.
import type { Unsubscribe } from "../live";

/** A comment line keeps idle connections (and proxies) open this often; it reads nothing. */
export const SSE_HEARTBEAT_MS = 15_000;

export interface LiveRowStreamOptions<Row> {
  signal: AbortSignal;
  /** The row as read (and authorized) before the response started. */
  first: Row;
  /** Re-reads the row (with the reader's access checked again). */
  read(): Promise<Row>;
  /** Subscribes: call `changed` when the row may have changed, `resync` after missed events. */
  listen(changed: () => void, resync: () => void): Promise<Unsubscribe>;
  /** The events to send for a row, whether it is final, and its status for the "end" event. */
  events(row: Row): { send: ReadonlyArray<readonly [string, unknown]>; ended: boolean; status: string };
}

export async function liveRowStream<Row>(options: LiveRowStreamOptions<Row>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let unsubscribe: Unsubscribe | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let pending = false;
  let reading: Promise<void> | null = null;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;
  const cleanup = () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
  };
  const write = (text: string) => {
    if (!closed) controllerRef?.enqueue(encoder.encode(text));
  };
  const close = () => {
    if (closed) return;
    cleanup();
    controllerRef?.close();
  };
  const emit = (row: Row) => {
    const { send, ended, status } = options.events(row);
    for (const [event, data] of send) write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (ended) {
      write(`event: end\ndata: ${JSON.stringify({ status })}\n\n`);
      close();
    }
  };
  const refresh = () => {
    if (closed) return;
    if (reading) {
      pending = true;
      return;
    }
    reading = (async () => {
      do {
        pending = false;
        try {
          emit(await options.read());
        } catch (error) {
          write(`event: failure\ndata: ${JSON.stringify({ message: error instanceof Error ? error.message : "the row could not be read" })}\n\n`);
          close();
        }
      } while (pending && !closed);
      reading = null;
    })();
  };
  // Subscribe before the first event, so no change between the read and the LISTEN is lost.
  unsubscribe = await options.listen(refresh, refresh);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      options.signal.addEventListener("abort", close, { once: true });
      heartbeat = setInterval(() => write(": heartbeat\n\n"), SSE_HEARTBEAT_MS);
      emit(options.first);
      // A change between the first read and the subscription: read once more.
      if (!closed) refresh();
    },
    cancel() {
      cleanup();
    },
  });
}
