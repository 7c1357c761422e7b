// Resolvers of the collaboration types nested under a parent that was already authorized
// (Annotation, Evidence, AnnotationRevision, HeadConsensus, Comment) and the Model fields of the
// collab domain. Rule: a nested list re-enters lib/collab, which re-checks the model's policy.
import type { AnnotationRow } from "@/lib/collab/annotations";
import { getAnnotationForActor, listAnnotationsForActor } from "@/lib/collab/annotations";
import { listCommentsForActor, type CommentRow } from "@/lib/collab/comments";
import { evidenceOf, resolvePointer, type EvidenceLink, type ResolvedEvidence } from "@/lib/collab/evidence";
import { listEvidenceSourcesForActor, type EvidenceSource } from "@/lib/collab/evidence-sources";
import { diffText, listRevisionsForActor, revisionChanges, type DiffPart, type RevisionChange, type RevisionSummary } from "@/lib/collab/revisions";
import { listLabelsForTeam, type LabelSummary } from "@/lib/collab/taxonomy";
import { headConsensusForActor, tallyVotes, type HeadConsensus, type VoteTally } from "@/lib/collab/votes";
import type { ModelSummary } from "@/lib/db/models";
import type { GraphQLContext, Resolver } from "../../context";
import type { UserParent } from "../user/resolvers";

type EvidenceParent = EvidenceLink & { modelId: string };
type RevisionParent = RevisionSummary & { previous: RevisionSummary | null };

/** Resolves an evidence link's pointer once per link and request. */
const resolved = new WeakMap<EvidenceParent, Promise<ResolvedEvidence>>();
function resolveEvidence(link: EvidenceParent, { db }: GraphQLContext): Promise<ResolvedEvidence> {
  let r = resolved.get(link);
  if (!r) {
    r = db.analysisResult
      .findFirst({ where: { id: link.resultId, modelVersion: { modelId: link.modelId } }, select: { result: true } })
      .then((row) => (row ? resolvePointer(row.result, link.pointer) : { found: false as const }));
    resolved.set(link, r);
  }
  return r;
}

/** A row's author (its email follows User.email's rule, graphql/viewer.ts). */
export function authorOf(parent: { author: UserParent | null }): UserParent | null {
  return parent.author;
}

// ── Annotation ──

const annotationEvidence: Resolver<AnnotationRow, object, EvidenceParent[]> = (parent) => evidenceOf(parent.evidence).map((e) => ({ ...e, modelId: parent.modelId }));

const annotationVotes: Resolver<AnnotationRow, object, VoteTally> = async (parent, _a, { db, actor }) => (await tallyVotes(db, actor, [parent.id])).get(parent.id)!;

const annotationRevisions: Resolver<AnnotationRow, object, RevisionParent[]> = async (parent, _a, { db, actor }) => {
  const list = await listRevisionsForActor(db, actor, parent.id);
  return list.map((r, i) => ({ ...r, previous: list[i + 1] ?? null }));
};

const annotationComments: Resolver<AnnotationRow, object, CommentRow[]> = (parent, _a, { db, actor }) =>
  listCommentsForActor(db, actor, { modelId: parent.modelId, target: "ANNOTATION", targetId: parent.id });

// ── AnnotationRevision ──

const revisionChangesField: Resolver<RevisionParent, object, RevisionChange[]> = (parent) => revisionChanges(parent.previous, parent);
const revisionBodyDiff: Resolver<RevisionParent, object, DiffPart[]> = (parent) => diffText(parent.previous?.body ?? "", parent.body);

// ── HeadConsensus ──

const consensusAccepted: Resolver<HeadConsensus, object, AnnotationRow | null> = (parent, _a, { db, actor }) =>
  parent.acceptedId ? getAnnotationForActor(db, actor, parent.acceptedId) : null;

// ── Model ──

const modelAnnotations: Resolver<ModelSummary, { head?: string | null }, AnnotationRow[]> = (parent, args, { db, actor }) =>
  listAnnotationsForActor(db, actor, parent.id, args.head ?? null);
const modelHeadConsensus: Resolver<ModelSummary, object, HeadConsensus[]> = (parent, _a, { db, actor }) => headConsensusForActor(db, actor, parent.id);
const modelHeadComments: Resolver<ModelSummary, { head: string }, CommentRow[]> = (parent, args, { db, actor }) =>
  listCommentsForActor(db, actor, { modelId: parent.id, target: "HEAD", targetId: args.head });
/** The parent model was authorized by model(id)/models, so its team's taxonomy is readable. */
const modelEvidenceSources: Resolver<ModelSummary, object, EvidenceSource[]> = (parent, _a, { db, actor }) => listEvidenceSourcesForActor(db, actor, parent.id);
const modelAnnotationLabels: Resolver<ModelSummary, object, LabelSummary[]> = (parent, _a, { db }) => listLabelsForTeam(db, parent.teamId);

export const collabTypeResolvers = {
  Annotation: { evidence: annotationEvidence, votes: annotationVotes, revisions: annotationRevisions, comments: annotationComments, author: authorOf },
  Evidence: {
    found: async (p: EvidenceParent, _a: object, c: GraphQLContext) => (await resolveEvidence(p, c)).found,
    value: async (p: EvidenceParent, _a: object, c: GraphQLContext) => {
      const r = await resolveEvidence(p, c);
      return r.found ? r.value : null;
    },
    truncated: async (p: EvidenceParent, _a: object, c: GraphQLContext) => {
      const r = await resolveEvidence(p, c);
      return r.found && r.truncated;
    },
  },
  AnnotationRevision: { author: authorOf, changes: revisionChangesField, bodyDiff: revisionBodyDiff },
  HeadConsensus: { accepted: consensusAccepted },
  Comment: { author: authorOf, deleted: (p: CommentRow) => p.deletedAt !== null },
  Model: { annotations: modelAnnotations, headConsensus: modelHeadConsensus, headComments: modelHeadComments, annotationLabels: modelAnnotationLabels, evidenceSources: modelEvidenceSources },
};
