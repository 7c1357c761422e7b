// The GraphQL documents of the invitation page (/teams/join) beside ACCEPT_INVITATION_MUTATION in
// ./operations.ts. Rule: written once here as `graphql(`…`)`, typed by `npm run codegen`.
import { graphql } from "./gql";
import type { InvitationPreviewQuery } from "./gql/graphql";

export type InvitationPreviewFields = InvitationPreviewQuery["invitationPreview"];

export const INVITATION_PREVIEW_QUERY = graphql(`
  query InvitationPreview($token: String!) {
    invitationPreview(token: $token) { teamName invitedByName role email expiresAt status alreadyMember }
  }
`);

export const DECLINE_INVITATION_MUTATION = graphql(`
  mutation DeclineInvitation($token: String!) {
    declineInvitation(token: $token) { ok error { ...MutationErrorFields } }
  }
`);
