// lib/http/node-bridge.ts over a real node:http server: the handler sees the URL built from the Host
// header, the method, every header and the streamed body; the client gets the status, the headers
// (each Set-Cookie separately) plus the extra ones, a streamed body whole, and a plain 500 when the
// handler throws.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveWebHandler } from "@/lib/http/node-bridge";

const EXTRA = [{ key: "X-Content-Type-Options", value: "nosniff" }];
let server: Server | null = null;

async function serve(handler: (request: Request) => Promise<Response>): Promise<number> {
  server = createServer((req, res) => void serveWebHandler(req, res, handler, EXTRA));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

afterEach(async () => {
  await new Promise((r) => server?.close(r));
  server = null;
});

describe("serveWebHandler", () => {
  it("hands the handler the request as Next would build it and sends its answer with the extra headers", async () => {
    let seen: { url: string; method: string; custom: string | null; body: string } | null = null;
    const port = await serve(async (request) => {
      seen = { url: request.url, method: request.method, custom: request.headers.get("x-custom"), body: await request.text() };
      const headers = new Headers({ "content-type": "application/json" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/");
      return new Response(JSON.stringify({ ok: true }), { status: 201, headers });
    });
    const r = await send(port, "POST", "/api/graphql?x=1", { host: "example.test:8080", "x-custom": "yes", "content-type": "application/json" }, '{"query":"{ apiVersion }"}');
    expect(seen).toEqual({ url: "http://example.test:8080/api/graphql?x=1", method: "POST", custom: "yes", body: '{"query":"{ apiVersion }"}' });
    expect(r.status).toBe(201);
    expect(r.body).toBe('{"ok":true}');
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("streams a body the handler produces in parts", async () => {
    const port = await serve(async () => {
      const parts = ["one ", "two ", "three"];
      const stream = new ReadableStream<Uint8Array>({ pull: (c) => (parts.length ? c.enqueue(new TextEncoder().encode(parts.shift()!)) : c.close()) });
      return new Response(stream, { status: 200 });
    });
    const r = await send(port, "GET", "/api/graphql", {});
    expect(r.body).toBe("one two three");
  });

  it("answers a handler's exception with a plain 500 and logs it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const port = await serve(async () => {
      throw new Error("secret internals");
    });
    const r = await send(port, "GET", "/api/graphql", {});
    expect(r.status).toBe(500);
    expect(r.body).not.toContain("secret");
    expect(JSON.parse(r.body)).toEqual({ errors: [{ message: "internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
