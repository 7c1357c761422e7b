// The HTTP edge of /api/graphql, in front of Apollo (graphql/server.ts). Rule: a POST body is
// bounded (BODY_LIMITS.graphql, 413 before reading when Content-Length says so) and, when it is
// JSON, parsed here once: an empty or malformed body is a 400 with a GraphQL-shaped error naming
// the fault, never a 500 from the integration's `req.json()`. What passes goes on to Apollo with
// its parsed body attached, so it is not parsed twice. A cookie-carrying POST from a foreign origin
// (lib/http/origin) is a 403 FORBIDDEN before its body is read; GETs cannot mutate (Apollo runs
// only queries over GET, behind its own CSRF-prevention header check).
import { BODY_LIMITS, BodyTooLargeError, bodyTooLargeResponse, readBoundedBody } from "@/lib/http/body-limit";
import { crossOriginRefusal } from "@/lib/http/origin";

/** A 400 in the GraphQL over HTTP shape: `{ errors: [{ message, extensions: { code } }] }`. */
function errorResponse(message: string, code: string, status: number): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

function badRequest(message: string): Response {
  return errorResponse(message, "BAD_REQUEST", 400);
}

function isJson(contentType: string | null): boolean {
  const media = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return media === "application/json" || media === "application/graphql-response+json";
}

/**
 * Checks and parses the request, then hands it to `handle` (Apollo's Next handler). GET and
 * non-JSON POSTs are bounded and passed through for Apollo to judge (it answers 400/415 itself).
 */
export async function graphqlHttpEdge(request: Request, handle: (request: Request) => Promise<Response>, limit: number = BODY_LIMITS.graphql): Promise<Response> {
  if (request.method !== "POST") return handle(request);
  const refusal = crossOriginRefusal(request);
  if (refusal !== null) return errorResponse(refusal, "FORBIDDEN", 403);
  let bytes: Uint8Array;
  try {
    bytes = await readBoundedBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLargeResponse(error, "graphql");
    return badRequest("the request body could not be read");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return badRequest("the request body is not valid UTF-8");
  }
  const forwardHeaders = new Headers(request.headers);
  forwardHeaders.delete("content-length");
  if (!isJson(request.headers.get("content-type"))) {
    return handle(new Request(request.url, { method: "POST", headers: forwardHeaders, body: text, signal: request.signal }));
  }
  if (text.trim() === "") return badRequest("the request body is empty: send a JSON object { query, variables }");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return badRequest(`the request body is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null) return badRequest("the request body must be a JSON object { query, variables }");
  // The Next integration parses with req.json() only for exactly "application/json".
  forwardHeaders.set("content-type", "application/json");
  const forwarded = new Request(request.url, { method: "POST", headers: forwardHeaders, body: text, signal: request.signal });
  Object.defineProperty(forwarded, "json", { value: async () => parsed });
  return handle(forwarded);
}
