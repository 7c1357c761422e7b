// The Fetch-API handler of /api/graphql/stream: GraphQL subscriptions over Server-Sent Events
// (graphql-sse, distinct-connections mode: one HTTP response per subscription). Rules: only
// subscription operations are accepted (queries and mutations go through /api/graphql, with its
// CSRF prevention, cost limit and rate limit); the same armor validation rules as /api/graphql; the
// context (actor, database) is built once per stream (a data error doing so, e.g. an expired token,
// answers with its code and status); every error in a payload goes through the
// one error rule (graphql/errors.ts formatError), so nothing unexpected reaches the client unmasked.
import { GraphQLError, specifiedRules, validate, type ExecutionResult, type GraphQLSchema, type ValidationRule } from "graphql";
import { createHandler } from "graphql-sse/lib/use/fetch";
import type { GraphQLContext } from "./context";
import { codedError, formatError } from "./errors";
import type { ContextBuilder } from "./http-handler";
import { armorProtection } from "./limits";
import { buildSchema } from "./schema";

/** Refuses queries and mutations on the stream endpoint. */
const onlySubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== "subscription") {
      context.reportError(new GraphQLError(`/api/graphql/stream serves subscriptions only; send ${node.operation} operations to /api/graphql.`, { nodes: node }));
    }
  },
});

function formatted(result: ExecutionResult): ExecutionResult | void {
  if (!result.errors?.length) return;
  const errors = result.errors.map((error) => {
    const out = formatError(error.toJSON(), error);
    return new GraphQLError(out.message, { path: out.path, extensions: out.extensions });
  });
  return { ...result, errors };
}

/** A handler for /api/graphql/stream on `schema` (default: the app's), contexts from `context`. */
export function createSubscriptionHandler(context: ContextBuilder, schema: GraphQLSchema = buildSchema()): (request: Request) => Promise<Response> {
  const rules = [...specifiedRules, ...armorProtection().validationRules, onlySubscriptions];
  const handle = createHandler<GraphQLContext & Record<PropertyKey, unknown>>({
    schema,
    // null: no single-connection mode; every subscription is its own event stream.
    authenticate: () => null,
    // A validation error is written for the client: it keeps its message under Apollo's code.
    validate: (s, document) =>
      validate(s, document, rules).map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: "GRAPHQL_VALIDATION_FAILED" } })),
    context: async (req) => (await context(req.raw)) as GraphQLContext & Record<PropertyKey, unknown>,
    onNext: (_ctx, _req, result) => formatted(result as ExecutionResult),
  });
  // A data error building the context (an expired API token) answers with its code and status.
  return async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      const coded = codedError(error);
      if (!(coded instanceof GraphQLError)) throw error;
      const status = (coded.extensions.http as { status: number }).status;
      return Response.json({ errors: [{ message: coded.message, extensions: { code: coded.extensions.code } }] }, { status });
    }
  };
}
