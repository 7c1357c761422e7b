// The overview of a model with MLPs and of a decision transformer in a real browser (issue 10): the
// attentionOnly: false banner, the DT section's attention-only share (banner + bars, the numbers
// GraphQL answers) and its typed skip-trigram table; the shipped gridworld DT (models/gridworld-dt-1l)
// with its state-feature heatmaps and RTG rules, and its trajectory in the prompt explorer (a strip
// of typed tokens with grid images, the greedy actions, the attention viewer); screenshots at 1440
// and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { playEpisode, policyAction, POLICIES, stateFeatures } from "@/lib/engine/env/gridworld";
import { mulberry32 } from "@/lib/engine/train/prng";
import { dtFile, geluFile, geluMetadata, geluTensors } from "../api/mlp-dt-models";
import { createTeamInBrowser, openBrowserSession, pageGraphql, shootWidths, signUpInBrowser, type BrowserSession } from "../helpers/browser";

let session: BrowserSession;
let page: Page;
const ids: Record<string, string> = {};

async function upload(name: string, file: Uint8Array): Promise<string> {
  const res = await page.request.post(`${session.server.url}/api/models`, {
    multipart: { name, team: "dt-lab", file: { name: `${name}.safetensors`, mimeType: "application/octet-stream", buffer: Buffer.from(file) } }, timeout: 120_000,
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * A read-only GraphQL query from the page's session. Retried once on ECONNRESET: the request context
 * may reuse a keep-alive socket the server closes at that moment (Node's 5 s keepAliveTimeout).
 */
async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  try {
    return await pageGraphql<T>(page, session.server.url, query, variables);
  } catch (e) {
    if (!/ECONNRESET/.test(String(e))) throw e;
    return pageGraphql<T>(page, session.server.url, query, variables);
  }
}
const shoot = (name: string) => shootWidths(page, "dt", name);

/**
 * At 1440 and 390 px, the typed skip-trigram table stays inside the page's content column (it
 * scrolls within its own wrapper instead) and the page has no horizontal scroll; on failure the
 * message names the elements reaching past the viewport.
 */
async function expectTypedTableFits(): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    const m = await page.getByTestId("typed-trigram-table").evaluate((fig) => {
      const column = fig.closest(".page")!.getBoundingClientRect();
      const style = getComputedStyle(fig.closest(".page")!);
      const contentRight = column.right - parseFloat(style.paddingRight);
      const wrap = fig.querySelector(".table-wrap")!;
      // Elements reaching past the viewport that no scrolling (or clipping) ancestor holds in.
      const clipped = (el: Element) => { for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return true; return false; };
      const offenders = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el))
        .slice(-5).map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "")}[${el.getAttribute("data-testid") ?? ""}] right ${Math.round(el.getBoundingClientRect().right)}px`);
      return { figRight: fig.getBoundingClientRect().right, contentRight, wrapRight: wrap.getBoundingClientRect().right, pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, tableWidth: fig.querySelector("table")!.getBoundingClientRect().width, wrapWidth: wrap.clientWidth, offenders };
    });
    expect({ width, figureInside: m.figRight <= m.contentRight + 1, wrapInside: m.wrapRight <= m.contentRight + 1, noPageScroll: m.pageWidth <= m.viewport }, JSON.stringify(m)).toEqual({ width, figureInside: true, wrapInside: true, noPageScroll: true });
    // At 1440 px the table has the content column's width to itself: it shows whole, no inner scroll.
    if (width === 1440) expect(m.tableWidth, JSON.stringify(m)).toBeLessThanOrEqual(m.wrapWidth + 1);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  session = await openBrowserSession("dt");
  page = session.page;
  page.setDefaultTimeout(60_000);
  await signUpInBrowser(page, session.server.url, { name: "Dora Decision", email: `dora-${Date.now()}@example.test`, password: "purple elephants dance" });
  await createTeamInBrowser(page, "DT Lab");
  ids.dt = await upload("dt-mlp", dtFile());
  ids.gelu = await upload("gelu-1l", geluFile());
  ids.seg = await upload("gelu-segments", geluFile(geluTensors(), { ...geluMetadata(), vocab_segments: JSON.stringify([{ name: "low", start: 0, end: 3 }, { name: "high", start: 3, end: 6 }]) }));
  ids.grid = await upload("gridworld-dt-1l", new Uint8Array(readFileSync(path.resolve("models", "gridworld-dt-1l", "model.safetensors"))));
});

afterAll(async () => {
  await session?.close();
});

describe("models with MLPs on the overview", () => {
  it("a DT shows the attentionOnly: false banner, its attention-only share as GraphQL computes it, and its typed skip-trigrams", async () => {
    await page.goto(`${session.server.url}/models/${ids.dt}`);
    await expect.poll(() => page.getByTestId("attention-only-banner").textContent()).toMatch(/attentionOnly: false\. This model has MLP blocks/);
    const banner = page.getByTestId("attention-share-banner");
    await banner.waitFor();
    const trajectory = { timesteps: [0, 1, 2], rtg: [1, 1, 1], states: [0, 1, 2].map(() => Array(12).fill(0)), actions: [0, 0] };
    const data = await graphql<{ run: { attentionShare: { result: { mean: number; positions: { label: string }[] } } } }>(
      `query($id: ID!, $t: TrajectoryInput!) { run(modelId: $id, trajectory: $t) { attentionShare { result { mean positions { label } } } } }`, { id: ids.dt, t: trajectory });
    const mean = data.run.attentionShare.result.mean;
    expect(await banner.textContent()).toContain(`carry ${(100 * mean).toFixed(1)}%`);
    expect(await banner.textContent()).toContain(`the MLPs carry ${(100 * (1 - mean)).toFixed(1)}%`);
    const figure = page.getByTestId("attention-share-figure");
    for (const label of data.run.attentionShare.result.positions.map((p) => p.label)) await expect.poll(() => figure.textContent()).toContain(label);
    const rows = page.getByTestId("typed-trigram-table").locator("tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    expect(await rows.first().textContent()).toMatch(/(state|action|rtg|timestep|position) → state → (left|right|forward)/);
    await expectTypedTableFits();
    await shoot("overview-dt");
  });

  it("a 1-layer GELU token model shows the banner and no DT section", async () => {
    await page.goto(`${session.server.url}/models/${ids.gelu}`);
    await page.getByTestId("attention-only-banner").waitFor();
    expect(await page.getByRole("heading", { name: "Decision transformer" }).count()).toBe(0);
    await page.getByTestId("head-grid-figure").waitFor();
    await shoot("overview-gelu");
  });
});

describe("a token model with vocab_segments", () => {
  it("groups each head's skip-trigrams by segment under its table, as GraphQL's segmentGroups", async () => {
    await page.goto(`${session.server.url}/models/${ids.seg}`);
    const table = page.getByTestId("segment-group-table").first();
    await table.locator("tbody tr").first().waitFor();
    const data = await graphql<{ model: { head: { skipTrigrams: { segmentGroups: { sourceSegment: string | null; destinationSegment: string | null; outputSegment: string | null; count: number }[] } } } }>(
      `query($id: ID!) { model(id: $id) { head(name: "0.0") { skipTrigrams(topK: 15) { segmentGroups { sourceSegment destinationSegment outputSegment count } } } } }`, { id: ids.seg });
    const want = data.model.head.skipTrigrams.segmentGroups.map((g) => [g.sourceSegment ?? "(no segment)", g.destinationSegment ?? "(no segment)", g.outputSegment ?? "(no segment)", String(g.count)]);
    expect(want.length).toBeGreaterThan(1);
    const got = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 4).map((td) => td.textContent?.trim() ?? "")));
    expect(got).toEqual(want);
    await shoot("overview-segments");
  });
});

describe("the gridworld demo DT", () => {
  it("its overview draws the state features on the 5×5 grid per action and lists [RTG high] rules", async () => {
    await page.goto(`${session.server.url}/models/${ids.grid}`);
    const map = page.getByTestId("state-heatmap-0");
    await map.waitFor();
    expect(await map.locator("svg").getAttribute("aria-label")).toBe("agent → up");
    await page.getByRole("radio", { name: "down" }).check();
    await expect.poll(() => map.locator("svg").getAttribute("aria-label")).toBe("agent → down");
    const rows = page.getByTestId("typed-trigram-table").locator("tbody tr");
    await rows.first().waitFor();
    expect(await page.getByTestId("typed-trigram-table").textContent()).toContain("rtg: RTG high");
    expect(await page.getByTestId("attention-only-banner").count()).toBe(0);
    await expectTypedTableFits();
    await shoot("overview-gridworld");
  });

  it("the prompt explorer shows a trajectory as typed tokens with grid images, the greedy actions and the attention viewer", async () => {
    const rng = mulberry32(3);
    const e = playEpisode([0, 0], (v) => policyAction({ ...POLICIES[0], epsilon: 0 }, v.s, rng));
    const T = 4;
    const trajectory = { timesteps: [0, 1, 2, 3], rtg: [1, 1, 1, 1], states: e.states.slice(0, T).map(stateFeatures), actions: e.actions.slice(0, T - 1) };
    await page.goto(`${session.server.url}/models/${ids.grid}/run?trajectory=${encodeURIComponent(JSON.stringify(trajectory))}`);
    const strip = page.getByTestId("trajectory-strip");
    await strip.waitFor();
    const items = strip.locator("li");
    expect(await items.count()).toBe(3 * T - 1);
    expect(await strip.locator("li[data-type=state] svg").count()).toBe(T);
    const data = await graphql<{ run: { actionLogits: { result: { actions: string[] } } } }>(
      `query($id: ID!, $t: TrajectoryInput!) { run(modelId: $id, trajectory: $t) { actionLogits { result { actions } } } }`, { id: ids.grid, t: trajectory });
    expect(data.run.actionLogits.result.actions).toEqual(["up", "down", "left", "right"]);
    await expect.poll(() => strip.locator("li[data-type=state]").last().textContent()).toMatch(/→ (up|down|left|right)/);
    await page.locator("canvas").first().waitFor();
    // The RTG sweep: one cell per (action, RTG point); its column at the trajectory's own last RTG
    // (1 = rtg.max, the last point) peaks at the greedy action the strip shows under the last state.
    const sweep = page.getByTestId("rtg-sweep-figure");
    await sweep.waitFor();
    expect(await sweep.locator("rect[data-key]").count()).toBe(4 * 11);
    const s = await graphql<{ run: { rtgSweep: { result: { rtg: number[]; actions: string[] } } } }>(
      `query($id: ID!, $t: TrajectoryInput!) { run(modelId: $id, trajectory: $t) { rtgSweep(points: 11) { result { rtg actions } } } }`, { id: ids.grid, t: trajectory });
    expect(s.run.rtgSweep.result.rtg[10]).toBe(1);
    const lastColumn = await sweep.locator("rect[data-key$='>1']").evaluateAll((rects) => rects.map((r) => r.getAttribute("data-key")!.split(">")[0]));
    expect(lastColumn).toEqual(s.run.rtgSweep.result.actions);
    const greedyLast = (await strip.locator("li[data-type=state]").last().textContent())!.match(/→ (up|down|left|right)/)![1];
    const probs = await graphql<{ run: { rtgSweep: { result: { probs: { base64: string } } } } }>(
      `query($id: ID!, $t: TrajectoryInput!) { run(modelId: $id, trajectory: $t) { rtgSweep(points: 11) { result { probs { base64 } } } } }`, { id: ids.grid, t: trajectory });
    const p = new Float32Array(Uint8Array.from(Buffer.from(probs.run.rtgSweep.result.probs.base64, "base64")).buffer);
    const last = Array.from(p.subarray(10 * 4, 11 * 4));
    expect(s.run.rtgSweep.result.actions[last.indexOf(Math.max(...last))]).toBe(greedyLast);
    // At 390 px the sweep is laid out for the column it gets: no inner scroll.
    await page.setViewportSize({ width: 390, height: 900 });
    await expect.poll(() => sweep.evaluate((fig) => { const svg = fig.querySelector("svg")!; return svg.getBoundingClientRect().width <= svg.parentElement!.clientWidth + 1; })).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shoot("run-trajectory");
  });
});
