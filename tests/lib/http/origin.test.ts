// lib/http/origin: a cookie-carrying write is refused unless the browser says it comes from the
// app's own origin (or a trusted one); Bearer-token and cookie-less requests are not CSRF-able.
import { afterEach, describe, expect, it } from "vitest";
import { crossOriginRefusal, requestOrigins } from "@/lib/http/origin";

const COOKIE = "better-auth.session_token=abc.def";

function post(url: string, headers: Record<string, string>): Request {
  return new Request(url, { method: "POST", headers, body: "{}" });
}

afterEach(() => {
  delete process.env.CIRCUITBOARD_TRUSTED_ORIGINS;
  delete process.env.BETTER_AUTH_URL;
});

describe("requestOrigins", () => {
  it("names the URL's origin and the one the Host header gives (Next rewrites 127.0.0.1 to localhost in request.url)", () => {
    expect(requestOrigins(post("http://localhost:3000/api/models", { host: "127.0.0.1:3000" }))).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
  });

  it("adds the scheme a TLS-terminating proxy reports in X-Forwarded-Proto", () => {
    expect(requestOrigins(post("http://localhost:3000/api/models", { host: "cb.example.org", "x-forwarded-proto": "https" }))).toContain("https://cb.example.org");
  });
});

describe("crossOriginRefusal", () => {
  it("passes a cookie-carrying POST whose Origin is the app's own (also when only the Host header names it)", () => {
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "http://localhost:3000" }))).toBeNull();
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).toBeNull();
  });

  it("refuses a cookie-carrying POST from another origin, naming the origin and the setting that would allow it", () => {
    const reason = crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "https://evil.example" }));
    expect(reason).toMatch(/https:\/\/evil\.example/);
    expect(reason).toMatch(/CIRCUITBOARD_TRUSTED_ORIGINS/);
  });

  it("refuses another port on the same host: an origin is scheme, host and port", () => {
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "http://localhost:3001" }))).not.toBeNull();
  });

  it("refuses the opaque origin \"null\" (sandboxed frames, data: URLs)", () => {
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "null" }))).not.toBeNull();
  });

  it("passes an origin listed in $CIRCUITBOARD_TRUSTED_ORIGINS or the public URL $BETTER_AUTH_URL", () => {
    process.env.CIRCUITBOARD_TRUSTED_ORIGINS = "https://notebook.example, https://other.example";
    process.env.BETTER_AUTH_URL = "https://cb.example.org/";
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "https://other.example" }))).toBeNull();
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "https://cb.example.org" }))).toBeNull();
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, origin: "https://evil.example" }))).not.toBeNull();
  });

  it("without an Origin header, refuses Sec-Fetch-Site cross-site and same-site, passes same-origin and none", () => {
    const url = "http://localhost:3000/api/graphql";
    expect(crossOriginRefusal(post(url, { cookie: COOKIE, "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossOriginRefusal(post(url, { cookie: COOKIE, "sec-fetch-site": "same-site" }))).toMatch(/same-site/);
    expect(crossOriginRefusal(post(url, { cookie: COOKIE, "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossOriginRefusal(post(url, { cookie: COOKIE, "sec-fetch-site": "none" }))).toBeNull();
  });

  it("passes a cookie-carrying request from a non-browser client that sends neither Origin nor Sec-Fetch-Site", () => {
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE }))).toBeNull();
  });

  it("passes a cross-origin request with an API token and no cookie, and one without credentials at all", () => {
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { authorization: "Bearer cb_x", origin: "https://evil.example" }))).toBeNull();
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { origin: "https://evil.example" }))).toBeNull();
  });

  it("refuses a cross-origin request carrying a cookie even next to an Authorization header", () => {
    // The Bearer header decides the actor, but a browser can only have added it for a same-origin page:
    // a cookie beside it from a foreign origin is still refused (nothing legitimate sends both cross-site).
    expect(crossOriginRefusal(post("http://localhost:3000/api/models", { cookie: COOKIE, authorization: "Bearer cb_x", origin: "https://evil.example" }))).not.toBeNull();
  });

  it("passes safe methods (GET, HEAD, OPTIONS) whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      const request = new Request("http://localhost:3000/api/graphql", { method, headers: { cookie: COOKIE, origin: "https://evil.example" } });
      expect(crossOriginRefusal(request), method).toBeNull();
    }
  });
});
