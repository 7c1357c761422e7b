// The head search page in a real browser on the production build: a signed-in user with the
// induction-2l demo (its head report cached by opening the overview) reaches /search from the site
// header, asks for "induction heads whose partner K-composition exceeds 3σ", and gets a table whose
// heads are the ones Query.searchHeads answers for the same filter, each linking to its head page;
// a model without a cached report is named as not analysed yet. Screenshots at 1440 and 390 px.
import { afterAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, launchBrowser, pageGraphql, shootWidths, signUpInBrowser, startTestServer, type TestBrowser, type TestServer } from "../helpers/browser";
import { uploadDemoThroughPage } from "../helpers/e2e-upload";

let server: TestServer | undefined;
let browser: TestBrowser | undefined;
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("head search page", () => {
  it("finds induction heads with partner K-composition above 3σ and links each to its head page", async () => {
    server = await startTestServer("search");
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    await signUpInBrowser(page, server.url, { name: "Sam Searcher", email: `sam-${Date.now()}@example.test`, password: "velvet ottoman sunrise" });
    await createTeamInBrowser(page, "Search Lab");
    const { teams } = await pageGraphql<{ teams: { slug: string; name: string }[] }>(page, server.url, "{ teams { slug name } }", {});
    const slug = teams.find((t) => t.name === "Search Lab")!.slug;
    const upload = (name: string, demo = name) => uploadDemoThroughPage(page, server!.url, slug, demo, name);
    const modelId = await upload("induction-2l");
    // Uploaded and never opened: no head report is cached for it.
    await upload("skip-trigram-1l");
    // The overview computes and caches the head report (a tiny model: in the request).
    await page.goto(`${server.url}/models/${modelId}`);
    await page.getByTestId("head-grid-figure").waitFor({ timeout: 120_000 });
    // The grid may draw before the report has landed: wait until the API answers it READY.
    await expect.poll(async () => (await pageGraphql<{ model: { headReport: { status: string } } }>(page, server!.url, `query($id: ID!) { model(id: $id) { headReport { status } } }`, { id: modelId })).model.headReport.status, { timeout: 120_000 }).toBe("READY");

    const filter = { label: "induction", partnerKComposition: { minSigma: 3 } };
    const api = await pageGraphql<{ searchHeads: { edges: { node: { head: string; partnerKComposition: { sigma: number } } }[] } }>(page, server.url,
      `query($f: HeadSearchFilter) { searchHeads(filter: $f) { edges { node { head partnerKComposition { sigma } } } } }`, { f: filter });
    const expected = api.searchHeads.edges.map((e) => e.node.head).sort();
    expect(expected.length).toBeGreaterThan(0);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
    await page.waitForURL("**/search");
    await page.getByLabel("Label").fill("induction");
    await page.getByLabel("Partner K-composition ≥ σ").fill("3");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL("**/search?label=induction&sigma=3");
    const table = page.getByRole("table", { name: "Heads found" });
    await table.waitFor();
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(expected.length);
    const shown = (await rows.locator("td:first-child a").allTextContents()).sort();
    expect(shown).toEqual(expected);
    for (const { node } of api.searchHeads.edges) {
      const row = rows.filter({ has: page.locator(`td:first-child a`, { hasText: node.head }) });
      expect(await row.textContent()).toContain(`${node.partnerKComposition.sigma.toFixed(1)}σ`);
      expect(await row.textContent()).toContain("induction-2l");
    }
    // The model never opened is named as not analysed yet, with a link to it.
    await page.getByLabel("Models not analysed yet").getByRole("link", { name: "skip-trigram-1l" }).waitFor();
    await shootWidths(page, "search", "results");

    // Each head links to its head page.
    const first = expected[0];
    await rows.locator("td:first-child a", { hasText: first }).first().click();
    await page.waitForURL(`**/models/${modelId}/heads/${first}`);
    await page.getByRole("heading", { name: new RegExp(`Head ${first.replace(".", "\\.")}`) }).first().waitFor();
  });
});
