// The circuit views in a real browser on the production build: the demo models (uploaded through
// POST /api/models) open on the overview, a head page, the composition page and the prompt
// explorer, and each draws what GraphQL says; screenshots at 1440 and 390 px. A model far above the
// in-process bound (4 MiB of weights) shows its head report's job as a progress bar on the overview
// — started by the upload itself — that follows the job live and gives way to the head grid.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, openBrowserSession, pageGraphql, RESULTS_DIR, shootWidths, signUpInBrowser, type BrowserSession } from "../helpers/browser";
import { uploadThroughPage } from "../helpers/e2e-upload";
import { buildSafetensors, type BuilderTensor } from "../helpers/safetensors-builder";

/** Seeded uniform weights of a 2-layer, 4-head model over 4 000 tokens (d_model 128): its head report is a job of several seconds. */
function jobSizedModel(): Buffer {
  const V = 4000, D = 128, H = 4, E = 32, T = 64;
  let state = 12345;
  const t = (shape: number[], scale: number): BuilderTensor => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      data[i] = ((state / 2 ** 32) * 2 - 1) * scale;
    }
    return { shape, data };
  };
  const tensors: Record<string, BuilderTensor> = { "embed.W_E": t([V, D], 0.1), "pos_embed.W_pos": t([T, D], 0.1), "unembed.W_U": t([D, V], 0.1) };
  for (let l = 0; l < 2; l++) for (const w of ["W_Q", "W_K", "W_V"]) tensors[`blocks.${l}.attn.${w}`] = t([H, D, E], 0.1);
  for (let l = 0; l < 2; l++) tensors[`blocks.${l}.attn.W_O`] = t([H, E, D], 0.1);
  return Buffer.from(buildSafetensors(tensors));
}

let session: BrowserSession;
let page: Page;
const ids: Record<string, string> = {};
const WIDTHS = [1440, 390] as const;

const upload = (name: string, file: Buffer, tokenizer?: Buffer) => uploadThroughPage(page, session.server.url, { name, team: "views-lab", file, tokenizer });

const graphql = <T>(query: string, variables: Record<string, unknown>) => pageGraphql<T>(page, session.server.url, query, variables);
const shoot = (name: string) => shootWidths(page, "views", name, WIDTHS);

beforeAll(async () => {
  session = await openBrowserSession("views");
  page = session.page;
  page.setDefaultTimeout(60_000);
  await signUpInBrowser(page, session.server.url, { name: "Vera Views", email: `vera-${Date.now()}@example.test`, password: "purple elephants dance" });
  await createTeamInBrowser(page, "Views Lab");
  for (const demo of ["induction-2l", "skip-trigram-1l", "bigram-0l"]) {
    const dir = path.resolve("models", demo);
    ids[demo] = await upload(demo, readFileSync(path.join(dir, "model.safetensors")), readFileSync(path.join(dir, "tokenizer.json")));
  }
});

afterAll(async () => {
  await session?.close();
});

describe("the circuit views", () => {
  it("overview: the head grid carries the report's labels as badges that fit at 1440 and 390 px", async () => {
    await page.goto(`${session.server.url}/models/${ids["induction-2l"]}`);
    const grid = page.getByTestId("head-grid-figure");
    await grid.locator('[data-group="1.0"]').filter({ hasText: /^ind/ }).first().waitFor();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300);
      // Every badge's text lies inside its cell (the badges are the rx=7 pills).
      const overflow = await grid.locator("svg").evaluate((svg) => {
        const cells = new Map([...svg.querySelectorAll("rect[rx='5']")].map((r) => [r.getAttribute("data-group"), (r as SVGGraphicsElement).getBBox()]));
        return [...svg.querySelectorAll("text[data-group]")].filter((t) => {
          const c = cells.get(t.getAttribute("data-group"))!;
          const b = (t as SVGGraphicsElement).getBBox();
          return b.x < c.x - 0.5 || b.x + b.width > c.x + c.width + 0.5;
        }).map((t) => t.textContent);
      });
      expect(overflow, `badges overflowing their cell at ${width} px`).toEqual([]);
      expect(await grid.locator("svg").evaluate((s) => s.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)).toBe(true);
    }
    await shoot("overview-induction-2l");
    await page.goto(`${session.server.url}/models/${ids["bigram-0l"]}`);
    await page.getByTestId("bigram-table").locator("tbody tr").first().waitFor();
    await shoot("overview-bigram-0l");
    await page.goto(`${session.server.url}/models/${ids["skip-trigram-1l"]}`);
    await page.getByTestId("skip-trigram-table").first().locator("tbody tr").first().waitFor();
    await shoot("overview-skip-trigram-1l");
  });

  it("overview of a model above 64 KiB: the upload's head-report job is a live progress bar with fraction and stage, then the grid", async () => {
    const file = jobSizedModel();
    expect(file.length).toBeGreaterThan(64 * 1024);
    const id = await upload("job-sized", file);
    await page.goto(`${session.server.url}/models/${id}`);
    const bar = page.getByTestId("job-progress");
    await bar.waitFor();
    expect(await bar.textContent()).toMatch(/^Head report: (queued|computing) — \d+%/);
    await page.screenshot({ path: path.join(RESULTS_DIR, "views-overview-progress-1440.png") });
    // Followed live: the bar moves past 0% (or the job ends) without a reload.
    await page.waitForFunction(() => {
      const el = document.querySelector("[data-testid='job-progress'] progress");
      return !el || Number(el.getAttribute("value")) > 0;
    }, undefined, { timeout: 240_000 });
    await page.getByTestId("head-grid-figure").locator('[data-group="1.3"]').first().waitFor({ timeout: 240_000 });
    expect(await bar.count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, "views-overview-after-job-1440.png") });
  });

  it("head page: every score with its definition, OV and QK tables, eigenvalues and composition partners", async () => {
    await page.goto(`${session.server.url}/models/${ids["induction-2l"]}/heads/1.0`);
    await page.getByTestId("head-scores").locator("tbody tr").first().waitFor();
    expect(await page.getByTestId("head-scores").locator("tbody tr").count()).toBe(10);
    await page.getByTestId("ov-table").locator("tbody tr").first().waitFor();
    await page.getByTestId("qk-table").locator("tbody tr").first().waitFor();
    await page.getByTestId("eigen-figure").first().locator("circle[data-key]").first().waitFor();
    await page.getByTestId("composes-K").locator("rect[data-key]").first().waitFor();
    const data = await graphql<{ model: { head: { ov: { result: { top: { value: number }[] } } } } }>(
      "query($id: ID!) { model(id: $id) { head(name: \"1.0\") { ov(topK: 10, bottomK: 5) { result { top { value } } } } } }", { id: ids["induction-2l"] });
    const shown = await page.getByTestId("ov-table").locator("tbody tr td:last-child").allTextContents();
    expect(shown.map(Number)).toEqual(data.model.head.ov.result.top.map((e) => Number(e.value.toFixed(3))));
    await shoot("head-1.0");
  });

  it("composition page: the highlighted induction pair is the top K-composition pair, and clicking it explains the circuit", async () => {
    await page.goto(`${session.server.url}/models/${ids["induction-2l"]}/composition`);
    const heatmap = page.getByTestId("composition-heatmap");
    await heatmap.locator("rect[data-key]").first().waitFor();
    const data = await graphql<{ model: { composition: { result: { top: { writer: string; reader: string }[] } } } }>(
      "query($id: ID!) { model(id: $id) { composition(kind: K, top: 1) { result { top { writer reader } } } } }", { id: ids["induction-2l"] });
    const top = data.model.composition.result.top[0];
    const highlighted = (await heatmap.getAttribute("data-highlight"))!.split(" ");
    expect(highlighted).toContain(`${top.writer}>${top.reader}`);
    await heatmap.locator(`rect[data-key="${top.writer}>${top.reader}"]`).click();
    await page.getByTestId("induction-selection").waitFor();
    await shoot("composition");
  });

  it("prompt explorer: hovering a token highlights the keys it attends to most, as GraphQL's pattern says", async () => {
    const tokens = [5, 9, 12, 3, 7, 5, 9, 12, 3, 7, 5, 9];
    await page.goto(`${session.server.url}/models/${ids["induction-2l"]}/run?tokens=${tokens.join(",")}`);
    const viewer = page.getByTestId("attention-viewer");
    await viewer.and(page.locator("[data-drawn]")).waitFor();
    await viewer.getByRole("button", { name: "Head 1.0" }).click();
    const q = 10;
    await page.getByTestId("token-strip").locator(`[data-pos="${q}"]`).hover();
    await viewer.and(page.locator(`[data-hover-pos="${q}"]`)).waitFor();
    const data = await graphql<{ run: { patterns: { result: { topK: { indices: { base64: string } } } } } }>(
      "query($id: ID!, $t: [Int!]) { run(modelId: $id, tokens: $t) { patterns(layer: 1, head: 0, topK: 3) { result { topK { indices { base64 } } } } } }", { id: ids["induction-2l"], t: tokens });
    const indices = new Int32Array(new Uint8Array(Buffer.from(data.run.patterns.result.topK.indices.base64, "base64")).buffer);
    const expected = Array.from(indices.subarray(q * 3, q * 3 + 3));
    const shown = await page.getByTestId("token-strip").locator("[data-attended]").evaluateAll((els) =>
      els.map((e) => [Number(e.getAttribute("data-attended")), Number(e.getAttribute("data-pos"))]).sort((a, b) => a[0] - b[0]).map((x) => x[1]));
    expect(shown.slice(0, 3)).toEqual(expected);
    await page.getByTestId("predictions").locator("tbody tr").first().waitFor();
    await page.getByTestId("path-expansion-figure").locator("rect[data-key]").first().waitFor();
    await shoot("run");
  });

  it("serves every page with a nonce CSP and the security headers, and the browser reported no CSP violation on any view", async () => {
    const response = await page.goto(`${session.server.url}/models/${ids["induction-2l"]}`);
    const headers = response!.headers();
    const nonce = headers["content-security-policy"]?.match(/script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/)?.[1];
    expect(nonce, headers["content-security-policy"]).toBeDefined();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "same-origin" });
    // Every script element Next wrote carries this response's nonce (the DOM hides the attribute's value from CSS, not from .nonce).
    const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));
    expect(session.cspViolations).toEqual([]);
  });
});
