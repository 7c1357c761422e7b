// `npm start` as a new user runs it: on a fresh embedded data directory it migrates, creates the
// demo account, serves on $PORT on the loopback address only and prints where the data lives, the
// URL and the demo login — and that login works, reading the Demo team but owning only its own
// "Demo workspace".
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { collectCspViolations, freePort, launchBrowser, RESULTS_DIR } from "../helpers/browser";

/** The demo models the repository ships: every models/<name>/ with a model.safetensors. */
function shippedModels(): string[] {
  const dir = path.resolve("models");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "model.safetensors")))
    .map((d) => d.name)
    .sort();
}

/** Signs in from the sign-in page with the demo login it offers, landing on the library. */
async function signInAsDemo(page: Page): Promise<void> {
  await page.getByTestId("demo-login").getByRole("button", { name: "Fill in" }).click();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/models");
}

let child: ChildProcess;
let output = "";
let dataDir = "";
let port = 0;

/** Resolves with the output so far once `pattern` appears in it; rejects if the process exits first. */
function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in the output within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const check = () => {
      const match = output.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
    check();
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "circuitboard-start-"));
  port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), CIRCUITBOARD_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.BETTER_AUTH_URL;
  delete env.BETTER_AUTH_SECRET;
  child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start on a fresh embedded install", () => {
  let email = "";
  let password = "";

  it("prints the URL, where the data lives and the demo login", async () => {
    const [, gotEmail, gotPassword] = await waitForOutput(/demo login:\s+(\S+)\s+\/\s+(\S+)/, 240_000);
    email = gotEmail;
    password = gotPassword;
    expect(output).toContain(`Circuitboard is running at http://localhost:${port}`);
    expect(output).toContain(`embedded PGlite in ${path.join(dataDir, "pglite")}`);
    expect(email).toBe("demo@circuitboard.local");
  });

  it("listens on 127.0.0.1 only: the machine's other addresses refuse the connection", async () => {
    expect(output).toContain("listening on 127.0.0.1 only");
    const external = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === "IPv4").map((i) => i!.address);
    expect(external.length, "this machine has a non-loopback IPv4 address to try").toBeGreaterThan(0);
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = createConnection({ host: address, port, timeout: 3_000 });
        socket.once("connect", () => (socket.destroy(), resolve("connected")));
        socket.once("timeout", () => (socket.destroy(), resolve("timeout")));
        socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      expect(outcome, `connecting to ${address}:${port}`).toBe("ECONNREFUSED");
    }
  });

  it("lets the demo login sign in and reach GraphQL as the demo user", async () => {
    const origin = `http://localhost:${port}`;
    const res = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const me = await fetch(`${origin}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query: `{ me { email } teams { slug viewerRole } models(teamId: "demo", first: 100) { edges { node { name } } } }` }),
    });
    const body = (await me.json()) as {
      data: { me: { email: string }; teams: { slug: string; viewerRole: string }[]; models: { edges: { node: { name: string } }[] } };
    };
    expect(body.data.me.email).toBe(email);
    expect(body.data.teams).toContainEqual({ slug: "demo", viewerRole: "VIEWER" });
    expect(body.data.teams).toContainEqual({ slug: "demo-workspace", viewerRole: "OWNER" });
    expect(body.data.models.edges.map((e) => e.node.name).sort()).toEqual(shippedModels());
  });

  it("signs the demo user in from the sign-in page and shows the demo models in the library", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`http://localhost:${port}/sign-in`);
      await page.locator(".site-header").getByRole("link", { name: "Sign up" }).waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, "sign-in.png") });
      await signInAsDemo(page);
      for (const name of shippedModels()) await page.getByTestId("model-card").filter({ hasText: name }).waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, "demo-library.png"), fullPage: true });
      await page.getByTestId("model-card").first().click();
      await page.waitForURL(/\/models\/[a-z0-9]+$/i);
      await page.getByRole("heading", { name: "Config" }).waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, "demo-model-overview.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it("labels the induction demo's heads from the engine's head report on its overview", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const cspViolations = collectCspViolations(page);
      page.setDefaultTimeout(30_000);
      await page.goto(`http://localhost:${port}/sign-in`);
      await signInAsDemo(page);
      await page.getByTestId("model-card").filter({ hasText: "induction-2l" }).click();
      await page.waitForURL(/\/models\/[a-z0-9]+$/i);
      // The head grid figure's marks name their head in data-group (badges included).
      const cell = (name: string) => page.getByTestId("head-grid-figure").locator(`[data-group="${name}"]`);
      // The card of models/induction-2l records these labels from the engine; the page must show them.
      await cell("1.0").filter({ hasText: "induction ← 0.0 (K-comp)" }).waitFor();
      await cell("1.1").filter({ hasText: "induction ← 0.0 (K-comp)" }).waitFor();
      // 0.0's badge rect carries a <title> naming the label too: wait for the drawn label text itself.
      await page.getByTestId("head-grid-figure").locator(`text[data-group="0.0"]`).filter({ hasText: /previous-token/ }).waitFor();
      await page.getByRole("link", { name: "Composition" }).waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, "demo-induction-heads.png"), fullPage: true });
      expect(cspViolations).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("offers the demo login on the sign-in page", async () => {
    const html = await (await fetch(`http://localhost:${port}/sign-in`)).text();
    expect(html).toContain(email);
    expect(html).toContain(password);
  });
});
