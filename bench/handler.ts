// `npm run bench:handler`: the /api/graphql handler (graphql/http-handler.ts) called in process,
// with no HTTP server and no Next.js around it, on a fresh embedded database prepared as
// bench/load.ts does — so the CPU per request of our own path (Apollo, limits, context, actor
// cache, database) can be told apart from what Next and node:http add in bench/load.ts.
// Options: --requests=3000  --concurrency=100
import path from "node:path";
import { HEAD_REPORT_QUERY } from "../app/models/[id]/head-report-query";
import { createGraphQLHandler } from "../graphql/http-handler";
import { createApolloServer } from "../graphql/server";
import { getActor } from "../lib/auth/actor";
import { createAuth } from "../lib/auth/auth";
import { openDatabase } from "../lib/db/client";
import { prepareDb } from "./load-setup";

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const n = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error(`--${name}: a whole number from 1 to 1e6`);
  return n;
}
const REQUESTS = option("requests", 3000);
const CONCURRENCY = option("concurrency", 100);

const prepared = await prepareDb("embedded");
const database = await openDatabase({ dataDir: path.join(prepared.env.CIRCUITBOARD_DATA_DIR, "pglite") });
const auth = createAuth(database.prisma, { secret: "b".repeat(40) });
const handler = createGraphQLHandler(createApolloServer(), async (req) => ({ db: database.prisma, actor: await getActor(req, { db: database.prisma, auth }) }));

function request(body: string, token: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request("http://localhost/api/graphql", { method: "POST", headers, body });
}

async function run(name: string, body: string, token: string | null): Promise<void> {
  const once = async () => {
    const response = await handler(request(body, token));
    if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  for (let i = 0; i < 200; i++) await once();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next++ < REQUESTS) await once();
  }));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`| ${name} | ${(REQUESTS / wall).toFixed(0)} | ${((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(3)} |`);
}

try {
  console.log(`in-process handler, ${REQUESTS} requests, ${CONCURRENCY} at a time, embedded PGlite in this process`);
  console.log("| scenario | req/s | CPU ms/req |");
  console.log("|---|---|---|");
  await run("{ apiVersion } signed out", JSON.stringify({ query: "{ apiVersion }" }), null);
  await run("{ apiVersion } API token", JSON.stringify({ query: "{ apiVersion }" }), prepared.token);
  await run("cached head report, API token", JSON.stringify({ query: HEAD_REPORT_QUERY.toString(), variables: { id: prepared.modelId } }), prepared.token);
} finally {
  await database.close();
  await prepared.destroy();
}
