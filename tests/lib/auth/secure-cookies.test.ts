// lib/auth/secure-cookies: Secure on every cookie of a response to a request that arrived over https —
// directly, or through a trusted proxy that says so in X-Forwarded-Proto — and never on a client's word.
import { describe, expect, it } from "vitest";
import { arrivedOverHttps, withSecureCookies } from "@/lib/auth/secure-cookies";

const PROXY = "10.0.0.2";
const trusted = new Set([PROXY]);

function request(url: string, headers: Record<string, string> = {}): Request {
  return new Request(url, { headers });
}

describe("arrivedOverHttps", () => {
  it("believes X-Forwarded-Proto: https only from a trusted proxy peer", () => {
    const forwarded = request("http://localhost:3000/api/auth/sign-in/email", { "x-forwarded-proto": "https" });
    expect(arrivedOverHttps(forwarded, PROXY, trusted)).toBe(true);
    expect(arrivedOverHttps(forwarded, "::ffff:10.0.0.2", trusted)).toBe(true);
    expect(arrivedOverHttps(forwarded, "203.0.113.9", trusted)).toBe(false);
    expect(arrivedOverHttps(forwarded, null, trusted)).toBe(false);
    expect(arrivedOverHttps(forwarded, PROXY, new Set())).toBe(false);
  });

  it("reads the scheme the client-facing proxy reported, and https URLs as https", () => {
    expect(arrivedOverHttps(request("http://localhost/", { "x-forwarded-proto": "HTTPS, http" }), PROXY, trusted)).toBe(true);
    expect(arrivedOverHttps(request("http://localhost/", { "x-forwarded-proto": "http" }), PROXY, trusted)).toBe(false);
    expect(arrivedOverHttps(request("http://localhost/"), PROXY, trusted)).toBe(false);
    expect(arrivedOverHttps(request("https://circuitboard.example/"), null, new Set())).toBe(true);
  });
});

describe("withSecureCookies", () => {
  it("adds Secure to every Set-Cookie lacking it and keeps status, body and other headers", async () => {
    const headers = new Headers({ "content-type": "application/json", "x-extra": "1" });
    headers.append("set-cookie", "better-auth.session_token=abc.sig; Max-Age=1209600; Path=/; HttpOnly; SameSite=Lax");
    headers.append("set-cookie", "other=1; Path=/; Secure; HttpOnly");
    const secured = withSecureCookies(new Response('{"ok":true}', { status: 201, headers }));
    expect(secured.status).toBe(201);
    expect(await secured.text()).toBe('{"ok":true}');
    expect(secured.headers.get("x-extra")).toBe("1");
    const cookies = secured.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toBe("better-auth.session_token=abc.sig; Max-Age=1209600; Path=/; HttpOnly; SameSite=Lax; Secure");
    expect(cookies[1]).toBe("other=1; Path=/; Secure; HttpOnly");
  });
});
