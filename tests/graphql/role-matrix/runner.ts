// Runs one role-matrix case as one role and judges what came back. Members, the OUTSIDER and ANON go
// through the Apollo server in process (tests/graphql/harness); the token roles go through the real
// /api/graphql handler with their Bearer token, so the actor is resolved as in production (REVOKED
// must be refused although it authenticated — and was cached — before it was revoked). Subscriptions
// go through the SSE handler (graphql/sse-handler) with graphql-sse's client.
import { createClient, type ExecutionResult } from "graphql-sse";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import type { GraphQLContext } from "@/graphql/context";
import { createGraphQLHandler } from "@/graphql/http-handler";
import { createApolloServer } from "@/graphql/server";
import { createSubscriptionHandler } from "@/graphql/sse-handler";
import { gql, type GqlResult } from "../harness";
import { operationKind, type MatrixCase, type MatrixRole, type Outcome } from "./types";
import type { World } from "./world";

export type ActorResolver = (request: Request) => Promise<Actor | null>;

export interface Runner {
  run(c: MatrixCase, role: MatrixRole, variables: Record<string, unknown>): Promise<GqlResult>;
  close(): void;
}

const SUBSCRIPTION_TIMEOUT_MS = 5000;

/** Waits (bounded) until `check` holds: a closed stream deletes its presence row just after it ends. */
async function settled(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + SUBSCRIPTION_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("role matrix: a closed subscription left its presence row");
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function createRunner(db: Db, w: World, resolveActor: ActorResolver): Runner {
  const actorOf = (role: MatrixRole): Actor | null =>
    ({ OWNER: w.owner, EDITOR: w.editor, VIEWER: w.viewer, OUTSIDER: w.outsider, ANON: null, REVOKED: null, TOKEN: null, READ_TOKEN: null, SHARE: null })[role];
  const context = async (request: Request): Promise<GraphQLContext> => {
    const id = request.headers.get("x-matrix-actor");
    if (id !== null) return { db, actor: [w.owner, w.editor, w.viewer, w.outsider].find((a) => a.userId === id) ?? null };
    return { db, actor: await resolveActor(request) };
  };
  const http = createGraphQLHandler(createApolloServer(), context);
  const sse = createSubscriptionHandler(context);
  const clients: { dispose(): void }[] = [];

  async function overHttp(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GqlResult> {
    const response = await http(new Request("http://matrix.test/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    }));
    return (await response.json()) as GqlResult;
  }

  /** The first result of a subscription (its data or its errors). */
  async function subscribeOnce(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GqlResult> {
    const client = createClient({
      url: "http://matrix.test/api/graphql/stream",
      headers,
      retryAttempts: 0,
      fetchFn: (input: string, init: RequestInit) => sse(new Request(input, init)),
    });
    clients.push(client);
    const presence = await db.modelPresence.count();
    const iterator = client.iterate({ query, variables });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no subscription result in time")), SUBSCRIPTION_TIMEOUT_MS));
    try {
      const first = (await Promise.race([iterator.next(), timeout])) as IteratorResult<ExecutionResult<Record<string, unknown>, unknown>>;
      if (first.done) throw new Error("the subscription ended without a result");
      return { data: first.value.data, errors: first.value.errors as GqlResult["errors"] };
    } finally {
      await iterator.return?.();
      await settled(() => db.modelPresence.count().then((n) => n === presence));
    }
  }

  return {
    async run(c, role, variables) {
      const secret = { REVOKED: w.revokedSecret, TOKEN: w.tokenSecret, READ_TOKEN: w.readTokenSecret }[role as string];
      const headers: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {};
      const actor = actorOf(role);
      if (actor) headers["x-matrix-actor"] = actor.userId;
      if (operationKind(c.query) === "subscription") return subscribeOnce(c.query, variables, headers);
      if (secret) return overHttp(c.query, variables, headers);
      return gql(db, actor, c.query, variables);
    },
    close() {
      for (const client of clients) client.dispose();
    },
  };
}

function at(data: unknown, path: string[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

/**
 * What the result is: an error code, "none" (null at the path or above it), "empty" (an empty list),
 * "some" (anything else), or a description of an unexpected answer (other or several errors).
 */
export function judge(result: GqlResult, path: string[]): string {
  if (result.errors?.length) {
    const found = result.errors.map((e) => String(e.extensions?.code ?? "NO_CODE"));
    if (found.length === 1 && ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"].includes(found[0])) return found[0];
    return `errors ${result.errors.map((e) => `${String(e.extensions?.code)} at ${(e.path ?? []).join(".")}: ${e.message}`).join("; ")}`;
  }
  const payload = at(result.data, path.slice(0, 1)) as { ok?: unknown; error?: { message?: string } | null } | null;
  if (payload && typeof payload === "object" && payload.ok === false) return `a payload with ok: false (${payload.error?.message ?? "no message selected"})`;
  const value = at(result.data, path);
  if (value === null) return "none";
  return Array.isArray(value) && value.length === 0 ? "empty" : "some";
}

/** True when `got` (from judge) satisfies `want`. */
export function satisfies(got: string, want: Outcome): boolean {
  if (want === "ok") return got === "some" || got === "empty";
  if (want === "none") return got === "none" || got === "empty";
  return got === want;
}
