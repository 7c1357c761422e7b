// Secure cookies behind an https proxy. better-auth decides Secure once, from $BETTER_AUTH_URL (or
// $CIRCUITBOARD_SECURE_COOKIES=1, lib/auth/auth.ts); an install whose public URL is unset but that is
// reached through a TLS-terminating proxy would otherwise hand out cookies a browser also sends over
// plain http. Rules: a request arrived over https when its URL is https, or when its TCP peer is a
// proxy listed in $CIRCUITBOARD_TRUSTED_PROXIES and that proxy's X-Forwarded-Proto (the first value:
// the client-facing hop) says https; then every cookie of the response gets the Secure attribute.
// A client's own X-Forwarded-Proto is never believed. The cookie names stay unprefixed, so the
// same session cookie is read whichever way the request came. The peer is the one
// lib/http/client-address reads (stamped by lib/http/peer-server from the socket).
import { normalizeAddress } from "@/lib/http/client-address";

/** Whether the request reached the client-facing server over https (see the rules above). */
export function arrivedOverHttps(request: Request, peer: string | null, trusted: ReadonlySet<string>): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const from = peer ? normalizeAddress(peer) : null;
  if (!from || !trusted.has(from)) return false;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase();
  return proto === "https";
}

/** `response` with `; Secure` added to each Set-Cookie that lacks it (status, body and other headers kept). */
export function withSecureCookies(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  if (cookies.length === 0) return response;
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const cookie of cookies) {
    const attributes = cookie.split(";").slice(1).map((a) => a.trim().toLowerCase());
    headers.append("set-cookie", attributes.includes("secure") ? cookie : `${cookie}; Secure`);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The auth route's last step: Secure cookies when the request arrived over https. */
export function secureCookiesIfHttps(request: Request, response: Response, peer: string | null, trusted: ReadonlySet<string>): Response {
  return arrivedOverHttps(request, peer, trusted) ? withSecureCookies(response) : response;
}
