// lib/http/security-headers: the page CSP allows scripts only by this request's nonce (no inline
// script, no eval outside development) and forbids framing. The static headers are in next.config.js
// (tests/app/proxy.test.ts).
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

/** The CSP's directives as a map from name to its source list. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

describe("contentSecurityPolicy", () => {
  const nonce = "bm9uY2Utb2YtdGhpcy10ZXN0";
  const csp = directives(contentSecurityPolicy({ nonce, dev: false }));

  it("lets scripts run only with this request's nonce (and what they load, strict-dynamic): no 'unsafe-inline', no 'unsafe-eval'", () => {
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("adds 'unsafe-eval' in development only (React's dev build needs it)", () => {
    expect(directives(contentSecurityPolicy({ nonce, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("forbids framing, plugins, base-URI and off-site form targets; everything else defaults to this origin", () => {
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("allows inline styles (React style attributes on the figures), which a nonce cannot cover", () => {
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("newNonce", () => {
  it("is 16 random bytes in base64, fresh on every call", () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(a).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});
