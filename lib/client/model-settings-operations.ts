// The GraphQL documents of a model's settings page and of the nav's Settings link
// (graphql/modules/model). Rule: written once here as `graphql(`…`)`, typed by `npm run codegen`.
import { graphql } from "./gql";

export const MODEL_VIEWER_ROLE_QUERY = graphql(`
  query ModelViewerRole($id: ID!) {
    model(id: $id) { id team { id viewerRole } }
  }
`);

export const RENAME_MODEL_MUTATION = graphql(`
  mutation RenameModel($input: RenameModelInput!) {
    renameModel(input: $input) { ok error { ...MutationErrorFields } model { id name } }
  }
`);

export const SET_MODEL_VISIBILITY_MUTATION = graphql(`
  mutation SetModelVisibility($input: SetModelVisibilityInput!) {
    setModelVisibility(input: $input) { ok error { ...MutationErrorFields } model { id visibility } }
  }
`);

export const DELETE_MODEL_MUTATION = graphql(`
  mutation DeleteModel($id: ID!) {
    deleteModel(id: $id) { ok error { ...MutationErrorFields } deletedId }
  }
`);
