// What a password change ends: every other session of the account and all its API tokens.
// Rule: better-auth's /change-password always runs with revokeOtherSessions (whatever the client
// sent), so it deletes the account's sessions and issues the caller a fresh one in the same
// transaction as the new hash; after it succeeded, the account's live API tokens are revoked and
// every cached credential of the account is forgotten, so the old session and the tokens answer
// UNAUTHENTICATED on the very next request (on this instance; others after the actor cache's TTL).
import { audit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import { forgetUser } from "./actor-cache";
import type { Actor } from "./policy";

/** The better-auth endpoints that replace an account's password. */
export const PASSWORD_CHANGE_PATHS: ReadonlySet<string> = new Set(["/change-password"]);

/** The body better-auth's change-password endpoint should see: other sessions always revoked. */
export function withOtherSessionsRevoked(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return { ...(body as Record<string, unknown>), revokeOtherSessions: true };
}

/** The account whose password changed, as better-auth's change-password answer names it. */
export interface ChangedAccount {
  id: string;
  email: string;
  name: string;
}

/** Revokes every live API token of the account (audited with the count) and forgets its cached credentials; returns the count revoked. */
export async function revokeCredentialsAfterPasswordChange(db: Db, account: ChangedAccount, now: Date = new Date()): Promise<number> {
  const actor: Actor = { userId: account.id, email: account.email, name: account.name, via: "session" };
  const count = await db.$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateMany({ where: { userId: account.id, revokedAt: null }, data: { revokedAt: now } });
    await audit(tx, actor, "user.passwordChange", "user", account.id, { apiTokensRevoked: revoked.count });
    return revoked.count;
  });
  forgetUser(account.id);
  return count;
}
