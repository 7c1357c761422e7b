// Public pages in a real browser (issue 9 item 6): a signed-out visitor browses the public Demo
// team's models — the library, a model's overview, a head page, the composition page and the prompt
// explorer — read-only, with a way to sign in and no form to annotate; a page that needs an account
// leads through sign-up (and later sign-in) back to itself via ?next=, and a hostile ?next= leads
// nowhere else. The Demo team is seeded as `npm start` does (ensureDemoAccount + seedDemoModels)
// into a Postgres database the app server then serves.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { ensureDemoAccount } from "@/lib/db/demo";
import { seedDemoModels } from "@/lib/db/demo-models";
import { launchBrowser, shootWidths, startTestServer, type TestBrowser, type TestServer } from "../helpers/browser";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let database: TestDatabase;
let server: TestServer;
let browser: TestBrowser;
let page: Page;
const ids: Record<string, string> = {};

const shoot = (name: string) => shootWidths(page, "public", name);

beforeAll(async () => {
  database = await createTestDatabase("postgres");
  const auth = createAuth(database.db);
  await ensureDemoAccount(database.db, auth, { passwordFile: path.join(mkdtempSync(path.join(tmpdir(), "cb-public-")), "demo-password") });
  for (const seeded of await seedDemoModels(database.db)) ids[seeded.name] = seeded.modelId;
  // One Demo model is made TEAM: any signed-in account reads it (public team), a visitor does not.
  await database.db.model.update({ where: { id: ids["skip-trigram-1l"] }, data: { visibility: "TEAM" } });
  server = await startTestServer("public", { databaseUrl: database.url! });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.destroy();
});

describe("a signed-out visitor", () => {
  it("finds the public models in the library at /, and not the TEAM one", async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL("**/models");
    await page.getByTestId("signed-out-banner").waitFor();
    await page.getByRole("link", { name: /induction-2l/ }).first().waitFor();
    await page.getByRole("link", { name: /bigram-0l/ }).first().waitFor();
    expect(await page.getByRole("link", { name: /skip-trigram-1l/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Upload a model" }).count()).toBe(0);
    expect(await page.getByText("Sign in to continue").count()).toBe(0);
    await shoot("library");
  });

  it("opens a public model's overview with its head grid", async () => {
    await page.goto(`${server.url}/models/${ids["induction-2l"]}`);
    await page.getByRole("heading", { name: "induction-2l" }).waitFor();
    await page.getByTestId("head-grid-figure").waitFor();
    expect(page.url()).toBe(`${server.url}/models/${ids["induction-2l"]}`);
    await shoot("overview");
  });

  it("opens a head page read-only: scores, annotations, no form, a sign-in link back here", async () => {
    const headPath = `/models/${ids["induction-2l"]}/heads/1.0`;
    await page.goto(`${server.url}${headPath}`);
    await page.getByRole("heading", { name: "Head 1.0" }).waitFor();
    await page.getByTestId("annotations-panel").waitFor();
    const prompt = page.getByTestId("sign-in-to-annotate");
    await prompt.waitFor();
    expect(await prompt.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(`/sign-in?next=${encodeURIComponent(headPath)}`);
    await shoot("head");
    expect(await page.getByRole("button", { name: "Annotate" }).count()).toBe(0);
    expect(await page.locator("form").count()).toBe(0);
    expect(await page.locator("textarea").count()).toBe(0);
    // No error (e.g. UNAUTHENTICATED) on the page; Next's route announcer is an empty alert.
    expect((await page.getByRole("alert").allTextContents()).filter((text) => text.trim() !== "")).toEqual([]);
  });

  it("opens the composition page and the prompt explorer", async () => {
    await page.goto(`${server.url}/models/${ids["induction-2l"]}/composition`);
    await page.getByRole("link", { name: "Composition", exact: true }).waitFor();
    expect(await page.getByText("Sign in to continue").count()).toBe(0);
    await page.goto(`${server.url}/models/${ids["induction-2l"]}/run`);
    await page.getByRole("link", { name: "Prompt explorer", exact: true }).waitFor();
    expect(await page.getByText("Sign in to continue").count()).toBe(0);
  });
});

describe("?next= through sign-up and sign-in", () => {
  const user = { name: "Nora Next", email: `nora-${Date.now()}@example.test`, password: "purple elephants dance" };

  it("sends a page that needs an account through sign-up back to itself", async () => {
    const headPath = `/models/${ids["skip-trigram-1l"]}/heads/0.0`;
    await page.goto(`${server.url}${headPath}`);
    await page.waitForURL(`**/sign-in?next=${encodeURIComponent(headPath)}`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL(`**/sign-up?next=${encodeURIComponent(headPath)}`);
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${server.url}${headPath}`, { timeout: 90_000 });
    await page.getByRole("heading", { name: "Head 0.0" }).waitFor();
    await shoot("after-sign-up");
  });

  it("brings a visitor who signs in from the header back to the page", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    const overview = `/models/${ids["induction-2l"]}`;
    await page.goto(`${server.url}${overview}`);
    await page.getByRole("heading", { name: "induction-2l" }).waitFor();
    await page.locator(".site-header").getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(`**/sign-in?next=${encodeURIComponent(overview)}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}${overview}`);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
  });

  it("ignores a hostile next: the sign-in lands in the library", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    for (const hostile of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(hostile)}`);
      expect(await page.getByRole("link", { name: "Create an account" }).getAttribute("href"), hostile).toBe("/sign-up");
    }
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/models`);
  });
});
