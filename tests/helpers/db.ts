// Gives each integration test file a fresh, migrated database: in-memory PGlite by default, or a
// uniquely named database on the machine's Postgres (dropped afterwards) when
// CIRCUITBOARD_TEST_DB=postgres. Rule: tests never touch .data/ or a database they did not create.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createAuth, type Auth } from "@/lib/auth/auth";
import type { Actor } from "@/lib/auth/policy";
import { openDatabase, type Database, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

export type TestDbMode = "pglite" | "postgres";

/** The mode the run asks for: "postgres" when CIRCUITBOARD_TEST_DB=postgres, else "pglite". */
export function testDbMode(): TestDbMode {
  return process.env.CIRCUITBOARD_TEST_DB === "postgres" ? "postgres" : "pglite";
}

/** The maintenance database on the machine's Postgres (trust auth), where test databases are made. */
export function postgresAdminUrl(): string {
  return process.env.CIRCUITBOARD_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export interface TestDatabase {
  mode: TestDbMode;
  database: Database;
  db: Db;
  /** The database's connection URL on Postgres (for an app server to share it); null on PGlite. */
  url: string | null;
  /** Closes the client and, on Postgres, drops the database. */
  destroy(): Promise<void>;
}

/** A fresh migrated database (call `destroy` when done). */
export async function createTestDatabase(mode: TestDbMode = testDbMode()): Promise<TestDatabase> {
  if (mode === "pglite") {
    const database = await openDatabase({ dataDir: "memory://" });
    await applyMigrations(database);
    return { mode, database, db: database.prisma, url: null, destroy: () => database.close() };
  }
  const name = `cb_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await applyMigrations(database);
  return {
    mode,
    database,
    db: database.prisma,
    url: url.toString(),
    destroy: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: postgresAdminUrl() });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** A fixed secret for tests' better-auth instances (never used outside tests). */
export const TEST_AUTH_SECRET = "circuitboard-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Registers beforeAll/afterAll hooks giving the calling test file one fresh database and a
 * better-auth instance over it. Read `t.db`, `t.auth`, … inside tests (they exist after beforeAll).
 */
export function useTestDatabase(): { readonly db: Db; readonly database: Database; readonly auth: Auth; readonly mode: TestDbMode } {
  let current: TestDatabase | undefined;
  let auth: Auth | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
    // Every in-process request has the same (no) client address, so per-address rate limits would
    // throttle unrelated tests against each other; tests/api/auth-rate-limit.test.ts turns them on.
    auth = createAuth(current.db, { secret: TEST_AUTH_SECRET, baseURL: "http://localhost:3000", rateLimit: false });
  });
  afterAll(async () => {
    await current?.destroy();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useTestDatabase: read the database inside a test, after beforeAll");
    return value;
  };
  return {
    get db() {
      return need(current).db;
    },
    get database() {
      return need(current).database;
    },
    get auth() {
      return need(auth);
    },
    get mode() {
      return need(current).mode;
    },
  };
}

/**
 * Creates an account directly (no password, no session) and returns it as an Actor: fast set-up for
 * tests of query functions. Use better-auth's sign-up when the test is about sign-up.
 */
export async function createTestUser(db: Db, label: string): Promise<Actor> {
  const id = `user_${label}_${randomBytes(4).toString("hex")}`;
  const email = `${id}@test.circuitboard.local`.toLowerCase();
  await db.user.create({ data: { id, email, name: label } });
  return { userId: id, email, name: label, via: "session" };
}

/** Row counts of every table of the schema, in one query: to prove a failed write left nothing behind. */
export async function tableRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  if (!tables.length) return {};
  const union = tables
    .map(({ tablename }) => `SELECT '${tablename.replace(/'/g, "''")}' AS t, count(*) AS n FROM "${tablename.replace(/"/g, '""')}"`)
    .join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ t: string; n: bigint | number }[]>(union);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}
