// API token scopes at the GraphQL execution (lib/auth/scopes.ts decides, this applies): before a
// mutation runs, every root field it selects — through fragments too — is checked against the
// token's scopes, so one missing scope refuses the whole operation with FORBIDDEN (HTTP 403) and
// nothing is written. Queries need READ, which every token holds (createApiToken requires it).
import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import { assertScope, scopeForMutation } from "@/lib/auth/scopes";
import type { GraphQLContext } from "./context";
import { codedError } from "./errors";

/** The names of the root fields a selection set selects, fragment spreads and inline fragments included. */
function rootFieldNames(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFieldNames(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) names.push(...rootFieldNames(fragment.selectionSet, fragments, seen));
    }
  }
  return names;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}

/** Refuses a mutation whose root fields need a scope the request's token lacks. */
export function tokenScopePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          const actor = contextValue.actor;
          if (!actor || actor.via !== "token" || operation?.operation !== "mutation") return;
          for (const field of rootFieldNames(operation.selectionSet, fragmentsOf(document))) {
            if (field.startsWith("__")) continue;
            try {
              assertScope(actor, scopeForMutation(field), field);
            } catch (error) {
              throw codedError(error);
            }
          }
        },
      };
    },
  };
}
