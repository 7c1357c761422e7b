// The browser's one way to reach /api/graphql. Rule: a request resolves only when the HTTP status
// is 2xx AND the body has no `errors`; anything else throws a GraphQLRequestError carrying the
// server's message and its `extensions.code`, so components never see half a result. Documents are
// the generated typed ones (lib/client/gql, `npm run codegen`), so the result and variables are
// typed from schema.graphql.
import type { TypedDocumentString } from "./gql/graphql";

/** An error from /api/graphql: transport (status ≠ 2xx) or a GraphQL error in the body. */
export class GraphQLRequestError extends Error {
  override readonly name = "GraphQLRequestError";
  constructor(
    message: string,
    /** `extensions.code` of the first error (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, ...). */
    readonly code: string | undefined,
    /** HTTP status of the response (0 when the request never reached the server). */
    readonly status: number,
    /** The first error's whole `extensions` (e.g. CONFLICT's `current`, the row as it is now). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** The GraphQL endpoint; same origin, the session cookie goes along. */
export const GRAPHQL_ENDPOINT = "/api/graphql";

/**
 * Runs one generated GraphQL document with the session cookie and returns its typed `data`.
 * Throws GraphQLRequestError on a network failure, a non-2xx status or any `errors` entry.
 */
export async function gql<T, V>(document: TypedDocumentString<T, V>, variables?: V, signal?: AbortSignal): Promise<T> {
  const query = document.toString();
  let res: Response;
  try {
    res = await fetch(GRAPHQL_ENDPOINT, {
      method: "POST",
      // Apollo's CSRF prevention accepts a JSON content type; the cookie is sent same-origin.
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new GraphQLRequestError("The server could not be reached. Is it running?", undefined, 0);
  }
  const body = (await res.json().catch(() => null)) as GraphQLResponseBody<T> | null;
  const first = body?.errors?.[0];
  if (first) throw new GraphQLRequestError(first.message, first.extensions?.code, res.status, first.extensions ?? {});
  if (!res.ok) throw new GraphQLRequestError(`The server answered ${res.status} ${res.statusText}`.trim(), undefined, res.status);
  if (!body || body.data == null) throw new GraphQLRequestError("The server sent no data", undefined, res.status);
  return body.data;
}

/** True when the error means "sign in first". */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof GraphQLRequestError && (error.code === "UNAUTHENTICATED" || error.status === 401);
}

/** The current row a CONFLICT error carries (`extensions.current`), or null for any other error. */
export function conflictCurrent(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof GraphQLRequestError) || error.code !== "CONFLICT") return null;
  const current = error.extensions.current;
  return current !== null && typeof current === "object" ? (current as Record<string, unknown>) : null;
}
