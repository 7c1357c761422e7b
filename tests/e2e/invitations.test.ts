// The invitation page in a real browser on the production build: an owner creates two invitation
// links under Team and copies one with the Copy link button (the clipboard then holds the link);
// the invitee opens it signed out and reads which team, who invited, the role and the expiry, signs
// up, joins; the used link then says so; another link is declined and says so; the team's activity
// feed lists the invitations, the join and the decline. Screenshots at 1440 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamInBrowser, launchBrowser, openBrowserSession, shootWidths, signUpInBrowser, type BrowserSession, type TestBrowser } from "../helpers/browser";

let session: BrowserSession;
let owner: Page;
let second: TestBrowser;
let invitee: Page;
const links: string[] = [];

async function createInvitation(role: "EDITOR" | "VIEWER"): Promise<string> {
  await owner.getByLabel("Role", { exact: true }).selectOption(role);
  await owner.getByRole("button", { name: "Create invitation" }).click();
  const secret = owner.locator(".secret").first();
  await expect.poll(async () => ((await secret.count()) ? await secret.textContent() : null)).not.toBeNull();
  await expect.poll(async () => links.includes((await secret.textContent())!)).toBe(false);
  const text = (await secret.textContent())!;
  expect(text).toMatch(/\/teams\/join\?token=cbi_/);
  return text;
}

beforeAll(async () => {
  session = await openBrowserSession("invitations");
  owner = session.page;
  owner.setDefaultTimeout(60_000);
  await session.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.url });
  await signUpInBrowser(owner, session.server.url, { name: "Olga Owner", email: `olga-${Date.now()}@example.test`, password: "purple elephants dance" });
  await createTeamInBrowser(owner, "Invite Lab");
  second = await launchBrowser();
  invitee = await second.context.newPage();
  invitee.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await second?.close();
  await session?.close();
});

describe("invitation links", () => {
  it("are copied with the Copy link button, which says Copied", async () => {
    await owner.goto(`${session.server.url}/teams`);
    links.push(await createInvitation("EDITOR"));
    await owner.getByRole("button", { name: "Copy link" }).click();
    await owner.getByRole("button", { name: "Copied ✓" }).waitFor();
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(links[0]);
    await shootWidths(owner, "invitations", "copied", [1440]);
    links.push(await createInvitation("VIEWER"));
  });

  it("tell a signed-out visitor which team, who invited, the role and the expiry, and join after sign-up", async () => {
    await invitee.goto(links[0]);
    await invitee.getByRole("heading", { name: "Join Invite Lab" }).waitFor();
    const offer = invitee.locator(".invitation-offer");
    await expect.poll(() => offer.textContent()).toMatch(/TeamInvite LabInvited byOlga OwnerRoleeditorExpires.*\(in 7 days\)/);
    await invitee.getByText("Sign in to continue").waitFor();
    await shootWidths(invitee, "invitations", "signed-out");

    await signUpInBrowser(invitee, session.server.url, { name: "Ivan Invitee", email: `ivan-${Date.now()}@example.test`, password: "purple elephants dance" });
    await invitee.goto(links[0]);
    await invitee.getByText(/^Join as ivan-/).waitFor();
    await shootWidths(invitee, "invitations", "open");
    await invitee.getByRole("button", { name: "Join the team" }).click();
    await invitee.waitForURL("**/models");

    await invitee.goto(links[0]);
    await invitee.getByRole("heading", { name: "This invitation was already used" }).waitFor();
    await shootWidths(invitee, "invitations", "used", [1440]);
  });

  it("can be declined, and then say so", async () => {
    await invitee.goto(links[1]);
    // Already a member through the first link: the page says so rather than offering to join.
    await invitee.getByText(/already a member of Invite Lab/).waitFor();
    await owner.goto(`${session.server.url}/teams`);
    links.push(await createInvitation("VIEWER"));
    const third = await launchBrowser();
    try {
      const page = await third.context.newPage();
      page.setDefaultTimeout(60_000);
      await signUpInBrowser(page, session.server.url, { name: "Dora Decliner", email: `dora-${Date.now()}@example.test`, password: "purple elephants dance" });
      await page.goto(links[2]);
      await page.getByRole("button", { name: "Decline" }).click();
      await page.getByRole("heading", { name: "This invitation was declined" }).waitFor();
      await shootWidths(page, "invitations", "declined", [1440]);
    } finally {
      await third.close();
    }
  });

  it("show up in the team's activity feed for its members: invited, joined, declined", async () => {
    await owner.goto(`${session.server.url}/teams`);
    const feed = owner.locator(".activity-feed");
    await feed.getByText("Ivan Invitee joined the team as editor").waitFor();
    await feed.getByText("Dora Decliner declined an invitation").waitFor();
    expect(await feed.getByText("Olga Owner invited someone as viewer").count()).toBe(2);
    await owner.getByRole("heading", { name: "Activity" }).scrollIntoViewIfNeeded();
    await shootWidths(owner, "invitations", "activity");
  });
});
