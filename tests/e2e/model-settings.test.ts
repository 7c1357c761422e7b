// A model's settings page in a real browser on the production build: reached from the model nav's
// Settings link, it renames the model, makes it public, downloads the weights of the chosen version
// (the bytes of the uploaded file), and deletes it only once its name is typed. Screenshots at 1440
// and 390 px.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, openBrowserSession, pageGraphql, shootWidths, signUpInBrowser, type BrowserSession } from "../helpers/browser";
import { demoModelFiles, uploadThroughPage } from "../helpers/e2e-upload";

let session: BrowserSession;
let page: Page;
let modelId: string;
const { file, tokenizer } = demoModelFiles("induction-2l");

const graphql = <T>(query: string, variables: Record<string, unknown>) => pageGraphql<T>(page, session.server.url, query, variables);

beforeAll(async () => {
  session = await openBrowserSession("model-settings");
  page = session.page;
  page.setDefaultTimeout(60_000);
  await signUpInBrowser(page, session.server.url, { name: "Sam Settings", email: `sam-${Date.now()}@example.test`, password: "purple elephants dance" });
  await createTeamInBrowser(page, "Settings Lab");
  modelId = await uploadThroughPage(page, session.server.url, { name: "induction demo", team: "settings-lab", file, tokenizer });
});

afterAll(async () => {
  await session?.close();
});

describe("the model settings page", () => {
  it("is linked from the model nav for its OWNER, renames the model and changes its visibility", async () => {
    await page.goto(`${session.server.url}/models/${modelId}`);
    await page.getByRole("navigation", { name: "Views of induction demo" }).getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(`**/models/${modelId}/settings`);
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    await shootWidths(page, "model-settings", "page");

    await page.getByLabel("Model name").fill("induction renamed");
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("status").filter({ hasText: "Renamed." }).waitFor();
    await page.getByRole("navigation", { name: "Views of induction renamed" }).waitFor();

    await page.getByRole("radio", { name: /Public/ }).check();
    await page.getByRole("button", { name: "Save visibility" }).click();
    await page.getByRole("status").filter({ hasText: "Visibility saved." }).waitFor();
    const after = await graphql<{ model: { name: string; visibility: string } }>(`query($id: ID!) { model(id: $id) { name visibility } }`, { id: modelId });
    expect(after.model).toEqual({ name: "induction renamed", visibility: "PUBLIC" });
  });

  it("downloads the uploaded safetensors file of the chosen version, byte for byte", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Download v1/ }).click()]);
    expect(download.suggestedFilename()).toBe("induction-renamed-v1.safetensors");
    const saved = readFileSync((await download.path())!);
    expect(saved.equals(file)).toBe(true);
  });

  it("deletes the model only after its name is typed, saying what goes with it, and leads back to the library", async () => {
    const button = page.getByRole("button", { name: "Delete this model" });
    await page.getByText(/1 version with .* of stored weights/).waitFor();
    expect(await button.isDisabled()).toBe(true);
    await page.getByLabel(/to confirm/).fill("induction");
    expect(await button.isDisabled()).toBe(true);
    await page.getByLabel(/to confirm/).fill("induction renamed");
    await shootWidths(page, "model-settings", "delete-armed", [1440]);
    await button.click();
    await page.waitForURL("**/models");
    const gone = await graphql<{ model: unknown }>(`query($id: ID!) { model(id: $id) { id } }`, { id: modelId });
    expect(gone.model).toBeNull();
  });
});
