// /api/graphql through Next: graphql/endpoint.ts (the HTTP edge, then Apollo). Under `npm start`
// scripts/serve.ts answers this path itself before Next (the same function, without Next's
// per-request cost); this route serves `npm run dev` and bare `next start`.
import { graphqlEndpoint } from "@/graphql/endpoint";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = graphqlEndpoint;
export const POST = graphqlEndpoint;
