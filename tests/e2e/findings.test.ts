// Issue 9's findings done-when in a real browser: a PUBLIC finding with a frozen head card of the
// induction-2l demo, opened through its share link in a fresh signed-out context, shows the frozen
// numbers; after the model gets a new version (layer-1 W_Q zeroed, so head 1.0's scores change) it
// shows the same numbers; its offline HTML, saved and opened from disk (file://) with every
// non-file request aborted, draws the same figure; revoking the link makes the page 404. The
// finding is written through lib/findings on the Postgres database the app server serves.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createAuth } from "@/lib/auth/auth";
import { DEMO_CURATOR_EMAIL, ensureDemoAccount } from "@/lib/db/demo";
import { demoModelsDir, seedDemoModels, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { addModelVersion } from "@/lib/db/tensors";
import { addFindingFigure } from "@/lib/findings/figure-store";
import { figureNumber } from "@/lib/findings/figure-svg";
import { createShareLink, revokeShareLink } from "@/lib/findings/share";
import { createFinding, setFindingVisibility } from "@/lib/findings/store";
import { launchBrowser, RESULTS_DIR, startTestServer, type TestBrowser, type TestServer } from "../helpers/browser";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let database: TestDatabase;
let server: TestServer;
let browser: TestBrowser;
let curator: Actor;
let modelId = "", findingId = "", token = "", linkId = "";
let frozen: Record<string, number | null> = {};
const tmp = mkdtempSync(path.join(tmpdir(), "cb-findings-e2e-"));

beforeAll(async () => {
  database = await createTestDatabase("postgres");
  await ensureDemoAccount(database.db, createAuth(database.db), { passwordFile: path.join(tmp, "demo-password") });
  modelId = (await seedDemoModels(database.db)).find((m) => m.name === "induction-2l")!.modelId;
  const user = await database.db.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL } });
  curator = { userId: user.id, email: user.email, name: user.name, via: "session" };
  const finding = await createFinding(database.db, curator, { modelId, title: "1.0 is an induction head", body: "Its **induction stripe** is high: see fig-1." });
  findingId = finding.id;
  await addFindingFigure(database.db, curator, { findingId, kind: "HEAD_CARD", params: { head: "1.0" } });
  await setFindingVisibility(database.db, curator, { id: findingId, visibility: "PUBLIC" });
  const row = await database.db.findingFigure.findFirstOrThrow({ where: { findingId }, select: { frozen: true } });
  expect(row.frozen, "the head card froze at once (a tiny model computes in the request)").not.toBeNull();
  frozen = (row.frozen as { scores: Record<string, number | null> }).scores;
  ({ token, link: { id: linkId } } = await createShareLink(database.db, curator, findingId));
  server = await startTestServer("findings", { databaseUrl: database.url! });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.destroy();
});

/** The numbers the head card's SVG shows, by score name. */
async function shownScores(page: Page): Promise<Record<string, string>> {
  const texts = page.locator("[data-testid=figure-fig-1] svg text[data-score]");
  await texts.first().waitFor();
  const out: Record<string, string> = {};
  for (const el of await texts.all()) out[(await el.getAttribute("data-score"))!] = (await el.textContent())!;
  return out;
}

const expected = () => ({ induction: figureNumber(frozen.induction), "induction stripe": figureNumber(frozen.inductionStripe), "OV copying": figureNumber(frozen.ovCopying) });

describe("a shared finding", () => {
  let page: Page;

  it("shows a signed-out visitor the frozen numbers through its share link", async () => {
    const context = await browser.context.browser()!.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${server.url}/findings/shared/${token}`);
    await page.getByRole("heading", { name: "1.0 is an induction head" }).waitFor();
    expect(await page.getByTestId("finding-body").innerHTML()).toContain("<strong>induction stripe</strong>");
    expect(await shownScores(page)).toMatchObject(expected());
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, "findings-shared-1440.png"), fullPage: true });
  });

  it("shows the same numbers after the model gets a new version", async () => {
    const u = uploadFromSafetensors(new Uint8Array(readFileSync(path.join(demoModelsDir(), "induction-2l", "model.safetensors"))));
    const tensors = u.tensors.map((x) => (x.name === "blocks.1.attn.W_Q" ? { ...x, chunks: [new Uint8Array(x.shape.reduce((a, b) => a * b, 4))] } : x));
    const v2 = await addModelVersion(database.db, curator, modelId, { config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors, contentHash: createHash("sha256").update("e2e findings v2").digest("hex") });
    expect(v2.number).toBe(2);
    await page.reload();
    expect(await shownScores(page)).toMatchObject(expected());
  });

  it("saves an offline HTML that opens from disk with the network blocked and draws the same figure", async () => {
    const res = await page.request.get(`${server.url}/api/findings/${findingId}/export.html?token=${token}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="finding-1-0-is-an-induction-head\.html"$/);
    const file = path.join(tmp, "finding.html");
    writeFileSync(file, await res.body());
    const offline = await browser.context.browser()!.newContext();
    const blocked: string[] = [];
    await offline.route("**/*", (route) => {
      if (route.request().url().startsWith("file:")) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    const disk = await offline.newPage();
    await disk.goto(`file://${file}`);
    const texts = disk.locator("figure#fig-1 svg text[data-score]");
    await texts.first().waitFor();
    const shown: Record<string, string> = {};
    for (const el of await texts.all()) shown[(await el.getAttribute("data-score"))!] = (await el.textContent())!;
    expect(shown).toMatchObject(expected());
    expect(blocked).toEqual([]);
    await disk.screenshot({ path: path.join(RESULTS_DIR, "findings-offline-1440.png"), fullPage: true });
    await offline.close();
  });

  it("answers 404 once the link is revoked", async () => {
    await revokeShareLink(database.db, curator, linkId);
    const res = await page.goto(`${server.url}/findings/shared/${token}`);
    expect(res?.status()).toBe(404);
    expect((await page.request.get(`${server.url}/api/findings/${findingId}/export.html?token=${token}`)).status()).toBe(404);
  });
});
