// graphql/rate-limit.ts: the per-account limit on analyses started per minute. Through a real
// server (createApolloServer with a small limit) on the test database: compareModels (always
// computed) and headReport (computed once, then cached) are charged only when they compute, the
// refusal is RATE_LIMITED with a retry time, a response refused entirely is HTTP 429 with
// Retry-After, and another account is not affected.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createModelFromUpload } from "@/lib/db/tensors";
import { EXPENSIVE_PER_MINUTE, expensivePerMinute, principalOf, RATE_WINDOW_MS, SlidingWindowLimiter } from "@/graphql/rate-limit";
import { createApolloServer } from "@/graphql/server";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import type { FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { createTeamWith, randomModelUpload } from "./fixtures";

const t = useTestDatabase();
const CFG: FixtureConfig = { n_layers: 1, n_heads: 2, d_model: 8, d_head: 4, d_vocab: 6, n_ctx: 8 };
const LIMIT = 3;

let alice: Actor, bob: Actor, aId: string, bId: string, cId: string;

beforeAll(async () => {
  alice = await createTestUser(t.db, "alice");
  bob = await createTestUser(t.db, "bob");
  const teamId = await createTeamWith(t.db, "Quota lab", [[alice, "OWNER"], [bob, "EDITOR"]]);
  const create = async (name: string, seed: number) => (await createModelFromUpload(t.db, alice, { teamId, name, visibility: "TEAM", ...randomModelUpload(CFG, seed) })).model.id;
  [aId, bId, cId] = [await create("a", 1), await create("b", 2), await create("c", 3)];
});

/** Runs an operation on `server` and returns status, Retry-After, data and error codes. */
async function run(server: ReturnType<typeof createApolloServer>, actor: Actor | null, query: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables }, { contextValue: { db: t.db, actor } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return {
    status: response.http.status ?? 200,
    retryAfter: response.http.headers.get("retry-after"),
    data: data as Record<string, unknown> | null | undefined,
    codes: (errors ?? []).map((e) => e.extensions?.code),
    messages: (errors ?? []).map((e) => e.message),
  };
}

const COMPARE = "query($a: ID!, $b: ID!) { compareModels(a: $a, b: $b) { status } }";
const REPORT = "query($id: ID!) { model(id: $id) { headReport { status cached } } }";

describe("SlidingWindowLimiter", () => {
  it("allows `limit` takes in any window, then refuses until the oldest leaves the window", () => {
    const limiter = new SlidingWindowLimiter(2, 1000);
    expect(limiter.take("k", 0).ok).toBe(true);
    expect(limiter.take("k", 400).ok).toBe(true);
    expect(limiter.take("k", 999)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(limiter.take("other", 999).ok).toBe(true);
    expect(limiter.take("k", 1000).ok).toBe(true);
    expect(limiter.take("k", 1001)).toEqual({ ok: false, retryAfterMs: 399 });
  });

  it("with a limit of 0 refuses everything for a whole window", () => {
    expect(new SlidingWindowLimiter(0, RATE_WINDOW_MS).take("k", 5)).toEqual({ ok: false, retryAfterMs: RATE_WINDOW_MS });
  });

  it("reads $CIRCUITBOARD_EXPENSIVE_PER_MINUTE, ignoring nonsense", () => {
    const saved = process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE;
    try {
      process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE = "7";
      expect(expensivePerMinute()).toBe(7);
      process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE = "-1";
      expect(expensivePerMinute()).toBe(EXPENSIVE_PER_MINUTE);
      process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE = "lots";
      expect(expensivePerMinute()).toBe(EXPENSIVE_PER_MINUTE);
    } finally {
      if (saved === undefined) delete process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE;
      else process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE = saved;
    }
  });

  it("charges an account by its id and a signed-out request by its address", () => {
    expect(principalOf({ actor: alice, clientAddress: "10.0.0.1" })).toBe(`user:${alice.userId}`);
    expect(principalOf({ actor: null, clientAddress: "10.0.0.1" })).toBe("ip:10.0.0.1");
  });
});

describe("the rate limit on analyses", () => {
  let server: ReturnType<typeof createApolloServer>;

  it("lets an account start LIMIT comparisons a minute, then answers RATE_LIMITED with HTTP 429 and Retry-After", async () => {
    server = createApolloServer({ expensivePerMinute: LIMIT });
    for (let i = 0; i < LIMIT; i++) {
      const ok = await run(server, alice, COMPARE, { a: aId, b: bId });
      expect(ok.codes).toEqual([]);
      expect(ok.data).toEqual({ compareModels: { status: "READY" } });
    }
    const refused = await run(server, alice, COMPARE, { a: aId, b: bId });
    expect(refused.codes).toEqual(["RATE_LIMITED"]);
    expect(refused.messages[0]).toMatch(new RegExp(`at most ${LIMIT} per minute per account.*Retry in \\d+ s`));
    expect(refused.status).toBe(429);
    const seconds = Number(refused.retryAfter);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    // Another account has its own budget.
    expect((await run(server, bob, COMPARE, { a: aId, b: bId })).data).toEqual({ compareModels: { status: "READY" } });
  });

  it("answers the rest of a request normally (HTTP 200, partial data) when only part of it is refused", async () => {
    const partial = await run(server, alice, "query($a: ID!, $b: ID!) { apiVersion compareModels(a: $a, b: $b) { status } }", { a: aId, b: bId });
    expect(partial.codes).toEqual(["RATE_LIMITED"]);
    expect(partial.status).toBe(200);
    expect(partial.data).toMatchObject({ compareModels: null });
    expect(typeof partial.data?.apiVersion).toBe("string");
  });

  it("charges a head report only when it is computed: a cached one is served to an account over its limit", async () => {
    // Alice is over her limit: computing c's report is refused…
    const refused = await run(server, alice, REPORT, { id: cId });
    expect(refused.codes).toEqual(["RATE_LIMITED"]);
    expect(refused.status).toBe(429);
    expect(await t.db.analysisResult.count({ where: { modelVersion: { modelId: cId } } })).toBe(0);
    // …Bob computes it (one of his analyses)…
    expect((await run(server, bob, REPORT, { id: cId })).data).toEqual({ model: { headReport: { status: "READY", cached: false } } });
    // …and Alice reads it from the cache, free, as often as she likes.
    for (let i = 0; i < LIMIT + 2; i++) {
      const cached = await run(server, alice, REPORT, { id: cId });
      expect(cached.codes).toEqual([]);
      expect(cached.data).toEqual({ model: { headReport: { status: "READY", cached: true } } });
    }
  });
});
