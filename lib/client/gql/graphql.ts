/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What happened to the row an activity event names. */
export type ActivityAction =
  | 'CREATED'
  | 'DELETED'
  | 'UPDATED';

/** What a live activity event is about. */
export type ActivityKind =
  /** A head annotation (created, edited, deleted, accepted or unaccepted). */
  | 'ANNOTATION'
  /** An executable claim (added, re-evaluated, deleted). */
  | 'CLAIM'
  /** A comment. */
  | 'COMMENT'
  /**
   * A finding (created, edited, a figure added or removed, visibility changed, deleted); its share
   * links too (`id` is the finding's id). Read it again through `finding(id)`, which checks your access.
   */
  | 'FINDING'
  /** A label of the team's taxonomy. */
  | 'LABEL'
  /** Someone started (CREATED) or ended (DELETED) a live view of the model: re-read `Model.viewers`. */
  | 'PRESENCE'
  /** Events may have been missed (the listener reconnected, or this stream fell behind): re-read everything. */
  | 'RESYNC'
  /** A vote on an annotation (`id` is the annotation's id). */
  | 'VOTE';

export type AddFindingFigureInput = {
  /** The finding version you read (optional); a stale one answers CONFLICT. */
  expectedVersion?: number | null | undefined;
  /** The finding. */
  findingId: string | number;
  /** The key the body cites it by (letters, digits, '-', '_'; default fig-<n>). */
  key?: string | null | undefined;
  /** What it shows. */
  kind: FindingFigureKind;
  /** Its params (see FindingFigureKind), validated per kind. */
  params: unknown;
};

/**
 * Where an analysis stands. READY: `result` is there (computed now or read from the cache). QUEUED or
 * RUNNING: a background job computes it (`jobId`, `progress`); ask again or follow the job. FAILED or
 * CANCELLED: `message` says why; there is no result.
 */
export type AnalysisState =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'READY'
  | 'RUNNING';

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

/** Pass/fail of a claim's evaluation; PENDING while the head report it needs is being computed. */
export type ClaimStatus =
  | 'ERROR'
  | 'FAIL'
  | 'PASS'
  | 'PENDING';

/** What a comment thread is on. */
export type CommentTarget =
  | 'ANNOTATION'
  | 'FINDING'
  | 'HEAD';

/** Which way a composition edge runs, seen from the head asked about. */
export type CompositionDirection =
  | 'READS_FROM'
  | 'WRITES_TO';

/** Q, K or V composition (paper §"Composition"; TransformerLens `all_composition_scores(mode)`). */
export type CompositionKind =
  /** ... its keys (induction heads K-compose with previous-token heads). */
  | 'K'
  /** The earlier head's output feeds the later head's queries. */
  | 'Q'
  /** ... its values (virtual attention heads). */
  | 'V';

export type CreateAnnotationInput = {
  /** Markdown text (at most 20 000 characters, nesting at most 16 levels). */
  body?: string | null | undefined;
  /** Confidence, 0–1. */
  confidence: number;
  /** Evidence links (at most 20) to stored results of this model. */
  evidence?: Array<EvidenceInput> | null | undefined;
  /** The head, "L.H". */
  head: string;
  /** A label of the team's taxonomy (see Model.annotationLabels). */
  label: string;
  /** The model. */
  modelId: string | number;
};

export type CreateApiTokenInput = {
  /** Days until the token expires: 1 to 365, default 90. */
  expiresInDays?: number | null | undefined;
  /** A name to recognise the token by (1–100 characters). */
  name: string;
  /** What the token may do; must include READ. Default [READ, WRITE]. */
  scopes?: Array<TokenScope> | null | undefined;
};

export type CreateCommentInput = {
  /**
   * Markdown text (at most 5 000 characters); @handle (a member's email name or name without
   * spaces) notifies that team member.
   */
  body: string;
  /** The model. */
  modelId: string | number;
  /** The comment replied to (in the same thread). */
  parentId?: string | number | null | undefined;
  /** What the thread is on. */
  target: CommentTarget;
  /** The head ("L.H") or annotation id. */
  targetId: string | number;
};

export type CreateFindingInput = {
  /** Markdown, at most 20 000 characters. */
  body?: string | null | undefined;
  /** The model (EDITOR or OWNER of its team). */
  modelId: string | number;
  /** The title, 1–200 characters. */
  title: string;
  /** The version to pin (default: the latest). */
  version?: number | null | undefined;
};

export type CreateTeamInput = {
  /** Display name (1–80 characters); the slug is derived from it. */
  name: string;
};

export type EvidenceInput = {
  /** A caption (at most 200 characters). */
  caption?: string | null | undefined;
  /** What the link shows. */
  kind: EvidenceKind;
  /** RFC 6901 pointer into the result (at most 12 segments); "" for the whole result. */
  pointer?: string | null | undefined;
  /** Id of a stored AnalysisResult of a version of the annotated model. */
  resultId: string | number;
};

/** What an evidence link points at in a stored analysis result. */
export type EvidenceKind =
  | 'COMPOSITION'
  | 'FIGURE'
  | 'OV_ENTRY'
  | 'PROMPT_RUN'
  | 'QK_ENTRY'
  | 'SCORE';

/** The state of a figure recomputed on the model's newest version. */
export type FigureCurrentStatus =
  | 'FAILED'
  | 'PENDING'
  | 'READY';

/** What `exportFinding` writes. */
export type FindingExportFormat =
  /** The document `importFinding` reads (docs/FINDINGS.md, lib/findings/export-format.ts). */
  | 'JSON'
  /** The body, then every figure's frozen data as tables. */
  | 'MARKDOWN';

/**
 * What a figure shows. Params per kind: HEAD_CARD { head: "L.H" }; COMPOSITION { mode: "Q"|"K"|"V" };
 * ATTENTION { head: "L.H", prompt: String } or { head, tokens: [Int] } (at most 128 tokens); OV_TABLE
 * { head: "L.H", topK: 1–50 (default 10) }.
 */
export type FindingFigureKind =
  /** One head's attention pattern on a prompt. */
  | 'ATTENTION'
  /** Q-, K- or V-composition scores of every pair of heads (TL all_composition_scores), with the random-pair baseline. */
  | 'COMPOSITION'
  /** A head's scores and labels from the engine's head report. */
  | 'HEAD_CARD'
  /** The largest entries of one head's full OV circuit W_E W_OV W_U. */
  | 'OV_TABLE';

/** Whether a figure's values are frozen yet. */
export type FindingFigureStatus =
  /** The values are frozen from the pinned version; reading never recomputes them. */
  | 'FROZEN'
  /** Its analysis is still being computed by a background job; the values are frozen once it is ready. */
  | 'PENDING';

/**
 * Who reads a finding: DRAFT its author only; TEAM the members of the model's team who may read the
 * model; PUBLIC anyone, signed out too.
 */
export type FindingVisibility =
  | 'DRAFT'
  | 'PUBLIC'
  | 'TEAM';

/** Which claims a searched head must carry: at least one whose last evaluation passed, or failed. */
export type HeadClaimFilter =
  | 'FAILING'
  | 'PASSING';

/** A range of one per-head score of the head report (min and max inclusive; give one or both). */
export type HeadScoreRange = {
  /** Upper bound (|bound| ≤ 10⁶). */
  max?: number | null | undefined;
  /** Lower bound (|bound| ≤ 10⁶). */
  min?: number | null | undefined;
  /**
   * The score: previousToken, duplicateToken, induction, inductionStripe, ovCopying,
   * qkTokenPositivity, qkPositionalPositivity, variedPeriodInduction, positionalInvariance or
   * distanceFromUniform (the HeadScores fields of the head report).
   */
  name: string;
};

/** What a searched head must satisfy: every condition given (AND); none given matches every head. */
export type HeadSearchFilter = {
  /** A passing or a failing claim on one of the head's annotations. */
  claimStatus?: HeadClaimFilter | null | undefined;
  /** A label (kebab-case) the head carries: an engine auto-label of its report or any annotation's label. */
  label?: string | null | undefined;
  /** The partner K-composition of an induction head against the random baseline. */
  partnerKComposition?: PartnerKCompositionFilter | null | undefined;
  /** A score range of the head's report row. */
  score?: HeadScoreRange | null | undefined;
  /** Text some annotation of the head contains, ignoring case (at most 200 characters). */
  text?: string | null | undefined;
};

/** Where an invitation stands: only an OPEN one can be accepted or declined. */
export type InvitationStatus =
  | 'ACCEPTED'
  | 'DECLINED'
  | 'EXPIRED'
  | 'OPEN'
  | 'REVOKED';

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

/** Why a notification signal came. */
export type NotificationSignalReason =
  /** A notification was written for you (a mention, a claim that started failing). */
  | 'NEW'
  /**
   * Signals may have been missed (the listener reconnected, or this stream fell behind); also the
   * first signal of every stream, for what was written before it opened.
   */
  | 'RESYNC';

/**
 * Induction heads whose K-composition partner (the engine's induction label's `partner`) composes
 * into their keys well above random heads.
 */
export type PartnerKCompositionFilter = {
  /**
   * (TL K-composition score partner → head − baselineMean) / baselineStd of the report's random-pair
   * baseline must be at least this (|minSigma| ≤ 100), e.g. 3 for "exceeds 3σ".
   */
  minSigma: number;
};

export type RenameModelInput = {
  /** The model's id. */
  id: string | number;
  /** The new name (1–120 characters). */
  name: string;
};

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

export type SetModelVisibilityInput = {
  /** The model's id. */
  id: string | number;
  /** Who may see it from now on. */
  visibility: Visibility;
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

/** What an API token may do. A signed-in session may do everything. */
export type TokenScope =
  /** Queries and subscriptions (every token has it). */
  | 'READ'
  /** createApiToken and revokeApiToken; a token grants a new token only scopes it holds itself. */
  | 'TOKENS'
  /** Mutations and uploads (POST /api/models), except managing tokens. */
  | 'WRITE';

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
 * A decision transformer's trajectory (DT-FORMAT.md "A trajectory"): T timesteps, T returns-to-go, T
 * state vectors of n_state_features numbers, T − 1 actions (the model predicts the action after each
 * state). At most as many steps as the model's n_ctx holds (3 tokens a step); every number finite.
 */
export type TrajectoryInput = {
  /** The action taken after each step but the last, ids in [0, n_actions) (the padding id too when the model has one). */
  actions: Array<number>;
  /** The return-to-go of each step. */
  rtg: Array<number>;
  /** Each step's state features (`state_features @ W_E_state`). */
  states: Array<Array<number>>;
  /** The timestep of each step, integers in [0, max_timestep] (rows of `embed.W_time`). */
  timesteps: Array<number>;
};

export type UpdateAnnotationInput = {
  /** New Markdown text. */
  body?: string | null | undefined;
  /** New confidence, 0–1. */
  confidence?: number | null | undefined;
  /** New evidence links (replaces the list). */
  evidence?: Array<EvidenceInput> | null | undefined;
  /** The annotation. */
  id: string | number;
  /** New label. */
  label?: string | null | undefined;
  /** The version you read; a stale one is refused with a CONFLICT error carrying the current annotation. */
  version: number;
};

export type UpdateFindingInput = {
  /** A new body. */
  body?: string | null | undefined;
  /** The version you read; a stale one answers CONFLICT with the current finding in `extensions.current`. */
  expectedVersion: number;
  /** The finding. */
  id: string | number;
  /** A new title. */
  title?: string | null | undefined;
};

/**
 * Who may see a model. PRIVATE: the uploader and the team's owners; TEAM: every member of its team;
 * PUBLIC: everyone, signed out too (reading; downloading the weights needs an account).
 */
export type Visibility =
  | 'PRIVATE'
  | 'PUBLIC'
  | 'TEAM';

/** A vote on an annotation. */
export type VoteValue =
  | 'AGREE'
  | 'DISAGREE';

export type TokenFieldsFragment = { id: number, text: string };

export type CircuitEntryFieldsFragment = { row: number, col: number, value: number, rowToken: { id: number, text: string } | null, colToken: { id: number, text: string } | null };

export type ModelDirectPathQueryVariables = Exact<{
  id: string | number;
  topK: number;
}>;


export type ModelDirectPathQuery = { model: { id: string, directPath: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { top: Array<{ row: number, col: number, value: number, rowToken: { id: number, text: string } | null, colToken: { id: number, text: string } | null }> } | null } } | null };

export type HeadSkipTrigramsQueryVariables = Exact<{
  id: string | number;
  head: string;
  topK: number;
}>;


export type HeadSkipTrigramsQuery = { model: { id: string, head: { name: string, skipTrigrams: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: Array<{ score: number, qk: number, ov: number, source: { id: number, text: string }, destination: { id: number, text: string }, output: { id: number, text: string } }> | null, segmentGroups: Array<{ sourceSegment: string | null, destinationSegment: string | null, outputSegment: string | null, count: number, totalScore: number }> | null } } } | null };

export type CompositionFieldsFragment = { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { kind: CompositionKind, scores: { shape: Array<number>, dtype: string, base64: string }, baseline: { mean: number, std: number, samples: number, seed: number }, top: Array<{ writer: string, reader: string, score: number, relative: number, zScore: number }> } | null };

export type ModelCompositionQueryVariables = Exact<{
  id: string | number;
  top: number;
}>;


export type ModelCompositionQuery = { model: { id: string, name: string, config: { nLayers: number, nHeads: number }, q: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { kind: CompositionKind, scores: { shape: Array<number>, dtype: string, base64: string }, baseline: { mean: number, std: number, samples: number, seed: number }, top: Array<{ writer: string, reader: string, score: number, relative: number, zScore: number }> } | null }, k: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { kind: CompositionKind, scores: { shape: Array<number>, dtype: string, base64: string }, baseline: { mean: number, std: number, samples: number, seed: number }, top: Array<{ writer: string, reader: string, score: number, relative: number, zScore: number }> } | null }, v: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { kind: CompositionKind, scores: { shape: Array<number>, dtype: string, base64: string }, baseline: { mean: number, std: number, samples: number, seed: number }, top: Array<{ writer: string, reader: string, score: number, relative: number, zScore: number }> } | null }, circuits: { state: AnalysisState, progress: number | null, message: string | null, result: { induction: Array<{ previousTokenHead: string, inductionHead: string, kComposition: number, relative: number | null, zScore: number | null, mechanism: string | null, inductionScore: number | null, evidence: { ablationDrop: number | null, stripeWithoutPartner: number | null, baselineMean: number | null, baselineStd: number | null, variedPeriodInduction: number | null } | null }> } | null } } | null };

export type DecisionTransformerShareQueryVariables = Exact<{
  id: string | number;
  trajectory: TrajectoryInput;
}>;


export type DecisionTransformerShareQuery = { run: { modelId: string, attentionShare: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, attentionOnly: boolean, result: { mean: number, positions: Array<{ position: number, label: string, targetLabel: string, share: number, direct: number, attention: number, mlp: number, total: number }> } | null } } | null };

export type TypedSkipTrigramsQueryVariables = Exact<{
  id: string | number;
  topK: number;
}>;


export type TypedSkipTrigramsQuery = { model: { id: string, typedSkipTrigrams: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, attentionOnly: boolean, result: Array<{ sourceType: string, destinationType: string, action: string, totalScore: number, trigrams: Array<{ head: string, action: string, score: number, routing: boolean, source: { type: string, label: string }, destination: { label: string } }> }> | null } } | null };

export type DtDirectPathQueryVariables = Exact<{
  id: string | number;
  perToken: number;
}>;


export type DtDirectPathQuery = { model: { id: string, directPath: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { perToken: { values: { shape: Array<number>, dtype: string, base64: string }, indices: { shape: Array<number>, dtype: string, base64: string } } | null } | null } } | null };

export type ModelHeadLineageQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelHeadLineageQuery = { model: { id: string, headLineage: { status: MatchStatus, message: string | null, cached: boolean, versions: Array<number>, baseline: number | null, heads: Array<{ name: string, trace: Array<{ version: number, head: string, similarity: number }> }> } | null } | null };

export type ModelHeadReportQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelHeadReportQuery = { model: { id: string, headReport: { status: AnalysisStatus, message: string | null, modelVersion: number, engineVersion: string, cached: boolean, thresholds: unknown, jobId: string | null, progress: { fraction: number, etaSeconds: number | null, stage: string | null } | null, heads: Array<{ name: string, layer: number, head: number, previousToken: number | null, duplicateToken: number | null, induction: number | null, inductionStripe: number | null, ovCopying: number | null, qkTokenPositivity: number | null, qkPositionalPositivity: number | null, labels: Array<{ label: string, score: number | null, partner: string | null, mechanism: string | null }> }>, skipped: Array<{ score: string, reason: string }>, composition: { Q: Array<Array<Array<Array<number | null>>>>, K: Array<Array<Array<Array<number | null>>>>, V: Array<Array<Array<Array<number | null>>>> } | null } | null } | null };

export type HeadScoresQueryVariables = Exact<{
  id: string | number;
  head: string;
}>;


export type HeadScoresQuery = { model: { id: string, name: string, config: { nLayers: number, nHeads: number }, head: { name: string, layer: number, index: number, scores: { state: AnalysisState, progress: number | null, message: string | null, cached: boolean, result: { previousToken: number | null, duplicateToken: number | null, induction: number | null, inductionStripe: number | null, ovCopying: number | null, qkTokenPositivity: number | null, qkPositionalPositivity: number | null, variedPeriodInduction: number | null, positionalInvariance: number | null, distanceFromUniform: number | null } | null }, labels: { state: AnalysisState, progress: number | null, message: string | null, result: Array<{ label: string, score: number | null, partner: string | null, mechanism: string | null, evidence: { partnerKComposition: number | null, partnerPreviousToken: boolean | null, baselineMean: number | null, baselineStd: number | null, stripeWithoutPartner: number | null, ablationDrop: number | null, groupAblationDrop: number | null, variedPeriodInduction: number | null, positionalInvariance: number | null } | null }> | null } } } | null };

export type HeadCircuitsQueryVariables = Exact<{
  id: string | number;
  head: string;
  topK: number;
}>;


export type HeadCircuitsQuery = { model: { id: string, head: { name: string, ov: { state: AnalysisState, progress: number | null, message: string | null, result: { top: Array<{ row: number, col: number, value: number, rowToken: { id: number, text: string } | null, colToken: { id: number, text: string } | null }>, bottom: Array<{ row: number, col: number, value: number, rowToken: { id: number, text: string } | null, colToken: { id: number, text: string } | null }> } | null }, qk: { state: AnalysisState, progress: number | null, message: string | null, result: { top: Array<{ row: number, col: number, value: number, rowToken: { id: number, text: string } | null, colToken: { id: number, text: string } | null }> } | null } } } | null };

export type HeadSpectraQueryVariables = Exact<{
  id: string | number;
  head: string;
}>;


export type HeadSpectraQuery = { model: { id: string, head: { name: string, ovEigen: { state: AnalysisState, progress: number | null, message: string | null, result: { re: Array<number>, im: Array<number>, positivity: number | null } | null }, qkEigen: { state: AnalysisState, progress: number | null, message: string | null, result: { re: Array<number>, im: Array<number>, positivity: number | null } | null }, ovSvd: { state: AnalysisState, progress: number | null, message: string | null, result: { values: Array<number> } | null }, qkSvd: { state: AnalysisState, progress: number | null, message: string | null, result: { values: Array<number> } | null } } } | null };

export type HeadCompositionQueryVariables = Exact<{
  id: string | number;
  head: string;
  trigrams: number;
}>;


export type HeadCompositionQuery = { model: { id: string, head: { name: string, q: { state: AnalysisState, progress: number | null, message: string | null, result: Array<{ head: string, direction: CompositionDirection, score: number, relative: number, zScore: number }> | null }, k: { state: AnalysisState, progress: number | null, message: string | null, result: Array<{ head: string, direction: CompositionDirection, score: number, relative: number, zScore: number }> | null }, v: { state: AnalysisState, progress: number | null, message: string | null, result: Array<{ head: string, direction: CompositionDirection, score: number, relative: number, zScore: number }> | null }, skipTrigrams: { state: AnalysisState, progress: number | null, message: string | null, result: Array<{ score: number, qk: number, ov: number, source: { id: number, text: string }, destination: { id: number, text: string }, output: { id: number, text: string } }> | null, segmentGroups: Array<{ sourceSegment: string | null, destinationSegment: string | null, outputSegment: string | null, count: number, totalScore: number }> | null } } } | null };

export type RunTokensQueryVariables = Exact<{
  id: string | number;
  prompt?: string | null | undefined;
  tokens?: Array<number> | number | null | undefined;
}>;


export type RunTokensQuery = { run: { modelId: string, version: number, tokens: Array<{ id: number, text: string }> } | null };

export type RunPatternsQueryVariables = Exact<{
  id: string | number;
  prompt?: string | null | undefined;
  tokens?: Array<number> | number | null | undefined;
  layer: number;
  topK: number;
}>;


export type RunPatternsQuery = { run: { patterns: { state: AnalysisState, progress: number | null, message: string | null, result: { layer: number, topK: { values: { shape: Array<number>, dtype: string, base64: string }, indices: { shape: Array<number>, dtype: string, base64: string } } | null } | null } } | null };

export type RunPredictionsQueryVariables = Exact<{
  id: string | number;
  prompt?: string | null | undefined;
  tokens?: Array<number> | number | null | undefined;
  position: number;
  topK: number;
}>;


export type RunPredictionsQuery = { run: { logits: { state: AnalysisState, progress: number | null, message: string | null, result: { positions: Array<{ position: number, predictions: Array<{ logit: number, token: { id: number, text: string } }> }> } | null } } | null };

export type RunPathExpansionQueryVariables = Exact<{
  id: string | number;
  prompt?: string | null | undefined;
  tokens?: Array<number> | number | null | undefined;
  position: number;
  target: number;
}>;


export type RunPathExpansionQuery = { run: { pathExpansion: { state: AnalysisState, progress: number | null, message: string | null, result: { position: number, logit: number, target: { id: number, text: string }, terms: Array<{ term: string, kind: string, heads: Array<string>, contribution: number }> } | null } } | null };

export type RunModelQueryVariables = Exact<{
  id: string | number;
}>;


export type RunModelQuery = { model: { id: string, name: string, config: { nLayers: number, nHeads: number, nCtx: number, dVocab: number, json: unknown }, tokenizer: { kind: string, vocabSize: number } | null } | null };

export type TrajectoryRunQueryVariables = Exact<{
  id: string | number;
  trajectory: TrajectoryInput;
}>;


export type TrajectoryRunQuery = { run: { modelId: string, version: number, positions: Array<{ index: number, type: string, timestep: number | null, label: string }>, actionLogits: { state: AnalysisState, progress: number | null, message: string | null, result: { actions: Array<string>, statePositions: Array<number>, logits: { shape: Array<number>, dtype: string, base64: string } } | null } } | null };

export type TrajectoryPatternsQueryVariables = Exact<{
  id: string | number;
  trajectory: TrajectoryInput;
  layer: number;
}>;


export type TrajectoryPatternsQuery = { run: { patterns: { state: AnalysisState, progress: number | null, message: string | null, result: { layer: number, dense: { shape: Array<number>, dtype: string, base64: string } | null } | null } } | null };

export type TrajectoryRtgSweepQueryVariables = Exact<{
  id: string | number;
  trajectory: TrajectoryInput;
  points: number;
}>;


export type TrajectoryRtgSweepQuery = { run: { rtgSweep: { state: AnalysisState, progress: number | null, message: string | null, result: { rtg: Array<number>, actions: Array<string>, probs: { shape: Array<number>, dtype: string, base64: string } } | null } } | null };

export type SearchHeadsQueryVariables = Exact<{
  filter?: HeadSearchFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchHeadsQuery = { searchHeads: { scannedModels: number, edges: Array<{ cursor: string, node: { head: string, modelVersion: number | null, analysed: boolean, engineLabels: Array<string>, consensusLabel: string | null, consensusCount: number, annotationCount: number, annotationSnippet: string | null, passingClaims: number, failingClaims: number, scores: Array<{ name: string, value: number }>, partnerKComposition: { partner: string, value: number, sigma: number | null } | null, model: { id: string, name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null }, notAnalysed: Array<{ id: string, name: string }> } };

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

export type TeamActivityQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TeamActivityQuery = { team: { id: string, activity: { edges: Array<{ cursor: string, node: { id: string, action: string, summary: string, actorName: string | null, modelId: string | null, modelName: string | null, head: string | null, createdAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type CommentFieldsFragment = { id: string, target: CommentTarget, targetId: string, parentId: string | null, body: string, bodyHtml: string, deleted: boolean, version: number, createdAt: string, updatedAt: string, author: { id: string, name: string } | null };

export type ClaimEvaluationFieldsFragment = { status: ClaimStatus, value: number | null, threshold: number | null, message: string | null, modelVersion: number, engineVersion: string, evaluatedAt: string };

export type AnnotationFieldsFragment = { id: string, modelId: string, head: string, label: string, body: string, bodyHtml: string, confidence: number, accepted: boolean, version: number, createdAt: string, updatedAt: string, author: { id: string, name: string } | null, evidence: Array<{ kind: EvidenceKind, resultId: string, pointer: string, caption: string, found: boolean, value: unknown, truncated: boolean }>, votes: { agree: number, disagree: number, viewerVote: VoteValue | null }, claims: Array<{ id: string, spec: unknown, description: string, status: ClaimStatus, version: number, createdAt: string, current: { status: ClaimStatus, value: number | null, threshold: number | null, message: string | null, modelVersion: number, engineVersion: string, evaluatedAt: string } | null, written: { status: ClaimStatus, value: number | null, threshold: number | null, message: string | null, modelVersion: number, engineVersion: string, evaluatedAt: string } | null }> };

export type HeadAnnotationsQueryVariables = Exact<{
  id: string | number;
  head: string;
}>;


export type HeadAnnotationsQuery = { model: { id: string, annotations: Array<{ id: string, modelId: string, head: string, label: string, body: string, bodyHtml: string, confidence: number, accepted: boolean, version: number, createdAt: string, updatedAt: string, author: { id: string, name: string } | null, evidence: Array<{ kind: EvidenceKind, resultId: string, pointer: string, caption: string, found: boolean, value: unknown, truncated: boolean }>, votes: { agree: number, disagree: number, viewerVote: VoteValue | null }, claims: Array<{ id: string, spec: unknown, description: string, status: ClaimStatus, version: number, createdAt: string, current: { status: ClaimStatus, value: number | null, threshold: number | null, message: string | null, modelVersion: number, engineVersion: string, evaluatedAt: string } | null, written: { status: ClaimStatus, value: number | null, threshold: number | null, message: string | null, modelVersion: number, engineVersion: string, evaluatedAt: string } | null }> }>, headComments: Array<{ id: string, target: CommentTarget, targetId: string, parentId: string | null, body: string, bodyHtml: string, deleted: boolean, version: number, createdAt: string, updatedAt: string, author: { id: string, name: string } | null }> } | null };

export type HeadCollabContextQueryVariables = Exact<{
  id: string | number;
}>;


export type HeadCollabContextQuery = { me: { id: string, name: string } | null, model: { id: string, team: { id: string, viewerRole: Role | null, members: Array<{ role: Role, user: { id: string, name: string, email: string | null } }> } | null, annotationLabels: Array<{ name: string, description: string, builtin: boolean }> } | null };

export type AnnotationRevisionsQueryVariables = Exact<{
  id: string | number;
}>;


export type AnnotationRevisionsQuery = { annotation: { id: string, revisions: Array<{ id: string, version: number, label: string, body: string, confidence: number, createdAt: string, author: { id: string, name: string } | null, changes: Array<{ field: string, before: string, after: string }>, bodyDiff: Array<{ value: string, added: boolean, removed: boolean }> }> } | null };

export type AnnotationCommentsQueryVariables = Exact<{
  id: string | number;
}>;


export type AnnotationCommentsQuery = { annotation: { id: string, comments: Array<{ id: string, target: CommentTarget, targetId: string, parentId: string | null, body: string, bodyHtml: string, deleted: boolean, version: number, createdAt: string, updatedAt: string, author: { id: string, name: string } | null }> } | null };

export type HeadConsensusQueryVariables = Exact<{
  id: string | number;
}>;


export type HeadConsensusQuery = { model: { id: string, headConsensus: Array<{ head: string, label: string | null, count: number, participants: number, annotations: number, accepted: { id: string } | null }> } | null };

export type ModelViewersQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelViewersQuery = { me: { id: string } | null, model: { id: string, viewers: Array<{ userId: string, name: string, since: string }> } | null };

export type CreateAnnotationMutationVariables = Exact<{
  input: CreateAnnotationInput;
}>;


export type CreateAnnotationMutation = { createAnnotation: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, annotation: { id: string, version: number } | null } };

export type UpdateAnnotationMutationVariables = Exact<{
  input: UpdateAnnotationInput;
}>;


export type UpdateAnnotationMutation = { updateAnnotation: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, annotation: { id: string, version: number } | null } };

export type SetAnnotationAcceptedMutationVariables = Exact<{
  id: string | number;
  accepted: boolean;
}>;


export type SetAnnotationAcceptedMutation = { setAnnotationAccepted: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, annotation: { id: string, accepted: boolean } | null } };

export type VoteAnnotationMutationVariables = Exact<{
  id: string | number;
  value?: VoteValue | null | undefined;
}>;


export type VoteAnnotationMutation = { voteAnnotation: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, annotation: { id: string, votes: { agree: number, disagree: number, viewerVote: VoteValue | null } } | null } };

export type CreateCommentMutationVariables = Exact<{
  input: CreateCommentInput;
}>;


export type CreateCommentMutation = { createComment: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, comment: { id: string } | null } };

export type NotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationsQuery = { unreadNotificationCount: number, notifications: Array<{ id: string, kind: string, data: unknown, readAt: string | null, createdAt: string }> };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids?: Array<string | number> | string | number | null | undefined;
}>;


export type MarkNotificationsReadMutation = { markNotificationsRead: number };

export type ModelActivitySubscriptionVariables = Exact<{
  modelId: string | number;
}>;


export type ModelActivitySubscription = { modelActivity: { modelId: string, kind: ActivityKind, action: ActivityAction, id: string, head: string | null, version: number, actorId: string | null, actorName: string | null, at: string } };

export type NotificationSignalsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationSignalsSubscription = { notificationSignals: { reason: NotificationSignalReason, at: string } };

export type DeleteAnnotationMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type DeleteAnnotationMutation = { deleteAnnotation: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export type DeleteCommentMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type DeleteCommentMutation = { deleteComment: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export type AddClaimMutationVariables = Exact<{
  annotationId: string | number;
  spec: unknown;
}>;


export type AddClaimMutation = { addClaim: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, claim: { id: string, status: ClaimStatus } | null } };

export type EvidenceSourcesQueryVariables = Exact<{
  id: string | number;
}>;


export type EvidenceSourcesQuery = { model: { id: string, evidenceSources: Array<{ id: string, kind: string, modelVersion: number, createdAt: string }> } | null };

export type FindingPageFieldsFragment = { id: string, title: string, body: string, bodyHtml: string, visibility: FindingVisibility, version: number, modelId: string | null, modelVersion: number, canEdit: boolean, createdAt: string, updatedAt: string, author: { id: string, name: string } | null, model: { id: string, name: string } | null, figures: Array<{ id: string, key: string, kind: FindingFigureKind, params: unknown, status: FindingFigureStatus, value: unknown, engineVersion: string | null, frozenAt: string | null, current: { status: FigureCurrentStatus, differs: boolean | null, latestVersion: number, message: string | null } | null }>, shareLinks: Array<{ id: string, createdAt: string, revokedAt: string | null }> };

export type FindingPageQueryVariables = Exact<{
  id: string | number;
}>;


export type FindingPageQuery = { finding: { id: string, title: string, body: string, bodyHtml: string, visibility: FindingVisibility, version: number, modelId: string | null, modelVersion: number, canEdit: boolean, createdAt: string, updatedAt: string, author: { id: string, name: string } | null, model: { id: string, name: string } | null, figures: Array<{ id: string, key: string, kind: FindingFigureKind, params: unknown, status: FindingFigureStatus, value: unknown, engineVersion: string | null, frozenAt: string | null, current: { status: FigureCurrentStatus, differs: boolean | null, latestVersion: number, message: string | null } | null }>, shareLinks: Array<{ id: string, createdAt: string, revokedAt: string | null }> } | null };

export type SharedFindingQueryVariables = Exact<{
  token: string;
}>;


export type SharedFindingQuery = { sharedFinding: { id: string, title: string, body: string, bodyHtml: string, visibility: FindingVisibility, version: number, modelId: string | null, modelVersion: number, canEdit: boolean, createdAt: string, updatedAt: string, author: { id: string, name: string } | null, model: { id: string, name: string } | null, figures: Array<{ id: string, key: string, kind: FindingFigureKind, params: unknown, status: FindingFigureStatus, value: unknown, engineVersion: string | null, frozenAt: string | null, current: { status: FigureCurrentStatus, differs: boolean | null, latestVersion: number, message: string | null } | null }>, shareLinks: Array<{ id: string, createdAt: string, revokedAt: string | null }> } };

export type ExportFindingQueryVariables = Exact<{
  id: string | number;
  format: FindingExportFormat;
}>;


export type ExportFindingQuery = { exportFinding: string | null };

export type SetFindingVisibilityMutationVariables = Exact<{
  id: string | number;
  visibility: FindingVisibility;
}>;


export type SetFindingVisibilityMutation = { setFindingVisibility: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, finding: { id: string, visibility: FindingVisibility, version: number } | null } };

export type CreateShareLinkMutationVariables = Exact<{
  findingId: string | number;
}>;


export type CreateShareLinkMutation = { createShareLink: { ok: boolean, token: string | null, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, link: { id: string, createdAt: string, revokedAt: string | null } | null } };

export type RevokeShareLinkMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeShareLinkMutation = { revokeShareLink: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, link: { id: string, revokedAt: string | null } | null } };

export type ModelFindingsQueryVariables = Exact<{
  modelId: string | number;
}>;


export type ModelFindingsQuery = { findings: Array<{ id: string, title: string, visibility: FindingVisibility, modelVersion: number, updatedAt: string, canEdit: boolean, author: { id: string, name: string } | null }> };

export type CreateFindingMutationVariables = Exact<{
  input: CreateFindingInput;
}>;


export type CreateFindingMutation = { createFinding: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, finding: { id: string } | null } };

export type UpdateFindingMutationVariables = Exact<{
  input: UpdateFindingInput;
}>;


export type UpdateFindingMutation = { updateFinding: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, finding: { id: string, version: number } | null } };

export type AddFindingFigureMutationVariables = Exact<{
  input: AddFindingFigureInput;
}>;


export type AddFindingFigureMutation = { addFindingFigure: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, finding: { id: string, version: number } | null } };

export type InvitationPreviewQueryVariables = Exact<{
  token: string;
}>;


export type InvitationPreviewQuery = { invitationPreview: { teamName: string, invitedByName: string | null, role: Role, email: string | null, expiresAt: string, status: InvitationStatus, alreadyMember: boolean } };

export type DeclineInvitationMutationVariables = Exact<{
  token: string;
}>;


export type DeclineInvitationMutation = { declineInvitation: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export type ModelViewerRoleQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelViewerRoleQuery = { model: { id: string, team: { id: string, viewerRole: Role | null } | null } | null };

export type RenameModelMutationVariables = Exact<{
  input: RenameModelInput;
}>;


export type RenameModelMutation = { renameModel: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, model: { id: string, name: string } | null } };

export type SetModelVisibilityMutationVariables = Exact<{
  input: SetModelVisibilityInput;
}>;


export type SetModelVisibilityMutation = { setModelVisibility: { ok: boolean, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, model: { id: string, visibility: Visibility } | null } };

export type DeleteModelMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteModelMutation = { deleteModel: { ok: boolean, deletedId: string | null, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null } };

export type MutationErrorFieldsFragment = { message: string, inputErrors: Array<{ path: Array<string>, message: string }> };

export type TeamSummaryFieldsFragment = { id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { id: string, name: string, email: string | null } | null, teams: Array<{ id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null }> };

export type ModelCardFieldsFragment = { id: string, name: string, visibility: Visibility, createdAt: string, team: { id: string, name: string, slug: string } | null, createdBy: { id: string, name: string } | null, config: { nLayers: number, nHeads: number, dModel: number, dHead: number, dVocab: number, nCtx: number, positionalEmbeddingType: string } };

export type ModelListQueryVariables = Exact<{
  teamId?: string | number | null | undefined;
  search?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ModelListQuery = { models: { edges: Array<{ node: { id: string, name: string, visibility: Visibility, createdAt: string, team: { id: string, name: string, slug: string } | null, createdBy: { id: string, name: string } | null, config: { nLayers: number, nHeads: number, dModel: number, dHead: number, dVocab: number, nCtx: number, positionalEmbeddingType: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ModelDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type ModelDetailQuery = { model: { contentHash: string, attentionOnly: boolean, id: string, name: string, visibility: Visibility, createdAt: string, config: { json: unknown, nCtx: number, nLayers: number, nHeads: number, dModel: number, dHead: number, dVocab: number, positionalEmbeddingType: string }, layers: Array<{ index: number, heads: Array<{ name: string, layer: number, index: number }> }>, tokenizer: { kind: string, vocabSize: number, sample: Array<{ id: number, text: string }> } | null, versions: Array<{ id: string, number: number, byteLength: number, createdAt: string }>, team: { id: string, name: string, slug: string } | null, createdBy: { id: string, name: string } | null } | null };

export type InvitationFieldsFragment = { id: string, email: string | null, role: Role, expiresAt: string, createdAt: string };

export type TeamDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type TeamDetailQuery = { team: { id: string, name: string, slug: string, isPublic: boolean, viewerRole: Role | null, members: Array<{ role: Role, joinedAt: string, user: { id: string, name: string, email: string | null } }>, invitations: Array<{ id: string, email: string | null, role: Role, expiresAt: string, createdAt: string }> } | null };

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

export type ApiTokenFieldsFragment = { id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, expiresAt: string, scopes: Array<TokenScope> };

export type ApiTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiTokensQuery = { apiTokens: Array<{ id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, expiresAt: string, scopes: Array<TokenScope> }> };

export type CreateApiTokenMutationVariables = Exact<{
  input: CreateApiTokenInput;
}>;


export type CreateApiTokenMutation = { createApiToken: { ok: boolean, secret: string | null, error: { message: string, inputErrors: Array<{ path: Array<string>, message: string }> } | null, token: { id: string, name: string, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, expiresAt: string, scopes: Array<TokenScope> } | null } };

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
export const TokenFieldsFragmentDoc = new TypedDocumentString(`
    fragment TokenFields on Token {
  id
  text
}
    `, {"fragmentName":"TokenFields"}) as unknown as TypedDocumentString<TokenFieldsFragment, unknown>;
export const CircuitEntryFieldsFragmentDoc = new TypedDocumentString(`
    fragment CircuitEntryFields on CircuitEntry {
  row
  col
  value
  rowToken {
    ...TokenFields
  }
  colToken {
    ...TokenFields
  }
}
    fragment TokenFields on Token {
  id
  text
}`, {"fragmentName":"CircuitEntryFields"}) as unknown as TypedDocumentString<CircuitEntryFieldsFragment, unknown>;
export const CompositionFieldsFragmentDoc = new TypedDocumentString(`
    fragment CompositionFields on CompositionAnalysis {
  state
  progress
  message
  cached
  result {
    kind
    scores {
      shape
      dtype
      base64
    }
    baseline {
      mean
      std
      samples
      seed
    }
    top {
      writer
      reader
      score
      relative
      zScore
    }
  }
}
    `, {"fragmentName":"CompositionFields"}) as unknown as TypedDocumentString<CompositionFieldsFragment, unknown>;
export const CommentFieldsFragmentDoc = new TypedDocumentString(`
    fragment CommentFields on Comment {
  id
  target
  targetId
  parentId
  body
  bodyHtml
  deleted
  version
  createdAt
  updatedAt
  author {
    id
    name
  }
}
    `, {"fragmentName":"CommentFields"}) as unknown as TypedDocumentString<CommentFieldsFragment, unknown>;
export const ClaimEvaluationFieldsFragmentDoc = new TypedDocumentString(`
    fragment ClaimEvaluationFields on ClaimEvaluation {
  status
  value
  threshold
  message
  modelVersion
  engineVersion
  evaluatedAt
}
    `, {"fragmentName":"ClaimEvaluationFields"}) as unknown as TypedDocumentString<ClaimEvaluationFieldsFragment, unknown>;
export const AnnotationFieldsFragmentDoc = new TypedDocumentString(`
    fragment AnnotationFields on Annotation {
  id
  modelId
  head
  label
  body
  bodyHtml
  confidence
  accepted
  version
  createdAt
  updatedAt
  author {
    id
    name
  }
  evidence {
    kind
    resultId
    pointer
    caption
    found
    value
    truncated
  }
  votes {
    agree
    disagree
    viewerVote
  }
  claims {
    id
    spec
    description
    status
    version
    createdAt
    current {
      ...ClaimEvaluationFields
    }
    written {
      ...ClaimEvaluationFields
    }
  }
}
    fragment ClaimEvaluationFields on ClaimEvaluation {
  status
  value
  threshold
  message
  modelVersion
  engineVersion
  evaluatedAt
}`, {"fragmentName":"AnnotationFields"}) as unknown as TypedDocumentString<AnnotationFieldsFragment, unknown>;
export const FindingPageFieldsFragmentDoc = new TypedDocumentString(`
    fragment FindingPageFields on Finding {
  id
  title
  body
  bodyHtml
  visibility
  version
  modelId
  modelVersion
  canEdit
  createdAt
  updatedAt
  author {
    id
    name
  }
  model {
    id
    name
  }
  figures {
    id
    key
    kind
    params
    status
    value
    engineVersion
    frozenAt
    current {
      status
      differs
      latestVersion
      message
    }
  }
  shareLinks {
    id
    createdAt
    revokedAt
  }
}
    `, {"fragmentName":"FindingPageFields"}) as unknown as TypedDocumentString<FindingPageFieldsFragment, unknown>;
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
  expiresAt
  scopes
}
    `, {"fragmentName":"ApiTokenFields"}) as unknown as TypedDocumentString<ApiTokenFieldsFragment, unknown>;
export const ModelDirectPathDocument = new TypedDocumentString(`
    query ModelDirectPath($id: ID!, $topK: Int!) {
  model(id: $id) {
    id
    directPath(topK: $topK) {
      state
      progress
      message
      cached
      result {
        top {
          ...CircuitEntryFields
        }
      }
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}
fragment CircuitEntryFields on CircuitEntry {
  row
  col
  value
  rowToken {
    ...TokenFields
  }
  colToken {
    ...TokenFields
  }
}`) as unknown as TypedDocumentString<ModelDirectPathQuery, ModelDirectPathQueryVariables>;
export const HeadSkipTrigramsDocument = new TypedDocumentString(`
    query HeadSkipTrigrams($id: ID!, $head: String!, $topK: Int!) {
  model(id: $id) {
    id
    head(name: $head) {
      name
      skipTrigrams(topK: $topK) {
        state
        progress
        message
        cached
        result {
          score
          qk
          ov
          source {
            ...TokenFields
          }
          destination {
            ...TokenFields
          }
          output {
            ...TokenFields
          }
        }
        segmentGroups {
          sourceSegment
          destinationSegment
          outputSegment
          count
          totalScore
        }
      }
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}`) as unknown as TypedDocumentString<HeadSkipTrigramsQuery, HeadSkipTrigramsQueryVariables>;
export const ModelCompositionDocument = new TypedDocumentString(`
    query ModelComposition($id: ID!, $top: Int!) {
  model(id: $id) {
    id
    name
    config {
      nLayers
      nHeads
    }
    q: composition(kind: Q, top: $top) {
      ...CompositionFields
    }
    k: composition(kind: K, top: $top) {
      ...CompositionFields
    }
    v: composition(kind: V, top: $top) {
      ...CompositionFields
    }
    circuits(pattern: INDUCTION) {
      state
      progress
      message
      result {
        induction {
          previousTokenHead
          inductionHead
          kComposition
          relative
          zScore
          mechanism
          inductionScore
          evidence {
            ablationDrop
            stripeWithoutPartner
            baselineMean
            baselineStd
            variedPeriodInduction
          }
        }
      }
    }
  }
}
    fragment CompositionFields on CompositionAnalysis {
  state
  progress
  message
  cached
  result {
    kind
    scores {
      shape
      dtype
      base64
    }
    baseline {
      mean
      std
      samples
      seed
    }
    top {
      writer
      reader
      score
      relative
      zScore
    }
  }
}`) as unknown as TypedDocumentString<ModelCompositionQuery, ModelCompositionQueryVariables>;
export const DecisionTransformerShareDocument = new TypedDocumentString(`
    query DecisionTransformerShare($id: ID!, $trajectory: TrajectoryInput!) {
  run(modelId: $id, trajectory: $trajectory) {
    modelId
    attentionShare {
      state
      progress
      message
      cached
      attentionOnly
      result {
        mean
        positions {
          position
          label
          targetLabel
          share
          direct
          attention
          mlp
          total
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DecisionTransformerShareQuery, DecisionTransformerShareQueryVariables>;
export const TypedSkipTrigramsDocument = new TypedDocumentString(`
    query TypedSkipTrigrams($id: ID!, $topK: Int!) {
  model(id: $id) {
    id
    typedSkipTrigrams(topK: $topK) {
      state
      progress
      message
      cached
      attentionOnly
      result {
        sourceType
        destinationType
        action
        totalScore
        trigrams {
          head
          source {
            type
            label
          }
          destination {
            label
          }
          action
          score
          routing
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TypedSkipTrigramsQuery, TypedSkipTrigramsQueryVariables>;
export const DtDirectPathDocument = new TypedDocumentString(`
    query DtDirectPath($id: ID!, $perToken: Int!) {
  model(id: $id) {
    id
    directPath(topK: 1, perToken: $perToken) {
      state
      progress
      message
      cached
      result {
        perToken {
          values {
            shape
            dtype
            base64
          }
          indices {
            shape
            dtype
            base64
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DtDirectPathQuery, DtDirectPathQueryVariables>;
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
      jobId
      progress {
        fraction
        etaSeconds
        stage
      }
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
      skipped {
        score
        reason
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
export const HeadScoresDocument = new TypedDocumentString(`
    query HeadScores($id: ID!, $head: String!) {
  model(id: $id) {
    id
    name
    config {
      nLayers
      nHeads
    }
    head(name: $head) {
      name
      layer
      index
      scores {
        state
        progress
        message
        cached
        result {
          previousToken
          duplicateToken
          induction
          inductionStripe
          ovCopying
          qkTokenPositivity
          qkPositionalPositivity
          variedPeriodInduction
          positionalInvariance
          distanceFromUniform
        }
      }
      labels {
        state
        progress
        message
        result {
          label
          score
          partner
          mechanism
          evidence {
            partnerKComposition
            partnerPreviousToken
            baselineMean
            baselineStd
            stripeWithoutPartner
            ablationDrop
            groupAblationDrop
            variedPeriodInduction
            positionalInvariance
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HeadScoresQuery, HeadScoresQueryVariables>;
export const HeadCircuitsDocument = new TypedDocumentString(`
    query HeadCircuits($id: ID!, $head: String!, $topK: Int!) {
  model(id: $id) {
    id
    head(name: $head) {
      name
      ov(topK: $topK, bottomK: 5) {
        state
        progress
        message
        result {
          top {
            ...CircuitEntryFields
          }
          bottom {
            ...CircuitEntryFields
          }
        }
      }
      qk(topK: $topK) {
        state
        progress
        message
        result {
          top {
            ...CircuitEntryFields
          }
        }
      }
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}
fragment CircuitEntryFields on CircuitEntry {
  row
  col
  value
  rowToken {
    ...TokenFields
  }
  colToken {
    ...TokenFields
  }
}`) as unknown as TypedDocumentString<HeadCircuitsQuery, HeadCircuitsQueryVariables>;
export const HeadSpectraDocument = new TypedDocumentString(`
    query HeadSpectra($id: ID!, $head: String!) {
  model(id: $id) {
    id
    head(name: $head) {
      name
      ovEigen: eigenvalues(circuit: OV) {
        state
        progress
        message
        result {
          re
          im
          positivity
        }
      }
      qkEigen: eigenvalues(circuit: QK_TOKEN) {
        state
        progress
        message
        result {
          re
          im
          positivity
        }
      }
      ovSvd: singularValues(circuit: OV) {
        state
        progress
        message
        result {
          values
        }
      }
      qkSvd: singularValues(circuit: QK) {
        state
        progress
        message
        result {
          values
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HeadSpectraQuery, HeadSpectraQueryVariables>;
export const HeadCompositionDocument = new TypedDocumentString(`
    query HeadComposition($id: ID!, $head: String!, $trigrams: Int!) {
  model(id: $id) {
    id
    head(name: $head) {
      name
      q: composesWith(kind: Q) {
        state
        progress
        message
        result {
          head
          direction
          score
          relative
          zScore
        }
      }
      k: composesWith(kind: K) {
        state
        progress
        message
        result {
          head
          direction
          score
          relative
          zScore
        }
      }
      v: composesWith(kind: V) {
        state
        progress
        message
        result {
          head
          direction
          score
          relative
          zScore
        }
      }
      skipTrigrams(topK: $trigrams) {
        state
        progress
        message
        result {
          score
          qk
          ov
          source {
            ...TokenFields
          }
          destination {
            ...TokenFields
          }
          output {
            ...TokenFields
          }
        }
        segmentGroups {
          sourceSegment
          destinationSegment
          outputSegment
          count
          totalScore
        }
      }
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}`) as unknown as TypedDocumentString<HeadCompositionQuery, HeadCompositionQueryVariables>;
export const RunTokensDocument = new TypedDocumentString(`
    query RunTokens($id: ID!, $prompt: String, $tokens: [Int!]) {
  run(modelId: $id, prompt: $prompt, tokens: $tokens) {
    modelId
    version
    tokens {
      ...TokenFields
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}`) as unknown as TypedDocumentString<RunTokensQuery, RunTokensQueryVariables>;
export const RunPatternsDocument = new TypedDocumentString(`
    query RunPatterns($id: ID!, $prompt: String, $tokens: [Int!], $layer: Int!, $topK: Int!) {
  run(modelId: $id, prompt: $prompt, tokens: $tokens) {
    patterns(layer: $layer, topK: $topK) {
      state
      progress
      message
      result {
        layer
        topK {
          values {
            shape
            dtype
            base64
          }
          indices {
            shape
            dtype
            base64
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RunPatternsQuery, RunPatternsQueryVariables>;
export const RunPredictionsDocument = new TypedDocumentString(`
    query RunPredictions($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $topK: Int!) {
  run(modelId: $id, prompt: $prompt, tokens: $tokens) {
    logits(position: $position, topK: $topK) {
      state
      progress
      message
      result {
        positions {
          position
          predictions {
            logit
            token {
              ...TokenFields
            }
          }
        }
      }
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}`) as unknown as TypedDocumentString<RunPredictionsQuery, RunPredictionsQueryVariables>;
export const RunPathExpansionDocument = new TypedDocumentString(`
    query RunPathExpansion($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $target: Int!) {
  run(modelId: $id, prompt: $prompt, tokens: $tokens) {
    pathExpansion(position: $position, target: $target) {
      state
      progress
      message
      result {
        position
        logit
        target {
          ...TokenFields
        }
        terms {
          term
          kind
          heads
          contribution
        }
      }
    }
  }
}
    fragment TokenFields on Token {
  id
  text
}`) as unknown as TypedDocumentString<RunPathExpansionQuery, RunPathExpansionQueryVariables>;
export const RunModelDocument = new TypedDocumentString(`
    query RunModel($id: ID!) {
  model(id: $id) {
    id
    name
    config {
      nLayers
      nHeads
      nCtx
      dVocab
      json
    }
    tokenizer {
      kind
      vocabSize
    }
  }
}
    `) as unknown as TypedDocumentString<RunModelQuery, RunModelQueryVariables>;
export const TrajectoryRunDocument = new TypedDocumentString(`
    query TrajectoryRun($id: ID!, $trajectory: TrajectoryInput!) {
  run(modelId: $id, trajectory: $trajectory) {
    modelId
    version
    positions {
      index
      type
      timestep
      label
    }
    actionLogits {
      state
      progress
      message
      result {
        actions
        statePositions
        logits {
          shape
          dtype
          base64
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TrajectoryRunQuery, TrajectoryRunQueryVariables>;
export const TrajectoryPatternsDocument = new TypedDocumentString(`
    query TrajectoryPatterns($id: ID!, $trajectory: TrajectoryInput!, $layer: Int!) {
  run(modelId: $id, trajectory: $trajectory) {
    patterns(layer: $layer) {
      state
      progress
      message
      result {
        layer
        dense {
          shape
          dtype
          base64
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TrajectoryPatternsQuery, TrajectoryPatternsQueryVariables>;
export const TrajectoryRtgSweepDocument = new TypedDocumentString(`
    query TrajectoryRtgSweep($id: ID!, $trajectory: TrajectoryInput!, $points: Int!) {
  run(modelId: $id, trajectory: $trajectory) {
    rtgSweep(points: $points) {
      state
      progress
      message
      result {
        rtg
        actions
        probs {
          shape
          dtype
          base64
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TrajectoryRtgSweepQuery, TrajectoryRtgSweepQueryVariables>;
export const SearchHeadsDocument = new TypedDocumentString(`
    query SearchHeads($filter: HeadSearchFilter, $first: Int, $after: String) {
  searchHeads(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        head
        modelVersion
        analysed
        engineLabels
        scores {
          name
          value
        }
        partnerKComposition {
          partner
          value
          sigma
        }
        consensusLabel
        consensusCount
        annotationCount
        annotationSnippet
        passingClaims
        failingClaims
        model {
          id
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    notAnalysed {
      id
      name
    }
    scannedModels
  }
}
    `) as unknown as TypedDocumentString<SearchHeadsQuery, SearchHeadsQueryVariables>;
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
export const TeamActivityDocument = new TypedDocumentString(`
    query TeamActivity($id: ID!, $first: Int, $after: String) {
  team(id: $id) {
    id
    activity(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          action
          summary
          actorName
          modelId
          modelName
          head
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TeamActivityQuery, TeamActivityQueryVariables>;
export const HeadAnnotationsDocument = new TypedDocumentString(`
    query HeadAnnotations($id: ID!, $head: String!) {
  model(id: $id) {
    id
    annotations(head: $head) {
      ...AnnotationFields
    }
    headComments(head: $head) {
      ...CommentFields
    }
  }
}
    fragment CommentFields on Comment {
  id
  target
  targetId
  parentId
  body
  bodyHtml
  deleted
  version
  createdAt
  updatedAt
  author {
    id
    name
  }
}
fragment ClaimEvaluationFields on ClaimEvaluation {
  status
  value
  threshold
  message
  modelVersion
  engineVersion
  evaluatedAt
}
fragment AnnotationFields on Annotation {
  id
  modelId
  head
  label
  body
  bodyHtml
  confidence
  accepted
  version
  createdAt
  updatedAt
  author {
    id
    name
  }
  evidence {
    kind
    resultId
    pointer
    caption
    found
    value
    truncated
  }
  votes {
    agree
    disagree
    viewerVote
  }
  claims {
    id
    spec
    description
    status
    version
    createdAt
    current {
      ...ClaimEvaluationFields
    }
    written {
      ...ClaimEvaluationFields
    }
  }
}`) as unknown as TypedDocumentString<HeadAnnotationsQuery, HeadAnnotationsQueryVariables>;
export const HeadCollabContextDocument = new TypedDocumentString(`
    query HeadCollabContext($id: ID!) {
  me {
    id
    name
  }
  model(id: $id) {
    id
    team {
      id
      viewerRole
      members {
        role
        user {
          id
          name
          email
        }
      }
    }
    annotationLabels {
      name
      description
      builtin
    }
  }
}
    `) as unknown as TypedDocumentString<HeadCollabContextQuery, HeadCollabContextQueryVariables>;
export const AnnotationRevisionsDocument = new TypedDocumentString(`
    query AnnotationRevisions($id: ID!) {
  annotation(id: $id) {
    id
    revisions {
      id
      version
      label
      body
      confidence
      createdAt
      author {
        id
        name
      }
      changes {
        field
        before
        after
      }
      bodyDiff {
        value
        added
        removed
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AnnotationRevisionsQuery, AnnotationRevisionsQueryVariables>;
export const AnnotationCommentsDocument = new TypedDocumentString(`
    query AnnotationComments($id: ID!) {
  annotation(id: $id) {
    id
    comments {
      ...CommentFields
    }
  }
}
    fragment CommentFields on Comment {
  id
  target
  targetId
  parentId
  body
  bodyHtml
  deleted
  version
  createdAt
  updatedAt
  author {
    id
    name
  }
}`) as unknown as TypedDocumentString<AnnotationCommentsQuery, AnnotationCommentsQueryVariables>;
export const HeadConsensusDocument = new TypedDocumentString(`
    query HeadConsensus($id: ID!) {
  model(id: $id) {
    id
    headConsensus {
      head
      label
      count
      participants
      annotations
      accepted {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HeadConsensusQuery, HeadConsensusQueryVariables>;
export const ModelViewersDocument = new TypedDocumentString(`
    query ModelViewers($id: ID!) {
  me {
    id
  }
  model(id: $id) {
    id
    viewers {
      userId
      name
      since
    }
  }
}
    `) as unknown as TypedDocumentString<ModelViewersQuery, ModelViewersQueryVariables>;
export const CreateAnnotationDocument = new TypedDocumentString(`
    mutation CreateAnnotation($input: CreateAnnotationInput!) {
  createAnnotation(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    annotation {
      id
      version
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<CreateAnnotationMutation, CreateAnnotationMutationVariables>;
export const UpdateAnnotationDocument = new TypedDocumentString(`
    mutation UpdateAnnotation($input: UpdateAnnotationInput!) {
  updateAnnotation(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    annotation {
      id
      version
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<UpdateAnnotationMutation, UpdateAnnotationMutationVariables>;
export const SetAnnotationAcceptedDocument = new TypedDocumentString(`
    mutation SetAnnotationAccepted($id: ID!, $accepted: Boolean!) {
  setAnnotationAccepted(id: $id, accepted: $accepted) {
    ok
    error {
      ...MutationErrorFields
    }
    annotation {
      id
      accepted
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<SetAnnotationAcceptedMutation, SetAnnotationAcceptedMutationVariables>;
export const VoteAnnotationDocument = new TypedDocumentString(`
    mutation VoteAnnotation($id: ID!, $value: VoteValue) {
  voteAnnotation(id: $id, value: $value) {
    ok
    error {
      ...MutationErrorFields
    }
    annotation {
      id
      votes {
        agree
        disagree
        viewerVote
      }
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<VoteAnnotationMutation, VoteAnnotationMutationVariables>;
export const CreateCommentDocument = new TypedDocumentString(`
    mutation CreateComment($input: CreateCommentInput!) {
  createComment(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    comment {
      id
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<CreateCommentMutation, CreateCommentMutationVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    query Notifications {
  unreadNotificationCount
  notifications(first: 20) {
    id
    kind
    data
    readAt
    createdAt
  }
}
    `) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($ids: [ID!]) {
  markNotificationsRead(ids: $ids)
}
    `) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const ModelActivityDocument = new TypedDocumentString(`
    subscription ModelActivity($modelId: ID!) {
  modelActivity(modelId: $modelId) {
    modelId
    kind
    action
    id
    head
    version
    actorId
    actorName
    at
  }
}
    `) as unknown as TypedDocumentString<ModelActivitySubscription, ModelActivitySubscriptionVariables>;
export const NotificationSignalsDocument = new TypedDocumentString(`
    subscription NotificationSignals {
  notificationSignals {
    reason
    at
  }
}
    `) as unknown as TypedDocumentString<NotificationSignalsSubscription, NotificationSignalsSubscriptionVariables>;
export const DeleteAnnotationDocument = new TypedDocumentString(`
    mutation DeleteAnnotation($id: ID!, $version: Int!) {
  deleteAnnotation(id: $id, version: $version) {
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
}`) as unknown as TypedDocumentString<DeleteAnnotationMutation, DeleteAnnotationMutationVariables>;
export const DeleteCommentDocument = new TypedDocumentString(`
    mutation DeleteComment($id: ID!, $version: Int!) {
  deleteComment(id: $id, version: $version) {
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
}`) as unknown as TypedDocumentString<DeleteCommentMutation, DeleteCommentMutationVariables>;
export const AddClaimDocument = new TypedDocumentString(`
    mutation AddClaim($annotationId: ID!, $spec: JSON!) {
  addClaim(annotationId: $annotationId, spec: $spec) {
    ok
    error {
      ...MutationErrorFields
    }
    claim {
      id
      status
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<AddClaimMutation, AddClaimMutationVariables>;
export const EvidenceSourcesDocument = new TypedDocumentString(`
    query EvidenceSources($id: ID!) {
  model(id: $id) {
    id
    evidenceSources {
      id
      kind
      modelVersion
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<EvidenceSourcesQuery, EvidenceSourcesQueryVariables>;
export const FindingPageDocument = new TypedDocumentString(`
    query FindingPage($id: ID!) {
  finding(id: $id) {
    ...FindingPageFields
  }
}
    fragment FindingPageFields on Finding {
  id
  title
  body
  bodyHtml
  visibility
  version
  modelId
  modelVersion
  canEdit
  createdAt
  updatedAt
  author {
    id
    name
  }
  model {
    id
    name
  }
  figures {
    id
    key
    kind
    params
    status
    value
    engineVersion
    frozenAt
    current {
      status
      differs
      latestVersion
      message
    }
  }
  shareLinks {
    id
    createdAt
    revokedAt
  }
}`) as unknown as TypedDocumentString<FindingPageQuery, FindingPageQueryVariables>;
export const SharedFindingDocument = new TypedDocumentString(`
    query SharedFinding($token: String!) {
  sharedFinding(token: $token) {
    ...FindingPageFields
  }
}
    fragment FindingPageFields on Finding {
  id
  title
  body
  bodyHtml
  visibility
  version
  modelId
  modelVersion
  canEdit
  createdAt
  updatedAt
  author {
    id
    name
  }
  model {
    id
    name
  }
  figures {
    id
    key
    kind
    params
    status
    value
    engineVersion
    frozenAt
    current {
      status
      differs
      latestVersion
      message
    }
  }
  shareLinks {
    id
    createdAt
    revokedAt
  }
}`) as unknown as TypedDocumentString<SharedFindingQuery, SharedFindingQueryVariables>;
export const ExportFindingDocument = new TypedDocumentString(`
    query ExportFinding($id: ID!, $format: FindingExportFormat!) {
  exportFinding(id: $id, format: $format)
}
    `) as unknown as TypedDocumentString<ExportFindingQuery, ExportFindingQueryVariables>;
export const SetFindingVisibilityDocument = new TypedDocumentString(`
    mutation SetFindingVisibility($id: ID!, $visibility: FindingVisibility!) {
  setFindingVisibility(id: $id, visibility: $visibility) {
    ok
    error {
      ...MutationErrorFields
    }
    finding {
      id
      visibility
      version
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<SetFindingVisibilityMutation, SetFindingVisibilityMutationVariables>;
export const CreateShareLinkDocument = new TypedDocumentString(`
    mutation CreateShareLink($findingId: ID!) {
  createShareLink(findingId: $findingId) {
    ok
    error {
      ...MutationErrorFields
    }
    token
    link {
      id
      createdAt
      revokedAt
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<CreateShareLinkMutation, CreateShareLinkMutationVariables>;
export const RevokeShareLinkDocument = new TypedDocumentString(`
    mutation RevokeShareLink($id: ID!) {
  revokeShareLink(id: $id) {
    ok
    error {
      ...MutationErrorFields
    }
    link {
      id
      revokedAt
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<RevokeShareLinkMutation, RevokeShareLinkMutationVariables>;
export const ModelFindingsDocument = new TypedDocumentString(`
    query ModelFindings($modelId: ID!) {
  findings(modelId: $modelId, first: 20) {
    id
    title
    visibility
    modelVersion
    updatedAt
    canEdit
    author {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ModelFindingsQuery, ModelFindingsQueryVariables>;
export const CreateFindingDocument = new TypedDocumentString(`
    mutation CreateFinding($input: CreateFindingInput!) {
  createFinding(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    finding {
      id
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<CreateFindingMutation, CreateFindingMutationVariables>;
export const UpdateFindingDocument = new TypedDocumentString(`
    mutation UpdateFinding($input: UpdateFindingInput!) {
  updateFinding(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    finding {
      id
      version
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<UpdateFindingMutation, UpdateFindingMutationVariables>;
export const AddFindingFigureDocument = new TypedDocumentString(`
    mutation AddFindingFigure($input: AddFindingFigureInput!) {
  addFindingFigure(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    finding {
      id
      version
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<AddFindingFigureMutation, AddFindingFigureMutationVariables>;
export const InvitationPreviewDocument = new TypedDocumentString(`
    query InvitationPreview($token: String!) {
  invitationPreview(token: $token) {
    teamName
    invitedByName
    role
    email
    expiresAt
    status
    alreadyMember
  }
}
    `) as unknown as TypedDocumentString<InvitationPreviewQuery, InvitationPreviewQueryVariables>;
export const DeclineInvitationDocument = new TypedDocumentString(`
    mutation DeclineInvitation($token: String!) {
  declineInvitation(token: $token) {
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
}`) as unknown as TypedDocumentString<DeclineInvitationMutation, DeclineInvitationMutationVariables>;
export const ModelViewerRoleDocument = new TypedDocumentString(`
    query ModelViewerRole($id: ID!) {
  model(id: $id) {
    id
    team {
      id
      viewerRole
    }
  }
}
    `) as unknown as TypedDocumentString<ModelViewerRoleQuery, ModelViewerRoleQueryVariables>;
export const RenameModelDocument = new TypedDocumentString(`
    mutation RenameModel($input: RenameModelInput!) {
  renameModel(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    model {
      id
      name
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<RenameModelMutation, RenameModelMutationVariables>;
export const SetModelVisibilityDocument = new TypedDocumentString(`
    mutation SetModelVisibility($input: SetModelVisibilityInput!) {
  setModelVisibility(input: $input) {
    ok
    error {
      ...MutationErrorFields
    }
    model {
      id
      visibility
    }
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<SetModelVisibilityMutation, SetModelVisibilityMutationVariables>;
export const DeleteModelDocument = new TypedDocumentString(`
    mutation DeleteModel($id: ID!) {
  deleteModel(id: $id) {
    ok
    error {
      ...MutationErrorFields
    }
    deletedId
  }
}
    fragment MutationErrorFields on MutationError {
  message
  inputErrors {
    path
    message
  }
}`) as unknown as TypedDocumentString<DeleteModelMutation, DeleteModelMutationVariables>;
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
    attentionOnly
    config {
      json
      nCtx
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
  expiresAt
  scopes
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
  expiresAt
  scopes
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