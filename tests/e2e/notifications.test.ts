// The header's bell updates live in a real browser on the production build: user B sits on the
// model library (no model page open, so no model activity stream), user A @mentions B in a comment,
// and B's unread count goes from none to 1 without a reload — through
// Subscription.notificationSignals over SSE, well inside the bell's 60 s fallback poll (required
// under LIVE_BUDGET_MS, measured from the mutation's answer). Screenshot of B's open bell.
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, launchBrowser, pageGraphql, RESULTS_DIR, signUpInBrowser, startTestServer, type TestServer } from "../helpers/browser";
import { uploadDemoThroughPage } from "../helpers/e2e-upload";

/** B's count must change this soon after A's comment was answered (the fallback poll is 60 s). */
const LIVE_BUDGET_MS = 5_000;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function newPage(): Promise<Page> {
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  const page = await browser.context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

describe("notification bell", () => {
  it("counts a new mention without a reload", async () => {
    const server: TestServer = await startTestServer("bell");
    cleanups.push(() => server.stop());
    const [a, b] = [await newPage(), await newPage()];
    const stamp = Date.now();
    await signUpInBrowser(a, server.url, { name: "Ada Writer", email: `ada-${stamp}@example.test`, password: "velvet ottoman sunrise" });
    await createTeamInBrowser(a, "Bell Lab");
    const { teams } = await pageGraphql<{ teams: { id: string; slug: string; name: string }[] }>(a, server.url, "{ teams { id slug name } }", {});
    const team = teams.find((t) => t.name === "Bell Lab")!;
    const modelId = await uploadDemoThroughPage(a, server.url, team.slug, "induction-2l");
    const invite = await pageGraphql<{ inviteMember: { token: string } }>(a, server.url, `mutation($t: ID!) { inviteMember(input: { teamId: $t, role: VIEWER }) { token } }`, { t: team.id });
    await signUpInBrowser(b, server.url, { name: "Bo Reader", email: `bo-${stamp}@example.test`, password: "another long password" });
    await pageGraphql(b, server.url, `mutation($token: String!) { acceptInvitation(token: $token) { ok } }`, { token: invite.inviteMember.token });

    await b.goto(`${server.url}/models`);
    await b.getByTestId("notification-bell").waitFor();
    expect(await b.getByTestId("unread-count").count()).toBe(0);
    // A marker that a reload would wipe.
    await b.evaluate(() => { (window as unknown as { __noReload: boolean }).__noReload = true; });
    // Let B's notification stream open (its first signal re-reads the list).
    await b.waitForResponse((r) => r.url().includes("/api/graphql/stream"), { timeout: 30_000 }).catch(() => undefined);
    await b.waitForTimeout(1_000);

    const sent = Date.now();
    const posted = await pageGraphql<{ createComment: { ok: boolean } }>(a, server.url, `mutation($input: CreateCommentInput!) { createComment(input: $input) { ok } }`,
      { input: { modelId, target: "HEAD", targetId: "1.0", body: "@BoReader look at this induction head" } });
    expect(posted.createComment.ok).toBe(true);
    const answered = Date.now();
    await b.getByTestId("unread-count").filter({ hasText: "1" }).waitFor({ timeout: LIVE_BUDGET_MS });
    console.log(`[bell] unread count shown ${Date.now() - answered} ms after the comment was answered (${answered - sent} ms to answer)`);
    expect(await b.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await b.getByTestId("notification-bell").click();
    await b.getByTestId("notification").filter({ hasText: "Ada Writer mentioned you on head 1.0" }).waitFor();
    await b.setViewportSize({ width: 1440, height: 900 });
    await b.screenshot({ path: path.join(RESULTS_DIR, "bell-live-1440.png") });
  });
});
