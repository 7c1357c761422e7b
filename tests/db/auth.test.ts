// Accounts through better-auth (lib/auth/auth.ts) and request actors (lib/auth/actor.ts), in process.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { secureCookiesIfHttps } from "@/lib/auth/secure-cookies";
import { markPeerServer, PEER_ADDRESS_HEADER, peerAddressOf } from "@/lib/http/client-address";
import { createApiToken, listApiTokensForActor, revokeApiToken } from "@/lib/db/api-tokens";
import { useTestDatabase } from "../helpers/db";
import { AUTH_BASE, authPost, sessionSetCookie } from "../helpers/auth-requests";

const t = useTestDatabase();

describe("better-auth sign-up, sign-in and sign-out", () => {
  const email = "ada@example.org";
  const password = "purple elephants juggle";

  it("signs up with email and password, stores a hash (never the password) and sets an HttpOnly SameSite=Lax cookie", async () => {
    const response = await t.auth.handler(authPost("/sign-up/email", { email, password, name: "Ada" }));
    expect(response.status).toBe(200);
    const { attributes } = sessionSetCookie(response);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    const account = await t.db.account.findFirstOrThrow({ where: { user: { email } } });
    expect(account.providerId).toBe("credential");
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain(password);
  });

  it("refuses a second account with the same email", async () => {
    const response = await t.auth.handler(authPost("/sign-up/email", { email, password: "another password", name: "Eve" }));
    expect(response.status).toBe(422);
    expect(await t.db.user.count({ where: { email } })).toBe(1);
  });

  it("refuses a wrong password and sets no cookie", async () => {
    const response = await t.auth.handler(authPost("/sign-in/email", { email, password: "wrong password" }));
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token=") && !/max-age=0/i.test(c))).toBe(false);
  });

  it("signs in, resolves the cookie to the account, and after sign-out the cookie resolves to nobody", async () => {
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email, password }));
    expect(signIn.status).toBe(200);
    const { pair, attributes } = sessionSetCookie(signIn);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");

    const headers = new Headers({ cookie: pair });
    const actor = await getActor(headers, t);
    expect(actor).toMatchObject({ email, name: "Ada", via: "session" });

    // A cookie-carrying write must come from a trusted origin (the app's own).
    const signOut = await t.auth.handler(authPost("/sign-out", {}, { cookie: pair, origin: "http://localhost:3000" }));
    expect(signOut.status).toBe(200);
    expect(await getActor(headers, t)).toBeNull();
  });

  it("refuses a cookie-carrying sign-out from a foreign origin (CSRF)", async () => {
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email, password }));
    const { pair } = sessionSetCookie(signIn);
    const forged = await t.auth.handler(authPost("/sign-out", {}, { cookie: pair, origin: "https://evil.example" }));
    expect(forged.status).toBe(403);
    expect(await getActor(new Headers({ cookie: pair }), t)).not.toBeNull();
  });
});

describe("API tokens as Bearer credentials", () => {
  it("authenticates a created token, records its use, and refuses it once revoked", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    const ada = { userId: user.id, email: user.email, name: user.name, via: "session" as const };
    const { token, secret } = await createApiToken(t.db, ada, { name: "notebook" });
    expect(secret).toMatch(/^cb_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(secret.slice(0, 11));
    // Stored hashed: the secret itself is nowhere in the row.
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(JSON.stringify(row)).not.toContain(secret.slice(3));

    const actor = await getActor(new Request("http://localhost/api/graphql", { headers: { authorization: `Bearer ${secret}` } }), t);
    expect(actor).toMatchObject({ userId: user.id, via: "token", tokenId: token.id });
    expect((await listApiTokensForActor(t.db, ada))[0].lastUsedAt).toBeInstanceOf(Date);

    await revokeApiToken(t.db, ada, token.id);
    expect(await getActor(new Headers({ authorization: `Bearer ${secret}` }), t)).toBeNull();
  });

  it("gives no actor for an unknown token, a malformed header, or a bad token next to a valid cookie", async () => {
    expect(await getActor(new Headers({ authorization: "Bearer cb_not-a-real-token" }), t)).toBeNull();
    expect(await getActor(new Headers({ authorization: "Basic dXNlcjpwYXNz" }), t)).toBeNull();
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email: "ada@example.org", password: "purple elephants juggle" }));
    const { pair } = sessionSetCookie(signIn);
    expect(await getActor(new Headers({ cookie: pair, authorization: "Bearer cb_wrong" }), t)).toBeNull();
  });

  it("lets no one revoke another account's token", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    const ada = { userId: user.id, email: user.email, name: user.name, via: "session" as const };
    const { token } = await createApiToken(t.db, ada, { name: "second" });
    const mallory = { userId: "someone-else", email: "m@example.org", name: "M", via: "session" as const };
    await expect(revokeApiToken(t.db, mallory, token.id)).rejects.toThrow("No API token with that id.");
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });
});

describe("the Secure cookie attribute", () => {
  it("is set when the public URL is https and left off for a plain-http install", async () => {
    const { createAuth } = await import("@/lib/auth/auth");
    const body = (email: string) => JSON.stringify({ email, password: "purple elephants juggle", name: "S" });
    const https = createAuth(t.db, { secret: "s".repeat(40), baseURL: "https://circuitboard.example" });
    const secure = await https.handler(new Request("https://circuitboard.example/api/auth/sign-up/email", { method: "POST", headers: { "content-type": "application/json" }, body: body("secure@example.org") }));
    const secureCookie = secure.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(secureCookie).toMatch(/^__Secure-better-auth\.session_token=/);
    expect(secureCookie?.toLowerCase()).toContain("; secure");
    const plain = await t.auth.handler(authPost("/sign-up/email", JSON.parse(body("plain@example.org"))));
    expect(sessionSetCookie(plain).attributes).not.toContain("secure");
  });
});

describe("Secure cookies behind an https proxy (lib/auth/secure-cookies)", () => {
  const proxy = "10.1.2.3";
  const trusted = new Set([proxy]);

  /** What the auth route answers to `request` when its TCP peer (stamped by lib/http/peer-server) is `peer`. */
  async function viaRoute(request: Request, peer: string) {
    markPeerServer();
    request.headers.set(PEER_ADDRESS_HEADER, peer);
    return secureCookiesIfHttps(request, await t.auth.handler(request), peerAddressOf(request.headers), trusted);
  }

  it("sets Secure on the session cookie of a sign-in that a trusted proxy forwarded as https, and the cookie still signs in", async () => {
    const forwarded = await viaRoute(authPost("/sign-in/email", { email: "ada@example.org", password: "purple elephants juggle" }, { "x-forwarded-proto": "https" }), proxy);
    expect(forwarded.status).toBe(200);
    const { pair, attributes } = sessionSetCookie(forwarded);
    expect(attributes).toContain("secure");
    expect(attributes).toContain("httponly");
    expect(await getActor(new Headers({ cookie: pair }), t)).toMatchObject({ email: "ada@example.org" });
  });

  it("ignores X-Forwarded-Proto from a peer that is not a trusted proxy, and plain http from the proxy", async () => {
    const spoofed = await viaRoute(authPost("/sign-in/email", { email: "ada@example.org", password: "purple elephants juggle" }, { "x-forwarded-proto": "https" }), "203.0.113.7");
    expect(sessionSetCookie(spoofed).attributes).not.toContain("secure");
    const plain = await viaRoute(authPost("/sign-in/email", { email: "ada@example.org", password: "purple elephants juggle" }, { "x-forwarded-proto": "http" }), proxy);
    expect(sessionSetCookie(plain).attributes).not.toContain("secure");
  });
});

describe("the actor cache (lib/auth/actor-cache) behind getActor", () => {
  it("answers a token from memory within the TTL, and revokeApiToken forgets it at once", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    const ada = { userId: user.id, email: user.email, name: user.name, via: "session" as const };
    const { token, secret } = await createApiToken(t.db, ada, { name: "cached" });
    const headers = new Headers({ authorization: `Bearer ${secret}` });
    expect(await getActor(headers, t)).toMatchObject({ userId: user.id, tokenId: token.id });
    // Revoked behind the cache's back (another instance, a raw SQL fix): the cached actor still answers…
    await t.db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect(await getActor(headers, t)).toMatchObject({ userId: user.id });
    // …until the credential is forgotten, which revokeApiToken does after its commit.
    const { forgetToken } = await import("@/lib/auth/actor-cache");
    const { hashSecret } = await import("@/lib/auth/secrets");
    forgetToken(hashSecret(secret));
    expect(await getActor(headers, t)).toBeNull();
  });

  it("answers a session cookie from memory, and a sign-out elsewhere (session row deleted) forgets it", async () => {
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email: "ada@example.org", password: "purple elephants juggle" }));
    const { pair } = sessionSetCookie(signIn);
    const headers = new Headers({ cookie: `theme=dark; ${pair}` });
    const actor = await getActor(headers, t);
    expect(actor).toMatchObject({ email: "ada@example.org", via: "session" });
    // Another cookie changing does not miss the cache, and the user's other sign-in is unaffected.
    expect(await getActor(new Headers({ cookie: `${pair}; theme=light` }), t)).toMatchObject({ userId: actor!.userId });
    // Revoking every session of the account through better-auth (its delete hook) forgets the cookie.
    const ctx = await t.auth.$context;
    await ctx.internalAdapter.deleteUserSessions(actor!.userId);
    expect(await getActor(headers, t)).toBeNull();
  });
});

describe("session tokens at rest (lib/auth/hashed-session-tokens)", () => {
  const email = "hash@example.org";
  const password = "seven quiet lanterns drift";

  /** The session token inside a `name=value` cookie pair (before the signature). */
  function tokenOf(pair: string): string {
    return decodeURIComponent(pair.slice(pair.indexOf("=") + 1)).split(".")[0];
  }
  function sha256(text: string): string {
    return createHash("sha256").update(text, "utf8").digest("hex");
  }

  it("stores only the SHA-256 of each session token, and the cookie still signs in, refreshes, signs out and revokes", async () => {
    const signUp = await t.auth.handler(authPost("/sign-up/email", { email, password, name: "Hash" }));
    expect(signUp.status).toBe(200);
    const first = sessionSetCookie(signUp).pair;
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email, password }));
    const second = sessionSetCookie(signIn).pair;
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    const rows = await t.db.session.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.token).sort()).toEqual([sha256(tokenOf(first)), sha256(tokenOf(second))].sort());
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(tokenOf(first));

    // getSession through better-auth's own endpoint, with a refresh due (the row is old): the cookie
    // it sets back carries the same plaintext token, and the row still holds only its digest.
    await t.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 60 * 60 * 1000) } });
    const got = await t.auth.handler(new Request(`${AUTH_BASE}/get-session`, { headers: { cookie: first } }));
    expect(got.status).toBe(200);
    expect(((await got.json()) as { user: { email: string } }).user.email).toBe(email);
    const refreshed = got.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
    expect(refreshed).toBeDefined();
    expect(tokenOf(refreshed!.split(";")[0])).toBe(tokenOf(first));
    const afterRefresh = await t.db.session.findUniqueOrThrow({ where: { token: sha256(tokenOf(first)) } });
    expect(afterRefresh.expiresAt.getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 60 * 60 * 1000);
    expect(await getActor(new Headers({ cookie: first }), t)).toMatchObject({ email, via: "session" });

    // Sign-out deletes that session's row; revoke-sessions deletes the rest.
    const signOut = await t.auth.handler(authPost("/sign-out", {}, { cookie: first, origin: "http://localhost:3000" }));
    expect(signOut.status).toBe(200);
    expect(await t.db.session.count({ where: { token: sha256(tokenOf(first)) } })).toBe(0);
    expect(await getActor(new Headers({ cookie: first }), t)).toBeNull();
    expect(await getActor(new Headers({ cookie: second }), t)).toMatchObject({ email });
    const revoke = await t.auth.handler(authPost("/revoke-sessions", {}, { cookie: second, origin: "http://localhost:3000" }));
    expect(revoke.status).toBe(200);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getActor(new Headers({ cookie: second }), t)).toBeNull();
  });

  it("does not accept a stored digest presented as the cookie's token", async () => {
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email, password }));
    const { pair } = sessionSetCookie(signIn);
    const digest = sha256(tokenOf(pair));
    const ctx = await t.auth.$context;
    expect(await ctx.internalAdapter.findSession(tokenOf(pair))).not.toBeNull();
    expect(await ctx.internalAdapter.findSession(digest)).toBeNull();
  });
});
