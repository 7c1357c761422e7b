// The GraphQL document of a team's activity feed (graphql/modules/activity). Rule: written once here
// as `graphql(`…`)`, typed by `npm run codegen`.
import { graphql } from "./gql";
import type { TeamActivityQuery } from "./gql/graphql";

export type ActivityEntryFields = NonNullable<TeamActivityQuery["team"]>["activity"]["edges"][number]["node"];

export const TEAM_ACTIVITY_QUERY = graphql(`
  query TeamActivity($id: ID!, $first: Int, $after: String) {
    team(id: $id) {
      id
      activity(first: $first, after: $after) {
        edges { cursor node { id action summary actorName modelId modelName head createdAt } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);
