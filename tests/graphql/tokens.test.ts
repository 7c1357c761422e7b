import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { forgetAll } from "@/lib/auth/actor-cache";
import { createGraphQLHandler } from "@/graphql/http-handler";
import { createApolloServer } from "@/graphql/server";
import { DEFAULT_TOKEN_LIFETIME_DAYS, MAX_TOKEN_LIFETIME_DAYS } from "@/lib/db/api-tokens";
import type { Actor } from "@/lib/auth/policy";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let alice: Actor;
let bob: Actor;

/** The actor a request carrying this bearer secret gets (what /api/graphql's context does). */
function bearer(secret: string): Promise<Actor | null> {
  return getActor(new Headers({ authorization: `Bearer ${secret}` }), { db: t.db, auth: t.auth });
}

beforeAll(async () => {
  alice = await createTestUser(t.db, "alice");
  bob = await createTestUser(t.db, "bob");
});

describe("API tokens over GraphQL", () => {
  it("creates a token whose secret is shown once and authenticates as its owner until revoked", async () => {
    const created = await gql<{ createApiToken: { ok: boolean; secret: string; token: { id: string; prefix: string; revokedAt: null } } }>(
      t.db, alice, 'mutation { createApiToken(input: { name: "notebook" }) { ok secret token { id prefix revokedAt } } }');
    expect(created.errors).toBeUndefined();
    const { secret, token } = created.data!.createApiToken;
    expect(secret).toMatch(/^cb_/);
    expect(secret.startsWith(token.prefix)).toBe(true);

    // The list never carries the secret again.
    const listed = await gql<{ apiTokens: { id: string; name: string }[] }>(t.db, alice, "{ apiTokens { id name prefix } }");
    expect(listed.data?.apiTokens).toEqual([{ id: token.id, name: "notebook", prefix: token.prefix }]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const viaToken = await bearer(secret);
    expect(viaToken?.userId).toBe(alice.userId);
    expect((await gql(t.db, viaToken, "{ me { id } }")).data).toEqual({ me: { id: alice.userId } });

    // Bob cannot revoke Alice's token, and cannot even tell it exists.
    expect(codes(await gql(t.db, bob, "mutation($id: ID!) { revokeApiToken(id: $id) { ok } }", { id: token.id }))).toEqual(["NOT_FOUND"]);

    const revoked = await gql<{ revokeApiToken: { ok: boolean; token: { revokedAt: string } } }>(
      t.db, alice, "mutation($id: ID!) { revokeApiToken(id: $id) { ok token { revokedAt } } }", { id: token.id });
    expect(revoked.data?.revokeApiToken.ok).toBe(true);
    expect(Number.isNaN(Date.parse(revoked.data!.revokeApiToken.token.revokedAt))).toBe(false);

    const afterRevoke = await bearer(secret);
    expect(afterRevoke).toBeNull();
    expect((await gql(t.db, afterRevoke, "{ me { id } }")).data).toEqual({ me: null });
    expect(codes(await gql(t.db, afterRevoke, "{ apiTokens { id } }"))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a blank token name as a payload error", async () => {
    const result = await gql<{ createApiToken: { ok: boolean; secret: null; error: { inputErrors: { path: string[] }[] } } }>(
      t.db, alice, 'mutation { createApiToken(input: { name: "" }) { ok secret error { inputErrors { path } } } }');
    expect(result.data?.createApiToken).toMatchObject({ ok: false, secret: null, error: { inputErrors: [{ path: ["name"] }] } });
  });

  it("treats a made-up bearer secret as signed out", async () => {
    expect(await bearer("cb_not-a-real-token")).toBeNull();
  });
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a token for `actor` over GraphQL with the given input fields; returns the payload. */
async function createToken(actor: Actor, input: Record<string, unknown>) {
  const result = await gql<{ createApiToken: { ok: boolean; secret: string | null; token: { id: string; expiresAt: string; scopes?: string[] } | null; error: { message: string; inputErrors: { path: string[] }[] } | null } }>(
    t.db, actor, "mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { ok secret token { id expiresAt } error { message inputErrors { path } } } }", { input });
  expect(result.errors).toBeUndefined();
  return result.data!.createApiToken;
}

describe("API token expiry", () => {
  afterEach(() => {
    vi.useRealTimers();
    forgetAll();
  });

  it("gives a new token an expiry 90 days out by default, or expiresInDays when given", async () => {
    const before = Date.now();
    const byDefault = await createToken(alice, { name: "default expiry" });
    const week = await createToken(alice, { name: "a week", expiresInDays: 7 });
    const after = Date.now();
    expect(DEFAULT_TOKEN_LIFETIME_DAYS).toBe(90);
    const defaultAt = Date.parse(byDefault.token!.expiresAt);
    expect(defaultAt).toBeGreaterThanOrEqual(before + 90 * DAY_MS);
    expect(defaultAt).toBeLessThanOrEqual(after + 90 * DAY_MS);
    const weekAt = Date.parse(week.token!.expiresAt);
    expect(weekAt).toBeGreaterThanOrEqual(before + 7 * DAY_MS);
    expect(weekAt).toBeLessThanOrEqual(after + 7 * DAY_MS);
    const listed = await gql<{ apiTokens: { id: string; expiresAt: string }[] }>(t.db, alice, "{ apiTokens { id expiresAt } }");
    expect(listed.data?.apiTokens.find((tk) => tk.id === week.token!.id)?.expiresAt).toBe(week.token!.expiresAt);
  });

  it("refuses a lifetime over MAX_TOKEN_LIFETIME_DAYS or under one day, naming expiresInDays, and creates nothing", async () => {
    expect(MAX_TOKEN_LIFETIME_DAYS).toBe(365);
    const count = await t.db.apiToken.count();
    for (const expiresInDays of [MAX_TOKEN_LIFETIME_DAYS + 1, 0, -3]) {
      const refused = await createToken(alice, { name: "too long", expiresInDays });
      expect(refused).toMatchObject({ ok: false, secret: null, token: null });
      expect(refused.error!.inputErrors.map((e) => e.path)).toEqual([["expiresInDays"]]);
      expect(refused.error!.message).toMatch(/expiresInDays/);
    }
    const atMax = await createToken(alice, { name: "a year", expiresInDays: MAX_TOKEN_LIFETIME_DAYS });
    expect(atMax.ok).toBe(true);
    expect(await t.db.apiToken.count()).toBe(count + 1);
  });

  it("answers UNAUTHENTICATED 'token expired' for an expired token, over HTTP too", async () => {
    const { secret, token } = await createToken(alice, { name: "stale" });
    await t.db.apiToken.update({ where: { id: token!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(bearer(secret!)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/token expired/i) });

    const handler = createGraphQLHandler(createApolloServer(), async (req) => ({ db: t.db, actor: await getActor(req, t) }));
    const response = await handler(new Request("http://localhost/api/graphql", {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: "{ me { id } }" }),
    }));
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(["UNAUTHENTICATED"]);
    expect(body.errors[0].message).toMatch(/token expired/i);
    expect(body.data ?? null).toBeNull();
  });

  it("stops accepting a cached token the moment it expires, without waiting for the cache entry to age out", async () => {
    const { secret, token } = await createToken(alice, { name: "about to expire" });
    const expiresAt = Date.now() + 2_000;
    await t.db.apiToken.update({ where: { id: token!.id }, data: { expiresAt: new Date(expiresAt) } });
    expect((await bearer(secret!))?.userId).toBe(alice.userId); // now cached (TTL 10 s)
    vi.useFakeTimers({ toFake: ["Date"], now: expiresAt + 500 });
    await expect(bearer(secret!)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/token expired/i) });
  });
});

describe("API token scopes", () => {
  /** A token of `owner` with these scopes (null: the default), as the actor its bearer requests get. */
  async function tokenActor(owner: Actor, scopes: string[] | null) {
    const created = await createToken(owner, scopes ? { name: "scoped", scopes } : { name: "scoped" });
    expect(created.ok).toBe(true);
    const actor = await bearer(created.secret!);
    expect(actor?.userId).toBe(owner.userId);
    return { actor: actor!, id: created.token!.id };
  }
  const CREATE = 'mutation { createApiToken(input: { name: "minted" }) { ok secret } }';
  const REVOKE = "mutation($id: ID!) { revokeApiToken(id: $id) { ok } }";
  const CREATE_TEAM = 'mutation { createTeam(input: { name: "Scoped Lab" }) { ok } }';

  it("gives a new token READ and WRITE by default, and lists its scopes", async () => {
    const created = await createToken(alice, { name: "default scopes" });
    const listed = await gql<{ apiTokens: { id: string; scopes: string[] }[] }>(t.db, alice, "{ apiTokens { id scopes } }");
    expect(listed.data?.apiTokens.find((tk) => tk.id === created.token!.id)?.scopes).toEqual(["READ", "WRITE"]);
  });

  it("refuses createApiToken and revokeApiToken to a token without TOKENS, naming the scope, and creates nothing", async () => {
    const { actor, id } = await tokenActor(alice, null);
    const count = await t.db.apiToken.count();
    const create = await gql(t.db, actor, CREATE);
    expect(codes(create)).toEqual(["FORBIDDEN"]);
    expect(create.errors![0].message).toMatch(/TOKENS scope/);
    const revoke = await gql(t.db, actor, REVOKE, { id });
    expect(codes(revoke)).toEqual(["FORBIDDEN"]);
    expect(revoke.errors![0].message).toMatch(/TOKENS scope/);
    expect(await t.db.apiToken.count()).toBe(count);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    // The same token still writes elsewhere (WRITE).
    expect((await gql<{ createTeam: { ok: boolean } }>(t.db, actor, CREATE_TEAM)).data?.createTeam.ok).toBe(true);
  });

  it("lets a TOKENS token manage tokens, but not grant a scope it does not hold", async () => {
    const { actor } = await tokenActor(alice, ["READ", "TOKENS"]);
    const minted = await gql<{ createApiToken: { ok: boolean; secret: string } }>(t.db, actor, 'mutation { createApiToken(input: { name: "child", scopes: [READ] }) { ok secret } }');
    expect(minted.data?.createApiToken.ok).toBe(true);
    const escalated = await gql(t.db, actor, 'mutation { createApiToken(input: { name: "escalate", scopes: [READ, WRITE] }) { ok } }');
    expect(codes(escalated)).toEqual(["FORBIDDEN"]);
    expect(escalated.errors![0].message).toMatch(/WRITE/);
  });

  it("refuses every mutation to a READ-only token (FORBIDDEN naming WRITE), still answering its queries", async () => {
    const { actor } = await tokenActor(alice, ["READ"]);
    const teams = await t.db.team.count();
    const write = await gql(t.db, actor, CREATE_TEAM);
    expect(codes(write)).toEqual(["FORBIDDEN"]);
    expect(write.errors![0].message).toMatch(/WRITE scope/);
    expect(write.data ?? null).toBeNull();
    // Hidden behind a fragment or next to an allowed field, a mutation is still a mutation.
    const spread = await gql(t.db, actor, "mutation { ...M } fragment M on Mutation { createTeam(input: { name: \"Spread\" }) { ok } }");
    expect(codes(spread)).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(t.db, actor, CREATE))).toEqual(["FORBIDDEN"]);
    expect(await t.db.team.count()).toBe(teams);
    expect((await gql(t.db, actor, "{ me { id } }")).data).toEqual({ me: { id: alice.userId } });
  });

  it("keeps full rights for a session: it mints any scopes", async () => {
    const created = await createToken(alice, { name: "all", scopes: ["READ", "WRITE", "TOKENS"] });
    expect(created.ok).toBe(true);
  });

  it("refuses an unknown scope and a token without READ as input errors naming scopes", async () => {
    const noRead = await createToken(alice, { name: "blind", scopes: ["WRITE"] });
    expect(noRead.ok).toBe(false);
    expect(noRead.error!.inputErrors.map((e) => e.path)).toEqual([["scopes"]]);
    const unknown = await gql(t.db, alice, 'mutation { createApiToken(input: { name: "x", scopes: [ADMIN] }) { ok } }');
    expect(codes(unknown)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});

describe("an expired token on the subscription stream", () => {
  it("answers 401 with UNAUTHENTICATED 'token expired', not a 500", async () => {
    const { createSubscriptionHandler } = await import("@/graphql/sse-handler");
    const { secret, token } = await createToken(alice, { name: "stale stream" });
    await t.db.apiToken.update({ where: { id: token!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const handler = createSubscriptionHandler(async (req) => ({ db: t.db, actor: await getActor(req, t) }));
    const query = encodeURIComponent('subscription { modelActivity(modelId: "nope") { __typename } }');
    const response = await handler(new Request(`http://localhost/api/graphql/stream?query=${query}`, {
      headers: { accept: "text/event-stream", authorization: `Bearer ${secret}` },
    }));
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(body.errors[0].message).toMatch(/token expired/i);
  });
});
