// The migration runner (lib/db/migrate.ts) on the database this run targets (PGlite or Postgres).
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations, diffMigrationsToSchema, prismaDir } from "@/lib/db/migrate";
import { useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

async function migrationDirs(): Promise<string[]> {
  const entries = await readdir(path.join(prismaDir(), "migrations"), { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

describe("applyMigrations", () => {
  it("records every migration directory in _prisma_migrations as finished, as prisma migrate deploy does", async () => {
    const rows = await t.db.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>(
      `SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(await migrationDirs());
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("applies nothing the second time and leaves the migration history unchanged (idempotent)", async () => {
    const before = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM _prisma_migrations`);
    expect(await applyMigrations(t.database)).toEqual([]);
    const after = await t.db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM _prisma_migrations`);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it("creates the tables the Prisma client queries (a user round-trips)", async () => {
    await t.db.user.create({ data: { id: "migrate-test-user", email: "migrate@test.local", name: "M" } });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "migrate@test.local" } });
    expect(user.emailVerified).toBe(false);
    expect(user.createdAt).toBeInstanceOf(Date);
  });

  it("names the failing migration when a migration's SQL is broken", async () => {
    const { mkdtemp, writeFile, mkdir, copyFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(path.join(tmpdir(), "cb-migrations-"));
    await copyFile(path.join(prismaDir(), "migrations", "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
    await mkdir(path.join(dir, "20000101000000_broken"));
    await writeFile(path.join(dir, "20000101000000_broken", "migration.sql"), `CREATE TABLE "Ok" (id int);\nCREATE TABLEE oops;`);
    const scratch = await openDatabase({ dataDir: "memory://" });
    try {
      await expect(applyMigrations(scratch, dir)).rejects.toThrow(/20000101000000_broken/);
    } finally {
      await scratch.close();
    }
  });
});

describe("diffMigrationsToSchema", () => {
  it("is empty: prisma/migrations already produce exactly prisma/schema.prisma", async () => {
    expect(await diffMigrationsToSchema()).toBe("");
  });
});

describe("the issue 7 auth migrations on rows that existed before them", () => {
  it("hashes existing session tokens in place, and gives old API tokens an expiry 90 days out and READ+WRITE", async () => {
    const { mkdtemp, mkdir, copyFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { createHash } = await import("node:crypto");
    const all = await migrationDirs();
    const firstNew = all.findIndex((name) => name.endsWith("_api_token_expiry"));
    expect(firstNew).toBeGreaterThan(0);
    const dir = await mkdtemp(path.join(tmpdir(), "cb-migrations-"));
    await copyFile(path.join(prismaDir(), "migrations", "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
    const copy = async (names: string[]) => {
      for (const name of names) {
        await mkdir(path.join(dir, name));
        await copyFile(path.join(prismaDir(), "migrations", name, "migration.sql"), path.join(dir, name, "migration.sql"));
      }
    };
    await copy(all.slice(0, firstNew));
    const scratch = await openDatabase({ dataDir: "memory://" });
    try {
      await applyMigrations(scratch, dir);
      const sql = (text: string) => scratch.prisma.$executeRawUnsafe(text);
      await sql(`INSERT INTO "User" (id, name, email, "emailVerified", "createdAt", "updatedAt") VALUES ('u1', 'Old', 'old@example.org', false, now(), now())`);
      await sql(`INSERT INTO "Session" (id, "expiresAt", token, "createdAt", "updatedAt", "userId") VALUES ('s1', now() + interval '1 day', 'plainSessionToken0123456789abcde', now(), now(), 'u1')`);
      await sql(`INSERT INTO "ApiToken" (id, "userId", name, prefix, "tokenHash") VALUES ('t1', 'u1', 'old', 'cb_old', 'digest')`);
      await copy(all.slice(firstNew));
      const migratedAt = Date.now();
      await applyMigrations(scratch, dir);
      const session = await scratch.prisma.session.findUniqueOrThrow({ where: { id: "s1" } });
      expect(session.token).toBe(createHash("sha256").update("plainSessionToken0123456789abcde").digest("hex"));
      const token = await scratch.prisma.apiToken.findUniqueOrThrow({ where: { id: "t1" } });
      expect(token.scopes).toEqual(["READ", "WRITE"]);
      const days = (token.expiresAt.getTime() - migratedAt) / (24 * 60 * 60 * 1000);
      expect(days).toBeGreaterThan(89.99);
      expect(days).toBeLessThan(90.01);
    } finally {
      await scratch.close();
    }
  });
});
