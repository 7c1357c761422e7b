// The GraphQL documents of a model's circuit views (graphql/modules/circuits), typed by
// `npm run codegen`, and their query keys (under the model's key, so invalidating the model
// refreshes them). Rule: each page asks for exactly what it draws.
import { graphql } from "@/lib/client/gql";
import { queryKeys } from "@/lib/client/query-keys";

graphql(`
  fragment TokenFields on Token { id text }
`);

graphql(`
  fragment CircuitEntryFields on CircuitEntry { row col value rowToken { ...TokenFields } colToken { ...TokenFields } }
`);

export const DIRECT_PATH_QUERY = graphql(`
  query ModelDirectPath($id: ID!, $topK: Int!) {
    model(id: $id) {
      id
      directPath(topK: $topK) { state progress message cached result { top { ...CircuitEntryFields } } }
    }
  }
`);

export const SKIP_TRIGRAMS_QUERY = graphql(`
  query HeadSkipTrigrams($id: ID!, $head: String!, $topK: Int!) {
    model(id: $id) {
      id
      head(name: $head) {
        name
        skipTrigrams(topK: $topK) {
          state progress message cached
          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }
          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }
        }
      }
    }
  }
`);

export const circuitKeys = {
  directPath: (id: string, topK: number) => [...queryKeys.model(id), "directPath", topK] as const,
  skipTrigrams: (id: string, head: string, topK: number) => [...queryKeys.model(id), "head", head, "skipTrigrams", topK] as const,
  head: (id: string, head: string) => [...queryKeys.model(id), "head", head, "page"] as const,
  composition: (id: string) => [...queryKeys.model(id), "composition"] as const,
};
