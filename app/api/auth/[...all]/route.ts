// Mounts better-auth's endpoints (sign-up, sign-in, sign-out, session) under /api/auth.
// Rule: this file only wires Next to lib/auth; cookie attributes and trusted origins live there.
// The body is bounded (BODY_LIMITS.auth) before better-auth parses it or touches the database, and
// better-auth's rate limits are keyed on the client address of lib/http/client-address (the TCP
// peer; X-Forwarded-For only from $CIRCUITBOARD_TRUSTED_PROXIES), never on a client-sent header;
// a request a trusted proxy forwarded as https gets Secure cookies (lib/auth/secure-cookies).
import { getAuth } from "@/lib/auth/auth";
import { BODY_LIMITS, BodyTooLargeError, bodyTooLargeResponse, withBoundedBody } from "@/lib/http/body-limit";
import { peerAddressOf, trustedProxies, withClientAddress } from "@/lib/http/client-address";
import { secureCookiesIfHttps } from "@/lib/auth/secure-cookies";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  let bounded: Request;
  try {
    bounded = await withBoundedBody(request, BODY_LIMITS.auth);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return bodyTooLargeResponse(error);
    throw error;
  }
  const auth = await getAuth();
  const response = await auth.handler(withClientAddress(bounded));
  return secureCookiesIfHttps(request, response, peerAddressOf(request.headers), trustedProxies());
}

export { handle as GET, handle as POST };
