// The origin (CSRF) check on the state-changing routes, with a real session cookie resolved by the
// real getActor: a cross-origin multipart upload or GraphQL mutation carrying the victim's cookie is
// a 403 naming the origin, with no row written; the same request from the app's own origin, or with
// an API token and no cookie, goes through.
import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/db/api-tokens";
import { createTeam } from "@/lib/db/teams";
import { handleModelUpload } from "@/lib/upload/handler";
import { graphqlHttpEdge } from "@/graphql/http-edge";
import { createGraphQLHandler } from "@/graphql/http-handler";
import { createApolloServer } from "@/graphql/server";
import { signUpWithCookie } from "@/tests/helpers/auth-requests";
import { tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { tinyModel, uploadRequest } from "./tiny-model";

const t = useTestDatabase();
const APP = "http://localhost:3000";
const EVIL = "https://evil.example";
let cookie: string;
let teamSlug: string;
let secret: string;
let graphql: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const signedUp = await signUpWithCookie(t, { email: "victim@example.org", password: "purple elephants juggle", name: "Victim" });
  cookie = signedUp.cookie;
  const victim = signedUp.actor;
  teamSlug = (await createTeam(t.db, victim, { name: "Victim Lab" })).slug;
  secret = (await createApiToken(t.db, victim, { name: "script" })).secret;
  const apollo = createGraphQLHandler(createApolloServer({ expensivePerMinute: 0 }), async (req) => ({ db: t.db, actor: await getActor(req, t) }));
  graphql = (request) => graphqlHttpEdge(request, apollo);
});

function upload(headers: Record<string, string>, label: string) {
  return handleModelUpload(uploadRequest({ file: tinyModel({ metadata: { label } }), name: label, team: teamSlug }, headers), {
    db: t.db,
    getActor: (request) => getActor(request, { db: t.db, auth: t.auth }),
    maxBytes: 1024 * 1024,
  });
}

function createTeamMutation(name: string, headers: Record<string, string>): Request {
  return new Request(`${APP}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "mutation($name: String!) { createTeam(input: { name: $name }) { team { id } } }", variables: { name } }),
  });
}

describe("POST /api/models and the origin check", () => {
  it("refuses a cross-origin multipart upload carrying the victim's cookie with 403 and writes no row", async () => {
    const before = await tableRowCounts(t.db);
    const response = await upload({ cookie, origin: EVIL }, "csrf");
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/Cross-origin request refused: Origin https:\/\/evil\.example/);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("refuses a cookie-carrying upload the browser marks Sec-Fetch-Site: cross-site without an Origin", async () => {
    const before = await tableRowCounts(t.db);
    const response = await upload({ cookie, "sec-fetch-site": "cross-site" }, "csrf-no-origin");
    expect(response.status).toBe(403);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("accepts the same upload from the app's own origin, also when the Host header is 127.0.0.1", async () => {
    expect((await upload({ cookie, origin: APP }, "same origin")).status).toBe(201);
    expect((await upload({ cookie, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, "by address")).status).toBe(201);
  });

  it("accepts a cross-origin upload with an API token and no cookie (not CSRF-able)", async () => {
    expect((await upload({ authorization: `Bearer ${secret}`, origin: EVIL }, "token")).status).toBe(201);
  });
});

describe("POST /api/graphql and the origin check", () => {
  it("refuses a cross-origin mutation carrying the victim's cookie with 403 FORBIDDEN and creates nothing", async () => {
    const before = await tableRowCounts(t.db);
    const response = await graphql(createTeamMutation("Forged team", { cookie, origin: EVIL }));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(body.errors[0].message).toMatch(/Origin https:\/\/evil\.example is not this app's origin/);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("runs the mutation from the app's own origin, and cross-origin with an API token and no cookie", async () => {
    const own = (await (await graphql(createTeamMutation("Own team", { cookie, origin: APP }))).json()) as { data: { createTeam: { team: { id: string } | null } } };
    expect(own.data.createTeam.team).not.toBeNull();
    const token = (await (await graphql(createTeamMutation("Script team", { authorization: `Bearer ${secret}`, origin: EVIL }))).json()) as { data: { createTeam: { team: { id: string } | null } } };
    expect(token.data.createTeam.team).not.toBeNull();
  });
});
