// The GraphQL documents of the overview's MLP / decision-transformer section (dt-panel.tsx), typed by
// `npm run codegen`: the attention-only share of a probe trajectory, the typed skip-trigrams and the
// state features' direct path (drawn on their grid).
import { graphql } from "@/lib/client/gql";
import { queryKeys } from "@/lib/client/query-keys";

export const DT_SHARE_QUERY = graphql(`
  query DecisionTransformerShare($id: ID!, $trajectory: TrajectoryInput!) {
    run(modelId: $id, trajectory: $trajectory) {
      modelId
      attentionShare {
        state progress message cached attentionOnly
        result { mean positions { position label targetLabel share direct attention mlp total } }
      }
    }
  }
`);

export const TYPED_TRIGRAMS_QUERY = graphql(`
  query TypedSkipTrigrams($id: ID!, $topK: Int!) {
    model(id: $id) {
      id
      typedSkipTrigrams(topK: $topK) {
        state progress message cached attentionOnly
        result { sourceType destinationType action totalScore trigrams { head source { type label } destination { label } action score routing } }
      }
    }
  }
`);

/** Most top entries per row Model.directPath answers (graphql/modules/circuits perToken). */
export const MAX_PER_TOKEN = 20;

export const DT_DIRECT_PATH_QUERY = graphql(`
  query DtDirectPath($id: ID!, $perToken: Int!) {
    model(id: $id) {
      id
      directPath(topK: 1, perToken: $perToken) {
        state progress message cached
        result { perToken { values { shape dtype base64 } indices { shape dtype base64 } } }
      }
    }
  }
`);

export const dtKeys = {
  directPath: (id: string, perToken: number) => [...queryKeys.model(id), "dtDirectPath", perToken] as const,
  share: (id: string, trajectory: unknown) => [...queryKeys.model(id), "dtShare", trajectory] as const,
  typedTrigrams: (id: string, topK: number) => [...queryKeys.model(id), "typedSkipTrigrams", topK] as const,
};
