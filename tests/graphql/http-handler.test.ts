// graphql/http-handler.ts: /api/graphql's Fetch-API handler over the real server and getActor on
// the test database — answers, the Bearer token resolved into the context, 400 for a body that is
// not JSON, 429 with Retry-After when the rate limit refuses the whole request.
import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/policy";
import { createApiToken } from "@/lib/db/api-tokens";
import { createModelFromUpload } from "@/lib/db/tensors";
import { createGraphQLHandler } from "@/graphql/http-handler";
import { createApolloServer } from "@/graphql/server";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith, randomModelUpload } from "./fixtures";

const t = useTestDatabase();
let handler: (request: Request) => Promise<Response>;
let alice: Actor;
let secret: string;

beforeAll(async () => {
  alice = await createTestUser(t.db, "alice");
  secret = (await createApiToken(t.db, alice, { name: "handler" })).secret;
  handler = createGraphQLHandler(createApolloServer({ expensivePerMinute: 0 }), async (req) => ({ db: t.db, actor: await getActor(req, t) }));
});

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

describe("createGraphQLHandler", () => {
  it("answers a POSTed operation as JSON, signed out and with a Bearer token resolved to its account", async () => {
    const signedOut = await handler(post(JSON.stringify({ query: "{ apiVersion me { id } }" })));
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get("content-type")).toMatch(/application\/(graphql-response\+)?json/);
    expect((await signedOut.json()).data).toMatchObject({ me: null });
    const withToken = await handler(post(JSON.stringify({ query: "{ me { id } }" }), { authorization: `Bearer ${secret}` }));
    expect((await withToken.json()).data).toEqual({ me: { id: alice.userId } });
  });

  it("passes variables and the operation name through", async () => {
    const response = await handler(post(JSON.stringify({ query: "query A { apiVersion } query B($id: ID!) { model(id: $id) { id } }", operationName: "B", variables: { id: "nope" } }), { authorization: `Bearer ${secret}` }));
    expect(await response.json()).toEqual({ data: { model: null } });
  });

  it("answers a GET with the query in the URL (with Apollo's CSRF preflight header)", async () => {
    const response = await handler(new Request(`http://localhost/api/graphql?query=${encodeURIComponent("{ apiVersion }")}`, { headers: { "apollo-require-preflight": "1" } }));
    expect(response.status).toBe(200);
    expect(typeof (await response.json()).data.apiVersion).toBe("string");
  });

  it("answers 400 in the GraphQL error shape for a body that is not JSON", async () => {
    const response = await handler(post("{ not json"));
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ extensions: { code: "BAD_REQUEST" } });
  });

  it("answers 429 with Retry-After when the rate limit refuses everything the request asked", async () => {
    const compare = (a: string, b: string) => handler(post(JSON.stringify({ query: "query($a: ID!, $b: ID!) { compareModels(a: $a, b: $b) { status } }", variables: { a, b } }), { authorization: `Bearer ${secret}` }));
    // Models that do not exist: null before any computation, so nothing is charged (200).
    const missing = await compare("x", "y");
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ data: { compareModels: null } });
    // Real ones: the computation is charged, and this server allows none.
    const teamId = await createTeamWith(t.db, "Handler lab", [[alice, "OWNER"]]);
    const cfg = { n_layers: 1, n_heads: 2, d_model: 8, d_head: 4, d_vocab: 6, n_ctx: 8 };
    const [a, b] = await Promise.all([1, 2].map(async (seed) => (await createModelFromUpload(t.db, alice, { teamId, name: `m${seed}`, visibility: "TEAM", ...randomModelUpload(cfg, seed) })).model.id));
    const refused = await compare(a, b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).errors[0].extensions.code).toBe("RATE_LIMITED");
  });
});
