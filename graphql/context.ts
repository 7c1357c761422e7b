// The per-request GraphQL context. Rule: the actor is resolved once per request, from the session
// cookie or the Bearer token (lib/auth), before any resolver runs; resolvers never read headers.
import type { GraphQLResolveInfo } from "graphql";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";

export interface GraphQLContext {
  /** The migrated Prisma client every query function takes. */
  db: Db;
  /** Who is asking: null when signed out (then only `me` and `apiVersion` answer without error). */
  actor: Actor | null;
  /** The client's address, when known (the rate limit's key for signed-out requests). */
  clientAddress?: string;
  /**
   * Charges one analysis of the named field ("Type.field") to this request's account, or throws
   * RATE_LIMITED; installed by graphql/rate-limit.ts for every request.
   */
  quota?: (field: string) => void;
}

/** One field resolver, typed by its parent object, its arguments and its result. */
export type Resolver<TParent, TArgs, TResult> = (
  parent: TParent,
  args: TArgs,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

/** Resolvers of one object type: a map from field name to resolver (fields not listed read the parent's property). */
export type TypeResolvers<TParent> = Record<string, Resolver<TParent, never, unknown>>;
