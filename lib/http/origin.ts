// The origin (CSRF) check for every state-changing route. Rule: a POST/PUT/PATCH/DELETE that carries
// a cookie is refused unless the browser says it comes from the app's own origin — the request's
// URL, its Host header (Next rewrites request.url to "localhost" when listening on 127.0.0.1), the
// public URL $BETTER_AUTH_URL — or one listed in $CIRCUITBOARD_TRUSTED_ORIGINS. "Says" means the
// Origin header or, without one, Sec-Fetch-Site; a client that sends neither is not a browser and
// cannot be made to send the victim's cookie by another site. A request without cookies (an API token
// in `Authorization: Bearer`, which a foreign page cannot set without a CORS preflight we never grant,
// or no credentials at all) is not CSRF-able and passes. better-auth checks /api/auth itself with the
// same origins (lib/auth/auth.ts).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** $CIRCUITBOARD_TRUSTED_ORIGINS: comma-separated origins allowed to send cookie-carrying writes. */
export function extraTrustedOrigins(): string[] {
  return (process.env.CIRCUITBOARD_TRUSTED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * The origins a request was addressed to: its URL's, the one its Host header names (with the URL's
 * scheme, and with the scheme a proxy reports in X-Forwarded-Proto). A cross-site page cannot choose
 * these headers on the victim's browser, so they are as trustworthy as the URL.
 */
export function requestOrigins(request: Request): string[] {
  const url = new URL(request.url);
  const origins = [url.origin];
  const host = request.headers.get("host");
  if (host) {
    origins.push(`${url.protocol}//${host}`);
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase();
    if (proto === "https" || proto === "http") origins.push(`${proto}://${host}`);
  }
  return origins;
}

/** An origin in the canonical form browsers send (lower-case scheme and host, default port dropped), or null. */
function canonicalOrigin(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

function allowedOrigins(request: Request): Set<string> {
  const publicUrl = process.env.BETTER_AUTH_URL?.trim();
  const candidates = [...requestOrigins(request), ...(publicUrl ? [publicUrl] : []), ...extraTrustedOrigins()];
  return new Set(candidates.map(canonicalOrigin).filter((o): o is string => o !== null));
}

/**
 * Why this request must be refused as cross-origin (a message for the client), or null when it may
 * proceed. Only state-changing methods with a Cookie header are judged.
 */
export function crossOriginRefusal(request: Request): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (!request.headers.get("cookie")) return null;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const canonical = canonicalOrigin(origin.trim());
    if (canonical !== null && allowedOrigins(request).has(canonical)) return null;
    return `Cross-origin request refused: Origin ${origin.trim() || "(empty)"} is not this app's origin. Send the request from the app itself, use an API token (Authorization: Bearer) instead of the session cookie, or list the origin in CIRCUITBOARD_TRUSTED_ORIGINS.`;
  }
  const site = request.headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (site === "cross-site" || site === "same-site") {
    return `Cross-origin request refused: the browser marked it Sec-Fetch-Site: ${site} and sent no Origin. Send the request from the app itself or use an API token (Authorization: Bearer) instead of the session cookie.`;
  }
  return null;
}
