// /api/graphql/stream: GraphQL subscriptions over Server-Sent Events (graphql/sse-handler.ts). The
// actor comes from the session cookie or Bearer token once per stream, and a POST body passes the
// same HTTP edge (size bound, JSON parse → 400) as on /api/graphql.
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { graphqlHttpEdge } from "@/graphql/http-edge";
import { createSubscriptionHandler } from "@/graphql/sse-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// One handler per process, kept across Next.js dev hot reloads.
const globalForStream = globalThis as unknown as { __circuitboardGraphQLStream?: (req: Request) => Promise<Response> };

function handler(): (req: Request) => Promise<Response> {
  globalForStream.__circuitboardGraphQLStream ??= createSubscriptionHandler(async (req) => ({ db: await getDb(), actor: await getActor(req) }));
  return globalForStream.__circuitboardGraphQLStream;
}

export async function GET(request: Request): Promise<Response> {
  return handler()(request);
}

export async function POST(request: Request): Promise<Response> {
  return graphqlHttpEdge(request, (checked) => handler()(checked));
}
