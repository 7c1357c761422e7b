// The GraphQL documents of head annotations, claims, comments, notifications and presence
// (graphql/modules/collab, claims and live). Rule: written once here as `graphql(`…`)`, typed by
// `npm run codegen`; the pages import these and never spell a collab document themselves.
import { graphql } from "./gql";
import type {
  AnnotationCommentsQuery,
  AnnotationFieldsFragment,
  AnnotationRevisionsQuery,
  CommentFieldsFragment,
  HeadAnnotationsQuery,
  HeadCollabContextQuery,
  ModelActivitySubscription,
  NotificationsQuery,
} from "./gql/graphql";

export type AnnotationFields = AnnotationFieldsFragment;
export type CommentFields = CommentFieldsFragment;
export type ClaimFields = AnnotationFieldsFragment["claims"][number];
export type RevisionFields = NonNullable<AnnotationRevisionsQuery["annotation"]>["revisions"][number];
export type AnnotationCommentList = NonNullable<AnnotationCommentsQuery["annotation"]>["comments"];
export type HeadAnnotationsModel = NonNullable<HeadAnnotationsQuery["model"]>;
export type CollabContextModel = NonNullable<HeadCollabContextQuery["model"]>;
export type AnnotationLabelFields = CollabContextModel["annotationLabels"][number];
export type TeamMemberFields = NonNullable<CollabContextModel["team"]>["members"][number];
export type NotificationFields = NotificationsQuery["notifications"][number];
export type ActivityEvent = ModelActivitySubscription["modelActivity"];

graphql(`
  fragment CommentFields on Comment {
    id target targetId parentId body bodyHtml deleted version createdAt updatedAt
    author { id name }
  }
`);

graphql(`
  fragment ClaimEvaluationFields on ClaimEvaluation { status value threshold message modelVersion engineVersion evaluatedAt }
`);

graphql(`
  fragment AnnotationFields on Annotation {
    id modelId head label body bodyHtml confidence accepted version createdAt updatedAt
    author { id name }
    evidence { kind resultId pointer caption found value truncated }
    votes { agree disagree viewerVote }
    claims {
      id spec description status version createdAt
      current { ...ClaimEvaluationFields }
      written { ...ClaimEvaluationFields }
    }
  }
`);

// What live events re-read is kept small: a card's revisions and comments load only when opened
// (ANNOTATION_REVISIONS_QUERY, ANNOTATION_COMMENTS_QUERY), and the team, its members and the
// taxonomy are their own query, re-read only on LABEL events.
export const HEAD_ANNOTATIONS_QUERY = graphql(`
  query HeadAnnotations($id: ID!, $head: String!) {
    model(id: $id) {
      id
      annotations(head: $head) { ...AnnotationFields }
      headComments(head: $head) { ...CommentFields }
    }
  }
`);

export const HEAD_COLLAB_CONTEXT_QUERY = graphql(`
  query HeadCollabContext($id: ID!) {
    me { id name }
    model(id: $id) {
      id
      team { id viewerRole members { role user { id name email } } }
      annotationLabels { name description builtin }
    }
  }
`);

export const ANNOTATION_REVISIONS_QUERY = graphql(`
  query AnnotationRevisions($id: ID!) {
    annotation(id: $id) {
      id
      revisions {
        id version label body confidence createdAt
        author { id name }
        changes { field before after }
        bodyDiff { value added removed }
      }
    }
  }
`);

export const ANNOTATION_COMMENTS_QUERY = graphql(`
  query AnnotationComments($id: ID!) {
    annotation(id: $id) { id comments { ...CommentFields } }
  }
`);

export const HEAD_CONSENSUS_QUERY = graphql(`
  query HeadConsensus($id: ID!) {
    model(id: $id) {
      id
      headConsensus { head label count participants annotations accepted { id } }
    }
  }
`);

export const MODEL_VIEWERS_QUERY = graphql(`
  query ModelViewers($id: ID!) {
    me { id }
    model(id: $id) { id viewers { userId name since } }
  }
`);

export const CREATE_ANNOTATION_MUTATION = graphql(`
  mutation CreateAnnotation($input: CreateAnnotationInput!) {
    createAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }
  }
`);

export const UPDATE_ANNOTATION_MUTATION = graphql(`
  mutation UpdateAnnotation($input: UpdateAnnotationInput!) {
    updateAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }
  }
`);

export const SET_ANNOTATION_ACCEPTED_MUTATION = graphql(`
  mutation SetAnnotationAccepted($id: ID!, $accepted: Boolean!) {
    setAnnotationAccepted(id: $id, accepted: $accepted) { ok error { ...MutationErrorFields } annotation { id accepted } }
  }
`);

export const VOTE_ANNOTATION_MUTATION = graphql(`
  mutation VoteAnnotation($id: ID!, $value: VoteValue) {
    voteAnnotation(id: $id, value: $value) { ok error { ...MutationErrorFields } annotation { id votes { agree disagree viewerVote } } }
  }
`);

export const CREATE_COMMENT_MUTATION = graphql(`
  mutation CreateComment($input: CreateCommentInput!) {
    createComment(input: $input) { ok error { ...MutationErrorFields } comment { id } }
  }
`);

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications {
    unreadNotificationCount
    notifications(first: 20) { id kind data readAt createdAt }
  }
`);

export const MARK_NOTIFICATIONS_READ_MUTATION = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

export const MODEL_ACTIVITY_SUBSCRIPTION = graphql(`
  subscription ModelActivity($modelId: ID!) {
    modelActivity(modelId: $modelId) { modelId kind action id head version actorId actorName at }
  }
`);

export const NOTIFICATION_SIGNALS_SUBSCRIPTION = graphql(`
  subscription NotificationSignals {
    notificationSignals { reason at }
  }
`);

export const DELETE_ANNOTATION_MUTATION = graphql(`
  mutation DeleteAnnotation($id: ID!, $version: Int!) {
    deleteAnnotation(id: $id, version: $version) { ok error { ...MutationErrorFields } }
  }
`);

export const DELETE_COMMENT_MUTATION = graphql(`
  mutation DeleteComment($id: ID!, $version: Int!) {
    deleteComment(id: $id, version: $version) { ok error { ...MutationErrorFields } }
  }
`);

export const ADD_CLAIM_MUTATION = graphql(`
  mutation AddClaim($annotationId: ID!, $spec: JSON!) {
    addClaim(annotationId: $annotationId, spec: $spec) { ok error { ...MutationErrorFields } claim { id status } }
  }
`);

export const EVIDENCE_SOURCES_QUERY = graphql(`
  query EvidenceSources($id: ID!) {
    model(id: $id) { id evidenceSources { id kind modelVersion createdAt } }
  }
`);
