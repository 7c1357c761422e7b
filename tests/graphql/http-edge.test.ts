// /api/graphql's HTTP edge (graphql/http-edge.ts) in front of the real Apollo Next handler: empty,
// malformed or non-object JSON is a 400 naming the fault (never a 500), a body over the limit is a
// 413 (before reading when Content-Length says so), and everything else reaches Apollo unchanged.
import { startServerAndCreateNextHandler } from "@as-integrations/next";
import { beforeAll, describe, expect, it } from "vitest";
import { graphqlHttpEdge } from "@/graphql/http-edge";
import type { GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import { BODY_LIMITS } from "@/lib/http/body-limit";
import { useTestDatabase } from "@/tests/helpers/db";

const t = useTestDatabase();
let apollo: (request: Request) => Promise<Response>;
let reached = 0;

beforeAll(() => {
  const next = startServerAndCreateNextHandler<Request, GraphQLContext>(createApolloServer(), { context: async () => ({ db: t.db, actor: null }) });
  apollo = (request) => {
    reached++;
    return next(request);
  };
});

function post(body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }, init: RequestInit = {}): Request {
  return new Request("http://localhost:3000/api/graphql", { method: "POST", body, headers, ...init });
}

async function answer(request: Request) {
  const before = reached;
  const response = await graphqlHttpEdge(request, apollo);
  const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, body, reachedApollo: reached > before };
}

describe("graphqlHttpEdge", () => {
  const refused: { label: string; body: BodyInit; message: RegExp }[] = [
    { label: "an empty body", body: "", message: /body is empty/ },
    { label: "whitespace only", body: "  \n", message: /body is empty/ },
    { label: "malformed JSON", body: '{"query": "{ __typename }"', message: /not valid JSON/ },
    { label: "a JSON number", body: "42", message: /must be a JSON object/ },
    { label: "JSON null", body: "null", message: /must be a JSON object/ },
    { label: "bytes that are not UTF-8", body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), message: /not valid UTF-8/ },
  ];
  for (const c of refused) {
    it(`answers ${c.label} with 400 naming the fault, without reaching Apollo`, async () => {
      const result = await answer(post(c.body));
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0].message).toMatch(c.message);
      expect(result.body.errors?.[0].extensions?.code).toBe("BAD_REQUEST");
      expect(result.reachedApollo).toBe(false);
    });
  }

  it("passes a valid operation to Apollo (charset parameter too) and returns its answer", async () => {
    for (const type of ["application/json", "application/json; charset=utf-8"]) {
      const result = await answer(post(JSON.stringify({ query: "{ __typename }" }), { "content-type": type }));
      expect(result).toEqual({ status: 200, body: { data: { __typename: "Query" } }, reachedApollo: true });
    }
  });

  it("leaves a JSON object that is not an operation to Apollo's own 400", async () => {
    const result = await answer(post("{}"));
    expect(result.status).toBe(400);
    expect(result.reachedApollo).toBe(true);
  });

  it("refuses a declared Content-Length over the limit with 413 before reading", async () => {
    const result = await answer(post("{}", { "content-type": "application/json", "content-length": String(BODY_LIMITS.graphql + 1) }));
    expect(result.status).toBe(413);
    expect(result.body.errors?.[0].message).toMatch(new RegExp(`more than the ${BODY_LIMITS.graphql}-byte limit`));
    expect(result.reachedApollo).toBe(false);
  });

  it("stops reading a streamed body once it passes the limit (413) and reads no further", async () => {
    let pulled = 0;
    const piece = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(piece);
      },
    });
    const result = await answer(post(endless, { "content-type": "application/json" }, { duplex: "half" } as RequestInit));
    expect(result.status).toBe(413);
    expect(result.reachedApollo).toBe(false);
    // 1 MiB in 64 KiB pieces is 16 pieces; a few more may be queued by the stream, not thousands.
    expect(pulled).toBeLessThan(40);
  });
});
