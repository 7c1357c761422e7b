// The finding editor and "cite in finding" (app/findings/finding-editor.tsx, cite-in-finding.tsx)
// in a real browser on the production build, Postgres, Demo seeded: an EDITOR of the Demo team
// cites head 1.0's card of induction-2l in a new finding from the head page, edits its title and
// Markdown body through the editor and saves; after a reload both persisted and the figure shows
// the numbers GraphQL's `finding { figures { value } }` answers; a save of the editor's copy after
// the finding changed elsewhere (over GraphQL, bumping its version) opens the merge view with both
// versions and a line diff, and each of its actions (take theirs, keep mine, save a merged text)
// leaves exactly the expected title, body and version on the server.
// A VIEWER of the team who uses the cite control sees the server's refusal and nothing is created.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCORE_DEFINITIONS } from "@/lib/analysis/score-definitions";
import { createAuth } from "@/lib/auth/auth";
import { DEMO_TEAM_SLUG, ensureDemoAccount, type DemoAccount } from "@/lib/db/demo";
import { seedDemoModels } from "@/lib/db/demo-models";
import { launchBrowser, pageGraphql, RESULTS_DIR, startTestServer, type TestBrowser, type TestServer } from "../helpers/browser";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const HEAD = "1.0";
const editor = { name: "Edda Editor", email: "edda-editor@example.test", password: "copper lantern meadow" };
let database: TestDatabase;
let server: TestServer;
let browser: TestBrowser;
let demo: DemoAccount;
let modelId = "";
const tmp = mkdtempSync(path.join(tmpdir(), "cb-finding-editor-e2e-"));

beforeAll(async () => {
  database = await createTestDatabase("postgres");
  const auth = createAuth(database.db);
  demo = await ensureDemoAccount(database.db, auth, { passwordFile: path.join(tmp, "demo-password") });
  modelId = (await seedDemoModels(database.db)).find((m) => m.name === "induction-2l")!.modelId;
  await auth.api.signUpEmail({ body: editor });
  const user = await database.db.user.findUniqueOrThrow({ where: { email: editor.email } });
  const team = await database.db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM_SLUG } });
  await database.db.membership.create({ data: { teamId: team.id, userId: user.id, role: "EDITOR" } });
  server = await startTestServer("finding-editor", { databaseUrl: database.url! });
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.destroy();
});

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 90_000 });
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(RESULTS_DIR, `finding-editor-${name}.png`), fullPage: true });

interface ApiFinding { version: number; title: string; body: string; figures: { key: string; kind: string; value: { scores: Record<string, number | null> } | null }[] }
const FINDING_QUERY = `query($id: ID!) { finding(id: $id) { version title body figures { key kind value } } }`;

describe("the finding editor", () => {
  let page: Page;
  let findingId = "";

  it("cites a head card in a new finding from the head page as an EDITOR", async () => {
    const context = await browser.context.browser()!.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, editor);
    await page.goto(`${server.url}/models/${modelId}/heads/${HEAD}`);
    const cite = page.getByTestId("cite-in-finding");
    await cite.getByRole("button", { name: "Cite in finding" }).waitFor();
    expect(await cite.getByLabel("Finding to cite in").inputValue()).toBe("new");
    await shot(page, "head-page");
    await cite.getByRole("button", { name: "Cite in finding" }).click();
    await page.waitForURL(/\/findings\/[^/]+$/, { timeout: 120_000 });
    findingId = page.url().split("/").pop()!;
    await page.getByRole("heading", { name: `Head ${HEAD} of induction-2l` }).waitFor();
    const { finding } = await pageGraphql<{ finding: ApiFinding }>(page, server.url, FINDING_QUERY, { id: findingId });
    expect(finding.figures.map((f) => [f.key, f.kind])).toEqual([["fig-1", "HEAD_CARD"]]);
    await page.getByTestId("figure-fig-1").waitFor();
  });

  it("saves the title and body, which persist across a reload, and the figure shows the API's numbers", async () => {
    const edit = page.getByTestId("finding-editor");
    await edit.locator("summary", { hasText: "Edit" }).click();
    await page.locator("#finding-title").fill("Head 1.0 induces");
    await page.locator("#finding-body").fill("Its **induction stripe** is high: see fig-1.");
    await shot(page, "editing");
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Head 1.0 induces" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Head 1.0 induces" }).waitFor();
    expect(await page.getByTestId("finding-body").innerHTML()).toContain("<strong>induction stripe</strong>");
    const { finding } = await pageGraphql<{ finding: ApiFinding }>(page, server.url, FINDING_QUERY, { id: findingId });
    expect([finding.title, finding.body]).toEqual(["Head 1.0 induces", "Its **induction stripe** is high: see fig-1."]);
    const scores = finding.figures[0].value!.scores;
    const texts = page.locator("[data-testid=figure-fig-1] svg text[data-score]");
    await texts.first().waitFor();
    const shown = new Map<string, string>();
    for (const el of await texts.all()) shown.set((await el.getAttribute("data-score"))!, (await el.textContent())!);
    expect([...shown.keys()].sort()).toEqual(SCORE_DEFINITIONS.map((d) => d.name).sort());
    let numbers = 0;
    for (const d of SCORE_DEFINITIONS) {
      const want = scores[d.key];
      const text = shown.get(d.name)!;
      if (want === null) expect(text, d.name).toBe("—");
      else {
        // Four significant digits: the shown number rounds the API's value.
        expect(Math.abs(Number(text) - want), `${d.name}: shown ${text}, API ${want}`).toBeLessThanOrEqual(Math.abs(want) * 5e-4 + 1e-12);
        numbers++;
      }
    }
    expect(numbers, "the head card shows real numbers, not only blanks").toBeGreaterThan(0);
    await shot(page, "saved");
  });

  it("on a stale save shows both versions side by side and takes theirs, keeps mine or saves a merged text", async () => {
    const edit = page.getByTestId("finding-editor");
    await edit.locator("summary", { hasText: "Edit" }).click();
    const read = async () => (await pageGraphql<{ finding: ApiFinding }>(page, server.url, FINDING_QUERY, { id: findingId })).finding;
    const elsewhere = async (version: number, fields: { title?: string; body?: string }) => {
      const changed = await pageGraphql<{ updateFinding: { ok: boolean; finding: { version: number } } }>(page, server.url,
        `mutation($input: UpdateFindingInput!) { updateFinding(input: $input) { ok finding { version } } }`,
        { input: { id: findingId, expectedVersion: version, ...fields } });
      expect(changed.updateFinding).toEqual({ ok: true, finding: { version: version + 1 } });
    };
    /** Types a stale draft into the editor (read at `read` version) and saves: the merge view opens. */
    const staleSave = async (title: string, body: string, edited: number, current: number) => {
      await page.locator("#finding-title").fill(title);
      await page.locator("#finding-body").fill(body);
      await edit.getByRole("button", { name: "Save" }).click();
      const merge = edit.getByTestId("finding-merge");
      await merge.waitFor();
      expect(await merge.getByRole("alert").textContent()).toBe(`This finding changed since you read it (you edited version ${edited}; it is at version ${current}).`);
      return merge;
    };
    const v0 = (await read()).version;

    // 1. Someone else retitles it; my stale save shows both; "Take theirs" writes nothing.
    await elsewhere(v0, { title: "Changed elsewhere" });
    let merge = await staleSave("My stale title", "Line one\nmy second line\nLine three", v0, v0 + 1);
    expect(await merge.getByTestId("merge-title-mine").textContent()).toBe("My stale title");
    expect(await merge.getByTestId("merge-title-theirs").textContent()).toBe("Changed elsewhere");
    // The page around the merge view reads the finding as it is now.
    await page.getByRole("heading", { level: 1, name: "Changed elsewhere" }).waitFor();
    expect(await merge.getByTestId("merge-body-mine").textContent()).toBe("Line one\nmy second line\nLine three");
    expect(await merge.getByTestId("merge-body-theirs").textContent()).toBe("Its **induction stripe** is high: see fig-1.");
    expect(await merge.locator("[data-testid=word-diff] del").allTextContents()).toEqual(["Its **induction stripe** is high: see fig-1."]);
    expect(await merge.locator("[data-testid=word-diff] ins").allTextContents()).toEqual(["Line one\nmy second line\nLine three"]);
    await shot(page, "conflict");
    await merge.getByRole("button", { name: "Take theirs" }).click();
    await page.locator("#finding-title").waitFor();
    await page.waitForFunction(() => (document.querySelector("#finding-title") as HTMLInputElement | null)?.value === "Changed elsewhere");
    expect(await page.locator("#finding-body").inputValue()).toBe("Its **induction stripe** is high: see fig-1.");
    let after = await read();
    expect([after.title, after.version]).toEqual(["Changed elsewhere", v0 + 1]);

    // 2. Someone else rewrites the body; "Keep mine" saves my draft at the current version.
    await elsewhere(v0 + 1, { body: "Line one\ntheir second line\nLine three" });
    merge = await staleSave("Mine kept", "Line one\nmy second line\nLine three", v0 + 1, v0 + 2);
    // Only the changed line differs: theirs removed, mine added, the rest kept once.
    expect(await merge.locator("[data-testid=word-diff] del").allTextContents()).toEqual(["their second line\n"]);
    expect(await merge.locator("[data-testid=word-diff] ins").allTextContents()).toEqual(["my second line\n"]);
    await merge.getByRole("button", { name: "Keep mine" }).click();
    await page.getByRole("heading", { name: "Mine kept" }).waitFor();
    after = await read();
    expect([after.title, after.body, after.version]).toEqual(["Mine kept", "Line one\nmy second line\nLine three", v0 + 3]);

    // 3. Again changed elsewhere; I edit the merged text and save it.
    await page.locator("#finding-title").waitFor();
    await elsewhere(v0 + 3, { title: "Their title", body: "Line one\nmy second line\nLine three\ntheir fourth line" });
    merge = await staleSave("My title", "Line one\nmy second line\nLine three\nmy fourth line", v0 + 3, v0 + 4);
    await page.locator("#merge-title").fill("Merged title");
    await page.locator("#merge-body").fill("Line one\nmy second line\nLine three\ntheir fourth line\nmy fourth line");
    await shot(page, "merging");
    await merge.getByRole("button", { name: "Save merged" }).click();
    await page.getByRole("heading", { name: "Merged title" }).waitFor();
    after = await read();
    // Every write landed exactly once: 2 from elsewhere + keep mine + save merged, the take-theirs none.
    expect([after.title, after.body, after.version]).toEqual(["Merged title", "Line one\nmy second line\nLine three\ntheir fourth line\nmy fourth line", v0 + 5]);
    expect(await edit.getByTestId("finding-merge").count()).toBe(0);
    await shot(page, "merged");
  });
});

describe("cite in finding for a VIEWER", () => {
  it("shows the server's refusal and creates nothing", async () => {
    const context = await browser.context.browser()!.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, demo);
    const before = await database.db.finding.count();
    await page.goto(`${server.url}/models/${modelId}/heads/${HEAD}`);
    const cite = page.getByTestId("cite-in-finding");
    await cite.getByRole("button", { name: "Cite in finding" }).click();
    const alert = cite.getByRole("alert");
    await alert.waitFor();
    // The same mutation the control sends, asked directly: the server refuses with a FORBIDDEN error.
    const res = await page.request.post(`${server.url}/api/graphql`, {
      data: { query: `mutation($input: CreateFindingInput!) { createFinding(input: $input) { ok } }`, variables: { input: { modelId, title: `Head ${HEAD} of induction-2l` } } },
      headers: { "content-type": "application/json" },
    });
    const refusal = ((await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors?.[0];
    expect(refusal?.extensions?.code).toBe("FORBIDDEN");
    expect(await alert.textContent()).toBe(refusal!.message);
    expect(page.url()).toBe(`${server.url}/models/${modelId}/heads/${HEAD}`);
    expect(await database.db.finding.count()).toBe(before);
    await shot(page, "viewer-refused");
    await context.close();
  });
});
