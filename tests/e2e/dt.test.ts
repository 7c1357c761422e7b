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
import { dtFile, geluFile } from "../api/mlp-dt-models";
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

const graphql = <T>(query: string, variables: Record<string, unknown>) => pageGraphql<T>(page, session.server.url, query, variables);
const shoot = (name: string) => shootWidths(page, "dt", name);

beforeAll(async () => {
  session = await openBrowserSession("dt");
  page = session.page;
  page.setDefaultTimeout(60_000);
  await signUpInBrowser(page, session.server.url, { name: "Dora Decision", email: `dora-${Date.now()}@example.test`, password: "purple elephants dance" });
  await createTeamInBrowser(page, "DT Lab");
  ids.dt = await upload("dt-mlp", dtFile());
  ids.gelu = await upload("gelu-1l", geluFile());
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
    await shoot("run-trajectory");
  });
});
