// The HTTP server in front of Next (scripts/serve.ts): it stamps every request with the socket's
// remote address under PEER_ADDRESS_HEADER before Next sees it, so route handlers know the real
// TCP peer (Next itself only passes X-Forwarded-For, which it keeps when a client sends one).
// Rule: the header is always overwritten — a client-sent value of that name never survives.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import { markPeerServer, PEER_ADDRESS_HEADER } from "./client-address";

/** Replaces whatever the client sent as PEER_ADDRESS_HEADER with the socket's remote address. */
export function stampPeerAddress(req: IncomingMessage): void {
  delete req.headers[PEER_ADDRESS_HEADER];
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_ADDRESS_HEADER] = address;
  // rawHeaders is what some adapters rebuild headers from: drop the client's copies there too.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i].toLowerCase() === PEER_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  if (address) req.rawHeaders.push(PEER_ADDRESS_HEADER, address);
}

/**
 * How long an idle keep-alive connection stays open. Node's 5 s default raced clients under load:
 * at load average 24 the load benchmark's clients reused sockets the server had just closed
 * (ECONNRESET on sockets idle 6–7 s by the client's clock, and "0 s" ones whose response the client
 * read seconds after it was written); proxies and browsers keep idle connections for a minute or more.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** An HTTP server that stamps the peer address on each request, then hands it to `handler`. */
export function createPeerServer(handler: (req: IncomingMessage, res: ServerResponse) => unknown): Server {
  markPeerServer();
  const listener: RequestListener = (req, res) => {
    stampPeerAddress(req);
    void handler(req, res);
  };
  const server = createServer(listener);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Headers of a request on a kept-alive connection must be allowed to arrive after that wait.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000;
  return server;
}
