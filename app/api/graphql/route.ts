// /api/graphql: the Apollo Server (graphql/server.ts) behind the Fetch-API handler
// (graphql/http-handler.ts). Nothing else lives here: the context resolves the actor once per
// request from the session cookie or Bearer token (lib/auth/actor, cached briefly in memory).
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { createGraphQLHandler } from "@/graphql/http-handler";
import { createApolloServer } from "@/graphql/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// One server per process, kept across Next.js dev hot reloads.
const globalForApollo = globalThis as unknown as { __circuitboardGraphQL?: (req: Request) => Promise<Response> };

function handler(): (req: Request) => Promise<Response> {
  globalForApollo.__circuitboardGraphQL ??= createGraphQLHandler(createApolloServer(), async (req) => {
    const db = await getDb();
    jobRunner(db); // started once per process: this instance sweeps job leases and takes its share of the work
    return { db, actor: await getActor(req) };
  });
  return globalForApollo.__circuitboardGraphQL;
}

export async function GET(request: Request): Promise<Response> {
  return handler()(request);
}

export async function POST(request: Request): Promise<Response> {
  return handler()(request);
}
