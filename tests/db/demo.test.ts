// The embedded install's demo login (lib/db/demo.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CURATOR_EMAIL, DEMO_EMAIL, ensureDemoAccount } from "@/lib/db/demo";
import { listTeamsForActor } from "@/lib/db/teams";
import { createTestUser, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "cb-demo-"));
const passwordFile = path.join(dir, "demo-password");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function signIn(password: string): Promise<number> {
  const response = await t.auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: DEMO_EMAIL, password }) }),
  );
  return response.status;
}

describe("ensureDemoAccount", () => {
  it("creates the demo account with a password that signs in, a VIEWER of the public Demo team and OWNER of its own private Demo workspace", async () => {
    const demo = await ensureDemoAccount(t.db, t.auth, { passwordFile });
    expect(demo).toMatchObject({ email: DEMO_EMAIL, created: true });
    expect(demo.password.length).toBeGreaterThanOrEqual(12);
    expect(await signIn(demo.password)).toBe(200);
    const team = await t.db.team.findUniqueOrThrow({ where: { id: demo.teamId }, include: { memberships: true } });
    expect(team).toMatchObject({ name: "Demo", slug: "demo", isPublic: true });
    const curator = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL } });
    expect(team.memberships.map((m) => [m.userId, m.role]).sort()).toEqual([[curator.id, "OWNER"], [demo.userId, "VIEWER"]].sort());
    const workspace = await t.db.team.findUniqueOrThrow({ where: { id: demo.workspaceTeamId }, include: { memberships: true } });
    expect(workspace).toMatchObject({ name: "Demo workspace", slug: "demo-workspace", isPublic: false });
    expect(workspace.memberships.map((m) => [m.userId, m.role])).toEqual([[demo.userId, "OWNER"]]);
  });

  it("gives the Demo team's owner, the curator account, no password: it cannot sign in", async () => {
    const curator = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL }, include: { accounts: true } });
    expect(curator.accounts).toEqual([]);
    for (const password of ["", "password", (await ensureDemoAccount(t.db, t.auth, { passwordFile })).password]) {
      const response = await t.auth.handler(
        new Request("http://localhost:3000/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: DEMO_CURATOR_EMAIL, password }) }),
      );
      expect(response.status, `curator with ${JSON.stringify(password)}`).not.toBe(200);
    }
  });

  it("demotes the demo account of an older install, which owned the Demo team and created its models, to VIEWER", async () => {
    const demo = await ensureDemoAccount(t.db, t.auth, { passwordFile });
    // The old layout: the demo account the only OWNER of Demo, and the creator of its models.
    await t.db.membership.deleteMany({ where: { teamId: demo.teamId } });
    await t.db.membership.create({ data: { teamId: demo.teamId, userId: demo.userId, role: "OWNER" } });
    const old = await t.db.model.create({ data: { teamId: demo.teamId, name: "old demo model", visibility: "PRIVATE", config: {}, contentHash: "0".repeat(64), createdById: demo.userId } });
    await ensureDemoAccount(t.db, t.auth, { passwordFile });
    const curator = await t.db.user.findUniqueOrThrow({ where: { email: DEMO_CURATOR_EMAIL } });
    const roles = await t.db.membership.findMany({ where: { teamId: demo.teamId }, select: { userId: true, role: true } });
    expect(roles.map((m) => [m.userId, m.role]).sort()).toEqual([[curator.id, "OWNER"], [demo.userId, "VIEWER"]].sort());
    expect((await t.db.model.findUniqueOrThrow({ where: { id: old.id } })).createdById).toBe(curator.id);
    await t.db.model.delete({ where: { id: old.id } });
  });

  it("is idempotent: a second start finds the same account, password and team", async () => {
    const first = await ensureDemoAccount(t.db, t.auth, { passwordFile });
    const again = await ensureDemoAccount(t.db, t.auth, { passwordFile });
    expect(again).toEqual({ ...first, created: false });
    expect(await t.db.user.count({ where: { email: DEMO_EMAIL } })).toBe(1);
    expect(await t.db.team.count({ where: { slug: "demo" } })).toBe(1);
    expect(await t.db.team.count({ where: { slug: "demo-workspace" } })).toBe(1);
    expect(await t.db.user.count({ where: { email: DEMO_CURATOR_EMAIL } })).toBe(1);
  });

  it("makes a new password work (and the old one fail) when the password file was lost", async () => {
    const old = (await ensureDemoAccount(t.db, t.auth, { passwordFile })).password;
    rmSync(passwordFile);
    const fresh = (await ensureDemoAccount(t.db, t.auth, { passwordFile })).password;
    expect(fresh).not.toBe(old);
    expect(await signIn(fresh)).toBe(200);
    expect(await signIn(old)).toBe(401);
  });

  it("shows the Demo team to every account, read-only", async () => {
    const someone = await createTestUser(t.db, "newcomer");
    const teams = await listTeamsForActor(t.db, someone);
    expect(teams.map((x) => [x.slug, x.role])).toEqual([["demo", null]]);
  });
});
