/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment TokenFields on Token { id text }\n": typeof types.TokenFieldsFragmentDoc,
    "\n  fragment CircuitEntryFields on CircuitEntry { row col value rowToken { ...TokenFields } colToken { ...TokenFields } }\n": typeof types.CircuitEntryFieldsFragmentDoc,
    "\n  query ModelDirectPath($id: ID!, $topK: Int!) {\n    model(id: $id) {\n      id\n      directPath(topK: $topK) { state progress message cached result { top { ...CircuitEntryFields } } }\n    }\n  }\n": typeof types.ModelDirectPathDocument,
    "\n  query HeadSkipTrigrams($id: ID!, $head: String!, $topK: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        skipTrigrams(topK: $topK) {\n          state progress message cached\n          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }\n          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }\n        }\n      }\n    }\n  }\n": typeof types.HeadSkipTrigramsDocument,
    "\n  fragment CompositionFields on CompositionAnalysis {\n    state progress message cached\n    result {\n      kind\n      scores { shape dtype base64 }\n      baseline { mean std samples seed }\n      top { writer reader score relative zScore }\n    }\n  }\n": typeof types.CompositionFieldsFragmentDoc,
    "\n  query ModelComposition($id: ID!, $top: Int!) {\n    model(id: $id) {\n      id name\n      config { nLayers nHeads }\n      q: composition(kind: Q, top: $top) { ...CompositionFields }\n      k: composition(kind: K, top: $top) { ...CompositionFields }\n      v: composition(kind: V, top: $top) { ...CompositionFields }\n      circuits(pattern: INDUCTION) {\n        state progress message\n        result {\n          induction {\n            previousTokenHead inductionHead kComposition relative zScore mechanism inductionScore\n            evidence { ablationDrop stripeWithoutPartner baselineMean baselineStd variedPeriodInduction }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ModelCompositionDocument,
    "\n  query DecisionTransformerShare($id: ID!, $trajectory: TrajectoryInput!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      modelId\n      attentionShare {\n        state progress message cached attentionOnly\n        result { mean positions { position label targetLabel share direct attention mlp total } }\n      }\n    }\n  }\n": typeof types.DecisionTransformerShareDocument,
    "\n  query TypedSkipTrigrams($id: ID!, $topK: Int!) {\n    model(id: $id) {\n      id\n      typedSkipTrigrams(topK: $topK) {\n        state progress message cached attentionOnly\n        result { sourceType destinationType action totalScore trigrams { head source { type label } destination { label } action score routing } }\n      }\n    }\n  }\n": typeof types.TypedSkipTrigramsDocument,
    "\n  query DtDirectPath($id: ID!, $perToken: Int!) {\n    model(id: $id) {\n      id\n      directPath(topK: 1, perToken: $perToken) {\n        state progress message cached\n        result { perToken { values { shape dtype base64 } indices { shape dtype base64 } } }\n      }\n    }\n  }\n": typeof types.DtDirectPathDocument,
    "\n  query ModelHeadLineage($id: ID!) {\n    model(id: $id) {\n      id\n      headLineage {\n        status message cached versions baseline\n        heads { name trace { version head similarity } }\n      }\n    }\n  }\n": typeof types.ModelHeadLineageDocument,
    "\n  query ModelHeadReport($id: ID!) {\n    model(id: $id) {\n      id\n      headReport {\n        status message modelVersion engineVersion cached thresholds\n        jobId progress { fraction etaSeconds stage }\n        heads {\n          name layer head previousToken duplicateToken induction inductionStripe ovCopying\n          qkTokenPositivity qkPositionalPositivity\n          labels { label score partner mechanism }\n        }\n        skipped { score reason }\n        composition { Q K V }\n      }\n    }\n  }\n": typeof types.ModelHeadReportDocument,
    "\n  query HeadScores($id: ID!, $head: String!) {\n    model(id: $id) {\n      id name\n      config { nLayers nHeads }\n      head(name: $head) {\n        name layer index\n        scores {\n          state progress message cached\n          result {\n            previousToken duplicateToken induction inductionStripe ovCopying qkTokenPositivity\n            qkPositionalPositivity variedPeriodInduction positionalInvariance distanceFromUniform\n          }\n        }\n        labels {\n          state progress message\n          result {\n            label score partner mechanism\n            evidence {\n              partnerKComposition partnerPreviousToken baselineMean baselineStd stripeWithoutPartner\n              ablationDrop groupAblationDrop variedPeriodInduction positionalInvariance\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.HeadScoresDocument,
    "\n  query HeadCircuits($id: ID!, $head: String!, $topK: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        ov(topK: $topK, bottomK: 5) { state progress message result { top { ...CircuitEntryFields } bottom { ...CircuitEntryFields } } }\n        qk(topK: $topK) { state progress message result { top { ...CircuitEntryFields } } }\n      }\n    }\n  }\n": typeof types.HeadCircuitsDocument,
    "\n  query HeadSpectra($id: ID!, $head: String!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        ovEigen: eigenvalues(circuit: OV) { state progress message result { re im positivity } }\n        qkEigen: eigenvalues(circuit: QK_TOKEN) { state progress message result { re im positivity } }\n        ovSvd: singularValues(circuit: OV) { state progress message result { values } }\n        qkSvd: singularValues(circuit: QK) { state progress message result { values } }\n      }\n    }\n  }\n": typeof types.HeadSpectraDocument,
    "\n  query HeadComposition($id: ID!, $head: String!, $trigrams: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        q: composesWith(kind: Q) { state progress message result { head direction score relative zScore } }\n        k: composesWith(kind: K) { state progress message result { head direction score relative zScore } }\n        v: composesWith(kind: V) { state progress message result { head direction score relative zScore } }\n        skipTrigrams(topK: $trigrams) {\n          state progress message\n          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }\n          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }\n        }\n      }\n    }\n  }\n": typeof types.HeadCompositionDocument,
    "\n  query RunTokens($id: ID!, $prompt: String, $tokens: [Int!]) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      modelId version\n      tokens { ...TokenFields }\n    }\n  }\n": typeof types.RunTokensDocument,
    "\n  query RunPatterns($id: ID!, $prompt: String, $tokens: [Int!], $layer: Int!, $topK: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      patterns(layer: $layer, topK: $topK) {\n        state progress message\n        result { layer topK { values { shape dtype base64 } indices { shape dtype base64 } } }\n      }\n    }\n  }\n": typeof types.RunPatternsDocument,
    "\n  query RunPredictions($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $topK: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      logits(position: $position, topK: $topK) {\n        state progress message\n        result { positions { position predictions { logit token { ...TokenFields } } } }\n      }\n    }\n  }\n": typeof types.RunPredictionsDocument,
    "\n  query RunPathExpansion($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $target: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      pathExpansion(position: $position, target: $target) {\n        state progress message\n        result { position logit target { ...TokenFields } terms { term kind heads contribution } }\n      }\n    }\n  }\n": typeof types.RunPathExpansionDocument,
    "\n  query RunModel($id: ID!) {\n    model(id: $id) { id name config { nLayers nHeads nCtx dVocab json } tokenizer { kind vocabSize } }\n  }\n": typeof types.RunModelDocument,
    "\n  query TrajectoryRun($id: ID!, $trajectory: TrajectoryInput!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      modelId version\n      positions { index type timestep label }\n      actionLogits { state progress message result { actions statePositions logits { shape dtype base64 } } }\n    }\n  }\n": typeof types.TrajectoryRunDocument,
    "\n  query TrajectoryPatterns($id: ID!, $trajectory: TrajectoryInput!, $layer: Int!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      patterns(layer: $layer) {\n        state progress message\n        result { layer dense { shape dtype base64 } }\n      }\n    }\n  }\n": typeof types.TrajectoryPatternsDocument,
    "\n  query TrajectoryRtgSweep($id: ID!, $trajectory: TrajectoryInput!, $points: Int!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      rtgSweep(points: $points) { state progress message result { rtg actions probs { shape dtype base64 } } }\n    }\n  }\n": typeof types.TrajectoryRtgSweepDocument,
    "\n  query SearchHeads($filter: HeadSearchFilter, $first: Int, $after: String) {\n    searchHeads(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          head modelVersion analysed engineLabels\n          scores { name value }\n          partnerKComposition { partner value sigma }\n          consensusLabel consensusCount annotationCount annotationSnippet passingClaims failingClaims\n          model { id name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n      notAnalysed { id name }\n      scannedModels\n    }\n  }\n": typeof types.SearchHeadsDocument,
    "\n  query TrainingTasks { trainingTasks { name description vocabSize } }\n": typeof types.TrainingTasksDocument,
    "\n  mutation StartTraining($input: StartTrainingInput!) { startTraining(input: $input) { id status totalSteps } }\n": typeof types.StartTrainingDocument,
    "\n  mutation CancelTraining($id: ID!) { cancelTraining(id: $id) { id status } }\n": typeof types.CancelTrainingDocument,
    "\n  query TrainingJobs($teamId: ID!) {\n    trainingJobs(teamId: $teamId, first: 8) { id status task step totalSteps createdAt model { id name } }\n  }\n": typeof types.TrainingJobsDocument,
    "\n  query TrainingJobConfig($id: ID!) { trainingJob(id: $id) { id config } }\n": typeof types.TrainingJobConfigDocument,
    "\n  query TeamActivity($id: ID!, $first: Int, $after: String) {\n    team(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        edges { cursor node { id action summary actorName modelId modelName head createdAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.TeamActivityDocument,
    "\n  fragment CommentFields on Comment {\n    id target targetId parentId body bodyHtml deleted version createdAt updatedAt\n    author { id name }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  fragment ClaimEvaluationFields on ClaimEvaluation { status value threshold message modelVersion engineVersion evaluatedAt }\n": typeof types.ClaimEvaluationFieldsFragmentDoc,
    "\n  fragment AnnotationFields on Annotation {\n    id modelId head label body bodyHtml confidence accepted version createdAt updatedAt\n    author { id name }\n    evidence { kind resultId pointer caption found value truncated }\n    votes { agree disagree viewerVote }\n    claims {\n      id spec description status version createdAt\n      current { ...ClaimEvaluationFields }\n      written { ...ClaimEvaluationFields }\n    }\n  }\n": typeof types.AnnotationFieldsFragmentDoc,
    "\n  query HeadAnnotations($id: ID!, $head: String!) {\n    model(id: $id) {\n      id\n      annotations(head: $head) { ...AnnotationFields }\n      headComments(head: $head) { ...CommentFields }\n    }\n  }\n": typeof types.HeadAnnotationsDocument,
    "\n  query HeadCollabContext($id: ID!) {\n    me { id name }\n    model(id: $id) {\n      id\n      team { id viewerRole members { role user { id name email } } }\n      annotationLabels { name description builtin }\n    }\n  }\n": typeof types.HeadCollabContextDocument,
    "\n  query AnnotationRevisions($id: ID!) {\n    annotation(id: $id) {\n      id\n      revisions {\n        id version label body confidence createdAt\n        author { id name }\n        changes { field before after }\n        bodyDiff { value added removed }\n      }\n    }\n  }\n": typeof types.AnnotationRevisionsDocument,
    "\n  query AnnotationComments($id: ID!) {\n    annotation(id: $id) { id comments { ...CommentFields } }\n  }\n": typeof types.AnnotationCommentsDocument,
    "\n  query HeadConsensus($id: ID!) {\n    model(id: $id) {\n      id\n      headConsensus { head label count participants annotations accepted { id } }\n    }\n  }\n": typeof types.HeadConsensusDocument,
    "\n  query ModelViewers($id: ID!) {\n    me { id }\n    model(id: $id) { id viewers { userId name since } }\n  }\n": typeof types.ModelViewersDocument,
    "\n  mutation CreateAnnotation($input: CreateAnnotationInput!) {\n    createAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }\n  }\n": typeof types.CreateAnnotationDocument,
    "\n  mutation UpdateAnnotation($input: UpdateAnnotationInput!) {\n    updateAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }\n  }\n": typeof types.UpdateAnnotationDocument,
    "\n  mutation SetAnnotationAccepted($id: ID!, $accepted: Boolean!) {\n    setAnnotationAccepted(id: $id, accepted: $accepted) { ok error { ...MutationErrorFields } annotation { id accepted } }\n  }\n": typeof types.SetAnnotationAcceptedDocument,
    "\n  mutation VoteAnnotation($id: ID!, $value: VoteValue) {\n    voteAnnotation(id: $id, value: $value) { ok error { ...MutationErrorFields } annotation { id votes { agree disagree viewerVote } } }\n  }\n": typeof types.VoteAnnotationDocument,
    "\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) { ok error { ...MutationErrorFields } comment { id } }\n  }\n": typeof types.CreateCommentDocument,
    "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 20) { id kind data readAt createdAt }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  subscription ModelActivity($modelId: ID!) {\n    modelActivity(modelId: $modelId) { modelId kind action id head version actorId actorName at }\n  }\n": typeof types.ModelActivityDocument,
    "\n  subscription NotificationSignals {\n    notificationSignals { reason at }\n  }\n": typeof types.NotificationSignalsDocument,
    "\n  mutation DeleteAnnotation($id: ID!, $version: Int!) {\n    deleteAnnotation(id: $id, version: $version) { ok error { ...MutationErrorFields } }\n  }\n": typeof types.DeleteAnnotationDocument,
    "\n  mutation DeleteComment($id: ID!, $version: Int!) {\n    deleteComment(id: $id, version: $version) { ok error { ...MutationErrorFields } }\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation AddClaim($annotationId: ID!, $spec: JSON!) {\n    addClaim(annotationId: $annotationId, spec: $spec) { ok error { ...MutationErrorFields } claim { id status } }\n  }\n": typeof types.AddClaimDocument,
    "\n  query EvidenceSources($id: ID!) {\n    model(id: $id) { id evidenceSources { id kind modelVersion createdAt } }\n  }\n": typeof types.EvidenceSourcesDocument,
    "\n  fragment FindingPageFields on Finding {\n    id title body bodyHtml visibility version modelId modelVersion canEdit createdAt updatedAt\n    author { id name }\n    model { id name }\n    figures {\n      id key kind params status value engineVersion frozenAt\n      current { status differs latestVersion message }\n    }\n    shareLinks { id createdAt revokedAt }\n  }\n": typeof types.FindingPageFieldsFragmentDoc,
    "\n  query FindingPage($id: ID!) { finding(id: $id) { ...FindingPageFields } }\n": typeof types.FindingPageDocument,
    "\n  query SharedFinding($token: String!) { sharedFinding(token: $token) { ...FindingPageFields } }\n": typeof types.SharedFindingDocument,
    "\n  query ExportFinding($id: ID!, $format: FindingExportFormat!) { exportFinding(id: $id, format: $format) }\n": typeof types.ExportFindingDocument,
    "\n  mutation SetFindingVisibility($id: ID!, $visibility: FindingVisibility!) {\n    setFindingVisibility(id: $id, visibility: $visibility) { ok error { ...MutationErrorFields } finding { id visibility version } }\n  }\n": typeof types.SetFindingVisibilityDocument,
    "\n  mutation CreateShareLink($findingId: ID!) {\n    createShareLink(findingId: $findingId) { ok error { ...MutationErrorFields } token link { id createdAt revokedAt } }\n  }\n": typeof types.CreateShareLinkDocument,
    "\n  mutation RevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) { ok error { ...MutationErrorFields } link { id revokedAt } }\n  }\n": typeof types.RevokeShareLinkDocument,
    "\n  query ModelFindings($modelId: ID!) {\n    findings(modelId: $modelId, first: 20) { id title visibility modelVersion updatedAt canEdit author { id name } }\n  }\n": typeof types.ModelFindingsDocument,
    "\n  mutation CreateFinding($input: CreateFindingInput!) {\n    createFinding(input: $input) { ok error { ...MutationErrorFields } finding { id } }\n  }\n": typeof types.CreateFindingDocument,
    "\n  mutation UpdateFinding($input: UpdateFindingInput!) {\n    updateFinding(input: $input) { ok error { ...MutationErrorFields } finding { id version } }\n  }\n": typeof types.UpdateFindingDocument,
    "\n  mutation AddFindingFigure($input: AddFindingFigureInput!) {\n    addFindingFigure(input: $input) { ok error { ...MutationErrorFields } finding { id version } }\n  }\n": typeof types.AddFindingFigureDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) { teamName invitedByName role email expiresAt status alreadyMember }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  mutation DeclineInvitation($token: String!) {\n    declineInvitation(token: $token) { ok error { ...MutationErrorFields } }\n  }\n": typeof types.DeclineInvitationDocument,
    "\n  query ModelViewerRole($id: ID!) {\n    model(id: $id) { id team { id viewerRole } }\n  }\n": typeof types.ModelViewerRoleDocument,
    "\n  mutation RenameModel($input: RenameModelInput!) {\n    renameModel(input: $input) { ok error { ...MutationErrorFields } model { id name } }\n  }\n": typeof types.RenameModelDocument,
    "\n  mutation SetModelVisibility($input: SetModelVisibilityInput!) {\n    setModelVisibility(input: $input) { ok error { ...MutationErrorFields } model { id visibility } }\n  }\n": typeof types.SetModelVisibilityDocument,
    "\n  mutation DeleteModel($id: ID!) {\n    deleteModel(id: $id) { ok error { ...MutationErrorFields } deletedId }\n  }\n": typeof types.DeleteModelDocument,
    "\n  fragment MutationErrorFields on MutationError { message inputErrors { path message } }\n": typeof types.MutationErrorFieldsFragmentDoc,
    "\n  fragment TeamSummaryFields on Team { id name slug isPublic viewerRole }\n": typeof types.TeamSummaryFieldsFragmentDoc,
    "\n  query Viewer {\n    me { id name email }\n    teams { ...TeamSummaryFields }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment ModelCardFields on Model {\n    id name visibility createdAt\n    team { id name slug }\n    createdBy { id name }\n    config { nLayers nHeads dModel dHead dVocab nCtx positionalEmbeddingType }\n  }\n": typeof types.ModelCardFieldsFragmentDoc,
    "\n  query ModelList($teamId: ID, $search: String, $first: Int, $after: String) {\n    models(teamId: $teamId, search: $search, first: $first, after: $after) {\n      edges { node { ...ModelCardFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ModelListDocument,
    "\n  query ModelDetail($id: ID!) {\n    model(id: $id) {\n      ...ModelCardFields\n      contentHash\n      attentionOnly\n      config { json nCtx }\n      layers { index heads { name layer index } }\n      tokenizer { kind vocabSize sample(first: 12) { id text } }\n      versions { id number byteLength createdAt }\n    }\n  }\n": typeof types.ModelDetailDocument,
    "\n  fragment InvitationFields on Invitation { id email role expiresAt createdAt }\n": typeof types.InvitationFieldsFragmentDoc,
    "\n  query TeamDetail($id: ID!) {\n    team(id: $id) {\n      ...TeamSummaryFields\n      members { role joinedAt user { id name email } }\n      invitations { ...InvitationFields }\n    }\n  }\n": typeof types.TeamDetailDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }\n  }\n": typeof types.CreateTeamDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { ok error { ...MutationErrorFields } token invitation { ...InvitationFields } }\n  }\n": typeof types.InviteMemberDocument,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation SetMemberRole($input: SetMemberRoleInput!) {\n    setMemberRole(input: $input) { ok error { ...MutationErrorFields } }\n  }\n": typeof types.SetMemberRoleDocument,
    "\n  mutation RemoveMember($teamId: ID!, $userId: ID!) {\n    removeMember(teamId: $teamId, userId: $userId) { ok error { ...MutationErrorFields } }\n  }\n": typeof types.RemoveMemberDocument,
    "\n  fragment ApiTokenFields on ApiToken { id name prefix createdAt lastUsedAt revokedAt expiresAt scopes }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { ok error { ...MutationErrorFields } secret token { ...ApiTokenFields } }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ok error { ...MutationErrorFields } } }\n": typeof types.RevokeApiTokenDocument,
};
const documents: Documents = {
    "\n  fragment TokenFields on Token { id text }\n": types.TokenFieldsFragmentDoc,
    "\n  fragment CircuitEntryFields on CircuitEntry { row col value rowToken { ...TokenFields } colToken { ...TokenFields } }\n": types.CircuitEntryFieldsFragmentDoc,
    "\n  query ModelDirectPath($id: ID!, $topK: Int!) {\n    model(id: $id) {\n      id\n      directPath(topK: $topK) { state progress message cached result { top { ...CircuitEntryFields } } }\n    }\n  }\n": types.ModelDirectPathDocument,
    "\n  query HeadSkipTrigrams($id: ID!, $head: String!, $topK: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        skipTrigrams(topK: $topK) {\n          state progress message cached\n          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }\n          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }\n        }\n      }\n    }\n  }\n": types.HeadSkipTrigramsDocument,
    "\n  fragment CompositionFields on CompositionAnalysis {\n    state progress message cached\n    result {\n      kind\n      scores { shape dtype base64 }\n      baseline { mean std samples seed }\n      top { writer reader score relative zScore }\n    }\n  }\n": types.CompositionFieldsFragmentDoc,
    "\n  query ModelComposition($id: ID!, $top: Int!) {\n    model(id: $id) {\n      id name\n      config { nLayers nHeads }\n      q: composition(kind: Q, top: $top) { ...CompositionFields }\n      k: composition(kind: K, top: $top) { ...CompositionFields }\n      v: composition(kind: V, top: $top) { ...CompositionFields }\n      circuits(pattern: INDUCTION) {\n        state progress message\n        result {\n          induction {\n            previousTokenHead inductionHead kComposition relative zScore mechanism inductionScore\n            evidence { ablationDrop stripeWithoutPartner baselineMean baselineStd variedPeriodInduction }\n          }\n        }\n      }\n    }\n  }\n": types.ModelCompositionDocument,
    "\n  query DecisionTransformerShare($id: ID!, $trajectory: TrajectoryInput!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      modelId\n      attentionShare {\n        state progress message cached attentionOnly\n        result { mean positions { position label targetLabel share direct attention mlp total } }\n      }\n    }\n  }\n": types.DecisionTransformerShareDocument,
    "\n  query TypedSkipTrigrams($id: ID!, $topK: Int!) {\n    model(id: $id) {\n      id\n      typedSkipTrigrams(topK: $topK) {\n        state progress message cached attentionOnly\n        result { sourceType destinationType action totalScore trigrams { head source { type label } destination { label } action score routing } }\n      }\n    }\n  }\n": types.TypedSkipTrigramsDocument,
    "\n  query DtDirectPath($id: ID!, $perToken: Int!) {\n    model(id: $id) {\n      id\n      directPath(topK: 1, perToken: $perToken) {\n        state progress message cached\n        result { perToken { values { shape dtype base64 } indices { shape dtype base64 } } }\n      }\n    }\n  }\n": types.DtDirectPathDocument,
    "\n  query ModelHeadLineage($id: ID!) {\n    model(id: $id) {\n      id\n      headLineage {\n        status message cached versions baseline\n        heads { name trace { version head similarity } }\n      }\n    }\n  }\n": types.ModelHeadLineageDocument,
    "\n  query ModelHeadReport($id: ID!) {\n    model(id: $id) {\n      id\n      headReport {\n        status message modelVersion engineVersion cached thresholds\n        jobId progress { fraction etaSeconds stage }\n        heads {\n          name layer head previousToken duplicateToken induction inductionStripe ovCopying\n          qkTokenPositivity qkPositionalPositivity\n          labels { label score partner mechanism }\n        }\n        skipped { score reason }\n        composition { Q K V }\n      }\n    }\n  }\n": types.ModelHeadReportDocument,
    "\n  query HeadScores($id: ID!, $head: String!) {\n    model(id: $id) {\n      id name\n      config { nLayers nHeads }\n      head(name: $head) {\n        name layer index\n        scores {\n          state progress message cached\n          result {\n            previousToken duplicateToken induction inductionStripe ovCopying qkTokenPositivity\n            qkPositionalPositivity variedPeriodInduction positionalInvariance distanceFromUniform\n          }\n        }\n        labels {\n          state progress message\n          result {\n            label score partner mechanism\n            evidence {\n              partnerKComposition partnerPreviousToken baselineMean baselineStd stripeWithoutPartner\n              ablationDrop groupAblationDrop variedPeriodInduction positionalInvariance\n            }\n          }\n        }\n      }\n    }\n  }\n": types.HeadScoresDocument,
    "\n  query HeadCircuits($id: ID!, $head: String!, $topK: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        ov(topK: $topK, bottomK: 5) { state progress message result { top { ...CircuitEntryFields } bottom { ...CircuitEntryFields } } }\n        qk(topK: $topK) { state progress message result { top { ...CircuitEntryFields } } }\n      }\n    }\n  }\n": types.HeadCircuitsDocument,
    "\n  query HeadSpectra($id: ID!, $head: String!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        ovEigen: eigenvalues(circuit: OV) { state progress message result { re im positivity } }\n        qkEigen: eigenvalues(circuit: QK_TOKEN) { state progress message result { re im positivity } }\n        ovSvd: singularValues(circuit: OV) { state progress message result { values } }\n        qkSvd: singularValues(circuit: QK) { state progress message result { values } }\n      }\n    }\n  }\n": types.HeadSpectraDocument,
    "\n  query HeadComposition($id: ID!, $head: String!, $trigrams: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        q: composesWith(kind: Q) { state progress message result { head direction score relative zScore } }\n        k: composesWith(kind: K) { state progress message result { head direction score relative zScore } }\n        v: composesWith(kind: V) { state progress message result { head direction score relative zScore } }\n        skipTrigrams(topK: $trigrams) {\n          state progress message\n          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }\n          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }\n        }\n      }\n    }\n  }\n": types.HeadCompositionDocument,
    "\n  query RunTokens($id: ID!, $prompt: String, $tokens: [Int!]) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      modelId version\n      tokens { ...TokenFields }\n    }\n  }\n": types.RunTokensDocument,
    "\n  query RunPatterns($id: ID!, $prompt: String, $tokens: [Int!], $layer: Int!, $topK: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      patterns(layer: $layer, topK: $topK) {\n        state progress message\n        result { layer topK { values { shape dtype base64 } indices { shape dtype base64 } } }\n      }\n    }\n  }\n": types.RunPatternsDocument,
    "\n  query RunPredictions($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $topK: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      logits(position: $position, topK: $topK) {\n        state progress message\n        result { positions { position predictions { logit token { ...TokenFields } } } }\n      }\n    }\n  }\n": types.RunPredictionsDocument,
    "\n  query RunPathExpansion($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $target: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      pathExpansion(position: $position, target: $target) {\n        state progress message\n        result { position logit target { ...TokenFields } terms { term kind heads contribution } }\n      }\n    }\n  }\n": types.RunPathExpansionDocument,
    "\n  query RunModel($id: ID!) {\n    model(id: $id) { id name config { nLayers nHeads nCtx dVocab json } tokenizer { kind vocabSize } }\n  }\n": types.RunModelDocument,
    "\n  query TrajectoryRun($id: ID!, $trajectory: TrajectoryInput!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      modelId version\n      positions { index type timestep label }\n      actionLogits { state progress message result { actions statePositions logits { shape dtype base64 } } }\n    }\n  }\n": types.TrajectoryRunDocument,
    "\n  query TrajectoryPatterns($id: ID!, $trajectory: TrajectoryInput!, $layer: Int!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      patterns(layer: $layer) {\n        state progress message\n        result { layer dense { shape dtype base64 } }\n      }\n    }\n  }\n": types.TrajectoryPatternsDocument,
    "\n  query TrajectoryRtgSweep($id: ID!, $trajectory: TrajectoryInput!, $points: Int!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      rtgSweep(points: $points) { state progress message result { rtg actions probs { shape dtype base64 } } }\n    }\n  }\n": types.TrajectoryRtgSweepDocument,
    "\n  query SearchHeads($filter: HeadSearchFilter, $first: Int, $after: String) {\n    searchHeads(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          head modelVersion analysed engineLabels\n          scores { name value }\n          partnerKComposition { partner value sigma }\n          consensusLabel consensusCount annotationCount annotationSnippet passingClaims failingClaims\n          model { id name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n      notAnalysed { id name }\n      scannedModels\n    }\n  }\n": types.SearchHeadsDocument,
    "\n  query TrainingTasks { trainingTasks { name description vocabSize } }\n": types.TrainingTasksDocument,
    "\n  mutation StartTraining($input: StartTrainingInput!) { startTraining(input: $input) { id status totalSteps } }\n": types.StartTrainingDocument,
    "\n  mutation CancelTraining($id: ID!) { cancelTraining(id: $id) { id status } }\n": types.CancelTrainingDocument,
    "\n  query TrainingJobs($teamId: ID!) {\n    trainingJobs(teamId: $teamId, first: 8) { id status task step totalSteps createdAt model { id name } }\n  }\n": types.TrainingJobsDocument,
    "\n  query TrainingJobConfig($id: ID!) { trainingJob(id: $id) { id config } }\n": types.TrainingJobConfigDocument,
    "\n  query TeamActivity($id: ID!, $first: Int, $after: String) {\n    team(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        edges { cursor node { id action summary actorName modelId modelName head createdAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.TeamActivityDocument,
    "\n  fragment CommentFields on Comment {\n    id target targetId parentId body bodyHtml deleted version createdAt updatedAt\n    author { id name }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  fragment ClaimEvaluationFields on ClaimEvaluation { status value threshold message modelVersion engineVersion evaluatedAt }\n": types.ClaimEvaluationFieldsFragmentDoc,
    "\n  fragment AnnotationFields on Annotation {\n    id modelId head label body bodyHtml confidence accepted version createdAt updatedAt\n    author { id name }\n    evidence { kind resultId pointer caption found value truncated }\n    votes { agree disagree viewerVote }\n    claims {\n      id spec description status version createdAt\n      current { ...ClaimEvaluationFields }\n      written { ...ClaimEvaluationFields }\n    }\n  }\n": types.AnnotationFieldsFragmentDoc,
    "\n  query HeadAnnotations($id: ID!, $head: String!) {\n    model(id: $id) {\n      id\n      annotations(head: $head) { ...AnnotationFields }\n      headComments(head: $head) { ...CommentFields }\n    }\n  }\n": types.HeadAnnotationsDocument,
    "\n  query HeadCollabContext($id: ID!) {\n    me { id name }\n    model(id: $id) {\n      id\n      team { id viewerRole members { role user { id name email } } }\n      annotationLabels { name description builtin }\n    }\n  }\n": types.HeadCollabContextDocument,
    "\n  query AnnotationRevisions($id: ID!) {\n    annotation(id: $id) {\n      id\n      revisions {\n        id version label body confidence createdAt\n        author { id name }\n        changes { field before after }\n        bodyDiff { value added removed }\n      }\n    }\n  }\n": types.AnnotationRevisionsDocument,
    "\n  query AnnotationComments($id: ID!) {\n    annotation(id: $id) { id comments { ...CommentFields } }\n  }\n": types.AnnotationCommentsDocument,
    "\n  query HeadConsensus($id: ID!) {\n    model(id: $id) {\n      id\n      headConsensus { head label count participants annotations accepted { id } }\n    }\n  }\n": types.HeadConsensusDocument,
    "\n  query ModelViewers($id: ID!) {\n    me { id }\n    model(id: $id) { id viewers { userId name since } }\n  }\n": types.ModelViewersDocument,
    "\n  mutation CreateAnnotation($input: CreateAnnotationInput!) {\n    createAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }\n  }\n": types.CreateAnnotationDocument,
    "\n  mutation UpdateAnnotation($input: UpdateAnnotationInput!) {\n    updateAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }\n  }\n": types.UpdateAnnotationDocument,
    "\n  mutation SetAnnotationAccepted($id: ID!, $accepted: Boolean!) {\n    setAnnotationAccepted(id: $id, accepted: $accepted) { ok error { ...MutationErrorFields } annotation { id accepted } }\n  }\n": types.SetAnnotationAcceptedDocument,
    "\n  mutation VoteAnnotation($id: ID!, $value: VoteValue) {\n    voteAnnotation(id: $id, value: $value) { ok error { ...MutationErrorFields } annotation { id votes { agree disagree viewerVote } } }\n  }\n": types.VoteAnnotationDocument,
    "\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) { ok error { ...MutationErrorFields } comment { id } }\n  }\n": types.CreateCommentDocument,
    "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 20) { id kind data readAt createdAt }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  subscription ModelActivity($modelId: ID!) {\n    modelActivity(modelId: $modelId) { modelId kind action id head version actorId actorName at }\n  }\n": types.ModelActivityDocument,
    "\n  subscription NotificationSignals {\n    notificationSignals { reason at }\n  }\n": types.NotificationSignalsDocument,
    "\n  mutation DeleteAnnotation($id: ID!, $version: Int!) {\n    deleteAnnotation(id: $id, version: $version) { ok error { ...MutationErrorFields } }\n  }\n": types.DeleteAnnotationDocument,
    "\n  mutation DeleteComment($id: ID!, $version: Int!) {\n    deleteComment(id: $id, version: $version) { ok error { ...MutationErrorFields } }\n  }\n": types.DeleteCommentDocument,
    "\n  mutation AddClaim($annotationId: ID!, $spec: JSON!) {\n    addClaim(annotationId: $annotationId, spec: $spec) { ok error { ...MutationErrorFields } claim { id status } }\n  }\n": types.AddClaimDocument,
    "\n  query EvidenceSources($id: ID!) {\n    model(id: $id) { id evidenceSources { id kind modelVersion createdAt } }\n  }\n": types.EvidenceSourcesDocument,
    "\n  fragment FindingPageFields on Finding {\n    id title body bodyHtml visibility version modelId modelVersion canEdit createdAt updatedAt\n    author { id name }\n    model { id name }\n    figures {\n      id key kind params status value engineVersion frozenAt\n      current { status differs latestVersion message }\n    }\n    shareLinks { id createdAt revokedAt }\n  }\n": types.FindingPageFieldsFragmentDoc,
    "\n  query FindingPage($id: ID!) { finding(id: $id) { ...FindingPageFields } }\n": types.FindingPageDocument,
    "\n  query SharedFinding($token: String!) { sharedFinding(token: $token) { ...FindingPageFields } }\n": types.SharedFindingDocument,
    "\n  query ExportFinding($id: ID!, $format: FindingExportFormat!) { exportFinding(id: $id, format: $format) }\n": types.ExportFindingDocument,
    "\n  mutation SetFindingVisibility($id: ID!, $visibility: FindingVisibility!) {\n    setFindingVisibility(id: $id, visibility: $visibility) { ok error { ...MutationErrorFields } finding { id visibility version } }\n  }\n": types.SetFindingVisibilityDocument,
    "\n  mutation CreateShareLink($findingId: ID!) {\n    createShareLink(findingId: $findingId) { ok error { ...MutationErrorFields } token link { id createdAt revokedAt } }\n  }\n": types.CreateShareLinkDocument,
    "\n  mutation RevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) { ok error { ...MutationErrorFields } link { id revokedAt } }\n  }\n": types.RevokeShareLinkDocument,
    "\n  query ModelFindings($modelId: ID!) {\n    findings(modelId: $modelId, first: 20) { id title visibility modelVersion updatedAt canEdit author { id name } }\n  }\n": types.ModelFindingsDocument,
    "\n  mutation CreateFinding($input: CreateFindingInput!) {\n    createFinding(input: $input) { ok error { ...MutationErrorFields } finding { id } }\n  }\n": types.CreateFindingDocument,
    "\n  mutation UpdateFinding($input: UpdateFindingInput!) {\n    updateFinding(input: $input) { ok error { ...MutationErrorFields } finding { id version } }\n  }\n": types.UpdateFindingDocument,
    "\n  mutation AddFindingFigure($input: AddFindingFigureInput!) {\n    addFindingFigure(input: $input) { ok error { ...MutationErrorFields } finding { id version } }\n  }\n": types.AddFindingFigureDocument,
    "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) { teamName invitedByName role email expiresAt status alreadyMember }\n  }\n": types.InvitationPreviewDocument,
    "\n  mutation DeclineInvitation($token: String!) {\n    declineInvitation(token: $token) { ok error { ...MutationErrorFields } }\n  }\n": types.DeclineInvitationDocument,
    "\n  query ModelViewerRole($id: ID!) {\n    model(id: $id) { id team { id viewerRole } }\n  }\n": types.ModelViewerRoleDocument,
    "\n  mutation RenameModel($input: RenameModelInput!) {\n    renameModel(input: $input) { ok error { ...MutationErrorFields } model { id name } }\n  }\n": types.RenameModelDocument,
    "\n  mutation SetModelVisibility($input: SetModelVisibilityInput!) {\n    setModelVisibility(input: $input) { ok error { ...MutationErrorFields } model { id visibility } }\n  }\n": types.SetModelVisibilityDocument,
    "\n  mutation DeleteModel($id: ID!) {\n    deleteModel(id: $id) { ok error { ...MutationErrorFields } deletedId }\n  }\n": types.DeleteModelDocument,
    "\n  fragment MutationErrorFields on MutationError { message inputErrors { path message } }\n": types.MutationErrorFieldsFragmentDoc,
    "\n  fragment TeamSummaryFields on Team { id name slug isPublic viewerRole }\n": types.TeamSummaryFieldsFragmentDoc,
    "\n  query Viewer {\n    me { id name email }\n    teams { ...TeamSummaryFields }\n  }\n": types.ViewerDocument,
    "\n  fragment ModelCardFields on Model {\n    id name visibility createdAt\n    team { id name slug }\n    createdBy { id name }\n    config { nLayers nHeads dModel dHead dVocab nCtx positionalEmbeddingType }\n  }\n": types.ModelCardFieldsFragmentDoc,
    "\n  query ModelList($teamId: ID, $search: String, $first: Int, $after: String) {\n    models(teamId: $teamId, search: $search, first: $first, after: $after) {\n      edges { node { ...ModelCardFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ModelListDocument,
    "\n  query ModelDetail($id: ID!) {\n    model(id: $id) {\n      ...ModelCardFields\n      contentHash\n      attentionOnly\n      config { json nCtx }\n      layers { index heads { name layer index } }\n      tokenizer { kind vocabSize sample(first: 12) { id text } }\n      versions { id number byteLength createdAt }\n    }\n  }\n": types.ModelDetailDocument,
    "\n  fragment InvitationFields on Invitation { id email role expiresAt createdAt }\n": types.InvitationFieldsFragmentDoc,
    "\n  query TeamDetail($id: ID!) {\n    team(id: $id) {\n      ...TeamSummaryFields\n      members { role joinedAt user { id name email } }\n      invitations { ...InvitationFields }\n    }\n  }\n": types.TeamDetailDocument,
    "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }\n  }\n": types.CreateTeamDocument,
    "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { ok error { ...MutationErrorFields } token invitation { ...InvitationFields } }\n  }\n": types.InviteMemberDocument,
    "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation SetMemberRole($input: SetMemberRoleInput!) {\n    setMemberRole(input: $input) { ok error { ...MutationErrorFields } }\n  }\n": types.SetMemberRoleDocument,
    "\n  mutation RemoveMember($teamId: ID!, $userId: ID!) {\n    removeMember(teamId: $teamId, userId: $userId) { ok error { ...MutationErrorFields } }\n  }\n": types.RemoveMemberDocument,
    "\n  fragment ApiTokenFields on ApiToken { id name prefix createdAt lastUsedAt revokedAt expiresAt scopes }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { ok error { ...MutationErrorFields } secret token { ...ApiTokenFields } }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ok error { ...MutationErrorFields } } }\n": types.RevokeApiTokenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TokenFields on Token { id text }\n"): typeof import('./graphql').TokenFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CircuitEntryFields on CircuitEntry { row col value rowToken { ...TokenFields } colToken { ...TokenFields } }\n"): typeof import('./graphql').CircuitEntryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelDirectPath($id: ID!, $topK: Int!) {\n    model(id: $id) {\n      id\n      directPath(topK: $topK) { state progress message cached result { top { ...CircuitEntryFields } } }\n    }\n  }\n"): typeof import('./graphql').ModelDirectPathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadSkipTrigrams($id: ID!, $head: String!, $topK: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        skipTrigrams(topK: $topK) {\n          state progress message cached\n          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }\n          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HeadSkipTrigramsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompositionFields on CompositionAnalysis {\n    state progress message cached\n    result {\n      kind\n      scores { shape dtype base64 }\n      baseline { mean std samples seed }\n      top { writer reader score relative zScore }\n    }\n  }\n"): typeof import('./graphql').CompositionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelComposition($id: ID!, $top: Int!) {\n    model(id: $id) {\n      id name\n      config { nLayers nHeads }\n      q: composition(kind: Q, top: $top) { ...CompositionFields }\n      k: composition(kind: K, top: $top) { ...CompositionFields }\n      v: composition(kind: V, top: $top) { ...CompositionFields }\n      circuits(pattern: INDUCTION) {\n        state progress message\n        result {\n          induction {\n            previousTokenHead inductionHead kComposition relative zScore mechanism inductionScore\n            evidence { ablationDrop stripeWithoutPartner baselineMean baselineStd variedPeriodInduction }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ModelCompositionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DecisionTransformerShare($id: ID!, $trajectory: TrajectoryInput!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      modelId\n      attentionShare {\n        state progress message cached attentionOnly\n        result { mean positions { position label targetLabel share direct attention mlp total } }\n      }\n    }\n  }\n"): typeof import('./graphql').DecisionTransformerShareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TypedSkipTrigrams($id: ID!, $topK: Int!) {\n    model(id: $id) {\n      id\n      typedSkipTrigrams(topK: $topK) {\n        state progress message cached attentionOnly\n        result { sourceType destinationType action totalScore trigrams { head source { type label } destination { label } action score routing } }\n      }\n    }\n  }\n"): typeof import('./graphql').TypedSkipTrigramsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DtDirectPath($id: ID!, $perToken: Int!) {\n    model(id: $id) {\n      id\n      directPath(topK: 1, perToken: $perToken) {\n        state progress message cached\n        result { perToken { values { shape dtype base64 } indices { shape dtype base64 } } }\n      }\n    }\n  }\n"): typeof import('./graphql').DtDirectPathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelHeadLineage($id: ID!) {\n    model(id: $id) {\n      id\n      headLineage {\n        status message cached versions baseline\n        heads { name trace { version head similarity } }\n      }\n    }\n  }\n"): typeof import('./graphql').ModelHeadLineageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelHeadReport($id: ID!) {\n    model(id: $id) {\n      id\n      headReport {\n        status message modelVersion engineVersion cached thresholds\n        jobId progress { fraction etaSeconds stage }\n        heads {\n          name layer head previousToken duplicateToken induction inductionStripe ovCopying\n          qkTokenPositivity qkPositionalPositivity\n          labels { label score partner mechanism }\n        }\n        skipped { score reason }\n        composition { Q K V }\n      }\n    }\n  }\n"): typeof import('./graphql').ModelHeadReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadScores($id: ID!, $head: String!) {\n    model(id: $id) {\n      id name\n      config { nLayers nHeads }\n      head(name: $head) {\n        name layer index\n        scores {\n          state progress message cached\n          result {\n            previousToken duplicateToken induction inductionStripe ovCopying qkTokenPositivity\n            qkPositionalPositivity variedPeriodInduction positionalInvariance distanceFromUniform\n          }\n        }\n        labels {\n          state progress message\n          result {\n            label score partner mechanism\n            evidence {\n              partnerKComposition partnerPreviousToken baselineMean baselineStd stripeWithoutPartner\n              ablationDrop groupAblationDrop variedPeriodInduction positionalInvariance\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HeadScoresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadCircuits($id: ID!, $head: String!, $topK: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        ov(topK: $topK, bottomK: 5) { state progress message result { top { ...CircuitEntryFields } bottom { ...CircuitEntryFields } } }\n        qk(topK: $topK) { state progress message result { top { ...CircuitEntryFields } } }\n      }\n    }\n  }\n"): typeof import('./graphql').HeadCircuitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadSpectra($id: ID!, $head: String!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        ovEigen: eigenvalues(circuit: OV) { state progress message result { re im positivity } }\n        qkEigen: eigenvalues(circuit: QK_TOKEN) { state progress message result { re im positivity } }\n        ovSvd: singularValues(circuit: OV) { state progress message result { values } }\n        qkSvd: singularValues(circuit: QK) { state progress message result { values } }\n      }\n    }\n  }\n"): typeof import('./graphql').HeadSpectraDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadComposition($id: ID!, $head: String!, $trigrams: Int!) {\n    model(id: $id) {\n      id\n      head(name: $head) {\n        name\n        q: composesWith(kind: Q) { state progress message result { head direction score relative zScore } }\n        k: composesWith(kind: K) { state progress message result { head direction score relative zScore } }\n        v: composesWith(kind: V) { state progress message result { head direction score relative zScore } }\n        skipTrigrams(topK: $trigrams) {\n          state progress message\n          result { score qk ov source { ...TokenFields } destination { ...TokenFields } output { ...TokenFields } }\n          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').HeadCompositionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunTokens($id: ID!, $prompt: String, $tokens: [Int!]) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      modelId version\n      tokens { ...TokenFields }\n    }\n  }\n"): typeof import('./graphql').RunTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunPatterns($id: ID!, $prompt: String, $tokens: [Int!], $layer: Int!, $topK: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      patterns(layer: $layer, topK: $topK) {\n        state progress message\n        result { layer topK { values { shape dtype base64 } indices { shape dtype base64 } } }\n      }\n    }\n  }\n"): typeof import('./graphql').RunPatternsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunPredictions($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $topK: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      logits(position: $position, topK: $topK) {\n        state progress message\n        result { positions { position predictions { logit token { ...TokenFields } } } }\n      }\n    }\n  }\n"): typeof import('./graphql').RunPredictionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunPathExpansion($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $target: Int!) {\n    run(modelId: $id, prompt: $prompt, tokens: $tokens) {\n      pathExpansion(position: $position, target: $target) {\n        state progress message\n        result { position logit target { ...TokenFields } terms { term kind heads contribution } }\n      }\n    }\n  }\n"): typeof import('./graphql').RunPathExpansionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunModel($id: ID!) {\n    model(id: $id) { id name config { nLayers nHeads nCtx dVocab json } tokenizer { kind vocabSize } }\n  }\n"): typeof import('./graphql').RunModelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrajectoryRun($id: ID!, $trajectory: TrajectoryInput!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      modelId version\n      positions { index type timestep label }\n      actionLogits { state progress message result { actions statePositions logits { shape dtype base64 } } }\n    }\n  }\n"): typeof import('./graphql').TrajectoryRunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrajectoryPatterns($id: ID!, $trajectory: TrajectoryInput!, $layer: Int!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      patterns(layer: $layer) {\n        state progress message\n        result { layer dense { shape dtype base64 } }\n      }\n    }\n  }\n"): typeof import('./graphql').TrajectoryPatternsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrajectoryRtgSweep($id: ID!, $trajectory: TrajectoryInput!, $points: Int!) {\n    run(modelId: $id, trajectory: $trajectory) {\n      rtgSweep(points: $points) { state progress message result { rtg actions probs { shape dtype base64 } } }\n    }\n  }\n"): typeof import('./graphql').TrajectoryRtgSweepDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchHeads($filter: HeadSearchFilter, $first: Int, $after: String) {\n    searchHeads(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          head modelVersion analysed engineLabels\n          scores { name value }\n          partnerKComposition { partner value sigma }\n          consensusLabel consensusCount annotationCount annotationSnippet passingClaims failingClaims\n          model { id name }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n      notAnalysed { id name }\n      scannedModels\n    }\n  }\n"): typeof import('./graphql').SearchHeadsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingTasks { trainingTasks { name description vocabSize } }\n"): typeof import('./graphql').TrainingTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTraining($input: StartTrainingInput!) { startTraining(input: $input) { id status totalSteps } }\n"): typeof import('./graphql').StartTrainingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTraining($id: ID!) { cancelTraining(id: $id) { id status } }\n"): typeof import('./graphql').CancelTrainingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingJobs($teamId: ID!) {\n    trainingJobs(teamId: $teamId, first: 8) { id status task step totalSteps createdAt model { id name } }\n  }\n"): typeof import('./graphql').TrainingJobsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingJobConfig($id: ID!) { trainingJob(id: $id) { id config } }\n"): typeof import('./graphql').TrainingJobConfigDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamActivity($id: ID!, $first: Int, $after: String) {\n    team(id: $id) {\n      id\n      activity(first: $first, after: $after) {\n        edges { cursor node { id action summary actorName modelId modelName head createdAt } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql').TeamActivityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id target targetId parentId body bodyHtml deleted version createdAt updatedAt\n    author { id name }\n  }\n"): typeof import('./graphql').CommentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClaimEvaluationFields on ClaimEvaluation { status value threshold message modelVersion engineVersion evaluatedAt }\n"): typeof import('./graphql').ClaimEvaluationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AnnotationFields on Annotation {\n    id modelId head label body bodyHtml confidence accepted version createdAt updatedAt\n    author { id name }\n    evidence { kind resultId pointer caption found value truncated }\n    votes { agree disagree viewerVote }\n    claims {\n      id spec description status version createdAt\n      current { ...ClaimEvaluationFields }\n      written { ...ClaimEvaluationFields }\n    }\n  }\n"): typeof import('./graphql').AnnotationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadAnnotations($id: ID!, $head: String!) {\n    model(id: $id) {\n      id\n      annotations(head: $head) { ...AnnotationFields }\n      headComments(head: $head) { ...CommentFields }\n    }\n  }\n"): typeof import('./graphql').HeadAnnotationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadCollabContext($id: ID!) {\n    me { id name }\n    model(id: $id) {\n      id\n      team { id viewerRole members { role user { id name email } } }\n      annotationLabels { name description builtin }\n    }\n  }\n"): typeof import('./graphql').HeadCollabContextDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnnotationRevisions($id: ID!) {\n    annotation(id: $id) {\n      id\n      revisions {\n        id version label body confidence createdAt\n        author { id name }\n        changes { field before after }\n        bodyDiff { value added removed }\n      }\n    }\n  }\n"): typeof import('./graphql').AnnotationRevisionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnnotationComments($id: ID!) {\n    annotation(id: $id) { id comments { ...CommentFields } }\n  }\n"): typeof import('./graphql').AnnotationCommentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HeadConsensus($id: ID!) {\n    model(id: $id) {\n      id\n      headConsensus { head label count participants annotations accepted { id } }\n    }\n  }\n"): typeof import('./graphql').HeadConsensusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelViewers($id: ID!) {\n    me { id }\n    model(id: $id) { id viewers { userId name since } }\n  }\n"): typeof import('./graphql').ModelViewersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAnnotation($input: CreateAnnotationInput!) {\n    createAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }\n  }\n"): typeof import('./graphql').CreateAnnotationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAnnotation($input: UpdateAnnotationInput!) {\n    updateAnnotation(input: $input) { ok error { ...MutationErrorFields } annotation { id version } }\n  }\n"): typeof import('./graphql').UpdateAnnotationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAnnotationAccepted($id: ID!, $accepted: Boolean!) {\n    setAnnotationAccepted(id: $id, accepted: $accepted) { ok error { ...MutationErrorFields } annotation { id accepted } }\n  }\n"): typeof import('./graphql').SetAnnotationAcceptedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoteAnnotation($id: ID!, $value: VoteValue) {\n    voteAnnotation(id: $id, value: $value) { ok error { ...MutationErrorFields } annotation { id votes { agree disagree viewerVote } } }\n  }\n"): typeof import('./graphql').VoteAnnotationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) { ok error { ...MutationErrorFields } comment { id } }\n  }\n"): typeof import('./graphql').CreateCommentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications {\n    unreadNotificationCount\n    notifications(first: 20) { id kind data readAt createdAt }\n  }\n"): typeof import('./graphql').NotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): typeof import('./graphql').MarkNotificationsReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ModelActivity($modelId: ID!) {\n    modelActivity(modelId: $modelId) { modelId kind action id head version actorId actorName at }\n  }\n"): typeof import('./graphql').ModelActivityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationSignals {\n    notificationSignals { reason at }\n  }\n"): typeof import('./graphql').NotificationSignalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAnnotation($id: ID!, $version: Int!) {\n    deleteAnnotation(id: $id, version: $version) { ok error { ...MutationErrorFields } }\n  }\n"): typeof import('./graphql').DeleteAnnotationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!, $version: Int!) {\n    deleteComment(id: $id, version: $version) { ok error { ...MutationErrorFields } }\n  }\n"): typeof import('./graphql').DeleteCommentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddClaim($annotationId: ID!, $spec: JSON!) {\n    addClaim(annotationId: $annotationId, spec: $spec) { ok error { ...MutationErrorFields } claim { id status } }\n  }\n"): typeof import('./graphql').AddClaimDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvidenceSources($id: ID!) {\n    model(id: $id) { id evidenceSources { id kind modelVersion createdAt } }\n  }\n"): typeof import('./graphql').EvidenceSourcesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FindingPageFields on Finding {\n    id title body bodyHtml visibility version modelId modelVersion canEdit createdAt updatedAt\n    author { id name }\n    model { id name }\n    figures {\n      id key kind params status value engineVersion frozenAt\n      current { status differs latestVersion message }\n    }\n    shareLinks { id createdAt revokedAt }\n  }\n"): typeof import('./graphql').FindingPageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindingPage($id: ID!) { finding(id: $id) { ...FindingPageFields } }\n"): typeof import('./graphql').FindingPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SharedFinding($token: String!) { sharedFinding(token: $token) { ...FindingPageFields } }\n"): typeof import('./graphql').SharedFindingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportFinding($id: ID!, $format: FindingExportFormat!) { exportFinding(id: $id, format: $format) }\n"): typeof import('./graphql').ExportFindingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFindingVisibility($id: ID!, $visibility: FindingVisibility!) {\n    setFindingVisibility(id: $id, visibility: $visibility) { ok error { ...MutationErrorFields } finding { id visibility version } }\n  }\n"): typeof import('./graphql').SetFindingVisibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateShareLink($findingId: ID!) {\n    createShareLink(findingId: $findingId) { ok error { ...MutationErrorFields } token link { id createdAt revokedAt } }\n  }\n"): typeof import('./graphql').CreateShareLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeShareLink($id: ID!) {\n    revokeShareLink(id: $id) { ok error { ...MutationErrorFields } link { id revokedAt } }\n  }\n"): typeof import('./graphql').RevokeShareLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelFindings($modelId: ID!) {\n    findings(modelId: $modelId, first: 20) { id title visibility modelVersion updatedAt canEdit author { id name } }\n  }\n"): typeof import('./graphql').ModelFindingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFinding($input: CreateFindingInput!) {\n    createFinding(input: $input) { ok error { ...MutationErrorFields } finding { id } }\n  }\n"): typeof import('./graphql').CreateFindingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFinding($input: UpdateFindingInput!) {\n    updateFinding(input: $input) { ok error { ...MutationErrorFields } finding { id version } }\n  }\n"): typeof import('./graphql').UpdateFindingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddFindingFigure($input: AddFindingFigureInput!) {\n    addFindingFigure(input: $input) { ok error { ...MutationErrorFields } finding { id version } }\n  }\n"): typeof import('./graphql').AddFindingFigureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) {\n    invitationPreview(token: $token) { teamName invitedByName role email expiresAt status alreadyMember }\n  }\n"): typeof import('./graphql').InvitationPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineInvitation($token: String!) {\n    declineInvitation(token: $token) { ok error { ...MutationErrorFields } }\n  }\n"): typeof import('./graphql').DeclineInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelViewerRole($id: ID!) {\n    model(id: $id) { id team { id viewerRole } }\n  }\n"): typeof import('./graphql').ModelViewerRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameModel($input: RenameModelInput!) {\n    renameModel(input: $input) { ok error { ...MutationErrorFields } model { id name } }\n  }\n"): typeof import('./graphql').RenameModelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetModelVisibility($input: SetModelVisibilityInput!) {\n    setModelVisibility(input: $input) { ok error { ...MutationErrorFields } model { id visibility } }\n  }\n"): typeof import('./graphql').SetModelVisibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteModel($id: ID!) {\n    deleteModel(id: $id) { ok error { ...MutationErrorFields } deletedId }\n  }\n"): typeof import('./graphql').DeleteModelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MutationErrorFields on MutationError { message inputErrors { path message } }\n"): typeof import('./graphql').MutationErrorFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TeamSummaryFields on Team { id name slug isPublic viewerRole }\n"): typeof import('./graphql').TeamSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me { id name email }\n    teams { ...TeamSummaryFields }\n  }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModelCardFields on Model {\n    id name visibility createdAt\n    team { id name slug }\n    createdBy { id name }\n    config { nLayers nHeads dModel dHead dVocab nCtx positionalEmbeddingType }\n  }\n"): typeof import('./graphql').ModelCardFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelList($teamId: ID, $search: String, $first: Int, $after: String) {\n    models(teamId: $teamId, search: $search, first: $first, after: $after) {\n      edges { node { ...ModelCardFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').ModelListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelDetail($id: ID!) {\n    model(id: $id) {\n      ...ModelCardFields\n      contentHash\n      attentionOnly\n      config { json nCtx }\n      layers { index heads { name layer index } }\n      tokenizer { kind vocabSize sample(first: 12) { id text } }\n      versions { id number byteLength createdAt }\n    }\n  }\n"): typeof import('./graphql').ModelDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvitationFields on Invitation { id email role expiresAt createdAt }\n"): typeof import('./graphql').InvitationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamDetail($id: ID!) {\n    team(id: $id) {\n      ...TeamSummaryFields\n      members { role joinedAt user { id name email } }\n      invitations { ...InvitationFields }\n    }\n  }\n"): typeof import('./graphql').TeamDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($input: CreateTeamInput!) {\n    createTeam(input: $input) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }\n  }\n"): typeof import('./graphql').CreateTeamDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteMember($input: InviteMemberInput!) {\n    inviteMember(input: $input) { ok error { ...MutationErrorFields } token invitation { ...InvitationFields } }\n  }\n"): typeof import('./graphql').InviteMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!) {\n    acceptInvitation(token: $token) { ok error { ...MutationErrorFields } team { ...TeamSummaryFields } }\n  }\n"): typeof import('./graphql').AcceptInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMemberRole($input: SetMemberRoleInput!) {\n    setMemberRole(input: $input) { ok error { ...MutationErrorFields } }\n  }\n"): typeof import('./graphql').SetMemberRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($teamId: ID!, $userId: ID!) {\n    removeMember(teamId: $teamId, userId: $userId) { ok error { ...MutationErrorFields } }\n  }\n"): typeof import('./graphql').RemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken { id name prefix createdAt lastUsedAt revokedAt expiresAt scopes }\n"): typeof import('./graphql').ApiTokenFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens { apiTokens { ...ApiTokenFields } }\n"): typeof import('./graphql').ApiTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) { ok error { ...MutationErrorFields } secret token { ...ApiTokenFields } }\n  }\n"): typeof import('./graphql').CreateApiTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ok error { ...MutationErrorFields } } }\n"): typeof import('./graphql').RevokeApiTokenDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
