// Who is making a request. Rule: an `Authorization: Bearer` header is decisive (a bad or revoked
// token gives no actor, an expired one an UnauthenticatedError, never a fallback to the cookie);
// otherwise the better-auth session cookie.
// Both lookups go through ./actor-cache (a few seconds in memory; revocation and sign-out forget).
import { findActorByApiToken } from "@/lib/db/api-tokens";
import { getDb, type Db } from "@/lib/db/client";
import { cachedActor } from "./actor-cache";
import { getAuth, type Auth } from "./auth";
import type { Actor } from "./policy";
import { API_TOKEN_PREFIX, hashSecret } from "./secrets";

export type { Actor } from "./policy";

export interface ActorDeps {
  db: Db;
  auth: Auth;
}

/** better-auth's session cookie: `better-auth.session_token`, `__Secure-` prefixed behind https. */
const SESSION_COOKIE = /^(?:__Secure-)?better-auth\.session_token$/;

/** The session cookie's value as sent (`token.signature`, URL-encoded), or null when absent. */
export function sessionCookieValue(cookieHeader: string): string | null {
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && SESSION_COOKIE.test(part.slice(0, eq).trim())) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session token inside a signed cookie value (before the signature), as better-auth stores it. */
function sessionTokenOf(cookieValue: string): string {
  let decoded = cookieValue;
  try {
    decoded = decodeURIComponent(cookieValue);
  } catch {
    // A malformed escape: better-auth will refuse the cookie; the raw value is as good a key.
  }
  const dot = decoded.indexOf(".");
  return dot > 0 ? decoded.slice(0, dot) : decoded;
}

async function sessionActor(headers: Headers, deps?: ActorDeps): Promise<{ actor: Actor; expiresAt: Date } | null> {
  const auth = deps?.auth ?? (await getAuth());
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  return {
    actor: { userId: session.user.id, email: session.user.email, name: session.user.name, via: "session" },
    expiresAt: new Date(session.session.expiresAt),
  };
}

/** The actor behind a request (or its headers), or null when signed out. Defaults to the app's db and auth. */
export async function getActor(request: Request | Headers, deps?: ActorDeps): Promise<Actor | null> {
  const headers = request instanceof Headers ? request : request.headers;
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || !match[1].startsWith(API_TOKEN_PREFIX)) return null;
    const secret = match[1];
    const hash = hashSecret(secret);
    // The lookup throws UNAUTHENTICATED for an expired token; a cached entry never outlives the
    // token's expiry (actor-cache caps it), so an expired token is looked up again and refused.
    return cachedActor(`token:${hash}`, hash, async () => findActorByApiToken(deps?.db ?? (await getDb()), secret));
  }
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const value = sessionCookieValue(cookie);
  // No session cookie under the expected name: ask better-auth anyway (uncached), it knows best.
  if (value === null) return (await sessionActor(headers, deps))?.actor ?? null;
  return cachedActor(`session:${hashSecret(value)}`, hashSecret(sessionTokenOf(value)), () => sessionActor(headers, deps));
}
