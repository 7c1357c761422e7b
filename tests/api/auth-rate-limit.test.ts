// better-auth's sign-in rate limit keyed on the real client address (lib/http/client-address via
// the auth route's withClientAddress): sending a different X-Forwarded-For each time no longer
// escapes it; behind a trusted proxy each client has its own count, which a forged left part of
// X-Forwarded-For does not change; the counts are RateLimit rows, shared by two instances.
import { beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { markPeerServer, PEER_ADDRESS_HEADER, withClientAddress } from "@/lib/http/client-address";
import { TEST_AUTH_SECRET, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
/** better-auth's default for sign-in: 3 per 10 s per address. */
const SIGN_IN_MAX = 3;
const PROXY = "10.0.0.2";
let auth: Auth;
let other: Auth;

beforeAll(async () => {
  // This process stands for one behind lib/http/peer-server.ts, which stamps PEER_ADDRESS_HEADER.
  markPeerServer();
  auth = createAuth(t.db, { secret: TEST_AUTH_SECRET, baseURL: "http://localhost:3000" });
  other = createAuth(t.db, { secret: TEST_AUTH_SECRET, baseURL: "http://localhost:3000" });
});

/** A wrong-password sign-in as the auth route hands it to better-auth. */
function signIn(via: Auth, email: string, headers: Record<string, string>, trusted = new Set<string>()): Promise<Response> {
  const request = new Request("http://localhost:3000/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: "http://localhost:3000", ...headers },
    body: JSON.stringify({ email, password: "not the password, surely" }),
  });
  return via.handler(withClientAddress(request, trusted));
}

describe("the sign-in rate limit", () => {
  it("is not escaped by a different X-Forwarded-For on every request", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await signIn(auth, `nobody${i}@example.org`, { [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": `198.51.100.${i}` });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, SIGN_IN_MAX)).toEqual(Array(SIGN_IN_MAX).fill(401));
    expect(statuses.slice(SIGN_IN_MAX)).toEqual(Array(8 - SIGN_IN_MAX).fill(429));
    // Another client (another peer) is not affected.
    expect((await signIn(auth, "nobody@example.org", { [PEER_ADDRESS_HEADER]: "203.0.113.8" })).status).toBe(401);
  });

  it("behind a trusted proxy counts each forwarded client apart, and a forged left part changes nothing", async () => {
    const trusted = new Set([PROXY]);
    const via = (client: string, forged = "") => ({ [PEER_ADDRESS_HEADER]: PROXY, "x-forwarded-for": `${forged}${client}` });
    for (let i = 0; i < SIGN_IN_MAX; i++) expect((await signIn(auth, "a@example.org", via("198.51.100.50", `192.0.2.${i}, `), trusted)).status).toBe(401);
    expect((await signIn(auth, "a@example.org", via("198.51.100.50", "192.0.2.99, "), trusted)).status).toBe(429);
    expect((await signIn(auth, "b@example.org", via("198.51.100.51"), trusted)).status).toBe(401);
  });

  it("is shared by two instances on one database", async () => {
    const peer = { [PEER_ADDRESS_HEADER]: "203.0.113.20" };
    const statuses = [];
    for (let i = 0; i <= SIGN_IN_MAX; i++) statuses.push((await signIn(i % 2 ? other : auth, "c@example.org", peer)).status);
    expect(statuses).toEqual([...Array(SIGN_IN_MAX).fill(401), 429]);
    expect(await t.db.rateLimit.count({ where: { key: { startsWith: "203.0.113.20|" } } })).toBe(1);
  });
});
