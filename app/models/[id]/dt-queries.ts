// The GraphQL documents of the overview's MLP / decision-transformer section (dt-panel.tsx), typed by
// `npm run codegen`: the attention-only share of a probe trajectory and the typed skip-trigrams.
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

export const dtKeys = {
  share: (id: string, trajectory: unknown) => [...queryKeys.model(id), "dtShare", trajectory] as const,
  typedTrigrams: (id: string, topK: number) => [...queryKeys.model(id), "typedSkipTrigrams", topK] as const,
};
