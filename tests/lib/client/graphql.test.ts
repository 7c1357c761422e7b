// The browser's GraphQL fetch (lib/client/graphql.ts) with the generated documents: it sends the
// document's full text (fragments included) with its variables, and resolves only on a 2xx answer
// without `errors`.
import { afterEach, describe, expect, it, vi } from "vitest";
import { gql, GraphQLRequestError } from "@/lib/client/graphql";
import { MODEL_DETAIL_QUERY, VIEWER_QUERY } from "@/lib/client/operations";

function answer(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe("gql with a generated document", () => {
  it("posts the operation text with the fragments it spreads, and the variables", async () => {
    const fetchMock = answer(200, { data: { model: null } });
    await expect(gql(MODEL_DETAIL_QUERY, { id: "abc" })).resolves.toEqual({ model: null });
    const body = JSON.parse(String(fetchMock.mock.calls[0][1].body)) as { query: string; variables: unknown };
    expect(body.variables).toEqual({ id: "abc" });
    expect(body.query).toMatch(/^\s*query ModelDetail\(\$id: ID!\)/);
    expect(body.query).toContain("fragment ModelCardFields on Model");
  });

  it("throws the server's message and code when the body has errors, even on a 200", async () => {
    answer(200, { data: null, errors: [{ message: "Sign in first.", extensions: { code: "UNAUTHENTICATED" } }] });
    const error = await gql(VIEWER_QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toMatchObject({ message: "Sign in first.", code: "UNAUTHENTICATED", status: 200 });
  });

  it("throws on a non-2xx status without errors", async () => {
    answer(502, {});
    await expect(gql(VIEWER_QUERY)).rejects.toMatchObject({ status: 502, code: undefined });
  });
});
