// Collaboration in real browsers on the production build: two people (an OWNER and an EDITOR) in
// two browser contexts on one head page. One annotates through the form; the other's page shows the
// card without a reload, through Subscription.modelActivity over SSE — measured from the moment the
// mutation's answer arrived in the writer's browser to the moment the card entered the reader's DOM
// (both clocks are this machine's), and required under 1 s. Then the same with the two people on two
// app instances sharing one Postgres (events cross through LISTEN/NOTIFY). The single-server run also
// goes through presence, a vote, an @mention reaching the bell, a stale edit merged, OWNER-only
// Accept, and the consensus badge on the overview; screenshots at 1440 and 390 px.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, launchBrowser, RESULTS_DIR, signUpInBrowser, startTestServer, type TestBrowser, type TestServer } from "../helpers/browser";
import { uploadDemoThroughPage } from "../helpers/e2e-upload";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

/** The reader must see a new annotation this soon after the writer's mutation answered. */
const LIVE_BUDGET_MS = 1_000;

/** An induction head of the 2-layer demo (its report labels it induction). */
const HEAD = "1.0";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function api<T>(page: Page, baseUrl: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await page.request.post(`${baseUrl}/api/graphql`, { data: { query, variables }, headers: { "content-type": "application/json" }, timeout: 120_000 });
  const body = (await res.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function newPage(): Promise<{ browser: TestBrowser; page: Page }> {
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  return { browser, page };
}

/** Screenshots at 1440 and 390 px: of `testId`'s element when given (readable at full size), else the viewport. */
async function shoot(page: Page, name: string, testId?: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    const file = path.join(RESULTS_DIR, `collab-${name}-${width}.png`);
    if (testId) await page.getByTestId(testId).first().screenshot({ path: file });
    else await page.screenshot({ path: file });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

interface Pair {
  owner: Page;
  editor: Page;
  ownerUrl: string;
  editorUrl: string;
  modelId: string;
}

/** Alice (OWNER) signs up on `ownerUrl`, uploads the demo and invites Bob, who signs up on `editorUrl` and joins as EDITOR. */
async function setUp(tag: string, ownerUrl: string, editorUrl: string): Promise<Pair> {
  const { page: owner } = await newPage();
  const { page: editor } = await newPage();
  const stamp = `${tag}-${Date.now()}`;
  await signUpInBrowser(owner, ownerUrl, { name: "Alice Owner", email: `alice-${stamp}@example.test`, password: "velvet ottoman sunrise" });
  await createTeamInBrowser(owner, `Collab ${tag}`);
  const { teams } = await api<{ teams: { id: string; slug: string; name: string }[] }>(owner, ownerUrl, "{ teams { id slug name } }");
  const team = teams.find((t) => t.name === `Collab ${tag}`)!;
  const modelId = await uploadDemoThroughPage(owner, ownerUrl, team.slug, "induction-2l");
  const invite = await api<{ inviteMember: { ok: boolean; token: string } }>(owner, ownerUrl, `mutation($teamId: ID!) { inviteMember(input: { teamId: $teamId, role: EDITOR }) { ok token } }`, { teamId: team.id });
  expect(invite.inviteMember.ok).toBe(true);
  await signUpInBrowser(editor, editorUrl, { name: "Bob Editor", email: `bob-${stamp}@example.test`, password: "another long password" });
  const joined = await api<{ acceptInvitation: { ok: boolean } }>(editor, editorUrl, `mutation($token: String!) { acceptInvitation(token: $token) { ok } }`, { token: invite.inviteMember.token });
  expect(joined.acceptInvitation.ok).toBe(true);
  return { owner, editor, ownerUrl, editorUrl, modelId };
}

async function openHead(page: Page, baseUrl: string, modelId: string) {
  await page.goto(`${baseUrl}/models/${modelId}/heads/${HEAD}`);
  await page.getByTestId("annotations-panel").waitFor();
}

/** Records, in the page, when a card containing `text` first enters the DOM (epoch ms). */
async function watchForCard(page: Page, text: string) {
  await page.evaluate((needle) => {
    const w = window as unknown as { __cardSeenAt?: number };
    delete w.__cardSeenAt;
    const seen = () => [...document.querySelectorAll('[data-testid="annotation-card"]')].some((c) => c.textContent?.includes(needle));
    const observer = new MutationObserver(() => {
      if (w.__cardSeenAt === undefined && seen()) { w.__cardSeenAt = Date.now(); observer.disconnect(); }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
}

/**
 * The writer annotates through the form with Markdown `body`; returns the ms from the mutation's
 * answer to the reader's card whose rendered text contains `shown`.
 */
async function annotateAndMeasure(writer: Page, reader: Page, body: string, shown: string): Promise<number> {
  await watchForCard(reader, shown);
  await writer.getByRole("button", { name: "Annotate" }).click();
  await writer.locator("#annotation-label").selectOption("induction");
  await writer.locator("#annotation-body").fill(body);
  const answered = writer.waitForResponse((r) => r.url().endsWith("/api/graphql") && (r.request().postData() ?? "").includes("CreateAnnotation"));
  await writer.getByRole("button", { name: "Add annotation" }).click();
  const response = await answered;
  await response.finished();
  const timing = response.request().timing();
  const answeredAt = timing.startTime + timing.responseEnd;
  await reader.getByTestId("annotation-card").filter({ hasText: shown }).waitFor({ timeout: 10_000 });
  const seenAt = await reader.evaluate(() => (window as unknown as { __cardSeenAt?: number }).__cardSeenAt);
  expect(seenAt, "the card was seen by the observer").toBeTypeOf("number");
  // Where the time went: the reader's re-reads of /api/graphql after the answer (start = the live
  // event's arrival, give or take the invalidation) and how long each took.
  const refetches = await reader.evaluate((since) => performance.getEntriesByType("resource")
    .filter((e) => e.name.endsWith("/api/graphql") && performance.timeOrigin + e.startTime >= since)
    .map((e) => `started +${Math.round(performance.timeOrigin + e.startTime - since)} ms, took ${Math.round(e.duration)} ms`), answeredAt);
  console.log(`[collab] reader's re-reads after the answer: ${refetches.join("; ") || "none"}`);
  return Math.round(seenAt! - answeredAt);
}

describe("live collaboration in the browser", () => {
  it("shows one person's annotation to another on the same server without a reload, and votes, mentions, merges and accepts", async () => {
    const server: TestServer = await startTestServer("collab");
    cleanups.push(() => server.stop());
    const { owner, editor, modelId } = await setUp("one", server.url, server.url);
    await openHead(owner, server.url, modelId);
    await openHead(editor, server.url, modelId);
    await editor.getByTestId("presence").filter({ hasText: "also here: Alice Owner" }).waitFor();
    await owner.getByTestId("presence").filter({ hasText: "also here: Bob Editor" }).waitFor();

    const latency = await annotateAndMeasure(owner, editor, "Attends to the token **after** the previous occurrence", "Attends to the token after the previous occurrence");
    console.log(`[collab] same server: annotation visible to the other user ${latency} ms after the mutation answered`);
    expect(latency).toBeLessThan(LIVE_BUDGET_MS);
    const card = editor.getByTestId("annotation-card").first();
    await card.locator("strong").filter({ hasText: "after" }).waitFor();
    expect(await card.getByTestId("annotation-label").textContent()).toBe("induction");
    // Only the OWNER is offered Accept.
    expect(await card.getByRole("button", { name: "Accept" }).count()).toBe(0);

    // The editor agrees; the owner's count follows live.
    await card.getByRole("button", { name: /^\d+ agree$/ }).click();
    await owner.getByTestId("agree-count").filter({ hasText: "1" }).waitFor();

    // An @mention on the head's thread reaches the owner's bell without a reload.
    await editor.getByText(/^Discussion of head/).click();
    const box = editor.getByLabel(`Comment on head ${HEAD}`);
    await box.pressSequentially("Nice, @Ali");
    await editor.getByRole("button", { name: "@Alice Owner" }).click();
    expect(await box.inputValue()).toBe("Nice, @AliceOwner ");
    await editor.getByRole("button", { name: "Comment", exact: true }).click();
    await owner.getByTestId("unread-count").filter({ hasText: "1" }).waitFor();
    await owner.getByTestId("notification-bell").click();
    await owner.getByTestId("notification").filter({ hasText: "Bob Editor mentioned you on head 1.0" }).waitFor();
    await shoot(owner, "bell");
    await owner.keyboard.press("Escape");

    // A stale edit: the owner opens the editor, the editor saves first, the owner merges.
    await owner.getByTestId("annotation-card").first().getByRole("button", { name: "Edit" }).click();
    await owner.locator("#annotation-body").fill("Owner's version of the text");
    await editor.getByTestId("annotation-card").first().getByRole("button", { name: "Edit" }).click();
    await editor.locator("#annotation-body").fill("Editor's version of the text");
    await editor.getByRole("button", { name: "Save" }).click();
    await editor.getByTestId("annotation-card").filter({ hasText: "Editor's version" }).waitFor();
    await owner.getByRole("button", { name: "Save" }).click();
    const merge = owner.getByTestId("conflict-merge");
    await merge.waitFor();
    expect(await merge.getByTestId("merge-body-mine").textContent()).toBe("Owner's version of the text");
    expect(await merge.getByTestId("merge-body-theirs").textContent()).toBe("Editor's version of the text");
    await shoot(owner, "merge", "annotations-panel");
    await owner.locator("#merge-body-edit").fill("Merged: both versions of the text");
    await owner.getByRole("button", { name: "Resubmit merged" }).click();
    await editor.getByTestId("annotation-card").filter({ hasText: "Merged: both versions" }).waitFor();

    // The owner accepts; the editor sees the mark.
    await owner.getByTestId("annotation-card").first().getByRole("button", { name: "Accept" }).click();
    await editor.getByTestId("accepted-mark").waitFor();
    await editor.getByText("History (version 3)").click();
    await editor.getByTestId("word-diff").first().waitFor();
    await shoot(editor, "head", "annotations-panel");

    // The overview's head grid carries the consensus with its support.
    await owner.goto(`${server.url}/models/${modelId}`);
    await owner.getByTestId("head-grid-figure").locator(`text[data-group="${HEAD}"]`).filter({ hasText: /×2$/ }).waitFor();
    await shoot(owner, "overview");
  });

  it("shows the annotation across two app instances sharing one Postgres", async () => {
    const database: TestDatabase = await createTestDatabase("postgres");
    cleanups.push(() => database.destroy());
    const a = await startTestServer("collab-pg-a", { databaseUrl: database.url! });
    cleanups.push(() => a.stop());
    const b = await startTestServer("collab-pg-b", { databaseUrl: database.url! });
    cleanups.push(() => b.stop());
    const { owner, editor, modelId } = await setUp("two", a.url, b.url);
    await openHead(owner, a.url, modelId);
    await openHead(editor, b.url, modelId);
    await editor.getByTestId("presence").filter({ hasText: "also here: Alice Owner" }).waitFor();
    const latency = await annotateAndMeasure(owner, editor, "Written on *instance A*", "Written on instance A");
    console.log(`[collab] two instances over Postgres: annotation visible on B ${latency} ms after the mutation answered on A`);
    expect(latency).toBeLessThan(LIVE_BUDGET_MS);
    await shoot(editor, "instance-b", "annotations-panel");
  });
});
