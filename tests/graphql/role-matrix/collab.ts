// Role matrix entries of graphql/modules/collab: annotations (with their nested lists, each of which
// re-checks the model's policy), consensus, comments, team labels and notifications. Reads use the
// PRIVATE and the PUBLIC model's annotations; writes use the TEAM model (a VIEWER is FORBIDDEN, a
// non-member NOT_FOUND) and the PUBLIC one (a non-member can read it but not write: FORBIDDEN).
import { ANY_ACCOUNT, PRIVATE_READ, PUBLIC_READ, TEAM_WRITE, type MatrixCase } from "./types";
import type { World } from "./world";

const ANNOTATION = `query($id: ID!) { annotation(id: $id) {
  id label body bodyHtml author { name email } votes { agree disagree viewerVote }
  evidence { kind resultId found value truncated }
  revisions { version author { name email } changes { field } bodyDiff { value } }
  comments { id body author { name email } deleted }
} }`;
const CONSENSUS = `query($id: ID!) { model(id: $id) { headConsensus { head label count accepted { id } } } }`;
const PUBLIC_WRITE = "ok ok FORBIDDEN FORBIDDEN";
const CREATE = `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) { ok annotation { id } } }`;
const COMMENT = `mutation($input: CreateCommentInput!) { createComment(input: $input) { ok comment { id } } }`;

/** The same writes on the PRIVATE model: whoever may not read it gets NOT_FOUND, never FORBIDDEN (which would confirm it exists). */
function privateWrites(): MatrixCase[] {
  const variant = "PRIVATE";
  const hidden = "ok ok NOT_FOUND NOT_FOUND";
  const fresh = (w: World) => w.fresh.annotation(w.privateModel);
  return [
    { covers: ["Mutation.updateAnnotation"], variant, query: `mutation($input: UpdateAnnotationInput!) { updateAnnotation(input: $input) { ok annotation { version } } }`, variables: async (w) => { const a = await fresh(w); return { input: { id: a.id, version: a.version, body: "edited" } }; }, path: ["updateAnnotation", "annotation"], expect: hidden },
    { covers: ["Mutation.deleteAnnotation"], variant, query: `mutation($id: ID!, $v: Int!) { deleteAnnotation(id: $id, version: $v) { ok } }`, variables: async (w) => { const a = await fresh(w); return { id: a.id, v: a.version }; }, path: ["deleteAnnotation", "ok"], expect: hidden },
    { covers: ["Mutation.setAnnotationAccepted"], variant, query: `mutation($id: ID!) { setAnnotationAccepted(id: $id, accepted: true) { ok annotation { accepted } } }`, variables: async (w) => ({ id: (await fresh(w)).id }), path: ["setAnnotationAccepted", "annotation"], expect: hidden },
    { covers: ["Mutation.voteAnnotation"], variant, query: `mutation($id: ID!) { voteAnnotation(id: $id, value: AGREE) { ok annotation { id } } }`, variables: (w) => ({ id: w.privateAnnotation }), path: ["voteAnnotation", "annotation"], expect: hidden },
    { covers: ["Mutation.createComment"], variant, query: COMMENT, variables: (w) => ({ input: { modelId: w.privateModel, target: "ANNOTATION", targetId: w.privateAnnotation, body: "hello" } }), path: ["createComment", "comment"], expect: hidden },
    { covers: ["Mutation.updateComment"], variant, query: `mutation($id: ID!, $v: Int!) { updateComment(id: $id, version: $v, body: "edited") { ok comment { version } } }`, variables: async (w) => { const c = await w.fresh.comment(w.privateModel); return { id: c.id, v: c.version }; }, path: ["updateComment", "comment"], expect: "FORBIDDEN ok NOT_FOUND NOT_FOUND" },
    { covers: ["Mutation.deleteComment"], variant, query: `mutation($id: ID!, $v: Int!) { deleteComment(id: $id, version: $v) { ok } }`, variables: async (w) => { const c = await w.fresh.comment(w.privateModel); return { id: c.id, v: c.version }; }, path: ["deleteComment", "ok"], expect: hidden },
  ];
}

export const collabCases: MatrixCase[] = [
  { covers: ["Query.annotation"], variant: "PRIVATE", query: `query($id: ID!) { annotation(id: $id) { id } }`, variables: (w) => ({ id: w.privateAnnotation }), expect: PRIVATE_READ },
  {
    covers: ["Query.annotation", "Annotation.author", "Annotation.votes", "Annotation.evidence", "Evidence.found", "Evidence.value", "Evidence.truncated",
      "Annotation.revisions", "AnnotationRevision.author", "AnnotationRevision.changes", "AnnotationRevision.bodyDiff", "Annotation.comments", "Comment.author", "Comment.deleted"],
    variant: "PUBLIC, cited evidence and a comment",
    query: ANNOTATION,
    variables: (w) => ({ id: w.publicAnnotation }),
    path: ["annotation", "evidence", "0", "value"],
    expect: PUBLIC_READ,
  },
  { covers: ["Annotation.comments"], variant: "PUBLIC", query: `query($id: ID!) { annotation(id: $id) { comments { id } } }`, variables: (w) => ({ id: w.publicAnnotation }), path: ["annotation", "comments"], expect: "some some some some some some" },
  { covers: ["Model.annotations"], variant: "PRIVATE", query: `query($id: ID!) { model(id: $id) { annotations { id } } }`, variables: (w) => ({ id: w.privateModel }), path: ["model", "annotations"], expect: "some some none none" },
  { covers: ["Model.annotations"], variant: "PUBLIC", query: `query($id: ID!) { model(id: $id) { annotations(head: "0.0") { id } } }`, variables: (w) => ({ id: w.publicModel }), path: ["model", "annotations"], expect: "some some some some some some" },
  { covers: ["Model.headConsensus", "HeadConsensus.accepted"], variant: "PRIVATE", query: CONSENSUS, variables: (w) => ({ id: w.privateModel }), path: ["model", "headConsensus"], expect: "some some none none" },
  { covers: ["Model.headConsensus", "HeadConsensus.accepted"], variant: "PUBLIC", query: CONSENSUS, variables: (w) => ({ id: w.publicModel }), path: ["model", "headConsensus"], expect: "some some some some some some" },
  { covers: ["Model.headComments"], variant: "PRIVATE", query: `query($id: ID!) { model(id: $id) { headComments(head: "0.0") { id body } } }`, variables: (w) => ({ id: w.privateModel }), path: ["model", "headComments"], expect: "some some none none" },
  { covers: ["Model.headComments"], variant: "PUBLIC", query: `query($id: ID!) { model(id: $id) { headComments(head: "0.0") { id } } }`, variables: (w) => ({ id: w.publicModel }), path: ["model", "headComments"], expect: PUBLIC_READ },
  { covers: ["Model.annotationLabels"], variant: "PRIVATE", query: `query($id: ID!) { model(id: $id) { annotationLabels { name builtin } } }`, variables: (w) => ({ id: w.privateModel }), path: ["model", "annotationLabels"], expect: "some some none none" },
  { covers: ["Model.annotationLabels"], variant: "PUBLIC", query: `query($id: ID!) { model(id: $id) { annotationLabels { name } } }`, variables: (w) => ({ id: w.publicModel }), path: ["model", "annotationLabels"], expect: "some some some some some some" },
  // The PRIVATE model has no stored result yet (an empty list); the PUBLIC one holds its head report.
  { covers: ["Model.evidenceSources"], variant: "PRIVATE", query: `query($id: ID!) { model(id: $id) { evidenceSources { id kind modelVersion } } }`, variables: (w) => ({ id: w.privateModel }), path: ["model", "evidenceSources"], expect: "ok ok none none" },
  { covers: ["Model.evidenceSources"], variant: "PUBLIC", query: `query($id: ID!) { model(id: $id) { evidenceSources { id kind modelVersion } } }`, variables: (w) => ({ id: w.publicModel }), path: ["model", "evidenceSources"], expect: "some some some some some some" },
  // The OWNER was @mentioned on the PRIVATE model; the VIEWER, mentioned too, may not read it and is not told.
  { covers: ["Query.notifications"], query: `{ notifications { id kind data } }`, expect: "some ok ok ok" },
  { covers: ["Query.unreadNotificationCount"], query: `{ unreadNotificationCount }`, expect: ANY_ACCOUNT },
  { covers: ["Mutation.markNotificationsRead"], query: `mutation { markNotificationsRead }`, expect: ANY_ACCOUNT },

  { covers: ["Mutation.createAnnotation"], variant: "TEAM", query: CREATE, variables: (w) => ({ input: { modelId: w.teamModel, head: "1.1", label: "copying", confidence: 0.4 } }), path: ["createAnnotation", "annotation"], expect: TEAM_WRITE },
  { covers: ["Mutation.createAnnotation"], variant: "PUBLIC", query: CREATE, variables: (w) => ({ input: { modelId: w.publicModel, head: "1.1", label: "copying", confidence: 0.4 } }), path: ["createAnnotation", "annotation"], expect: PUBLIC_WRITE },
  { covers: ["Mutation.createAnnotation"], variant: "PRIVATE", query: CREATE, variables: (w) => ({ input: { modelId: w.privateModel, head: "1.1", label: "copying", confidence: 0.4 } }), path: ["createAnnotation", "annotation"], expect: "ok ok NOT_FOUND NOT_FOUND" },
  {
    covers: ["Mutation.updateAnnotation"],
    query: `mutation($input: UpdateAnnotationInput!) { updateAnnotation(input: $input) { ok annotation { version } } }`,
    variables: async (w) => {
      const a = await w.fresh.annotation(w.teamModel);
      return { input: { id: a.id, version: a.version, body: "edited" } };
    },
    path: ["updateAnnotation", "annotation"],
    expect: TEAM_WRITE,
  },
  {
    // The EDITOR wrote it (an author deletes their own); the OWNER deletes anything.
    covers: ["Mutation.deleteAnnotation"],
    query: `mutation($id: ID!, $v: Int!) { deleteAnnotation(id: $id, version: $v) { ok } }`,
    variables: async (w) => {
      const a = await w.fresh.annotation(w.teamModel);
      return { id: a.id, v: a.version };
    },
    path: ["deleteAnnotation", "ok"],
    expect: TEAM_WRITE,
  },
  {
    covers: ["Mutation.setAnnotationAccepted"],
    query: `mutation($id: ID!) { setAnnotationAccepted(id: $id, accepted: true) { ok annotation { accepted } } }`,
    variables: async (w) => ({ id: (await w.fresh.annotation(w.teamModel)).id }),
    path: ["setAnnotationAccepted", "annotation"],
    expect: TEAM_WRITE,
  },
  { covers: ["Mutation.voteAnnotation"], variant: "TEAM", query: `mutation($id: ID!) { voteAnnotation(id: $id, value: AGREE) { ok annotation { votes { agree } } } }`, variables: (w) => ({ id: w.teamAnnotation }), path: ["voteAnnotation", "annotation"], expect: TEAM_WRITE },
  { covers: ["Mutation.voteAnnotation"], variant: "PUBLIC", query: `mutation($id: ID!) { voteAnnotation(id: $id, value: DISAGREE) { ok annotation { id } } }`, variables: (w) => ({ id: w.publicAnnotation }), path: ["voteAnnotation", "annotation"], expect: PUBLIC_WRITE },
  { covers: ["Mutation.createComment"], variant: "TEAM", query: COMMENT, variables: (w) => ({ input: { modelId: w.teamModel, target: "HEAD", targetId: "0.1", body: "hello" } }), path: ["createComment", "comment"], expect: TEAM_WRITE },
  { covers: ["Mutation.createComment"], variant: "PUBLIC annotation", query: COMMENT, variables: (w) => ({ input: { modelId: w.publicModel, target: "ANNOTATION", targetId: w.publicAnnotation, body: "hello" } }), path: ["createComment", "comment"], expect: PUBLIC_WRITE },
  {
    // Only its author edits a comment: the OWNER is refused too.
    covers: ["Mutation.updateComment"],
    query: `mutation($id: ID!, $v: Int!) { updateComment(id: $id, version: $v, body: "edited") { ok comment { version } } }`,
    variables: async (w) => {
      const c = await w.fresh.comment(w.teamModel);
      return { id: c.id, v: c.version };
    },
    path: ["updateComment", "comment"],
    expect: "FORBIDDEN ok FORBIDDEN NOT_FOUND",
  },
  {
    covers: ["Mutation.deleteComment"],
    query: `mutation($id: ID!, $v: Int!) { deleteComment(id: $id, version: $v) { ok } }`,
    variables: async (w) => {
      const c = await w.fresh.comment(w.teamModel);
      return { id: c.id, v: c.version };
    },
    path: ["deleteComment", "ok"],
    expect: TEAM_WRITE,
  },
  ...privateWrites(),
  {
    covers: ["Mutation.defineAnnotationLabel"],
    query: `mutation($t: ID!, $name: String!) { defineAnnotationLabel(teamId: $t, name: $name) { ok label { name } } }`,
    variables: (w) => ({ t: w.labId, name: w.fresh.label() }),
    path: ["defineAnnotationLabel", "label"],
    expect: TEAM_WRITE,
  },
];
