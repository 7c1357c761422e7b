// /api/graphql: wires the Apollo Server (graphql/server.ts) to Next.js. Nothing else lives here:
// the context resolves the actor once per request from the session cookie or Bearer token.
import { startServerAndCreateNextHandler } from "@as-integrations/next";
import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { jobRunner } from "@/lib/jobs/queue/runner";
import type { GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// One server per process, kept across Next.js dev hot reloads.
const globalForApollo = globalThis as unknown as { __circuitboardGraphQL?: (req: NextRequest) => Promise<Response> };

function handler(): (req: NextRequest) => Promise<Response> {
  globalForApollo.__circuitboardGraphQL ??= startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
    context: async (req) => {
      const db = await getDb();
      jobRunner(db); // started once per process: this instance sweeps job leases and takes its share of the work
      return { db, actor: await getActor(req) };
    },
  });
  return globalForApollo.__circuitboardGraphQL;
}

export async function GET(request: NextRequest): Promise<Response> {
  return handler()(request);
}

export async function POST(request: NextRequest): Promise<Response> {
  return handler()(request);
}
