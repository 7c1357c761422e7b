// The composition page's GraphQL document (graphql/modules/circuits Model.composition and
// Model.circuits), typed by `npm run codegen`.
import { graphql } from "@/lib/client/gql";

graphql(`
  fragment CompositionFields on CompositionAnalysis {
    state progress message cached
    result {
      kind
      scores { shape dtype base64 }
      baseline { mean std samples seed }
      top { writer reader score relative zScore }
    }
  }
`);

export const COMPOSITION_QUERY = graphql(`
  query ModelComposition($id: ID!, $top: Int!) {
    model(id: $id) {
      id name
      config { nLayers nHeads }
      q: composition(kind: Q, top: $top) { ...CompositionFields }
      k: composition(kind: K, top: $top) { ...CompositionFields }
      v: composition(kind: V, top: $top) { ...CompositionFields }
      circuits(pattern: INDUCTION) {
        state progress message
        result {
          induction {
            previousTokenHead inductionHead kComposition relative zScore mechanism inductionScore
            evidence { ablationDrop stripeWithoutPartner baselineMean baselineStd variedPeriodInduction }
          }
        }
      }
    }
  }
`);
