// lib/live on a real database: a NOTIFY published through one client is received by subscribers of
// another client of the same Postgres (two app instances), or of the same embedded PGlite; an event
// published inside a transaction arrives only after the commit and never after a rollback; a
// subscriber that left gets nothing; bounds on names and payload size; idle subscribers run no query.
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { defineChannel, liveStats, MAX_PAYLOAD_BYTES, publish, subscribe } from "@/lib/live";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const ping = defineChannel<{ id: string; n: number }>("test_ping");
const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});

/** A second "instance": its own client of the same database (Postgres), or the same PGlite client. */
async function secondClient() {
  if (t.mode === "pglite") return t.db;
  const d = await openDatabase({ url: t.database.location }); // the test Postgres has no password to redact
  opened.push(d);
  return d.prisma;
}

function collector<T>() {
  const got: T[] = [];
  const waiters: Array<() => void> = [];
  return {
    got,
    handler: (p: T) => {
      got.push(p);
      for (const w of waiters.splice(0)) w();
    },
    async waitFor(n: number, ms = 5000) {
      const deadline = Date.now() + ms;
      while (got.length < n) {
        if (Date.now() > deadline) throw new Error(`got ${got.length} of ${n} events`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
      return got;
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("lib/live", () => {
  it("delivers a publish on one client to a subscriber on another client of the same database", async () => {
    const other = await secondClient();
    const c = collector<{ id: string; n: number }>();
    const unsubscribe = await subscribe(other, ping, c.handler);
    await publish(t.db, ping, { id: "a", n: 1 });
    expect(await c.waitFor(1)).toEqual([{ id: "a", n: 1 }]);
    unsubscribe();
    await pause(100);
    await publish(t.db, ping, { id: "a", n: 2 });
    await pause(300);
    expect(c.got).toHaveLength(1);
  });

  it("sends a transaction's event at commit, and none for a rolled-back transaction", async () => {
    const other = await secondClient();
    const c = collector<{ id: string; n: number }>();
    const unsubscribe = await subscribe(other, ping, c.handler);
    await t.db.$transaction(async (tx) => {
      await publish(tx, ping, { id: "tx", n: 1 });
      await pause(200);
      expect(c.got).toHaveLength(0); // not before the commit
    });
    await c.waitFor(1);
    await t.db.$transaction(async (tx) => {
      await publish(tx, ping, { id: "tx", n: 2 });
      throw new Error("roll back");
    }).catch(() => undefined);
    await publish(t.db, ping, { id: "tx", n: 3 });
    expect((await c.waitFor(2)).map((p) => p.n)).toEqual([1, 3]);
    unsubscribe();
  });

  it("fans one listener out to many subscribers, and 100 idle subscribers run no query", async () => {
    let queries = 0;
    const counted = t.db.$extends({ query: { $allOperations: ({ args, query }) => (queries++, query(args)) } });
    const c = collector<{ id: string; n: number }>();
    const unsubscribes = await Promise.all(Array.from({ length: 100 }, () => subscribe(t.db, ping, c.handler)));
    expect(liveStats(t.db).subscribers).toBeGreaterThanOrEqual(100);
    expect(liveStats(t.db).channels).toContain("test_ping");
    await counted.user.count(); // the counter works
    expect(queries).toBe(1);
    await pause(1000);
    expect(queries).toBe(1);
    await publish(t.db, ping, { id: "fan", n: 1 });
    await c.waitFor(100);
    for (const u of unsubscribes) u();
    await pause(100);
    expect(liveStats(t.db).channels).not.toContain("test_ping");
  });

  it("refuses bad channel names and oversized payloads before sending anything", async () => {
    expect(() => defineChannel("Bad-Name")).toThrow(/channel name/);
    expect(() => defineChannel("x".repeat(64))).toThrow(/channel name/);
    await expect(publish(t.db, ping, { id: "x".repeat(MAX_PAYLOAD_BYTES), n: 0 })).rejects.toThrow(/bound is 1000/);
  });
});
