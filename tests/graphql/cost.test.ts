// graphql/cost.ts and its limit (graphql/limits.ts costLimitPlugin): costs that hold with
// variables, aliases, fragments and nested lists, checked on hand-worked totals from the rules in
// cost.ts's header, and refusals that happen before any resolver touches the database.
import { buildSchema as buildSdl, parse } from "graphql";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { DEFAULT_LIST_SIZE, FIELD_WEIGHTS, operationCost } from "@/graphql/cost";
import { LIMITS } from "@/graphql/limits";
import { buildSchema } from "@/graphql/schema";
import { MODEL_DETAIL_QUERY, MODEL_LIST_QUERY } from "@/lib/client/operations";
import { TYPED_TRIGRAMS_QUERY } from "@/app/models/[id]/dt-queries";
import { codes, gql } from "./harness";

const schema = buildSchema();
const cost = (query: string, variables?: Record<string, unknown>) => operationCost(schema, parse(query), { variables }).cost;
// Validation and the cost limit run before resolvers: a db that is never touched.
const noDb = {} as Db;
const actor = { userId: "u1", email: "u1@example.test", name: "u1", via: "session" as const };

describe("operationCost", () => {
  it("weighs the decision-transformer fields as the analyses they run, and the overview's DT queries fit the limit", () => {
    const traj = "timesteps: [0], rtg: [1], states: [[0]], actions: []";
    for (const [field, selection] of [["actionLogits", "actionLogits { state }"], ["attentionShare", "attentionShare { state }"], ["rtgSweep", "rtgSweep { state }"]]) {
      const r = operationCost(schema, parse(`{ run(modelId: "m", trajectory: { ${traj} }) { ${selection} } }`));
      expect(r.expensive[`ForwardRun.${field}`], field).toBe(1);
      expect(FIELD_WEIGHTS[`ForwardRun.${field}`]).toBeGreaterThanOrEqual(100);
    }
    const typed = operationCost(schema, parse(TYPED_TRIGRAMS_QUERY.toString()), { variables: { id: "m", topK: 20 } });
    expect(typed.expensive["Model.typedSkipTrigrams"]).toBe(1);
    expect(typed.cost).toBeLessThanOrEqual(LIMITS.maxCost);
  });

  // models: n items × (1 + edges: 1 × (1 + node: 1 × (1 + id 0))) = 3n.
  const PAGE = "query($n: Int) { models(first: $n) { edges { node { id } } } }";

  it("counts `first` the same whether literal, a variable, or the schema default (20)", () => {
    expect(cost("{ models(first: 100) { edges { node { id } } } }")).toBe(300);
    expect(cost(PAGE, { n: 100 })).toBe(300);
    expect(cost(PAGE, { n: 7 })).toBe(21);
    expect(cost(PAGE, {})).toBe(60);
    expect(cost("{ models { edges { node { id } } } }")).toBe(60);
  });

  it("multiplies nested lists: a page of head reports costs the page size times a head report", () => {
    const q = "query($n: Int) { models(first: $n) { edges { node { headReport { status } } } } }";
    // per item of the page: 1 + edges 1 + node 1 + headReport (its weight + 1 for its object).
    const perModel = 1 + 1 + 1 + FIELD_WEIGHTS["Model.headReport"] + 1;
    expect(cost(q, { n: 100 })).toBe(100 * perModel);
    expect(cost(q, { n: 100 })).toBeGreaterThan(LIMITS.maxCost);
    // A list without a size argument counts DEFAULT_LIST_SIZE items: layers × heads.
    expect(cost("{ model(id: \"m\") { layers { heads { name } } } }")).toBe(1 + DEFAULT_LIST_SIZE * (1 + DEFAULT_LIST_SIZE * 1));
  });

  it("counts every alias, and reports how many expensive fields would run", () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `c${i}: compareModels(a: "a", b: "b") { status }`).join(" ")} }`;
    const one = operationCost(schema, parse(aliases(1)));
    const fifteen = operationCost(schema, parse(aliases(15)));
    expect(one.cost).toBe(FIELD_WEIGHTS["Query.compareModels"] + 1);
    expect(fifteen.cost).toBe(15 * one.cost);
    expect(fifteen.expensive).toEqual({ "Query.compareModels": 15 });
    const reports = operationCost(schema, parse("{ models(first: 30) { edges { node { headReport { status } } } } }"));
    expect(reports.expensive).toEqual({ "Model.headReport": 30 });
  });

  it("counts fields reached through named and inline fragments as if written in place", () => {
    const plain = cost("query($n: Int) { models(first: $n) { edges { node { id headReport { status } } } } }", { n: 10 });
    const named = cost("query($n: Int) { models(first: $n) { ...Page } } fragment Page on ModelConnection { edges { node { ...M } } } fragment M on Model { id headReport { status } }", { n: 10 });
    const inline = cost("query($n: Int) { models(first: $n) { edges { node { ... on Model { id headReport { status } } } } } }", { n: 10 });
    expect(named).toBe(plain);
    expect(inline).toBe(plain);
  });

  it("adds topK and bottomK when both are given, and uses their defaults", () => {
    const sdl = buildSdl("type Row { v: Float } type Query { ov(topK: Int = 10, bottomK: Int): [Row!]! }");
    const c = (q: string, variables?: Record<string, unknown>) => operationCost(sdl, parse(q), { variables }).cost;
    expect(c("{ ov { v } }")).toBe(10);
    expect(c("query($k: Int, $b: Int) { ov(topK: $k, bottomK: $b) { v } }", { k: 40, b: 2 })).toBe(42);
    expect(c("{ ov(topK: 3, bottomK: 4) { v } }")).toBe(7);
    // A huge number counts as huge, not as Infinity or a negative.
    expect(c("query($k: Int) { ov(topK: $k) { v } }", { k: 1e300 })).toBeGreaterThan(1e8);
    expect(c("query($k: Int) { ov(topK: $k) { v } }", { k: -5 })).toBe(0);
  });

  it("keeps the app's own queries far under the limit", () => {
    expect(cost(MODEL_LIST_QUERY.toString(), { first: LIMITS.maxPageSize })).toBeLessThan(LIMITS.maxCost);
    expect(cost(MODEL_DETAIL_QUERY.toString(), { id: "m" })).toBeLessThan(LIMITS.maxCost);
  });
});

describe("the cost limit on the server", () => {
  it("refuses `models(first: $n) { headReport }` with n = 100 passed as a variable, before any resolver", async () => {
    const result = await gql(noDb, actor, "query($n: Int) { models(first: $n) { edges { node { headReport { status } } } } }", { n: 100 });
    expect(result.data).toBeUndefined();
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`Cost limit of ${LIMITS.maxCost} exceeded: this operation costs \\d+`));
  });

  it("refuses 15 aliased compareModels (and so they cannot slow anyone down)", async () => {
    const q = `{ ${Array.from({ length: 15 }, (_, i) => `c${i}: compareModels(a: "a", b: "b") { status }`).join(" ")} }`;
    const result = await gql(noDb, actor, q);
    expect(codes(result)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("refuses through fragments what it refuses written out", async () => {
    const q = "query($n: Int) { models(first: $n) { ...P } } fragment P on ModelConnection { edges { node { headReport { status } } } }";
    expect(codes(await gql(noDb, actor, q, { n: 100 }))).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });
});
