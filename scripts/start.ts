// `npm start` (production) and `npm run dev` (`--dev`): one command from a fresh install to a
// running Circuitboard. It migrates the database (embedded PGlite under .data/ unless DATABASE_URL
// is set), makes sure the demo account exists, builds the app when the build is missing or older
// than the sources, then runs Next on $PORT (3000) and prints where the data lives, the URL and the
// demo login. It listens on 127.0.0.1 only unless $HOST names another address (HOST=0.0.0.0 for
// every interface): the sign-in page offers the demo login, which should not reach the LAN unasked.
// Rule: the database is closed before Next starts, because embedded PGlite allows one process per
// data directory.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { createAuth } from "../lib/auth/auth";
import { databaseOptionsFromEnv, openDatabase } from "../lib/db/client";
import { ensureDemoAccount } from "../lib/db/demo";
import { seedDemoModels } from "../lib/db/demo-models";
import { failOrphanedTrainingJobs } from "../lib/db/training-jobs";
import { applyMigrations } from "../lib/db/migrate";
import { buildNeeded, runNextBuild } from "./next-build";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const port = Number.parseInt(process.env.PORT ?? "3000", 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}
/** The address Next listens on: $HOST, else the loopback address only. */
const host = process.env.HOST?.trim() || "127.0.0.1";
const loopback = host === "127.0.0.1" || host === "localhost" || host === "::1";
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

interface Prepared {
  location: string;
  mode: "embedded" | "postgres";
  demo: { email: string; password: string } | null;
}

/** Migrations and seed data, with the database closed again afterwards. */
async function prepareDatabase(): Promise<Prepared> {
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    const applied = await applyMigrations(database);
    console.log(`[circuitboard] database: ${database.mode} (${database.location}); ${applied.length ? `applied ${applied.join(", ")}` : "migrations up to date"} (${elapsed()})`);
    // The demo login belongs to a personal embedded install, never to a shared Postgres deployment.
    if (database.mode !== "embedded") return { location: database.location, mode: database.mode, demo: null };
    const demo = await ensureDemoAccount(database.prisma, createAuth(database.prisma, { baseURL: `http://localhost:${port}` }));
    console.log(`[circuitboard] demo account ${demo.created ? "created" : "ready"} (${elapsed()})`);
    // A demo model that fails to load is reported, not fatal: the platform itself still works.
    try {
      const seeded = await seedDemoModels(database.prisma);
      const added = seeded.filter((m) => m.created).map((m) => m.name);
      console.log(`[circuitboard] demo models: ${seeded.map((m) => m.name).join(", ") || "none in models/"}${added.length ? ` (loaded ${added.join(", ")})` : ""} (${elapsed()})`);
    } catch (error) {
      console.warn(`[circuitboard] warning: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Nothing runs training jobs before Next starts: one still QUEUED/RUNNING was cut off by the last stop.
    const orphaned = await failOrphanedTrainingJobs(database.prisma, new Set());
    if (orphaned) console.log(`[circuitboard] marked ${orphaned} interrupted training job(s) FAILED`);
    return { location: database.location, mode: database.mode, demo: { email: demo.email, password: demo.password } };
  } finally {
    await database.close();
  }
}

/** A path relative to the repository when it lies inside it, absolute otherwise. */
function displayPath(p: string): string {
  const relative = path.relative(root, p);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : p;
}

/** Resolves once the server answers HTTP on `url` (any status), or rejects after `timeoutMs`. */
async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the server did not answer on ${url} within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Rejects with a message a person can act on when something already listens on `port` at `host`. */
function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "EADDRINUSE" ? `port ${port} is already in use; stop what runs there or choose another with PORT=...` : error.message)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function main(): Promise<void> {
  // Checked first, so a busy port fails in a second rather than after a build.
  await assertPortFree(port, host);
  const prepared = await prepareDatabase();

  if (!dev) {
    const why = buildNeeded(root);
    if (why) {
      console.log(`[circuitboard] building the app (${why}); this takes a minute or two…`);
      await runNextBuild(root);
      console.log(`[circuitboard] build done (${elapsed()})`);
    }
  }

  // Next runs behind scripts/serve.ts, which tells route handlers each request's TCP peer (the
  // auth rate limits key on it) — `next start` alone passes only a client-chosen X-Forwarded-For.
  const serve = ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "--port", String(port), "--hostname", host, ...(dev ? ["--dev"] : [])];
  const child = spawn(process.execPath, serve, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // The sign-in page offers the demo login it was started with (app/(auth)/sign-in/page.tsx).
      ...(prepared.demo ? { CIRCUITBOARD_DEMO_EMAIL: prepared.demo.email, CIRCUITBOARD_DEMO_PASSWORD: prepared.demo.password } : {}),
    },
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

  const everywhere = host === "0.0.0.0" || host === "::";
  const hostUrl = (h: string) => `http://${h.includes(":") ? `[${h}]` : h}:${port}`;
  const url = loopback || everywhere ? `http://localhost:${port}` : hostUrl(host);
  await waitForHttp(`${hostUrl(everywhere ? "127.0.0.1" : host)}/sign-in`, 120_000);
  const lines = [
    "",
    `  Circuitboard is running at ${url}  (${dev ? "development" : "production"}, ready in ${elapsed()})`,
    loopback ? `  listening on ${host} only (set HOST=0.0.0.0 to serve other machines)` : `  listening on ${host}: reachable from other machines`,
    prepared.mode === "embedded"
      ? `  data:  embedded PGlite in ${displayPath(prepared.location)} (set DATABASE_URL to use Postgres)`
      : `  data:  Postgres at ${prepared.location}`,
    prepared.demo ? `  demo login:  ${prepared.demo.email}  /  ${prepared.demo.password}  (reads the Demo team; its own "Demo workspace")` : "",
    "",
  ];
  console.log(lines.filter((l, i) => l !== "" || i === 0 || i === lines.length - 1).join("\n"));
}

main().catch((error: unknown) => {
  console.error(`[circuitboard] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
