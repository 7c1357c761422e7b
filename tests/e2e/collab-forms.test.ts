// The head page's writing forms in a real browser on the production build: an OWNER annotates
// head 1.0 of the induction-2l demo with an evidence link into the stored head report (this head's
// induction stripe) and the claim "kComposition(0.0 → 1.0) ≥ baselineMean + 3·baselineStd";
// the new card shows the claim's badge and the evidence's value at once — both the numbers the
// API answers for that annotation — and then deletes a comment and the annotation itself, each
// after a confirmation. Screenshots of the form and of the card at 1440 and 390 px.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, launchBrowser, pageGraphql, RESULTS_DIR, signUpInBrowser, startTestServer, type TestBrowser, type TestServer } from "../helpers/browser";
import { uploadDemoThroughPage } from "../helpers/e2e-upload";

const HEAD = "1.0";
let server: TestServer | undefined;
let browser: TestBrowser | undefined;
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("annotation forms", () => {
  it("writes evidence and a claim with an annotation, shows the badge, and deletes after confirming", async () => {
    server = await startTestServer("collab-forms");
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(60_000);
    const shoot = async (name: string, testId: string) => {
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(300);
        await page.getByTestId(testId).first().screenshot({ path: path.join(RESULTS_DIR, `collab-forms-${name}-${width}.png`) });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    };
    await signUpInBrowser(page, server.url, { name: "Cleo Writer", email: `cleo-${Date.now()}@example.test`, password: "velvet ottoman sunrise" });
    await createTeamInBrowser(page, "Forms Lab");
    const { teams } = await pageGraphql<{ teams: { slug: string; name: string }[] }>(page, server.url, "{ teams { slug name } }", {});
    const modelId = await uploadDemoThroughPage(page, server.url, teams.find((t) => t.name === "Forms Lab")!.slug, "induction-2l");
    // The overview caches the head report the evidence cites.
    await page.goto(`${server.url}/models/${modelId}`);
    await page.getByTestId("head-grid-figure").waitFor({ timeout: 120_000 });
    // The grid may draw before the report has landed: wait until the API answers it READY.
    await expect.poll(async () => (await pageGraphql<{ model: { headReport: { status: string } } }>(page, server!.url, `query($id: ID!) { model(id: $id) { headReport { status } } }`, { id: modelId })).model.headReport.status, { timeout: 120_000 }).toBe("READY");

    await page.goto(`${server.url}/models/${modelId}/heads/${HEAD}`);
    await page.getByTestId("annotations-panel").waitFor();
    await page.getByRole("button", { name: "Annotate" }).click();
    await page.locator("#annotation-label").selectOption("induction");
    await page.locator("#annotation-body").fill("Induction head: its keys K-compose with 0.0.");
    await page.getByRole("button", { name: "Add evidence" }).click();
    const result = page.locator("#evidence-0-result");
    await expect.poll(() => result.locator("option").allTextContents()).toContainEqual(expect.stringMatching(/^head-report · v1/));
    const reportOption = await result.locator("option", { hasText: /^head-report · v1/ }).first().getAttribute("value");
    await result.selectOption(reportOption!);
    await page.locator("#evidence-0-score").selectOption("inductionStripe");
    expect(await page.locator("#evidence-0-pointer").inputValue()).toBe("/heads/2/inductionStripe"); // layer 1 · 2 heads + 0
    // A second link: the K-composition of partner 0.0 → this head, in the same report.
    await page.getByRole("button", { name: "Add evidence" }).click();
    await page.locator("#evidence-1-kind").selectOption("COMPOSITION");
    await page.locator("#evidence-1-result").selectOption(reportOption!);
    await page.locator("#evidence-1-partner").fill("1.1");
    expect(await page.getByRole("status").filter({ hasText: "Heads of one layer do not compose" }).count()).toBe(1);
    await page.locator("#evidence-1-partner").fill("0.0");
    expect(await page.locator("#evidence-1-pointer").inputValue()).toBe("/composition/K/0/0/1/0"); // the earlier head first (TL order)
    expect(await page.locator("#evidence-1-caption").inputValue()).toBe("K-composition 0.0 → 1.0");
    await page.getByRole("button", { name: "Add a claim" }).click();
    expect(await page.locator("#new-claim-0-metric").inputValue()).toBe("kComposition");
    await shoot("form", "annotation-form");
    await page.getByRole("button", { name: "Add annotation" }).click();

    const card = page.getByTestId("annotation-card").first();
    await card.getByTestId("claim").waitFor();
    const api = await pageGraphql<{ model: { annotations: { id: string; evidence: { value: number; found: boolean }[]; claims: { status: string; description: string; current: { value: number; threshold: number } }[] }[] } }>(page, server.url,
      `query($id: ID!, $head: String!) { model(id: $id) { annotations(head: $head) { id evidence { value found } claims { status description current { value threshold } } } } }`, { id: modelId, head: HEAD });
    const [annotation] = api.model.annotations;
    expect(annotation.claims[0].description).toBe("kComposition(0.0 → 1.0) ≥ baselineMean + 3·baselineStd");
    expect(annotation.evidence.map((e) => e.found)).toEqual([true, true]);
    const report = await pageGraphql<{ model: { headReport: { composition: { K: number[][][][] } } } }>(page, server.url, `query($id: ID!) { model(id: $id) { headReport { composition { K } } } }`, { id: modelId });
    expect(annotation.evidence[1].value).toBe(report.model.headReport.composition.K[0][0][1][0]);
    const claim = card.getByTestId("claim");
    expect(await claim.getAttribute("data-status")).toBe(annotation.claims[0].status);
    expect(await claim.textContent()).toContain(`now ${annotation.claims[0].current.value.toFixed(3)} ≥ ${annotation.claims[0].current.threshold.toFixed(3)} (v1)`);
    expect(await card.getByLabel("Evidence").textContent()).toContain(annotation.evidence[0].value.toPrecision(4));
    await shoot("card", "annotation-card");

    // A comment on the head, then deleted after confirming: it keeps its place as "(deleted)".
    await page.getByText(/^Discussion of head/).click();
    await page.getByLabel(`Comment on head ${HEAD}`).fill("A comment to delete");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    const comment = page.getByTestId("comment").filter({ hasText: "A comment to delete" });
    await comment.waitFor();
    await comment.getByRole("button", { name: "Delete" }).click();
    await comment.getByRole("button", { name: "Keep it" }).click();
    await comment.getByRole("button", { name: "Delete" }).click();
    await comment.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByTestId("comment").filter({ hasText: "(deleted)" }).waitFor();

    // The annotation, deleted after confirming.
    await card.getByRole("button", { name: "Delete" }).click();
    await card.getByRole("group", { name: "Delete this annotation?" }).waitFor();
    await card.getByRole("button", { name: "Yes, delete" }).click();
    await page.getByTestId("annotation-count").filter({ hasText: "0 human annotations" }).waitFor();
    const after = await pageGraphql<{ model: { annotations: unknown[] } }>(page, server.url, `query($id: ID!) { model(id: $id) { annotations { id } } }`, { id: modelId });
    expect(after.model.annotations).toEqual([]);
  });
});
