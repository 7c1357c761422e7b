// Issue 8's done-when for a real-size model, in a real browser on the production build over the
// embedded database: a random model of ARENA's attn_only_2L shape (2 layers × 12 heads, d_model 768,
// d_vocab 50 278, n_ctx 2048, shortformer, biases; F16, 167 MB) with a 50 278-token vocabulary,
// generated into a temporary directory, is uploaded through the upload form by a team owner. The
// form's progress bar follows the bytes; the overview then shows the head report's job as a live
// progress bar that advances, then the 24-head grid; a head page's score table shows the numbers
// of GraphQL's head report. Nowhere TOO_LARGE. Each phase's wall time is logged.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArenaF16File, writeArenaTokenizer } from "@/bench/arena-f16-file";
import { ARENA_SHAPE } from "@/bench/arena-shape";
import { createTeamInBrowser, openBrowserSession, RESULTS_DIR, signUpInBrowser, type BrowserSession } from "../helpers/browser";

/**
 * The head report of this model is a job of 2.5 min on an idle-ish machine and 4.5 min at load
 * average 13-17 (measured here, December 2026): longer than the e2e project's 300 s per test, so
 * the one test that waits for it has this bound.
 */
const JOB_TEST_TIMEOUT_MS = 600_000;
/** The head whose page is checked: the last head of the last layer (a mix-up of layer and head shows). */
const HEAD = "1.11";
/** The head report's per-head scores as the head page's table names them (app's score table rows). */
const REPORT_ROWS: Record<string, string> = {
  "previous-token": "previousToken", "duplicate-token": "duplicateToken", induction: "induction", "induction stripe": "inductionStripe",
  "OV copying": "ovCopying", "QK token positivity": "qkTokenPositivity", "QK positional positivity": "qkPositionalPositivity",
};

type ReportHead = { name: string } & Record<string, number | string>;
interface ReportAnswer { model: { headReport: { status: string; message: string | null; heads: ReportHead[] } } }

let session: BrowserSession;
let page: Page;
let dir: string;
let modelPath: string;
let tokenizerPath: string;
let modelBytes: number;
let modelId: string;
let firstReportAnswer: Promise<Response>;
const started = Date.now();
const timings: Record<string, number> = {};
const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

/** Records every value the page's element `selector` takes for attribute `attr` (a MutationObserver, so no change is missed). */
async function recordValues(p: Page, selector: string, attr: string, key: string): Promise<void> {
  await p.evaluate(({ selector, attr, key }) => {
    const seen: number[] = [];
    (window as unknown as Record<string, number[]>)[key] = seen;
    const take = () => {
      const v = document.querySelector(selector)?.getAttribute(attr);
      if (v !== null && v !== undefined && seen[seen.length - 1] !== Number(v)) seen.push(Number(v));
    };
    new MutationObserver(take).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: [attr] });
    take();
  }, { selector, attr, key });
}
const recorded = (p: Page, key: string) => p.evaluate((k) => (window as unknown as Record<string, number[]>)[k] ?? [], key);

/**
 * GraphQL from inside the page (its session, Chromium's connection handling). Playwright's own
 * request client (pageGraphql) was answered ECONNRESET here: while the server reads and sends a
 * whole model to a job child, its event loop stalls for seconds at this load, Node's 5 s keep-alive
 * timer then closes the idle socket the client has just written to, and unlike Chromium that client
 * does not retry (docs/PERFORMANCE-ANALYZE.md, "Memory of an ARENA-shape upload").
 */
async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const body = await page.evaluate(async ({ query, variables }) => {
    const res = await fetch("/api/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data: unknown; errors?: unknown };
  }, { query, variables });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "circuitboard-arena-"));
  let t = Date.now();
  modelPath = path.join(dir, "attn_only_2L.safetensors");
  modelBytes = await writeArenaF16File(modelPath);
  tokenizerPath = await writeArenaTokenizer(path.join(dir, "tokenizer.json"));
  timings.generate = seconds(t);
  t = Date.now();
  session = await openBrowserSession("arena");
  page = session.page;
  page.setDefaultTimeout(60_000);
  await signUpInBrowser(page, session.server.url, { name: "Ari Arena", email: `ari-${Date.now()}@example.test`, password: "purple elephants dance" });
  await createTeamInBrowser(page, "Arena Lab");
  timings.serverAndSignUp = seconds(t);
});

afterAll(async () => {
  console.log(`arena-upload timings (s): ${JSON.stringify({ ...timings, total: seconds(started) })}`);
  await session?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("an ARENA-shape model uploaded in the browser", () => {
  it("uploads through the form with a progress bar that follows the bytes", async () => {
    expect(modelBytes).toBeGreaterThan(160e6); // F16 of 83.6 M parameters
    const t = Date.now();
    await page.goto(`${session.server.url}/upload`);
    await page.locator("#file").setInputFiles(modelPath);
    await page.locator("#tokenizer").setInputFiles(tokenizerPath);
    await page.getByLabel("Name").fill("attn-only-2l-arena");
    await recordValues(page, '[role="progressbar"]', "aria-valuenow", "__upload");
    await page.getByRole("button", { name: "Upload" }).click();
    await page.locator('[role="progressbar"]').waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, "arena-upload-progress.png") });
    const outcome = page.getByText("Uploaded attn-only-2l-arena").or(page.getByTestId("upload-error"));
    await outcome.waitFor({ timeout: 240_000 });
    await page.screenshot({ path: path.join(RESULTS_DIR, "arena-upload-done.png") });
    expect(await page.getByTestId("upload-error").count(), (await page.getByTestId("upload-error").textContent().catch(() => null)) ?? "").toBe(0);
    timings.upload = seconds(t);
    const values = await recorded(page, "__upload");
    expect(values.some((v) => v > 0 && v < 100), `upload progress values ${values.join(",")}`).toBe(true);
    expect(values.at(-1)).toBe(100);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    // The overview's own first answer about the head report (whether its job was still pending then).
    firstReportAnswer = page.waitForResponse((r) => r.url().endsWith("/api/graphql") && (r.request().postData() ?? "").includes("query ModelHeadReport"), { timeout: JOB_TEST_TIMEOUT_MS });
    await page.getByRole("link", { name: "Open its overview" }).click();
    await page.waitForURL(/\/models\/[a-z0-9]+$/i);
    modelId = page.url().split("/").pop()!;
  });

  it("shows the head report's job as a progress bar that advances, then the 24-head grid, never TOO_LARGE", async () => {
    const t = Date.now();
    const bar = page.getByTestId("job-progress");
    const grid = page.getByTestId("head-grid-figure");
    const lastCell = grid.locator('rect[rx="5"][data-group="1.11"]').first();
    // On a quiet machine the job can end in the seconds between the upload's answer and the
    // overview's first read of the report (seen in the fresh-clone CI of 8 December: READY within
    // 3 s of opening the page); then there is no bar left to see, and views.test's job-sized model
    // covers the bar's behaviour. Under load (every run while this test was written) the bar shows.
    const first = (await (await firstReportAnswer).json()) as { data: ReportAnswer };
    const pending = ["QUEUED", "RUNNING"].includes(first.data.model.headReport.status);
    if (pending) {
      await bar.waitFor();
      expect(await bar.textContent()).toMatch(/^Head report: (queued|computing) — \d+%/);
      await recordValues(page, "[data-testid='job-progress'] progress", "value", "__job");
      await page.screenshot({ path: path.join(RESULTS_DIR, "arena-overview-progress.png"), fullPage: true });
      // Followed live: the bar moves past 0% (or the job ends and the grid replaces it) without a reload.
      await page.waitForFunction(() => {
        const el = document.querySelector("[data-testid='job-progress'] progress");
        return !el || Number(el.getAttribute("value")) > 0;
      }, undefined, { timeout: JOB_TEST_TIMEOUT_MS - 60_000 });
      await page.screenshot({ path: path.join(RESULTS_DIR, "arena-overview-progress-advanced.png"), fullPage: true });
      await lastCell.waitFor({ timeout: JOB_TEST_TIMEOUT_MS - 60_000 });
      const values = await recorded(page, "__job");
      expect(values.length, "the bar was recorded").toBeGreaterThan(0);
      expect(await bar.count()).toBe(0);
    } else {
      console.log(`arena-upload: the head-report job had ended (${first.data.model.headReport.status}) before the overview first read the report; no bar to follow`);
      await lastCell.waitFor();
    }
    timings.headReportJob = seconds(t);
    const cells = await grid.locator("rect[rx='5']").evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
    expect(cells).toEqual(Array.from({ length: 24 }, (_, i) => `${Math.floor(i / 12)}.${i % 12}`));
    expect(await page.locator("body").textContent()).not.toMatch(/TOO_LARGE|too large/i);
    await page.screenshot({ path: path.join(RESULTS_DIR, "arena-overview-grid.png"), fullPage: true });
    const data = await graphql<ReportAnswer>("query($id: ID!) { model(id: $id) { headReport { status message heads { name } } } }", { id: modelId });
    expect(data.model.headReport.status, data.model.headReport.message ?? "").toBe("READY");
    expect(data.model.headReport.heads).toHaveLength(ARENA_SHAPE.n_layers * ARENA_SHAPE.n_heads);
  }, JOB_TEST_TIMEOUT_MS);

  it("opens a head page from the grid whose score table shows GraphQL's head report numbers", async () => {
    const t = Date.now();
    await page.getByTestId("head-grid-figure").locator(`rect[data-group="${HEAD}"]`).first().click();
    await page.waitForURL(`**/models/${modelId}/heads/${HEAD}`);
    const table = page.getByTestId("head-scores");
    await table.locator("tbody tr").first().waitFor({ timeout: 120_000 });
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 2).map((td) => td.textContent ?? "")));
    const shown = new Map(rows.map(([name, value]) => [name, value]));
    const data = await graphql<ReportAnswer & { model: { head: { scores: { result: Record<string, number> } } } }>(
      `query($id: ID!, $head: String!) { model(id: $id) {
        headReport { status message heads { name ${Object.values(REPORT_ROWS).join(" ")} } }
        head(name: $head) { scores { result { variedPeriodInduction positionalInvariance distanceFromUniform } } } } }`,
      { id: modelId, head: HEAD });
    const report = data.model.headReport.heads.find((h) => h.name === HEAD)!;
    for (const [row, key] of Object.entries(REPORT_ROWS)) {
      expect(Number(shown.get(row)), `${row} of ${HEAD}`).toBe(Number((report[key] as number).toFixed(2)));
    }
    const extra = data.model.head.scores.result;
    expect(Number(shown.get("varied-period induction"))).toBe(Number(extra.variedPeriodInduction.toFixed(2)));
    expect(Number(shown.get("positional invariance"))).toBe(Number(extra.positionalInvariance.toFixed(2)));
    expect(Number(shown.get("distance from uniform"))).toBe(Number(extra.distanceFromUniform.toFixed(2)));
    expect(rows).toHaveLength(10);
    expect(await page.locator("body").textContent()).not.toMatch(/TOO_LARGE|too large/i);
    await page.screenshot({ path: path.join(RESULTS_DIR, "arena-head-page.png"), fullPage: true });
    timings.headPage = seconds(t);
  });
});
