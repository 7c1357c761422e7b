// Resolvers of the search domain: Query.searchHeads. Rule: thin — lib/collab/head-search validates
// every bound (zod, BAD_USER_INPUT naming the field) and reads only models the actor may read.
import { searchHeadsForActor, type HeadSearchPage } from "@/lib/collab/head-search";
import type { Resolver } from "../../context";

const searchHeads: Resolver<unknown, { filter?: unknown; first?: number | null; after?: string | null }, HeadSearchPage> = (_p, args, { db, actor }) =>
  searchHeadsForActor(db, actor, { filter: args.filter ?? undefined, first: args.first ?? undefined, after: args.after });

export const searchResolvers = {
  Query: { searchHeads },
};
