// A Web-API handler (Request → Response) served from node:http without a framework in between:
// scripts/serve.ts answers /api/graphql this way before Next sees the request. Rules: the request
// URL is built from the Host header as Next builds it (origin checks compare against it), the body
// is streamed, not buffered (the handler bounds it), and every answer carries `extraHeaders` (the
// static security headers next.config.js sets on Next's own answers).
import { Readable } from "node:stream";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The Web Request of a node:http request (body streamed for methods that carry one). */
export function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const url = `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`;
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  return new Request(url, { method, headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
}

/** Writes `response` to `res`, with `extraHeaders` added; streams a body that is not a plain string. */
export async function sendWebResponse(res: ServerResponse, response: Response, extraHeaders: readonly { key: string; value: string }[]): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  for (const { key, value } of extraHeaders) res.setHeader(key, value);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
  }
  res.end();
}

/** Serves `handler` on `req`/`res`; an error it throws is logged and answered as a plain 500. */
export async function serveWebHandler(req: IncomingMessage, res: ServerResponse, handler: (request: Request) => Promise<Response>, extraHeaders: readonly { key: string; value: string }[]): Promise<void> {
  try {
    await sendWebResponse(res, await handler(webRequestOf(req)), extraHeaders);
  } catch (error) {
    console.error("[serve] handler failed", error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ errors: [{ message: "internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] }));
    } else res.destroy();
  }
}
