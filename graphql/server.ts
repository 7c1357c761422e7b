// The Apollo Server instance: schema, limits, error masking. Rule: one construction path for the
// route handler, the schema printer and the tests, so what the tests exercise is what is served.
import { ApolloServer } from "@apollo/server";
import type { GraphQLContext } from "./context";
import { formatError } from "./errors";
import { armorProtection, costLimitPlugin } from "./limits";
import { rateLimitPlugin, SlidingWindowLimiter, expensivePerMinute } from "./rate-limit";
import { buildSchema } from "./schema";
import { tokenScopePlugin } from "./scopes";

export interface ServerOptions {
  /** Analyses one account may start per minute (default: graphql/rate-limit.ts expensivePerMinute()). */
  expensivePerMinute?: number;
}

/** A new (unstarted) Apollo Server; introspection stays on so GraphiQL and scripts can read the schema. */
export function createApolloServer(options: ServerOptions = {}): ApolloServer<GraphQLContext> {
  const armor = armorProtection();
  const limiter = new SlidingWindowLimiter(options.expensivePerMinute ?? expensivePerMinute());
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: true,
    formatError,
    plugins: [...armor.plugins, tokenScopePlugin(), costLimitPlugin<GraphQLContext>(), rateLimitPlugin(limiter)],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: armor.allowBatchedHttpRequests,
    includeStacktraceInErrorResponses: false,
  });
}
