// /api/graphql: wires the Apollo Server (graphql/server.ts) to Next.js behind its HTTP edge
// (graphql/http-edge.ts: body limit, JSON parse → 400). Nothing else lives here: the context
// resolves the actor once per request from the session cookie or Bearer token.
import { startServerAndCreateNextHandler } from "@as-integrations/next";
import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { GraphQLContext } from "@/graphql/context";
import { graphqlHttpEdge } from "@/graphql/http-edge";
import { createApolloServer } from "@/graphql/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// One server per process, kept across Next.js dev hot reloads.
const globalForApollo = globalThis as unknown as { __circuitboardGraphQL?: (req: NextRequest) => Promise<Response> };

function handler(): (req: NextRequest) => Promise<Response> {
  globalForApollo.__circuitboardGraphQL ??= startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), {
    context: async (req) => ({ db: await getDb(), actor: await getActor(req) }),
  });
  return globalForApollo.__circuitboardGraphQL;
}

export async function GET(request: NextRequest): Promise<Response> {
  return handler()(request);
}

export async function POST(request: NextRequest): Promise<Response> {
  return graphqlHttpEdge(request, (checked) => handler()(checked as NextRequest));
}
