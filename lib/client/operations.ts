// The GraphQL documents of the library, team, settings and header pages. Rule: each document is
// written once here as `graphql(`…`)`; its result and variable types are generated from
// schema.graphql into lib/client/gql/ by `npm run codegen` (codegen.ts), never copied by hand. The
// aliases below only give the generated types the names the pages use.
import { graphql } from "./gql";
import type {
  InvitationFieldsFragment,
  ModelCardFieldsFragment,
  MutationErrorFieldsFragment,
  Role as SchemaRole,
  TeamSummaryFieldsFragment,
  ViewerQuery,
} from "./gql/graphql";

export type Role = SchemaRole;
export type MutationError = MutationErrorFieldsFragment;
export type TeamSummary = TeamSummaryFieldsFragment;
export type Viewer = ViewerQuery;
export type ModelCardFields = ModelCardFieldsFragment;
export type InvitationFields = InvitationFieldsFragment;

graphql(`
  fragment MutationErrorFields on MutationError { message inputErrors { path message } }
`);

graphql(`
  fragment TeamSummaryFields on Team { id name slug isPublic viewerRole }
`);

export const VIEWER_QUERY = graphql(`
  query Viewer {
    me { id name email }
    teams { ...TeamSummaryFields }
  }
`);

graphql(`
  fragment ModelCardFields on Model {
    id name visibility createdAt
    team { id name slug }
    createdBy { id name }
    config { nLayers nHeads dModel dHead dVocab nCtx positionalEmbeddingType }
  }
`);

export const MODEL_LIST_QUERY = graphql(`
  query ModelList($teamId: ID, $search: String, $first: Int, $after: String) {
    models(teamId: $teamId, search: $search, first: $first, after: $after) {
      edges { node { ...ModelCardFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const MODEL_DETAIL_QUERY = graphql(`
  query ModelDetail($id: ID!) {
    model(id: $id) {
      ...ModelCardFields
      contentHash
      attentionOnly
      config { json nCtx }
      layers { index heads { name layer index } }
      tokenizer { kind vocabSize sample(first: 12) { id text } }
      versions { id number byteLength createdAt }
    }
  }
`);

graphql(`
  fragment InvitationFields on Invitation { id email role expiresAt createdAt }
`);

export const TEAM_DETAIL_QUERY = graphql(`
  query TeamDetail($id: ID!) {
    team(id: $id) {
      ...TeamSummaryFields
      members { role joinedAt user { id name email } }
      invitations { ...InvitationFields }
    }
  }
`);

export const CREATE_TEAM_MUTATION = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }
  }
`);

export const INVITE_MEMBER_MUTATION = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) { ok error { ...MutationErrorFields } token invitation { ...InvitationFields } }
  }
`);

export const ACCEPT_INVITATION_MUTATION = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }
  }
`);

export const SET_MEMBER_ROLE_MUTATION = graphql(`
  mutation SetMemberRole($input: SetMemberRoleInput!) {
    setMemberRole(input: $input) { ok error { ...MutationErrorFields } }
  }
`);

export const REMOVE_MEMBER_MUTATION = graphql(`
  mutation RemoveMember($teamId: ID!, $userId: ID!) {
    removeMember(teamId: $teamId, userId: $userId) { ok error { ...MutationErrorFields } }
  }
`);

graphql(`
  fragment ApiTokenFields on ApiToken { id name prefix createdAt lastUsedAt revokedAt expiresAt scopes }
`);

export const API_TOKENS_QUERY = graphql(`
  query ApiTokens { apiTokens { ...ApiTokenFields } }
`);

export const CREATE_API_TOKEN_MUTATION = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { ok error { ...MutationErrorFields } secret token { ...ApiTokenFields } }
  }
`);

export const REVOKE_API_TOKEN_MUTATION = graphql(`
  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ok error { ...MutationErrorFields } } }
`);

/** One line for a payload error: the message plus each field's problem. */
export function describeMutationError(error: MutationError): string {
  const fields = error.inputErrors.map((e) => `${e.path.join(".") || "input"}: ${e.message}`);
  return [error.message, ...fields].join("\n");
}
