// Next 16's proxy (formerly middleware), run before every page: a fresh nonce and the page CSP
// (lib/http/security-headers) on the response and on the request, where Next's renderer reads the
// nonce and stamps it on its own scripts; also the page's path (REQUEST_PATH_HEADER). Pages are therefore rendered per request (app/layout.tsx
// awaits connection()): a page prerendered at build time would carry no nonce and its scripts would
// be blocked. Not run for API routes (an upload's body must never pass through the proxy), Next's
// static files or link prefetches; next.config.js sets the static security headers everywhere.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/client/next-path";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  // The page's own path, where a sign-in it redirects to comes back (app/models/[id]/load-model.ts);
  // always overwritten, so a client's value never counts.
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
