/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/**
 * Where an analysis is: READY (computed, or read from the cache), QUEUED or RUNNING (a background job;
 * `jobId` and `progress` tell how far it is — follow it live at /api/events?job=<jobId>), FAILED (the
 * engine could not analyse this model, or its worker died too often; `message` says why), CANCELLED,
 * or TOO_LARGE (kept for old clients: no model below the upload limit is too large any more).
 */
export type AnalysisStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'READY'
  | 'RUNNING'
  | 'TOO_LARGE';

export type CreateApiTokenInput = {
  /** A name to recognise the token by (1–100 characters). */
  name: string;
};

export type CreateTeamInput = {
  /** Display name (1–80 characters); the slug is derived from it. */
  name: string;
};

export type InviteMemberInput = {
  /** When set, only the account with this email may accept. */
  email?: string | null | undefined;
  /** The role the invitee gets. */
  role: Role;
  /** The team to invite to (you must be its OWNER). */
  teamId: string | number;
};

/**
 * Whether head matching could be done: READY, or TOO_LARGE (a version involved has more stored
 * weights than are matched on the server; `message` says which).
 */
export type MatchStatus =
  | 'READY'
  | 'TOO_LARGE';

/**
 * A member's role in a team. OWNER manages members and settings; EDITOR uploads and edits models;
 * VIEWER reads.
 */
export type Role =
  | 'EDITOR'
  | 'OWNER'
  | 'VIEWER';

export type SetMemberRoleInput = {
  /** The new role. */
  role: Role;
  /** The team. */
  teamId: string | number;
  /** The member's account id. */
  userId: string | number;
};

/**
 * Settings of a training run. Bounds: nLayers 0–4, nHeads 1–8, dModel 4–256 (a multiple of nHeads
 * unless dHead is given), nCtx 8–128, steps 1–20000, batchSize 1–64, lr 1e-5–0.1, and a compute
 * budget of about 30 minutes on the server.
 */
export type StartTrainingInput = {
  /** Sequences per step (1–64). */
  batchSize?: number | null | undefined;
  /** Save a checkpoint every this many steps (default steps / 4). */
  checkpointEvery?: number | null | undefined;
  /** d_head (default dModel / nHeads). */
  dHead?: number | null | undefined;
  /** `d_model`: residual stream width (4–256). */
  dModel: number;
  /** AdamW peak learning rate (1e-5–0.1). */
  lr?: number | null | undefined;
  /** `n_ctx`: context length (8–128). */
  nCtx: number;
  /** `n_heads`: heads per layer (1–8). */
  nHeads: number;
  /** `n_layers`: attention layers (0–4). */
  nLayers: number;
  /** Name of the new model (default: derived from the settings). */
  name?: string | null | undefined;
  /** "shortformer" (default) or "standard". */
  positionalEmbedding?: string | null | undefined;
  /** Score the heads every this many steps (default steps / 40). */
  scoreEvery?: number | null | undefined;
  /** Seed of the initialisation and the data: the same seed gives the same run. */
  seed: number;
  /** Optimisation steps (1–20000). */
  steps: number;
  /** Task registry name (see trainingTasks). */
  task: string;
  /** Team that will own the model (you must be an EDITOR or OWNER). */
  teamId: string | number;
};

/**
 * Where a training job is in its life: QUEUED (waiting for the trainer), RUNNING, then exactly one of
 * CANCELLED, FAILED or DONE.
 */
export type TrainingStatus =
  | 'CANCELLED'
  | 'DONE'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING';

/**
 * Who may see a model. PRIVATE: the uploader and the team's owners; TEAM: every member of its team;
 * PUBLIC: every signed-in account.
 */
export type Visibility =
  | 'PRIVATE'
  | 'PUBLIC'
  | 'TEAM';

export type ModelHeadLineageQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelHeadLineageQuery = { model: { id: string, headLineage: { status: MatchStatus, message: string | null, cached: boolean, versions: Array<number>, baseline: number | null, heads: Array<{ name: string, trace: Array<{ version: number, head: string, similarity: number }> }> } | null } | null };

export type ModelHeadReportQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelHeadReportQuery = { model: { id: string, headReport: { status: AnalysisStatus, message: string | null, modelVersion: number, engineVersion: string, cached: boolean, thresholds: unknown, heads: Array<{ name: string, layer: number, head: number, previousToken: number | null, duplicateToken: number | null, induction: number | null, inductionStripe: number | null, ovCopying: number | null, qkTokenPositivity: number | null, qkPositionalPositivity: number | null, labels: Array<{ label: string, score: number | null, partner: string | null, mechanism: string | null }> }>, composition: { Q: Array<Array<Array<Array<number | null>>>>, K: Array<Array<Array<Array<number | null>>>>, V: Array<Array<Array<Array<number | null>>>> } | null } | null } | null };

export type TrainingTasksQueryVariables = Exact<{ [key: string]: never; }>;


export type TrainingTasksQuery = { trainingTasks: Array<{ name: string, description: string, vocabSize: number }> };

export type StartTrainingMutationVariables = Exact<{
  input: StartTrainingInput;
}>;


export type StartTrainingMutation = { startTraining: { id: string, status: TrainingStatus, totalSteps: number } };

export type CancelTrainingMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelTrainingMutation = { cancelTraining: { id: string, status: TrainingStatus } };

export type TrainingJobsQueryVariables = Exact<{
  teamId: string | number;
}>;


export type TrainingJobsQuery = { trainingJobs: Array<{ id: string, status: TrainingStatus, task: string, step: number, totalSteps: number, createdAt: string, model: { id: string, name: string } | null }> };

export type TrainingJobConfigQueryVariables = Exact<{
  id: string | number;
}>;


export type TrainingJobConfigQuery = { trainingJob: { id: string, config: unknown } | null };

export type MutationErrorFieldsFragment = { message: string, inputErrors: Array<{ path: Array<string>, message: string }> };

export type TeamSummaryFieldsFragment = { id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { id: string, name: string, email: string } | null, teams: Array<{ id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null }> };

export type ModelCardFieldsFragment = { id: string, name: string, visibility: Visibility, createdAt: string, team: { id: string, name: string, slug: string }, createdBy: { id: string, name: string } | null, config: { nLayers: number, nHeads: number, dModel: number, dHead: number, dVocab: number, nCtx: number, positionalEmbeddingType: string } };

export type ModelListQueryVariables = Exact<{
  teamId?: string | number | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ModelListQuery = { models: { edges: Array<{ node: { id: string, name: string, visibility: Visibility, createdAt: string, team: { id: string, name: string, slug: string }, createdBy: { id: string, name: string } | null, config: { nLayers: number, nHeads: number, dModel: number, dHead: number, dVocab: number, nCtx: number, positionalEmbeddingType: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ModelDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelDetailQuery = { model: { contentHash: string, id: string, name: string, visibility: Visibility, createdAt: string, config: { json: unknown, nLayers: number, nHeads: number, dModel: number, dHead: number, dVocab: number, nCtx: number, positionalEmbeddingType: string }, layers: Array<{ index: number, heads: Array<{ name: string, layer: number, index: number }> }>, tokenizer: { kind: string, vocabSize: number, sample: Array<{ id: number, text: string }> } | null, versions: Array<{ id: string, number: number, byteLength: number, createdAt: string }>, team: { id: string, name: string, slug: string }, createdBy: { id: string, name: string } | null } | null };

export type InvitationFieldsFragment = { id: string, email: string | null, role: Role, expiresAt: string, createdAt: string };

export type TeamDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type TeamDetailQuery = { team: { id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null, members: Array<{ role: Role, joinedAt: string, user: { id: string, name: string, email: string } }>, invitations: Array<{ id: string, email: string | null, role: Role, expiresAt: string, createdAt: string }> } | null };

export type CreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type CreateTeamMutation = { createTeam: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, team: { id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null } | null } };

export type InviteMemberMutationVariables = Exact<{
  input: InviteMemberInput;
}>;


export type InviteMemberMutation = { inviteMember: { ok: boolean, token: string | null, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, invitation: { id: string, email: string | null, role: Role, expiresAt: string, createdAt: string } | null } };

export type AcceptInvitationMutationVariables = Exact<{
  token: string;
}>;


export type AcceptInvitationMutation = { acceptInvitation: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, team: { id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null } | null } };

export type SetMemberRoleMutationVariables = Exact<{
  input: SetMemberRoleInput;
}>;


export type SetMemberRoleMutation = { setMemberRole: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export type RemoveMemberMutationVariables = Exact<{
  teamId: string | number;
  userId: string | number;
}>;


export type RemoveMemberMutation = { removeMember: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export type ApiTokenFieldsFragment = { id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null };

export type ApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { apiTokens: Array<{ id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type CreateApiTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type CreateApiTokenMutation = { createApiToken: { ok: boolean, secret: string | null, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, token: { id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } | null } };

export type RevokeApiTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiTokenMutation = { revokeApiToken: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MutationErrorFieldsFragmentDoc = new TypedDocumentString(`
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}
    `, {"fragmentName":"MutationErrorFields"}) as unknown as TypedDocumentString<MutationErrorFieldsFragment, unknown>;
export const TeamSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment TeamSummaryFields on Team {
  id
  name
  slug
  isPublic
  viewerRole
}
    `, {"fragmentName":"TeamSummaryFields"}) as unknown as TypedDocumentString<TeamSummaryFieldsFragment, unknown>;
export const ModelCardFieldsFragmentDoc = new TypedDocumentString(`
    fragment ModelCardFields on Model {
  id
  name
  visibility
  createdAt
  team {
    id
    name
    slug
  }
  createdBy {
    id
    name
  }
  config {
    nLayers
    nHeads
    dModel
    dHead
    dVocab
    nCtx
    positionalEmbeddingType
  }
}
    `, {"fragmentName":"ModelCardFields"}) as unknown as TypedDocumentString<ModelCardFieldsFragment, unknown>;
export const InvitationFieldsFragmentDoc = new TypedDocumentString(`
    fragment InvitationFields on Invitation {
  id
  email
  role
  expiresAt
  createdAt
}
    `, {"fragmentName":"InvitationFields"}) as unknown as TypedDocumentString<InvitationFieldsFragment, unknown>;
export const ApiTokenFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiTokenFields on ApiToken {
  id
  name
  prefix
  createdAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"ApiTokenFields"}) as unknown as TypedDocumentString<ApiTokenFieldsFragment, unknown>;
export const ModelHeadLineageDocument = new TypedDocumentString(`
    query ModelHeadLineage($id: ID!) {
  model(id: $id) {
    id
    headLineage {
      status
      message
      cached
      versions
      baseline
      heads {
        name
        trace {
          version
          head
          similarity
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModelHeadLineageQuery, ModelHeadLineageQueryVariables>;
export const ModelHeadReportDocument = new TypedDocumentString(`
    query ModelHeadReport($id: ID!) {
  model(id: $id) {
    id
    headReport {
      status
      message
      modelVersion
      engineVersion
      cached
      thresholds
      heads {
        name
        layer
        head
        previousToken
        duplicateToken
        induction
        inductionStripe
        ovCopying
        qkTokenPositivity
        qkPositionalPositivity
        labels {
          label
          score
          partner
          mechanism
        }
      }
      composition {
        Q
        K
        V
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModelHeadReportQuery, ModelHeadReportQueryVariables>;
export const TrainingTasksDocument = new TypedDocumentString(`
    query TrainingTasks {
  trainingTasks {
    name
    description
    vocabSize
  }
}
    `) as unknown as TypedDocumentString<TrainingTasksQuery, TrainingTasksQueryVariables>;
export const StartTrainingDocument = new TypedDocumentString(`
    mutation StartTraining($input: StartTrainingInput!) {
  startTraining(input: $input) {
    id
    status
    totalSteps
  }
}
    `) as unknown as TypedDocumentString<StartTrainingMutation, StartTrainingMutationVariables>;
export const CancelTrainingDocument = new TypedDocumentString(`
    mutation CancelTraining($id: ID!) {
  cancelTraining(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelTrainingMutation, CancelTrainingMutationVariables>;
export const TrainingJobsDocument = new TypedDocumentString(`
    query TrainingJobs($teamId: ID!) {
  trainingJobs(teamId: $teamId, first: 8) {
    id
    status
    task
    step
    totalSteps
    createdAt
    model {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<TrainingJobsQuery, TrainingJobsQueryVariables>;
export const TrainingJobConfigDocument = new TypedDocumentString(`
    query TrainingJobConfig($id: ID!) {
  trainingJob(id: $id) {
    id
    config
  }
}
    `) as unknown as TypedDocumentString<TrainingJobConfigQuery, TrainingJobConfigQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    id
    name
    email
  }
  teams {
    ...TeamSummaryFields
  }
}
    fragment TeamSummaryFields on Team {
  id
  name
  slug
  isPublic
  viewerRole
}`) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const ModelListDocument = new TypedDocumentString(`
    query ModelList($teamId: ID, $search: String, $first: Int, $after: String) {
  models(teamId: $teamId, search: $search, first: $first, after: $after) {
    edges {
      node {
        ...ModelCardFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ModelCardFields on Model {
  id
  name
  visibility
  createdAt
  team {
    id
    name
    slug
  }
  createdBy {
    id
    name
  }
  config {
    nLayers
    nHeads
    dModel
    dHead
    dVocab
    nCtx
    positionalEmbeddingType
  }
}`) as unknown as TypedDocumentString<ModelListQuery, ModelListQueryVariables>;
export const ModelDetailDocument = new TypedDocumentString(`
    query ModelDetail($id: ID!) {
  model(id: $id) {
    ...ModelCardFields
    contentHash
    config {
      json
    }
    layers {
      index
      heads {
        name
        layer
        index
      }
    }
    tokenizer {
      kind
      vocabSize
      sample(first: 12) {
        id
        text
      }
    }
    versions {
      id
      number
      byteLength
      createdAt
    }
  }
}
    fragment ModelCardFields on Model {
  id
  name
  visibility
  createdAt
  team {
    id
    name
    slug
  }
  createdBy {
    id
    name
  }
  config {
    nLayers
    nHeads
    dModel
    dHead
    dVocab
    nCtx
    positionalEmbeddingType
  }
}`) as unknown as TypedDocumentString<ModelDetailQuery, ModelDetailQueryVariables>;
export const TeamDetailDocument = new TypedDocumentString(`
    query TeamDetail($id: ID!) {
  team(id: $id) {
    ...TeamSummaryFields
    members {
      role
      joinedAt
      user {
        id
        name
        email
      }
    }
    invitations {
      ...InvitationFields
    }
  }
}
    fragment TeamSummaryFields on Team {
  id
  name
  slug
  isPublic
  viewerRole
}
fragment InvitationFields on Invitation {
  id
  email
  role
  expiresAt
  createdAt
}`) as unknown as TypedDocumentString<TeamDetailQuery, TeamDetailQueryVariables>;
export const CreateTeamDocument = new TypedDocumentString(`
    mutation CreateTeam($input: CreateTeamInput!) {
  createTeam(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    team {
      ...TeamSummaryFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}
fragment TeamSummaryFields on Team {
  id
  name
  slug
  isPublic
  viewerRole
}`) as unknown as TypedDocumentString<CreateTeamMutation, CreateTeamMutationVariables>;
export const InviteMemberDocument = new TypedDocumentString(`
    mutation InviteMember($input: InviteMemberInput!) {
  inviteMember(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    token
    invitation {
      ...InvitationFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}
fragment InvitationFields on Invitation {
  id
  email
  role
  expiresAt
  createdAt
}`) as unknown as TypedDocumentString<InviteMemberMutation, InviteMemberMutationVariables>;
export const AcceptInvitationDocument = new TypedDocumentString(`
    mutation AcceptInvitation($token: String!) {
  acceptInvitation(token: $token) {
    ok
    error {
      ...MutationErrorFields
    }
    team {
      ...TeamSummaryFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}
fragment TeamSummaryFields on Team {
  id
  name
  slug
  isPublic
  viewerRole
}`) as unknown as TypedDocumentString<AcceptInvitationMutation, AcceptInvitationMutationVariables>;
export const SetMemberRoleDocument = new TypedDocumentString(`
    mutation SetMemberRole($input: SetMemberRoleInput!) {
  setMemberRole(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<SetMemberRoleMutation, SetMemberRoleMutationVariables>;
export const RemoveMemberDocument = new TypedDocumentString(`
    mutation RemoveMember($teamId: ID!, $userId: ID!) {
  removeMember(teamId: $teamId, userId: $userId) {
    ok
    error {
      ...MutationErrorFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<RemoveMemberMutation, RemoveMemberMutationVariables>;
export const ApiTokensDocument = new TypedDocumentString(`
    query ApiTokens {
  apiTokens {
    ...ApiTokenFields
  }
}
    fragment ApiTokenFields on ApiToken {
  id
  name
  prefix
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ApiTokensQuery, ApiTokensQueryVariables>;
export const CreateApiTokenDocument = new TypedDocumentString(`
    mutation CreateApiToken($input: CreateApiTokenInput!) {
  createApiToken(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    secret
    token {
      ...ApiTokenFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}
fragment ApiTokenFields on ApiToken {
  id
  name
  prefix
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<CreateApiTokenMutation, CreateApiTokenMutationVariables>;
export const RevokeApiTokenDocument = new TypedDocumentString(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id) {
    ok
    error {
      ...MutationErrorFields
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>;