// The Fetch-API handler of /api/graphql: a Web `Request` in, Apollo's `executeHTTPGraphQLRequest`,
// a Web `Response` out — no framework integration in between (the Next integration re-parses the
// URL with the deprecated `url.parse`, copies headers twice and wraps every body in a stream).
// Rules: the context (actor, database) is built only when Apollo asks for it, once per request (a
// data error building it, e.g. an expired token, keeps its code and status); a JSON body that does not parse is a 400 in the GraphQL error shape; everything else about the
// request (method, content type, batching, CSRF prevention) is Apollo's to judge.
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { GraphQLContext } from "./context";
import { codedError } from "./errors";

/** Builds the per-request context (db, actor) from the request. */
export type ContextBuilder = (request: Request) => Promise<GraphQLContext>;

function badRequest(message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] }, { status: 400 });
}

function isJson(contentType: string | null): boolean {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return media === "application/json" || media === "application/graphql-response+json";
}

/** The query string of a URL, "?…" or "" (without building a URL object). */
function searchOf(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return "";
  const hash = url.indexOf("#", q);
  return hash < 0 ? url.slice(q) : url.slice(q, hash);
}

/** A handler for GET and POST /api/graphql on `server` (started here, in the background). */
export function createGraphQLHandler(server: ApolloServer<GraphQLContext>, context: ContextBuilder): (request: Request) => Promise<Response> {
  server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  return async (request) => {
    const headers = new HeaderMap();
    request.headers.forEach((value, key) => headers.set(key, value));
    let body: unknown;
    if (request.method === "POST") {
      if (isJson(request.headers.get("content-type"))) {
        try {
          body = await request.json();
        } catch (error) {
          return badRequest(`the request body is not valid JSON (${(error as Error).message})`);
        }
      } else {
        body = await request.text();
      }
    }
    const result = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method.toUpperCase(), headers, search: searchOf(request.url), body },
      context: () => context(request).catch((error: unknown) => {
        throw codedError(error);
      }),
    });
    const responseHeaders = new Headers();
    for (const [key, value] of result.headers) responseHeaders.set(key, value);
    const status = result.status ?? 200;
    if (result.body.kind === "complete") return new Response(result.body.string, { status, headers: responseHeaders });
    // Incremental delivery (@defer): stream the parts as Apollo produces them.
    const parts = result.body.asyncIterator;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await parts.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await parts.return?.();
      },
    });
    return new Response(stream, { status, headers: responseHeaders });
  };
}
