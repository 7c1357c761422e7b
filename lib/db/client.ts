// The one Prisma client factory (DESIGN §4: two database modes, one code path).
// No DATABASE_URL → embedded PGlite under `.data/pglite` (or $CIRCUITBOARD_DATA_DIR/pglite) through
// pglite-prisma-adapter; DATABASE_URL → Postgres through @prisma/adapter-pg. Rule: every query in the
// app goes through a client made here, and `getDb()` never hands out a client before the
// migrations in prisma/migrations have been applied to it.
// Embedded PGlite is ONE connection: while a transaction is open every other query waits for it
// (so uploads stage their bytes outside any transaction, see ./staging.ts), and a query through `db` inside
// `db.$transaction(async (tx) => …)` deadlocks until the transaction times out — use `tx` there.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient, type Prisma } from "./generated/client";

/** The app's Prisma client type. */
export type Db = PrismaClient;
/** A client inside `db.$transaction(async (tx) => ...)`; query functions accept either. */
export type Tx = Prisma.TransactionClient;
/** Either a client or a transaction: what read-only query functions take. */
export type DbOrTx = Db | Tx;

export interface DatabaseOptions {
  /** A Postgres connection string; when absent the database is embedded PGlite. */
  url?: string;
  /** PGlite data directory; "memory://" (or omitted with `memory: true`) keeps it in memory. */
  dataDir?: string;
}

export interface Database {
  prisma: Db;
  mode: "embedded" | "postgres";
  /** Where the data lives, for logs: a directory, "memory" or the URL without its password. */
  location: string;
  /** The driver adapter factory, which the migration engine connects through. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * Where lib/live opens its one listener per database (LISTEN/NOTIFY): the embedded PGlite instance
 * itself (one connection, it delivers its own NOTIFYs), or a dedicated connection to the Postgres URL.
 */
export type ListenSource = { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; url: string };

// On globalThis, so every copy of this module in the process (each Next bundle, and the source copy
// scripts/serve.ts's /api/graphql front loads) knows the clients any copy opened.
const globalForClients = globalThis as unknown as { __circuitboardClients?: { listenSources: WeakMap<object, ListenSource>; closeHooks: WeakMap<object, Array<() => Promise<void>>> } };
const { listenSources, closeHooks } = (globalForClients.__circuitboardClients ??= { listenSources: new WeakMap(), closeHooks: new WeakMap() });

/** The listen source of a client made by openDatabase (undefined for any other client). */
export function listenSourceOf(db: Db): ListenSource | undefined {
  return listenSources.get(db);
}

/** Runs `hook` (e.g. closing lib/live's listener) before the database of `db` closes. */
export function onDatabaseClose(db: Db, hook: () => Promise<void>): void {
  const hooks = closeHooks.get(db);
  if (hooks) hooks.push(hook);
  else closeHooks.set(db, [hook]);
}

async function runCloseHooks(db: Db): Promise<void> {
  const hooks = closeHooks.get(db) ?? [];
  closeHooks.delete(db);
  for (const hook of hooks) await hook().catch((error: unknown) => console.error("[db] close hook failed", error));
}

/** Transactions default to 30 s; uploads pass their own, longer timeout. */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 };

/** The data directory of the embedded database: $CIRCUITBOARD_DATA_DIR or `.data` in the working directory. */
export function dataDir(): string {
  return path.resolve(process.env.CIRCUITBOARD_DATA_DIR ?? ".data");
}

/**
 * pglite-prisma-adapter 0.7 returns from executeScript before the script has run and drops its
 * error (the migration engine runs each migration through it); this wrapper awaits the script so a
 * failing migration fails loudly and in order.
 */
class AwaitingPGliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly inner: PrismaPGlite;
  constructor(private readonly client: PGlite) {
    this.inner = new PrismaPGlite(client);
    this.adapterName = this.inner.adapterName;
  }
  async connect(): Promise<SqlDriverAdapter> {
    return this.fixScript(await this.inner.connect(), this.client);
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = new PGlite();
    const adapter = await new PrismaPGlite(shadow).connect();
    const fixed = this.fixScript(adapter, shadow);
    const dispose = fixed.dispose.bind(fixed);
    fixed.dispose = async () => {
      await dispose();
      await shadow.close();
    };
    return fixed;
  }
  private fixScript(adapter: SqlDriverAdapter, client: PGlite): SqlDriverAdapter {
    adapter.executeScript = async (script: string) => {
      await client.exec(script);
    };
    return adapter;
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}

/**
 * Opens a database (not migrated: call `applyMigrations` from ./migrate, or use `getDb()`).
 * Tests use this through tests/helpers/db.ts; the app uses `getDb()`.
 */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) {
    const adapterFactory = new PrismaPg({ connectionString: options.url });
    const prisma = new PrismaClient({ adapter: adapterFactory, transactionOptions: TRANSACTION_OPTIONS });
    listenSources.set(prisma, { kind: "postgres", url: options.url });
    return {
      prisma,
      mode: "postgres",
      location: redactUrl(options.url),
      adapterFactory,
      close: async () => {
        await runCloseHooks(prisma);
        await prisma.$disconnect();
      },
    };
  }
  const dir = options.dataDir ?? path.join(dataDir(), "pglite");
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : dir);
  const adapterFactory = new AwaitingPGliteFactory(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory, transactionOptions: TRANSACTION_OPTIONS });
  listenSources.set(prisma, { kind: "pglite", pglite });
  return {
    prisma,
    mode: "embedded",
    location: inMemory ? "memory" : dir,
    adapterFactory,
    close: async () => {
      await runCloseHooks(prisma);
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** The options the environment asks for: DATABASE_URL → Postgres, otherwise embedded PGlite. */
export function databaseOptionsFromEnv(): DatabaseOptions {
  const url = process.env.DATABASE_URL?.trim();
  return url ? { url } : {};
}

// The app's singleton survives Next.js dev hot reloads (module re-evaluation) on globalThis.
const globalForDb = globalThis as unknown as { __circuitboardDb?: Promise<Database> };

/**
 * The app's database, opened from the environment and migrated once per process.
 * Route handlers and resolvers: `const db = await getDb()`.
 */
export async function getDatabase(): Promise<Database> {
  if (!globalForDb.__circuitboardDb) {
    globalForDb.__circuitboardDb = (async () => {
      const database = await openDatabase(databaseOptionsFromEnv());
      const { applyMigrations } = await import("./migrate");
      await applyMigrations(database);
      // Uploads cut short by a crash: embedded PGlite has one process, so all of them; on a shared
      // Postgres only stale ones (another instance may be mid-upload).
      const { sweepStaleUploads } = await import("./staging");
      await sweepStaleUploads(database.prisma, database.mode === "embedded" ? 0 : undefined);
      return database;
    })();
    // A failed open is not cached: the next call tries again.
    globalForDb.__circuitboardDb.catch(() => {
      globalForDb.__circuitboardDb = undefined;
    });
  }
  return globalForDb.__circuitboardDb;
}

/** The app's migrated Prisma client (see `getDatabase`). */
export async function getDb(): Promise<Db> {
  return (await getDatabase()).prisma;
}
