// Runs GraphQL operations in process against the real server (graphql/server.ts) on a test
// database: `gql(db, actor, query, variables)` returns the body's data and errors for assertions;
// `query` is a string or one of the pages' generated documents (lib/client/gql).
import type { ApolloServer } from "@apollo/server";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import type { GraphQLContext } from "@/graphql/context";
import { createApolloServer } from "@/graphql/server";
import type { TypedDocumentString } from "@/lib/client/gql/graphql";

export interface GqlResult<T = Record<string, unknown>> {
  data: T | null | undefined;
  errors: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
}

let server: ApolloServer<GraphQLContext> | undefined;

/** The one server of the test file (schema built once). */
export function testServer(): ApolloServer<GraphQLContext> {
  server ??= createApolloServer();
  return server;
}

/** Executes one operation as `actor` (null: signed out) on `db`. */
export async function gql<T = Record<string, unknown>>(
  db: Db,
  actor: Actor | null,
  query: string | TypedDocumentString<T, never>,
  variables?: Record<string, unknown>,
): Promise<GqlResult<T>> {
  const response = await testServer().executeOperation<T>({ query: query.toString(), variables }, { contextValue: { db, actor } });
  if (response.body.kind !== "single") throw new Error("gql: expected a single result");
  const { data, errors } = response.body.singleResult;
  return { data, errors: errors as GqlResult<T>["errors"] };
}

/** The `extensions.code` of each error, in order (for compact assertions). */
export function codes(result: GqlResult<unknown>): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
