// Builds the executable schema from the SDL of every domain (graphql/modules/<domain>/schema.graphql)
// and the domains' resolver maps. Rule: the SDL files are the single source of the schema's shape;
// a resolver for a field the SDL does not declare is an error at start-up, not a silent no-op.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  buildASTSchema,
  concatAST,
  GraphQLObjectType,
  GraphQLScalarType,
  parse,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from "graphql";
import { activityResolvers } from "./modules/activity/resolvers";
import { analysisResolvers } from "./modules/analysis/resolvers";
import { baseResolvers } from "./modules/base/resolvers";
import { circuitsResolvers } from "./modules/circuits/resolvers";
import { claimResolvers } from "./modules/claims/resolvers";
import { collabResolvers } from "./modules/collab/resolvers";
import { findingsResolvers } from "./modules/findings/resolvers";
import { jobResolvers } from "./modules/job/resolvers";
import { liveResolvers } from "./modules/live/resolvers";
import { modelResolvers } from "./modules/model/resolvers";
import { runResolvers } from "./modules/run/resolvers";
import { searchResolvers } from "./modules/search/resolvers";
import { teamResolvers } from "./modules/team/resolvers";
import { trainingResolvers } from "./modules/training/resolvers";
import { userResolvers } from "./modules/user/resolvers";

/** Domains in load order: `base` declares Query, Mutation and the shared types the others extend. */
export const DOMAINS = ["base", "user", "team", "model", "training", "job", "analysis", "collab", "claims", "findings", "live", "circuits", "run", "search", "activity"] as const;

type ResolverMap = Record<string, GraphQLScalarType | Record<string, unknown>>;
const RESOLVERS: ResolverMap[] = [baseResolvers, userResolvers, teamResolvers, modelResolvers, trainingResolvers, jobResolvers, analysisResolvers, collabResolvers, claimResolvers, findingsResolvers, liveResolvers, circuitsResolvers, runResolvers, searchResolvers, activityResolvers];

/** The modules folder: $CIRCUITBOARD_ROOT or the working directory (Next and tsx both run from the repo root). */
function modulesDir(): string {
  return path.join(process.env.CIRCUITBOARD_ROOT ?? process.cwd(), "graphql", "modules");
}

/** The SDL of every domain, concatenated in DOMAINS order. */
export function loadTypeDefs(): string[] {
  return DOMAINS.map((domain) => readFileSync(path.join(modulesDir(), domain, "schema.graphql"), "utf8"));
}

/** A Subscription field's pair: `subscribe` returns the event stream, `resolve` maps each item. */
interface SubscriptionResolver {
  subscribe: GraphQLFieldResolver<unknown, unknown>;
  resolve: GraphQLFieldResolver<unknown, unknown>;
}

function isSubscriptionResolver(value: unknown): value is SubscriptionResolver {
  return typeof value === "object" && value !== null && typeof (value as SubscriptionResolver).subscribe === "function";
}

function attach(schema: GraphQLSchema, resolvers: ResolverMap): void {
  for (const [typeName, typeResolvers] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!type) throw new TypeError(`graphql schema: resolvers given for unknown type ${typeName}`);
    if (typeResolvers instanceof GraphQLScalarType) {
      if (!(type instanceof GraphQLScalarType)) throw new TypeError(`graphql schema: ${typeName} is not a scalar`);
      type.serialize = typeResolvers.serialize;
      type.parseValue = typeResolvers.parseValue;
      type.parseLiteral = typeResolvers.parseLiteral;
      continue;
    }
    if (!(type instanceof GraphQLObjectType)) throw new TypeError(`graphql schema: ${typeName} is not an object type`);
    const fields = type.getFields();
    for (const [fieldName, resolver] of Object.entries(typeResolvers)) {
      const field = fields[fieldName];
      if (!field) throw new TypeError(`graphql schema: resolver for unknown field ${typeName}.${fieldName}`);
      if (isSubscriptionResolver(resolver)) {
        if (type !== schema.getSubscriptionType()) throw new TypeError(`graphql schema: ${typeName}.${fieldName} is not a Subscription field`);
        field.subscribe = resolver.subscribe;
        field.resolve = resolver.resolve;
      } else {
        field.resolve = resolver as GraphQLFieldResolver<unknown, unknown>;
      }
    }
  }
}

/**
 * Fields an object type declares for an interface it implements take the interface field's
 * description when the SDL gives none (the `*Analysis` envelopes repeat `Analysis`'s five fields).
 */
function inheritInterfaceDescriptions(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const iface of type.getInterfaces()) {
      const declared = iface.getFields();
      for (const [name, field] of Object.entries(type.getFields())) {
        if (!field.description && declared[name]?.description) field.description = declared[name].description;
      }
    }
  }
}

/** The executable schema: SDL from disk, resolvers attached. */
export function buildSchema(): GraphQLSchema {
  const schema = buildASTSchema(concatAST(loadTypeDefs().map((sdl) => parse(sdl))));
  inheritInterfaceDescriptions(schema);
  for (const resolvers of RESOLVERS) attach(schema, resolvers);
  return schema;
}
