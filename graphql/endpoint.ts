// /api/graphql as one function of a Web Request: the HTTP edge (graphql/http-edge.ts) in front of
// the Apollo handler (graphql/http-handler.ts), whose context resolves the actor once per request
// from the session cookie or Bearer token (lib/auth/actor, cached briefly in memory). Used by the
// Next route (app/api/graphql/route.ts) and by the node:http front of scripts/serve.ts.
// Rule: one Apollo server per process, on globalThis, whichever copy of this module asks first.
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { createGraphQLHandler } from "./http-handler";
import { graphqlHttpEdge } from "./http-edge";
import { createApolloServer } from "./server";

const globalForApollo = globalThis as unknown as { __circuitboardGraphQL?: (req: Request) => Promise<Response> };

function handler(): (req: Request) => Promise<Response> {
  globalForApollo.__circuitboardGraphQL ??= createGraphQLHandler(createApolloServer(), async (req) => {
    const db = await getDb();
    jobRunner(db); // started once per process: this instance sweeps job leases and takes its share of the work
    return { db, actor: await getActor(req) };
  });
  return globalForApollo.__circuitboardGraphQL;
}

/** Answers one GET or POST to /api/graphql (POSTs pass the edge's origin, size and JSON checks first). */
export function graphqlEndpoint(request: Request): Promise<Response> {
  return request.method === "POST" ? graphqlHttpEdge(request, (checked) => handler()(checked)) : handler()(request);
}
