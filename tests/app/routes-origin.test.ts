// Every state-changing route handler under app/ passes the origin (CSRF) check of lib/http/origin:
// directly (crossOriginRefusal) or through the edge that calls it (graphqlHttpEdge, or graphqlEndpoint
// which calls it, for /api/graphql and its stream, handleModelUpload for /api/models). /api/auth is
// better-auth's, which checks the same origins itself (lib/auth/auth.ts trustedOrigins). A new
// route that writes must join them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CHECKED_BY = ["crossOriginRefusal", "graphqlHttpEdge", "graphqlEndpoint", "handleModelUpload"];
const BETTER_AUTH_ROUTE = path.join("app", "api", "auth", "[...all]", "route.ts");

/** The state-changing methods a route module exports (function, const or re-export forms). */
function writeMethods(source: string): string[] {
  const methods = ["POST", "PUT", "PATCH", "DELETE"];
  return methods.filter((m) => new RegExp(`export\\s+(?:async\\s+)?(?:function|const)\\s+${m}\\b|\\bas\\s+${m}\\b`).test(source));
}

/** Why this route module escapes the origin check, or null when it does not. */
function unchecked(file: string, source: string): string | null {
  const methods = writeMethods(source);
  if (methods.length === 0 || file === BETTER_AUTH_ROUTE) return null;
  return CHECKED_BY.some((name) => source.includes(name)) ? null : `${file} exports ${methods.join(", ")} without the origin check`;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

describe("the origin check on every state-changing route", () => {
  it("flags a route module that exports a write method without it (and not one that only reads)", () => {
    expect(unchecked("app/api/x/route.ts", "export async function POST(request: Request) { return new Response(); }")).toMatch(/exports POST/);
    expect(unchecked("app/api/x/route.ts", "async function handle() {}\nexport { handle as GET, handle as DELETE };")).toMatch(/exports DELETE/);
    expect(unchecked("app/api/x/route.ts", "export async function GET() { return new Response(); }")).toBeNull();
  });

  it("finds it in every route under app/ that accepts POST, PUT, PATCH or DELETE", () => {
    const files = routeFiles("app");
    const writers = files.filter((f) => writeMethods(readFileSync(f, "utf8")).length > 0);
    expect(writers.map((f) => f.split(path.sep).join("/")).sort()).toEqual(expect.arrayContaining(["app/api/graphql/route.ts", "app/api/graphql/stream/route.ts", "app/api/models/route.ts"]));
    expect(files.map((f) => unchecked(f, readFileSync(f, "utf8"))).filter(Boolean)).toEqual([]);
  });
});
