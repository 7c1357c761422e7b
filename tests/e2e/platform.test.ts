// The whole platform as a new user meets it, in a real browser against the production build:
// sign up → create a team → upload a model → find it in the library and open its overview →
// create an API token → a script queries the model over GraphQL with that token → revoking the
// token locks the script out. Also checks the session cookie's attributes.
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { Page, Request as BrowserRequest } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTeamInBrowser,
  launchBrowser,
  openBrowserSession,
  RESULTS_DIR,
  signUpInBrowser,
  type BrowserSession,
  type TestBrowser,
  type TestServer,
} from "../helpers/browser";
import { buildSafetensors, type BuilderTensor } from "../helpers/safetensors-builder";

// A tiny attention-only transformer in TransformerLens names: 2 layers × 3 heads, d_model 8,
// d_head 4, d_vocab 11, n_ctx 6 (chosen so that no two dimensions coincide and a mix-up shows).
const CONFIG = { n_layers: 2, n_heads: 3, d_model: 8, d_head: 4, d_vocab: 11, n_ctx: 6 };

function seededValues(n: number, seed: number): Float32Array {
  // A small linear congruential generator: deterministic weights in [-0.5, 0.5).
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

function tinyModel(config: typeof CONFIG = CONFIG): Uint8Array {
  const { n_layers, n_heads, d_model, d_head, d_vocab, n_ctx } = config;
  let seed = 1;
  const t = (shape: number[]): BuilderTensor => ({ shape, data: seededValues(shape.reduce((a, b) => a * b, 1), seed++) });
  const tensors: Record<string, BuilderTensor> = {
    "embed.W_E": t([d_vocab, d_model]),
    "pos_embed.W_pos": t([n_ctx, d_model]),
  };
  for (let l = 0; l < n_layers; l++) {
    tensors[`blocks.${l}.attn.W_Q`] = t([n_heads, d_model, d_head]);
    tensors[`blocks.${l}.attn.W_K`] = t([n_heads, d_model, d_head]);
    tensors[`blocks.${l}.attn.W_V`] = t([n_heads, d_model, d_head]);
    tensors[`blocks.${l}.attn.W_O`] = t([n_heads, d_head, d_model]);
  }
  tensors["unembed.W_U"] = t([d_model, d_vocab]);
  return buildSafetensors(tensors);
}

const MODEL_NAME = "tiny-induction-e2e";
const USER = { name: "Ada Researcher", email: `ada-${Date.now()}@example.test`, password: "purple elephants dance" };

let session: BrowserSession;
let server: TestServer;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  session = await openBrowserSession("platform");
  ({ server, browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

async function graphqlWithToken(token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${server.url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe("a new user in the browser", () => {
  let modelId = "";
  let token = "";

  it("signs up and is taken to create a first team", async () => {
    await signUpInBrowser(page, server.url, USER);
    await page.getByRole("heading", { name: `Welcome, ${USER.name}` }).waitFor();
  });

  it("gets a session cookie that scripts cannot read and other sites cannot send", async () => {
    const cookies = await browser.context.cookies(server.url);
    const session = cookies.find((c) => c.name.endsWith("session_token"));
    expect(session, `cookies set: ${cookies.map((c) => c.name).join(", ")}`).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(["Lax", "Strict"]).toContain(session!.sameSite);
    expect(await page.evaluate(() => document.cookie)).not.toContain("session_token");
  });

  it("creates a team and lands on its empty library", async () => {
    await createTeamInBrowser(page, "Induction Lab");
    await page.getByText("No models yet").waitFor();
    expect(await page.getByLabel("Current team").inputValue()).not.toBe("");
  });

  it("refuses an upload form on another port of the same host, which the browser sends with the session cookie, and stores nothing", async () => {
    // Another origin of the same site (cookies ignore ports, SameSite=Lax lets them through): only the
    // origin check (lib/http/origin) stands between a page there and the signed-in account.
    const teams = await page.request.post(`${server.url}/api/graphql`, { data: { query: "{ teams { slug } }" } });
    const slug = ((await teams.json()) as { data: { teams: { slug: string }[] } }).data.teams[0].slug;
    const evil: Server = createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<form id="f" method="post" enctype="multipart/form-data" action="${server.url}/api/models">
        <input name="name" value="csrf-upload"><input name="team" value="${slug}"><input type="file" name="file" id="file"></form>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    try {
      const evilOrigin = `http://127.0.0.1:${(evil.address() as { port: number }).port}`;
      const sent = new Promise<BrowserRequest>((resolve) => page.on("request", (r) => r.method() === "POST" && r.url().endsWith("/api/models") && resolve(r)));
      await page.goto(evilOrigin);
      await page.locator("#file").setInputFiles({ name: "tiny.safetensors", mimeType: "application/octet-stream", buffer: Buffer.from(tinyModel()) });
      await Promise.all([page.waitForURL(`${server.url}/api/models`), page.evaluate(() => (document.getElementById("f") as HTMLFormElement).submit())]);
      const headers = await (await sent).allHeaders();
      expect(headers.cookie, "the browser sent the session cookie along").toMatch(/session_token=/);
      expect(headers.origin).toBe(evilOrigin);
      expect(await page.locator("body").textContent()).toMatch(/Cross-origin request refused: Origin http:\/\/127\.0\.0\.1:\d+ is not this app's origin/);
      const models = await page.request.post(`${server.url}/api/graphql`, { data: { query: '{ models(first: 10, search: "csrf") { edges { node { id } } } }' } });
      expect(((await models.json()) as { data: { models: { edges: unknown[] } } }).data.models.edges).toEqual([]);
    } finally {
      evil.closeAllConnections();
      await new Promise((resolve) => evil.close(resolve));
    }
  });

  it("uploads a model with a progress bar and is offered its overview", async () => {
    await page.goto(`${server.url}/upload`);
    await page.locator("#file").setInputFiles({ name: "tiny.safetensors", mimeType: "application/octet-stream", buffer: Buffer.from(tinyModel()) });
    await page.getByLabel("Name").fill(MODEL_NAME);
    await page.getByRole("button", { name: "Upload" }).click();
    const outcome = page.getByRole("status").or(page.getByTestId("upload-error"));
    await outcome.waitFor({ timeout: 60_000 });
    const error = await page.getByTestId("upload-error").textContent({ timeout: 100 }).catch(() => null);
    expect(error, "the server rejected the upload").toBeNull();
    await page.getByText(`Uploaded ${MODEL_NAME}`).waitFor();
  });

  it("shows a server rejection verbatim on the upload page", async () => {
    await page.goto(`${server.url}/upload`);
    await page.locator("#file").setInputFiles({ name: "broken.safetensors", mimeType: "application/octet-stream", buffer: Buffer.from([1, 2, 3]) });
    await page.getByLabel("Name").fill("broken");
    await page.getByRole("button", { name: "Upload" }).click();
    const alert = page.getByTestId("upload-error");
    await alert.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(RESULTS_DIR, "upload-error.png") });
    // The message is the server's, not a generic one: ask the server directly and compare.
    const form = new FormData();
    form.append("name", "broken");
    form.append("team", await page.locator("#team").inputValue());
    form.append("file", new Blob([new Uint8Array([1, 2, 3])]), "broken.safetensors");
    const cookie = (await browser.context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
    const res = await fetch(`${server.url}/api/models`, { method: "POST", body: form, headers: { cookie, origin: server.url } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { error: { message: string } };
    expect((await alert.textContent())?.trim()).toBe(body.error.message);
  });

  it("finds the model in the library, by search too, with its config and owner", async () => {
    await page.goto(`${server.url}/models`);
    const card = page.getByTestId("model-card").filter({ hasText: MODEL_NAME });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain("2 layers");
    expect(text).toContain("3 heads per layer");
    expect(text).toContain("d_vocab 11");
    expect(text).toContain("Induction Lab");
    expect(text).toContain(USER.name);
    await page.screenshot({ path: path.join(RESULTS_DIR, "library.png"), fullPage: true });

    await page.getByLabel("Search models by name").fill("no-such-model");
    await page.getByText("No model matches").waitFor();
    await page.getByLabel("Search models by name").fill("induction");
    await card.waitFor();
  });

  it("opens the overview with the config table and a layer × head grid named L.H", async () => {
    await page.getByTestId("model-card").filter({ hasText: MODEL_NAME }).click();
    await page.waitForURL(/\/models\/[a-z0-9]+$/i);
    modelId = page.url().split("/").pop()!;
    await page.getByRole("heading", { name: MODEL_NAME }).waitFor();
    // The head grid figure: one cell (a rounded rect) per head, named by its data-group.
    const grid = page.getByTestId("head-grid-figure");
    await grid.locator("rect[rx='5']").first().waitFor();
    const heads = await grid.locator("rect[rx='5']").evaluateAll((els) => els.map((e) => e.getAttribute("data-group")));
    expect(heads).toEqual(["0.0", "0.1", "0.2", "1.0", "1.1", "1.2"]);
    const configText = await page.locator(".config-table").textContent();
    for (const [key, value] of Object.entries(CONFIG)) expect(configText).toContain(`${key}${value}`);
    await page.screenshot({ path: path.join(RESULTS_DIR, "model-overview.png"), fullPage: true });
  });

  it("moves the progress bar with the bytes sent on a slow connection", async () => {
    // A 2 MB model (d_vocab 4000 × d_model 64 in W_E and W_U) sent at 1 MB/s: the bar must show a
    // value strictly between 0 and 100 while the file is on its way.
    const big = tinyModel({ n_layers: 1, n_heads: 2, d_model: 64, d_head: 8, d_vocab: 4000, n_ctx: 16 });
    await page.goto(`${server.url}/upload`);
    await page.locator("#file").setInputFiles({ name: "progress.safetensors", mimeType: "application/octet-stream", buffer: Buffer.from(big) });
    await page.getByLabel("Name").fill("progress-check");
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    try {
      await page.getByRole("button", { name: "Upload" }).click();
      await page.waitForFunction(() => {
        const value = Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow"));
        return value > 0 && value < 100;
      });
      await page.screenshot({ path: path.join(RESULTS_DIR, "upload-progress.png") });
      await page.getByText("Uploaded progress-check").waitFor({ timeout: 60_000 });
    } finally {
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
  });

  it("invites a viewer who joins by link, sees the team's models and cannot upload to the team", async () => {
    await page.goto(`${server.url}/teams`);
    await page.getByRole("cell", { name: `${USER.name} (you)` }).waitFor();
    await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const link = ((await page.locator(".secret").textContent()) ?? "").trim();
    expect(link).toMatch(/\/teams\/join\?token=cbi_/);
    await page.getByText("anyone with the link").waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, "team-settings.png"), fullPage: true });

    const viewer = await launchBrowser();
    try {
      const other = await viewer.context.newPage();
      other.setDefaultTimeout(20_000);
      // Signed out, the link leads through sign-up and back to the invitation.
      await other.goto(link);
      await other.getByRole("link", { name: "create an account" }).click();
      await other.getByLabel("Name").fill("Ben Viewer");
      await other.getByLabel("Email").fill(`ben-${Date.now()}@example.test`);
      await other.getByLabel("Password").fill("another long password");
      await other.getByRole("button", { name: "Create account" }).click();
      await other.waitForURL("**/teams/join?token=*");
      await other.getByRole("button", { name: "Join the team" }).click();
      await other.waitForURL("**/models");
      await other.getByTestId("model-card").filter({ hasText: MODEL_NAME }).waitFor();
      expect(await other.getByRole("link", { name: "Upload a model" }).count()).toBe(0);
      await other.goto(`${server.url}/upload`);
      await other.getByText("No team to upload to").waitFor();
    } finally {
      await viewer.close();
    }
    await page.reload();
    await page.getByRole("cell", { name: "Ben Viewer" }).waitFor();
  });

  it("answers a malformed or unknown model id with a 404 page", async () => {
    for (const id of ["not-an-id!", "cabcdefghijklmnopqrstuvw"]) {
      const res = await page.goto(`${server.url}/models/${id}`);
      expect(res?.status(), id).toBe(404);
      await page.getByRole("heading", { name: "Not found" }).waitFor();
    }
  });

  it("creates an API token whose secret is shown once", async () => {
    await page.goto(`${server.url}/settings`);
    await page.getByText("No tokens yet").waitFor();
    await page.getByLabel("New token name").fill("e2e script");
    await page.getByRole("button", { name: "Create token" }).click();
    token = ((await page.getByTestId("token-secret").textContent()) ?? "").trim();
    expect(token).toMatch(/^cb_[A-Za-z0-9_-]{20,}$/);
    await page.getByRole("cell", { name: "e2e script" }).waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, "api-tokens.png"), fullPage: true });
    await page.reload();
    await page.getByRole("cell", { name: "e2e script" }).waitFor();
    expect(await page.getByTestId("token-secret").count()).toBe(0);
  });

  it("lets a script read the model's config over GraphQL with the token", async () => {
    const { status, body } = await graphqlWithToken(
      token,
      `query ($id: ID!, $search: String) {
        me { email }
        models(search: $search) { edges { node { id name } } }
        model(id: $id) { name config { nLayers nHeads dModel dHead dVocab nCtx json } layers { index heads { name layer index } } }
      }`,
      { id: modelId, search: "tiny-induction" },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const data = body.data as {
      me: { email: string };
      models: { edges: { node: { id: string; name: string } }[] };
      model: { name: string; config: Record<string, unknown> & { json: Record<string, unknown> }; layers: { index: number; heads: { name: string; layer: number; index: number }[] }[] };
    };
    expect(data.me.email).toBe(USER.email);
    expect(data.models.edges.map((e) => e.node.id)).toEqual([modelId]);
    expect(data.model.name).toBe(MODEL_NAME);
    expect(data.model.config).toMatchObject({ nLayers: 2, nHeads: 3, dModel: 8, dHead: 4, dVocab: 11, nCtx: 6 });
    expect(data.model.config.json).toMatchObject(CONFIG);
    expect(data.model.layers.map((l) => l.heads.map((h) => h.name))).toEqual([
      ["0.0", "0.1", "0.2"],
      ["1.0", "1.1", "1.2"],
    ]);
  });

  it("refuses the token once it is revoked in the browser", async () => {
    await page.getByRole("button", { name: "Revoke" }).click();
    await page.getByText("revoked").waitFor();
    const { body } = await graphqlWithToken(token, `{ me { email } }`);
    const refused = body.errors?.[0]?.extensions?.code === "UNAUTHENTICATED" || (body.data?.me ?? null) === null;
    expect(refused, JSON.stringify(body)).toBe(true);
  });

  it("signs out from the header, which ends the session on the server too", async () => {
    const before = (await browser.context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
    const meWith = async (cookie: string) => {
      const res = await fetch(`${server.url}/api/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ query: "{ me { email } }" }) });
      return ((await res.json()) as { data?: { me: { email: string } | null } }).data?.me ?? null;
    };
    expect(await meWith(before)).toEqual({ email: USER.email });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    const cookies = await browser.context.cookies(server.url);
    expect(cookies.find((c) => c.name.endsWith("session_token"))).toBeUndefined();
    expect(await meWith(before)).toBeNull();
    // Signed out, the library shows only public models (issue 9's public pages), with no sign-out button.
    await page.goto(`${server.url}/models`);
    await page.getByTestId("signed-out-banner").waitFor();
    await page.locator(".site-header").getByRole("link", { name: "Sign up" }).waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
  });
});
