// A password change (better-auth /change-password through lib/auth/hooks) signs the account out
// everywhere else: the other session and every API token answer UNAUTHENTICATED on the next
// request, even when the client asked to keep other sessions; the session that changed it goes on.
import { describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/db/api-tokens";
import { useTestDatabase } from "../helpers/db";
import { authPost, sessionCookie } from "../helpers/auth-requests";
import { codes, gql } from "../graphql/harness";

const t = useTestDatabase();
async function signIn(email: string, password: string): Promise<string> {
  const response = await t.auth.handler(authPost("/sign-in/email", { email, password }));
  expect(response.status).toBe(200);
  return sessionCookie(response);
}

const actorOf = (headers: Record<string, string>) => getActor(new Headers(headers), t);

describe("changing the password", () => {
  it("revokes the account's other sessions and all its API tokens at once, keeping the caller signed in", async () => {
    const email = "grace@example.org";
    const oldPassword = "an old but long passphrase";
    const newPassword = "a brand new long passphrase";
    expect((await t.auth.handler(authPost("/sign-up/email", { email, password: oldPassword, name: "Grace" }))).status).toBe(200);
    const laptop = await signIn(email, oldPassword);
    const phone = await signIn(email, oldPassword);
    const grace = await actorOf({ cookie: laptop });
    expect(grace).not.toBeNull();
    const { secret } = await createApiToken(t.db, grace, { name: "notebook" });
    // Everything authenticates (and is cached) before the change.
    expect(await actorOf({ cookie: phone })).toMatchObject({ userId: grace!.userId });
    expect(await actorOf({ authorization: `Bearer ${secret}` })).toMatchObject({ userId: grace!.userId, via: "token" });

    // The client asks to keep its other sessions; the server revokes them anyway.
    const changed = await t.auth.handler(authPost("/change-password", { currentPassword: oldPassword, newPassword, revokeOtherSessions: false }, { cookie: laptop }));
    expect(changed.status).toBe(200);
    const fresh = sessionCookie(changed);

    const phoneActor = await actorOf({ cookie: phone });
    const tokenActor = await actorOf({ authorization: `Bearer ${secret}` });
    expect(phoneActor).toBeNull();
    expect(tokenActor).toBeNull();
    expect(codes(await gql(t.db, phoneActor, "{ apiTokens { id } }"))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(t.db, tokenActor, "{ apiTokens { id } }"))).toEqual(["UNAUTHENTICATED"]);
    const token = await t.db.apiToken.findFirstOrThrow({ where: { userId: grace!.userId } });
    expect(token.revokedAt).toBeInstanceOf(Date);
    expect(await t.db.session.count({ where: { userId: grace!.userId } })).toBe(1);
    // The revocation is in the audit log, with what it revoked.
    const logged = await t.db.auditLog.findMany({ where: { action: "user.passwordChange", targetId: grace!.userId } });
    expect(logged.map((row) => ({ actorId: row.actorId, data: row.data }))).toEqual([{ actorId: grace!.userId, data: { apiTokensRevoked: 1 } }]);

    // The session that changed the password continues on the cookie it was given.
    const caller = await actorOf({ cookie: fresh });
    expect(caller).toMatchObject({ userId: grace!.userId, via: "session" });
    expect(codes(await gql(t.db, caller, "{ apiTokens { id } }"))).toEqual([]);
    // The old password no longer signs in; the new one does.
    expect((await t.auth.handler(authPost("/sign-in/email", { email, password: oldPassword }))).status).toBe(401);
    await signIn(email, newPassword);
  });

  it("leaves sessions and tokens alone when the current password is wrong", async () => {
    const email = "linus@example.org";
    const password = "a long enough passphrase";
    expect((await t.auth.handler(authPost("/sign-up/email", { email, password, name: "Linus" }))).status).toBe(200);
    const laptop = await signIn(email, password);
    const phone = await signIn(email, password);
    const linus = await actorOf({ cookie: laptop });
    const { secret } = await createApiToken(t.db, linus, { name: "ci" });
    const refused = await t.auth.handler(authPost("/change-password", { currentPassword: "not the password at all", newPassword: "another long passphrase" }, { cookie: laptop }));
    expect(refused.status).toBe(400);
    expect(await actorOf({ cookie: phone })).toMatchObject({ userId: linus!.userId });
    expect(await actorOf({ authorization: `Bearer ${secret}` })).toMatchObject({ userId: linus!.userId });
    expect(await t.db.auditLog.count({ where: { action: "user.passwordChange", targetId: linus!.userId } })).toBe(0);
  });
});
