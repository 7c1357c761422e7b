// The GraphQL documents of the finding pages (graphql/modules/findings), typed by `npm run codegen`.
import { graphql } from "./gql";
import type { FindingPageQuery } from "./gql/graphql";

export type FindingPageFields = NonNullable<FindingPageQuery["finding"]>;

graphql(`
  fragment FindingPageFields on Finding {
    id title body bodyHtml visibility version modelId modelVersion canEdit createdAt updatedAt
    author { id name }
    model { id name }
    figures {
      id key kind params status value engineVersion frozenAt
      current { status differs latestVersion message }
    }
    shareLinks { id createdAt revokedAt }
  }
`);

export const FINDING_PAGE_QUERY = graphql(`
  query FindingPage($id: ID!) { finding(id: $id) { ...FindingPageFields } }
`);

export const SHARED_FINDING_QUERY = graphql(`
  query SharedFinding($token: String!) { sharedFinding(token: $token) { ...FindingPageFields } }
`);

export const EXPORT_FINDING_QUERY = graphql(`
  query ExportFinding($id: ID!, $format: FindingExportFormat!) { exportFinding(id: $id, format: $format) }
`);

export const SET_FINDING_VISIBILITY_MUTATION = graphql(`
  mutation SetFindingVisibility($id: ID!, $visibility: FindingVisibility!) {
    setFindingVisibility(id: $id, visibility: $visibility) { ok error { ...MutationErrorFields } finding { id visibility version } }
  }
`);

export const CREATE_SHARE_LINK_MUTATION = graphql(`
  mutation CreateShareLink($findingId: ID!) {
    createShareLink(findingId: $findingId) { ok error { ...MutationErrorFields } token link { id createdAt revokedAt } }
  }
`);

export const REVOKE_SHARE_LINK_MUTATION = graphql(`
  mutation RevokeShareLink($id: ID!) {
    revokeShareLink(id: $id) { ok error { ...MutationErrorFields } link { id revokedAt } }
  }
`);

export const MODEL_FINDINGS_QUERY = graphql(`
  query ModelFindings($modelId: ID!) {
    findings(modelId: $modelId, first: 20) { id title visibility modelVersion updatedAt canEdit author { id name } }
  }
`);

export const CREATE_FINDING_MUTATION = graphql(`
  mutation CreateFinding($input: CreateFindingInput!) {
    createFinding(input: $input) { ok error { ...MutationErrorFields } finding { id } }
  }
`);

export const UPDATE_FINDING_MUTATION = graphql(`
  mutation UpdateFinding($input: UpdateFindingInput!) {
    updateFinding(input: $input) { ok error { ...MutationErrorFields } finding { id version } }
  }
`);

export const ADD_FINDING_FIGURE_MUTATION = graphql(`
  mutation AddFindingFigure($input: AddFindingFigureInput!) {
    addFindingFigure(input: $input) { ok error { ...MutationErrorFields } finding { id version } }
  }
`);
