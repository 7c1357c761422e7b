// GraphiQL at /graphiql in a real browser against the production build (DESIGN §5: served from
// node_modules, no CDN): a signed-in user reaches it from the header, it loads without a single
// request leaving the server's origin, runs a typed query with the session cookie and shows the
// result, and its docs explorer shows the schema from introspection; /api/graphql itself is answered
// by the production front (scripts/serve.ts) with the security headers and the origin check.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, RESULTS_DIR, signUpInBrowser, type BrowserSession, type TestServer } from "../helpers/browser";

const USER = { name: "Graph Reader", email: `graph-${Date.now()}@example.test`, password: "introspect the schema" };

let session: BrowserSession;
let server: TestServer;
let page: Page;
/** Every request the browser made to anywhere but the server (data: and blob: URLs are in-page). */
const elsewhere: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  session = await openBrowserSession("graphiql");
  ({ server, page } = session);
  const origin = new URL(server.url).origin;
  session.browser.context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin) elsewhere.push(request.url());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

afterAll(async () => {
  await session?.close();
});

describe("GraphiQL in the production build", () => {
  it("opens from the header with its editor, loading nothing from outside the server", async () => {
    await signUpInBrowser(page, server.url, USER);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "GraphiQL" }).click();
    await page.waitForURL("**/graphiql");
    await page.locator(".graphiql-query-editor .monaco-editor").waitFor();
    await page.locator(".graphiql-execute-button").waitFor();
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("runs a typed query with the session cookie and shows the result", async () => {
    await page.locator(".graphiql-query-editor .monaco-editor").click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.type("query Me { me { email name } }");
    await expect.poll(async () => (await page.locator(".graphiql-query-editor .view-lines").textContent())?.replace(/\s+/g, " ")).toBe("query Me { me { email name } }");
    // GraphiQL parses the editor after a short debounce and names the tab after the operation;
    // running before that would send the default query's operation name.
    await page.getByRole("tab", { name: "Me", exact: true }).waitFor();
    await page.locator(".graphiql-execute-button").click();
    // The result pane is a Monaco editor too; it renders spaces as no-break spaces.
    const resultText = async () => ((await page.locator(".graphiql-response .view-lines").textContent()) ?? "").replace(/\u00a0/g, " ");
    await expect.poll(resultText, { timeout: 20_000 }).toContain(USER.email);
    await page.screenshot({ path: path.join(RESULTS_DIR, "graphiql-result.png") });
    expect(JSON.parse(await resultText())).toEqual({ data: { me: { email: USER.email, name: USER.name } } });
  });

  it("is answered by scripts/serve.ts's /api/graphql front with Next's security headers and the origin check", async () => {
    const cookie = (await session.browser.context.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
    const ask = (origin: string) =>
      fetch(`${server.url}/api/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie, origin }, body: JSON.stringify({ query: "{ me { email } }" }) });
    const same = await ask(server.url);
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ data: { me: { email: USER.email } } });
    expect({ nosniff: same.headers.get("x-content-type-options"), frames: same.headers.get("x-frame-options"), referrer: same.headers.get("referrer-policy") }).toEqual({ nosniff: "nosniff", frames: "DENY", referrer: "same-origin" });
    expect(same.headers.get("x-powered-by")).toBeNull();
    const foreign = await ask("http://evil.example");
    expect(foreign.status).toBe(403);
    // A malformed body is the edge's 400, not a 500.
    const malformed = await fetch(`${server.url}/api/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
  });

  it("shows the schema in the docs explorer", async () => {
    await page.getByRole("button", { name: /documentation explorer/i }).click();
    const docs = page.locator(".graphiql-doc-explorer");
    await docs.getByText("Root Types").waitFor();
    await docs.getByText("Query", { exact: true }).first().click();
    await docs.getByText("models", { exact: true }).first().waitFor();
    await docs.getByText("The signed-in account", { exact: false }).waitFor();
    await page.screenshot({ path: path.join(RESULTS_DIR, "graphiql.png") });
    // The IDE fills the window below the header: the page itself does not scroll.
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
    // Monaco's workers and styles run under the page CSP (lib/http/security-headers) without a violation.
    expect(session.cspViolations).toEqual([]);
  });
});
