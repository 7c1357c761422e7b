// The browser-test harness: a production Circuitboard server on a free port over a fresh embedded
// database in a temporary directory, and headless Debian Chromium driven by playwright-core.
// Rule: each server gets its own data directory and secret, so tests never see each other's
// accounts, and the build it serves is never older than the sources (scripts/next-build).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildNeeded, runNextBuild } from "@/scripts/next-build";

/** Debian's chromium package; CI installs it with apt-get. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where browser tests leave screenshots and server logs (git-ignored). */
export const RESULTS_DIR = path.resolve("test-results");

/**
 * Flags for this machine: no sandbox (root), no GPU, and none of Chromium's own network traffic
 * (its background connections are refused here and slow every start).
 */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The temporary data directory (PGlite lives under it). */
  dataDir: string;
  /** The server's stdout and stderr. */
  logFile: string;
  /** The server process (scripts/serve.ts); its job children are its child processes. */
  pid: number | undefined;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}; see ${logFile}`);
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`the server did not answer on ${url} within ${timeoutMs / 1000} s; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface TestServerOptions {
  /**
   * A Postgres database to serve (e.g. createTestDatabase("postgres").url), so several servers can
   * share one database as app instances do; without it the server gets a fresh embedded PGlite.
   */
  databaseUrl?: string;
}

/**
 * Builds the app if needed (once; reused while the sources are unchanged), then starts the
 * production server (scripts/serve.ts: Next behind lib/http/peer-server.ts) on a free port against a fresh embedded database, or the Postgres database
 * `options.databaseUrl` names. The environment's own DATABASE_URL is never used: a browser test
 * runs on embedded PGlite unless it passes a database it created.
 */
export async function startTestServer(name: string, options: TestServerOptions = {}): Promise<TestServer> {
  const root = process.cwd();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const why = buildNeeded(root);
  if (why) await runNextBuild(root, { logFile: path.join(RESULTS_DIR, "next-build.log") });

  const dataDir = mkdtempSync(path.join(tmpdir(), `circuitboard-${name}-`));
  const port = await freePort();
  const logFile = path.join(RESULTS_DIR, `${name}-server.log`);
  const log = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CIRCUITBOARD_DATA_DIR: dataDir,
    BETTER_AUTH_SECRET: `e2e-secret-${port}-0123456789abcdefghijklmnopqrstuvwxyz`,
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  delete env.BETTER_AUTH_URL;
  // The production entry (scripts/serve.ts, as `npm start` runs it): Next behind the peer server, so
  // routes see each request's TCP peer and the auth rate limits key on it, as in a deployment.
  const serve = ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "--port", String(port), "--hostname", "127.0.0.1"];
  const child = spawn(process.execPath, serve, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  // A server that dies mid-test (a crash, a signal) says so in its log; nothing else would.
  child.once("exit", (code, signal) => log.writableEnded || log.write(`[test harness] the server exited: code ${code}, signal ${signal}\n`));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/sign-in`, child, logFile, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, logFile, pid: child.pid, stop };
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh, temporary profile. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const userDataDir = mkdtempSync(path.join(tmpdir(), "circuitboard-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts recording the Content-Security-Policy violations Chromium reports on `page`'s console
 * ("Refused to execute inline script because it violates the following Content Security Policy
 * directive …"); the returned array fills as they happen.
 */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  return violations;
}

export interface BrowserSession {
  server: TestServer;
  browser: TestBrowser;
  /** One page with a 20 s default timeout. */
  page: Page;
  /** CSP violations reported on `page` so far (collectCspViolations). */
  cspViolations: string[];
  close(): Promise<void>;
}

/** A fresh server (startTestServer) with a fresh browser and one page on it: a browser test's beforeAll. */
export async function openBrowserSession(name: string): Promise<BrowserSession> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const server = await startTestServer(name);
  let browser: TestBrowser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  return {
    server,
    browser,
    page,
    cspViolations: collectCspViolations(page),
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
}

/** Signs up through the sign-up page; resolves on the "create your first team" page it leads to. */
export async function signUpInBrowser(page: Page, baseUrl: string, user: NewUser): Promise<void> {
  await page.goto(`${baseUrl}/sign-up`);
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // The server's first database request opens and migrates the fresh embedded database: on a busy
  // 2-core machine that alone has taken over 20 s (measured 27 s at load average 18).
  await page.waitForURL("**/teams/new?welcome=1", { timeout: 90_000 });
}

/** Creates a team on the new-team page the browser is on; resolves on the team's library. */
export async function createTeamInBrowser(page: Page, name: string): Promise<void> {
  await page.getByLabel("Team name").fill(name);
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL("**/models");
}

/** POSTs a GraphQL operation from the page's session and returns its data (no errors expected). */
export async function pageGraphql<T>(page: Page, url: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await page.request.post(`${url}/api/graphql`, { data: { query, variables }, headers: { "content-type": "application/json" }, timeout: 120_000 });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** Full-page screenshots `<prefix>-<name>-<width>.png` in RESULTS_DIR at each width, then back to 1440 px. */
export async function shootWidths(page: Page, prefix: string, name: string, widths: readonly number[] = [1440, 390]): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(RESULTS_DIR, `${prefix}-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}
