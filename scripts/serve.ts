// Runs Next (production, or `--dev`) behind lib/http/peer-server.ts, so route handlers learn each
// request's TCP peer address (the auth rate limits key on it; see lib/http/client-address.ts).
// `scripts/start.ts` spawns this instead of `next start`; usage:
//   node --import tsx scripts/serve.ts --port 3000 --hostname 127.0.0.1 [--dev]
// Rule: Next runs in this process (its custom-server API), so the peer stamp and the route handler
// share globalThis; nothing else about serving changes (upgrades, keep-alive, static files), except
// that in production /api/graphql is answered here without Next (graphqlFront below).
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import next from "next";
import { trustedProxies } from "../lib/http/client-address";
import { createPeerServer } from "../lib/http/peer-server";

/** True for /api/graphql itself (with or without a query string), not its /stream. */
function isGraphqlPath(url: string | undefined): boolean {
  return url === GRAPHQL_PATH || (url?.startsWith(`${GRAPHQL_PATH}?`) ?? false);
}
const GRAPHQL_PATH = "/api/graphql";

/**
 * /api/graphql answered here, before Next: graphql/endpoint.ts (the same function the Next route
 * runs) through lib/http/node-bridge, with next.config.js's static security headers. Next's
 * per-request routing cost most of a trivial query's CPU (docs/PERFORMANCE-LOAD.md). Production
 * only: in `--dev` the route stays Next's, so edits to graphql/ reload.
 */
async function graphqlFront(): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> {
  const [{ graphqlEndpoint }, { serveWebHandler }, config] = await Promise.all([
    import("../graphql/endpoint"),
    import("../lib/http/node-bridge"),
    import(pathToFileURL(path.join(process.cwd(), "next.config.js")).href) as Promise<{ securityHeaders: { key: string; value: string }[] }>,
  ]);
  return (req, res) => serveWebHandler(req, res, graphqlEndpoint, config.securityHeaders);
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dev = process.argv.includes("--dev");
const hostname = argument("--hostname") ?? "127.0.0.1";
const port = Number.parseInt(argument("--port") ?? "3000", 10);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`--port must be a port number, got ${JSON.stringify(argument("--port"))}`);
  process.exit(2);
}
// A configuration the auth routes would refuse on every request is refused once, here.
try {
  trustedProxies();
} catch (error) {
  console.error(`[circuitboard] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const app = next({ dev, dir: process.cwd(), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const graphql = dev ? null : await graphqlFront();
const server = createPeerServer((req, res) => (graphql && isGraphqlPath(req.url) ? graphql(req, res) : handle(req, res)));
server.listen(port, hostname, () => console.log(`[circuitboard] serving on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
