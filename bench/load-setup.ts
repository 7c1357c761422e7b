// Prepares a database for the load benchmark (bench/load.ts): migrated, demo models seeded, one
// account with an API token, and the induction-2l demo's head report computed so the benchmark
// reads a cached one. Rule: the database is a fresh one the benchmark made (a temporary PGlite
// directory, or a uniquely named Postgres database dropped afterwards), never .data/ or a user's.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { getHeadReportForActor } from "../lib/analysis/head-report";
import { createAuth } from "../lib/auth/auth";
import { createApiToken } from "../lib/db/api-tokens";
import { ensureDemoAccount } from "../lib/db/demo";
import { openDatabase } from "../lib/db/client";
import { seedDemoModels } from "../lib/db/demo-models";
import { applyMigrations } from "../lib/db/migrate";

export type BenchDb = "embedded" | "postgres";

export interface PreparedDb {
  mode: BenchDb;
  /** Environment for the server process (DATABASE_URL or CIRCUITBOARD_DATA_DIR). */
  env: Record<string, string>;
  token: string;
  modelId: string;
  /** Removes the database. */
  destroy(): Promise<void>;
}

/** The maintenance database of the machine's Postgres (as tests/helpers/db.ts). */
function postgresAdminUrl(): string {
  return process.env.CIRCUITBOARD_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database of the given mode, seeded, its head report cached; closed again before returning. */
export async function prepareDb(mode: BenchDb): Promise<PreparedDb> {
  let env: Record<string, string>;
  let destroy: () => Promise<void>;
  if (mode === "embedded") {
    const dir = mkdtempSync(path.join(tmpdir(), "cb-load-"));
    env = { CIRCUITBOARD_DATA_DIR: dir };
    destroy = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `cb_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = new URL(postgresAdminUrl());
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    destroy = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const database = await openDatabase(mode === "embedded" ? { dataDir: path.join(env.CIRCUITBOARD_DATA_DIR, "pglite") } : { url: env.DATABASE_URL });
  let closed = false;
  const close = async () => {
    if (!closed) await database.close();
    closed = true;
  };
  try {
    await applyMigrations(database);
    const db = database.prisma;
    const scratch = mkdtempSync(path.join(tmpdir(), "cb-load-demo-"));
    try {
      await ensureDemoAccount(db, createAuth(db, { secret: randomBytes(32).toString("base64url") }), { passwordFile: path.join(scratch, "pw") });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const seeded = await seedDemoModels(db);
    const model = seeded.find((m) => m.name === "induction-2l") ?? seeded[0];
    if (!model) throw new Error("bench: no demo model in models/ to load");
    const id = `user_bench_${randomBytes(4).toString("hex")}`;
    await db.user.create({ data: { id, email: `${id}@bench.circuitboard.local`, name: "bench" } });
    const actor = { userId: id, email: `${id}@bench.circuitboard.local`, name: "bench", via: "session" as const };
    const { secret } = await createApiToken(db, actor, { name: "load benchmark" });
    const report = await getHeadReportForActor(db, actor, model.modelId);
    if (report.status !== "READY") throw new Error(`bench: head report of ${model.name} is ${report.status}`);
    return { mode, env, token: secret, modelId: model.modelId, destroy };
  } catch (error) {
    await close();
    await destroy();
    throw error;
  } finally {
    // Embedded PGlite is one process per directory: the server opens it next.
    await close();
  }
}
