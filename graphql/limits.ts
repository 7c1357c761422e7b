// Query limits (DESIGN §5: "query depth and cost are limited"). Depth, alias, directive and token
// limits come from @escape.tech/graphql-armor (validation rules); the cost limit is ours
// (graphql/cost.ts), applied once the operation and its variables are known, so `first: $n` costs
// what `first: 100` does. Rule: a rejected operation gets a GRAPHQL_VALIDATION_FAILED error naming
// the limit (HTTP 400) and never reaches the database. Introspection (GraphiQL's schema query, which
// nests `ofType` deeply) is exempt from depth and cost so the docs keep working.
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError } from "graphql";
import { operationCost } from "./cost";

/** The armor package's config type, taken from its constructor (its types package is transitive). */
type GraphQLArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;

/** The limits, exported so tests and docs quote the same numbers. */
export const LIMITS = {
  /** `teams { models { edges { node { layers { heads { name } } } } } }` is depth 7. */
  maxDepth: 10,
  maxAliases: 15,
  /** Cost units per operation (graphql/cost.ts): e.g. 5 compareModels, or 20 models' head reports. */
  maxCost: 5000,
  maxDirectives: 20,
  maxTokens: 2000,
  /** Largest page a connection hands out (`first`). */
  maxPageSize: 100,
} as const;

export function armorConfig(): GraphQLArmorConfig {
  return {
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: LIMITS.maxAliases, allowList: [] },
    // Armor's cost rule sees no variables (it runs at validation): ours replaces it.
    costLimit: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    maxTokens: { n: LIMITS.maxTokens },
    // Field suggestions ("Did you mean …") would let a caller map the schema; introspection is on
    // anyway, so suggestions stay for developer comfort.
    blockFieldSuggestion: { enabled: false },
  };
}

/** Apollo plugins and validation rules enforcing the armor part of LIMITS. */
export function armorProtection() {
  return new ApolloArmor(armorConfig()).protect();
}

/** Refuses, before execution, an operation whose cost with its variables exceeds `maxCost`. */
export function costLimitPlugin<TContext extends object>(maxCost: number = LIMITS.maxCost): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const { cost } = operationCost(schema, document, { variables: request.variables, operationName });
          if (cost > maxCost) {
            throw new GraphQLError(`Cost limit of ${maxCost} exceeded: this operation costs ${cost} (with its variables). Ask for smaller pages or fewer analyses per request.`, {
              extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
