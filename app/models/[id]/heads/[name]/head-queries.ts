// The head page's GraphQL documents (graphql/modules/circuits Head fields), typed by
// `npm run codegen`: scores and labels with evidence; OV and QK top entries; eigenvalues and
// singular values; composition partners and skip-trigrams. Split in four so each part draws as
// soon as it arrives and every document stays inside the query limits (graphql/limits.ts).
import { graphql } from "@/lib/client/gql";

export const HEAD_SCORES_QUERY = graphql(`
  query HeadScores($id: ID!, $head: String!) {
    model(id: $id) {
      id name
      config { nLayers nHeads }
      head(name: $head) {
        name layer index
        scores {
          state progress message cached
          result {
            previousToken duplicateToken induction inductionStripe ovCopying qkTokenPositivity
            qkPositionalPositivity variedPeriodInduction positionalInvariance distanceFromUniform
          }
        }
        labels {
          state progress message
          result {
            label score partner mechanism
            evidence {
              partnerKComposition partnerPreviousToken baselineMean baselineStd stripeWithoutPartner
              ablationDrop groupAblationDrop variedPeriodInduction positionalInvariance
            }
          }
        }
      }
    }
  }
`);

export const HEAD_CIRCUITS_QUERY = graphql(`
  query HeadCircuits($id: ID!, $head: String!, $topK: Int!) {
    model(id: $id) {
      id
      head(name: $head) {
        name
        ov(topK: $topK, bottomK: 5) { state progress message result { top { ...CircuitEntryFields } bottom { ...CircuitEntryFields } } }
        qk(topK: $topK) { state progress message result { top { ...CircuitEntryFields } } }
      }
    }
  }
`);

export const HEAD_SPECTRA_QUERY = graphql(`
  query HeadSpectra($id: ID!, $head: String!) {
    model(id: $id) {
      id
      head(name: $head) {
        name
        ovEigen: eigenvalues(circuit: OV) { state progress message result { re im positivity } }
        qkEigen: eigenvalues(circuit: QK_TOKEN) { state progress message result { re im positivity } }
        ovSvd: singularValues(circuit: OV) { state progress message result { values } }
        qkSvd: singularValues(circuit: QK) { state progress message result { values } }
      }
    }
  }
`);

export const HEAD_COMPOSITION_QUERY = graphql(`
  query HeadComposition($id: ID!, $head: String!, $trigrams: Int!) {
    model(id: $id) {
      id
      head(name: $head) {
        name
        q: composesWith(kind: Q) { state progress message result { head direction score relative zScore } }
        k: composesWith(kind: K) { state progress message result { head direction score relative zScore } }
        v: composesWith(kind: V) { state progress message result { head direction score relative zScore } }
        skipTrigrams(topK: $trigrams) {
          state progress message
          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }
          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }
        }
      }
    }
  }
`);
