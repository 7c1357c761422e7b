// proxy.ts (Next 16's middleware) and next.config.js headers: every page answer carries a CSP with a
// fresh nonce, passed to Next's renderer in the request's own CSP header (so Next stamps the nonce on
// its scripts); API routes and static files are not proxied (an upload's body must not be buffered
// by the proxy) but get the static headers from next.config.js.
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import type { NextConfig } from "next";
import { config, proxy } from "@/proxy";
import { REQUEST_PATH_HEADER } from "@/lib/client/next-path";

// next.config.js is plain JavaScript without declarations: imported through a widened specifier.
const nextConfigPath: string = "@/next.config.js";
const nextConfig = ((await import(nextConfigPath)) as { default: NextConfig }).default;

function nonceOf(csp: string | null): string | undefined {
  return csp?.match(/'nonce-([^']+)'/)?.[1];
}

describe("proxy", () => {
  it("answers a page request with a nonce CSP and hands the same CSP to the renderer", () => {
    const response = proxy(new NextRequest("http://localhost:3000/models"));
    const csp = response.headers.get("content-security-policy");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    // NextResponse.next({ request: { headers } }) passes overridden request headers this way.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
  });

  it("hands the renderer the page's own path and query (where a sign-in returns), overwriting a client's value", () => {
    const request = new NextRequest("http://localhost:3000/models/abc/heads/1.0?v=2", { headers: { [REQUEST_PATH_HEADER]: "//evil.example" } });
    expect(proxy(request).headers.get(`x-middleware-request-${REQUEST_PATH_HEADER}`)).toBe("/models/abc/heads/1.0?v=2");
  });

  it("makes a new nonce for every request", () => {
    const a = nonceOf(proxy(new NextRequest("http://localhost:3000/")).headers.get("content-security-policy"));
    const b = nonceOf(proxy(new NextRequest("http://localhost:3000/")).headers.get("content-security-policy"));
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it("runs for pages but not for API routes, static files or prefetches", () => {
    const matches = (url: string, headers?: Record<string, string>) => unstable_doesMiddlewareMatch({ config, nextConfig, url, headers });
    expect(matches("/models")).toBe(true);
    expect(matches("/models/abc/heads/1.0")).toBe(true);
    expect(matches("/sign-in")).toBe(true);
    expect(matches("/api/models")).toBe(false);
    expect(matches("/api/graphql")).toBe(false);
    expect(matches("/_next/static/chunks/main.js")).toBe(false);
    expect(matches("/models", { "next-router-prefetch": "1" })).toBe(false);
  });
});

describe("next.config.js headers", () => {
  it("sends nosniff, X-Frame-Options DENY and the referrer policy on every path, API routes included", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*");
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
  });
});
