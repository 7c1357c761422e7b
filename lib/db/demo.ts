// The demo login of an embedded install: demo@circuitboard.local, an ordinary account — OWNER of its
// own private "Demo workspace" and a VIEWER of the public "Demo" team that holds the shipped models.
// The Demo team belongs to a curator account with no password (no credential row: it cannot sign in),
// so anyone who reads the demo password off the sign-in page can look at the demo models but not
// delete or change them. Rule: idempotent — every start makes sure the accounts, the demo password
// (random, kept in the data directory so the start banner can print it), both teams and these roles
// exist, demoting the demo account of an older install that owned the Demo team.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Auth } from "@/lib/auth/auth";
import { audit } from "./audit";
import { dataDir, type Db, type Tx } from "./client";

export const DEMO_EMAIL = "demo@circuitboard.local";
export const DEMO_TEAM_SLUG = "demo";
/** The owner of the Demo team: an account without a password, which nobody can sign in as. */
export const DEMO_CURATOR_EMAIL = "curator@circuitboard.local";
export const DEMO_WORKSPACE_SLUG = "demo-workspace";

export interface DemoAccount {
  email: string;
  password: string;
  userId: string;
  /** The public Demo team (owned by the curator; the demo account is a VIEWER). */
  teamId: string;
  /** The demo account's own private team, "Demo workspace", where it is OWNER. */
  workspaceTeamId: string;
  /** True when this call created the account. */
  created: boolean;
}

function demoPassword(file: string): string {
  try {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 8) return saved;
  } catch {
    // first start: make one below
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const password = `demo-${randomBytes(9).toString("base64url")}`;
  writeFileSync(file, password, { mode: 0o600 });
  return password;
}

/** The team with this slug, created (and audited) when missing; its id. */
async function ensureTeam(tx: Tx, team: { name: string; slug: string; isPublic: boolean }, createdFor: string): Promise<string> {
  const found = await tx.team.findUnique({ where: { slug: team.slug }, select: { id: true } });
  if (found) return found.id;
  const fresh = await tx.team.create({ data: team, select: { id: true } });
  await audit(tx, null, "team.create", "team", fresh.id, { name: team.name, demo: true, for: createdFor });
  return fresh.id;
}

async function setRole(tx: Tx, teamId: string, userId: string, role: "OWNER" | "VIEWER"): Promise<void> {
  await tx.membership.upsert({ where: { teamId_userId: { teamId, userId } }, create: { teamId, userId, role }, update: { role } });
}

/**
 * Makes sure the demo account and the public Demo team exist (call at start-up in embedded mode and
 * print the result). `passwordFile` defaults to `<data dir>/demo-password`.
 */
export async function ensureDemoAccount(db: Db, auth: Auth, options: { passwordFile?: string } = {}): Promise<DemoAccount> {
  const password = demoPassword(options.passwordFile ?? path.join(dataDir(), "demo-password"));
  let user = await db.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  let created = false;
  if (!user) {
    await auth.api.signUpEmail({ body: { email: DEMO_EMAIL, password, name: "Demo" } });
    user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL }, select: { id: true } });
    created = true;
  } else {
    // The password file is the source of truth (it may have been deleted or edited): re-hash on mismatch.
    const context = await auth.$context;
    const account = await db.account.findFirst({ where: { userId: user.id, providerId: "credential" } });
    const matches = account?.password ? await context.password.verify({ hash: account.password, password }) : false;
    if (!matches) {
      const hash = await context.password.hash(password);
      if (account) await db.account.update({ where: { id: account.id }, data: { password: hash } });
      else await db.account.create({ data: { id: randomBytes(16).toString("hex"), accountId: user.id, providerId: "credential", userId: user.id, password: hash } });
    }
  }
  const userId = user.id;
  const { teamId, workspaceTeamId } = await db.$transaction(async (tx) => {
    const curator = await tx.user.upsert({
      where: { email: DEMO_CURATOR_EMAIL },
      create: { id: `user_curator_${randomBytes(8).toString("hex")}`, email: DEMO_CURATOR_EMAIL, name: "Demo curator" },
      update: {},
      select: { id: true },
    });
    // No credential may exist for the curator, whatever an older install or a hand edit left behind.
    await tx.account.deleteMany({ where: { userId: curator.id } });
    const demoTeam = await ensureTeam(tx, { name: "Demo", slug: DEMO_TEAM_SLUG, isPublic: true }, curator.id);
    await setRole(tx, demoTeam, curator.id, "OWNER");
    await setRole(tx, demoTeam, userId, "VIEWER");
    // Models the demo account seeded on an older install pass to the curator, so no creator right
    // (reading its own PRIVATE models) is left with the shared login.
    await tx.model.updateMany({ where: { teamId: demoTeam, createdById: userId }, data: { createdById: curator.id } });
    const workspace = await ensureTeam(tx, { name: "Demo workspace", slug: DEMO_WORKSPACE_SLUG, isPublic: false }, userId);
    await setRole(tx, workspace, userId, "OWNER");
    return { teamId: demoTeam, workspaceTeamId: workspace };
  });
  return { email: DEMO_EMAIL, password, userId, teamId, workspaceTeamId, created };
}
