// The one listener per database client (see ./index for the rules): a LISTEN per channel that has
// subscribers, on the embedded PGlite instance or on one dedicated Postgres connection, whose
// notifications are fanned out to the channel's subscribers. The Postgres connection reconnects
// with a growing delay (RECONNECT_MS) and calls every subscriber's onResync once it is back.
import pg from "pg";
import { listenSourceOf, onDatabaseClose, type Db, type ListenSource } from "../db/client";

/** Delays between reconnection attempts of the Postgres listener (the last one repeats). */
const RECONNECT_MS = [250, 1000, 5000, 15000];

interface Subscriber {
  handler: (payload: Record<string, unknown>) => void;
  onResync?: () => void;
}

/** Runs a callback outside the caller's stack; an error is logged, never thrown to the listener. */
function later(what: string, fn: () => void): void {
  setImmediate(() => {
    try {
      fn();
    } catch (error) {
      console.error(`[live] ${what} threw`, error);
    }
  });
}

export class Hub {
  private readonly channels = new Map<string, Set<Subscriber>>();
  /** PGlite: the unlisten function of each channel. */
  private readonly pgliteUnlisten = new Map<string, Promise<() => Promise<void>>>();
  /** Postgres: the listener connection (while connected or connecting). */
  private client: Promise<pg.Client> | null = null;
  private reconnectAttempt = 0;
  private closed = false;

  constructor(private readonly source: ListenSource) {}

  async add(channel: string, subscriber: Subscriber): Promise<() => void> {
    if (this.closed) throw new Error("lib/live: the database is closed");
    let set = this.channels.get(channel);
    const first = !set;
    if (!set) this.channels.set(channel, (set = new Set()));
    set.add(subscriber);
    try {
      if (first) await this.listen(channel);
      else await this.ready(channel);
    } catch (error) {
      this.remove(channel, subscriber);
      throw error;
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.remove(channel, subscriber);
    };
  }

  stats(): { connected: boolean; channels: string[]; subscribers: number } {
    let subscribers = 0;
    for (const set of this.channels.values()) subscribers += set.size;
    return { connected: this.client !== null || this.pgliteUnlisten.size > 0, channels: [...this.channels.keys()], subscribers };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
    const client = this.client;
    this.client = null;
    if (client) await client.then((c) => c.end()).catch(() => undefined);
    for (const unlisten of this.pgliteUnlisten.values()) await unlisten.then((u) => u()).catch(() => undefined);
    this.pgliteUnlisten.clear();
  }

  private remove(channel: string, subscriber: Subscriber): void {
    const set = this.channels.get(channel);
    if (!set?.delete(subscriber) || set.size) return;
    this.channels.delete(channel);
    void this.unlisten(channel).catch((error: unknown) => console.error(`[live] UNLISTEN ${channel} failed`, error));
  }

  private dispatch(channel: string, text: string): void {
    const set = this.channels.get(channel);
    if (!set?.size) return;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(text) as Record<string, unknown>;
    } catch {
      console.error(`[live] dropped a ${channel} notification that is not JSON`);
      return;
    }
    for (const s of set) later(`a ${channel} subscriber`, () => s.handler(payload));
  }

  /** Resolves once `channel` (which already has a LISTEN issued) is listened to. */
  private async ready(channel: string): Promise<void> {
    if (this.source.kind === "pglite") await this.pgliteUnlisten.get(channel);
    else await this.connection();
  }

  private async listen(channel: string): Promise<void> {
    if (this.source.kind === "pglite") {
      const pglite = this.source.pglite;
      const unlisten = pglite.listen(channel, (text) => this.dispatch(channel, text));
      this.pgliteUnlisten.set(channel, unlisten);
      await unlisten;
      return;
    }
    const client = await this.connection();
    await client.query(`LISTEN ${channel}`);
  }

  private async unlisten(channel: string): Promise<void> {
    if (this.source.kind === "pglite") {
      const unlisten = this.pgliteUnlisten.get(channel);
      this.pgliteUnlisten.delete(channel);
      if (unlisten && !this.source.pglite.closed) await (await unlisten)();
      return;
    }
    if (this.client && !this.channels.has(channel)) await (await this.client).query(`UNLISTEN ${channel}`);
  }

  /** The Postgres listener connection, opened (with every current channel LISTENed) on first use. */
  private connection(): Promise<pg.Client> {
    if (this.source.kind !== "postgres") throw new Error("lib/live: not a Postgres source");
    this.client ??= this.connect(this.source.url).catch((error: unknown) => {
      this.client = null;
      throw error;
    });
    return this.client;
  }

  private async connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url, application_name: "circuitboard-live" });
    client.on("notification", (msg) => this.dispatch(msg.channel, msg.payload ?? "null"));
    let up = false;
    const lost = (why: unknown) => {
      if (!up || this.closed || !this.client) return;
      up = false;
      console.error("[live] listener connection lost; reconnecting", why instanceof Error ? why.message : why);
      this.client = null;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      const delay = RECONNECT_MS[Math.min(this.reconnectAttempt++, RECONNECT_MS.length - 1)];
      setTimeout(() => void this.reconnect(), delay).unref();
    };
    client.on("error", lost);
    client.on("end", () => lost("connection ended"));
    await client.connect();
    for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    up = true;
    return client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed || this.client) return;
    try {
      await this.connection();
      this.reconnectAttempt = 0;
      for (const [channel, set] of this.channels) for (const s of set) if (s.onResync) later(`a ${channel} resync`, s.onResync);
    } catch (error) {
      this.client = null;
      const delay = RECONNECT_MS[Math.min(this.reconnectAttempt++, RECONNECT_MS.length - 1)];
      console.error("[live] reconnect failed", error instanceof Error ? error.message : error);
      setTimeout(() => void this.reconnect(), delay).unref();
    }
  }
}

// On globalThis: one hub (one LISTEN connection) per database for every copy of this module in the process.
const hubs: WeakMap<Db, Hub> = ((globalThis as { __circuitboardLiveHubs?: WeakMap<Db, Hub> }).__circuitboardLiveHubs ??= new WeakMap());

/** The hub of a client made by lib/db/client's openDatabase (closed with its database). */
export function hubOf(db: Db): Hub {
  let hub = hubs.get(db);
  if (hub) return hub;
  const source = listenSourceOf(db);
  if (!source) throw new Error("lib/live: this client was not made by openDatabase (no listen source)");
  hub = new Hub(source);
  hubs.set(db, hub);
  const created = hub;
  onDatabaseClose(db, async () => {
    hubs.delete(db);
    await created.close();
  });
  return hub;
}
