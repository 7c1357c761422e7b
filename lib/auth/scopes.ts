// What an API token may do. Rules: a token carries scopes — READ (queries, subscriptions), WRITE
// (every mutation and upload), TOKENS (createApiToken, revokeApiToken, instead of WRITE); a session
// (cookie) has every scope; a token never grants a scope it does not hold. The scope a request
// needs is decided here and checked by `assertScope`, called from exactly two places: the GraphQL
// execution of a mutation (graphql/scopes.ts) and the upload route (lib/upload/handler.ts).
import { ForbiddenError } from "@/lib/db/errors";
import type { Actor } from "./policy";

export const TOKEN_SCOPES = ["READ", "WRITE", "TOKENS"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The scopes of a token created without asking for any. */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ["READ", "WRITE"];

/** Mutations that manage the account's tokens: they need TOKENS, so a leaked token cannot mint more. */
const TOKEN_MUTATIONS: ReadonlySet<string> = new Set(["createApiToken", "revokeApiToken"]);

/** The scope a root mutation field needs. */
export function scopeForMutation(field: string): TokenScope {
  return TOKEN_MUTATIONS.has(field) ? "TOKENS" : "WRITE";
}

/** True when the actor holds the scope: always for a session, by its list for a token. */
export function hasScope(actor: Actor, scope: TokenScope): boolean {
  return actor.via === "session" || (actor.scopes ?? []).includes(scope);
}

/** FORBIDDEN, naming the scope and what needed it, unless the actor holds `scope`. */
export function assertScope(actor: Actor | null, scope: TokenScope, what: string): void {
  if (!actor || hasScope(actor, scope)) return;
  throw new ForbiddenError(`This API token lacks the ${scope} scope, which ${what} needs; create a token with ${scope} under Settings.`);
}
