"use client";
// One person's annotation of a head as a card: label chip, the sanitised Markdown the server
// rendered at write time (lib/collab/markdown.ts), confidence, author, evidence, claims with their
// badges, agree/disagree votes, the accepted mark (and, for the team's OWNERs, Accept), Add claim
// for editors, Delete (after a confirmation) for its author, revision history with word diffs and
// the annotation's comment thread (both read when opened).
import { useQuery } from "@tanstack/react-query";
import type { AnnotationFields } from "@/lib/client/collab-operations";
import { ANNOTATION_COMMENTS_QUERY, DELETE_ANNOTATION_MUTATION, SET_ANNOTATION_ACCEPTED_MUTATION, VOTE_ANNOTATION_MUTATION } from "@/lib/client/collab-operations";
import { gql } from "@/lib/client/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import type { Role } from "@/lib/client/operations";
import { ErrorMessage, Loading } from "../states";
import { AddClaim } from "./add-claim";
import { ClaimList } from "./claim-list";
import styles from "./collab.module.css";
import { CommentThread, type ThreadProps } from "./comment-thread";
import { ConfirmButton } from "./confirm-button";
import { CheckIcon, ThumbDownIcon, ThumbUpIcon } from "./icons";
import { LazyDetails } from "./lazy-details";
import type { Mentionable } from "./mentions";
import { RevisionHistory } from "./revision-history";
import { useCollabMutation } from "./use-collab-mutation";

export interface AnnotationCardProps {
  modelId: string;
  annotation: AnnotationFields;
  /** The viewer's role in the model's team (null: not a member). */
  role: Role | null;
  selfId: string | null;
  members: Mentionable[];
  onEdit?: (annotation: AnnotationFields) => void;
}

/** Longest evidence value shown inline (characters of its JSON). */
const EVIDENCE_PREVIEW_CHARS = 80;

function evidenceValue(value: unknown): string {
  const text = typeof value === "number" ? value.toPrecision(4) : JSON.stringify(value);
  return text.length > EVIDENCE_PREVIEW_CHARS ? `${text.slice(0, EVIDENCE_PREVIEW_CHARS)}…` : text;
}

export function AnnotationCard({ modelId, annotation: a, role, selfId, members, onEdit }: AnnotationCardProps) {
  const vote = useCollabMutation(modelId, VOTE_ANNOTATION_MUTATION);
  const accept = useCollabMutation(modelId, SET_ANNOTATION_ACCEPTED_MUTATION);
  const remove = useCollabMutation(modelId, DELETE_ANNOTATION_MUTATION);
  const own = selfId !== null && a.author?.id === selfId;
  const canWrite = role === "OWNER" || role === "EDITOR";
  const mine = a.votes.viewerVote;
  const cast = (value: "AGREE" | "DISAGREE") => vote.mutate({ id: a.id, value: mine === value ? null : value });

  return (
    <article className={`${styles.card} ${a.accepted ? styles.accepted : ""}`} data-testid="annotation-card" data-annotation-id={a.id} aria-label={`Annotation ${a.label} by ${a.author?.name ?? "a deleted account"}`}>
      <div className={styles.cardHead}>
        <span className={styles.label} data-testid="annotation-label">{a.label}</span>
        {a.accepted ? <span className={styles.acceptedMark} data-testid="accepted-mark"><CheckIcon /> accepted</span> : null}
        <span className={styles.meta}>confidence {Math.round(a.confidence * 100)}%</span>
        <span className={styles.meta}>by {a.author?.name ?? "a deleted account"} · v{a.version} · {new Date(a.updatedAt).toLocaleString()}</span>
      </div>
      {a.bodyHtml ? <div className={styles.body} data-testid="annotation-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} /> : null}
      {a.evidence.length > 0 ? (
        <ul className={styles.evidence} aria-label="Evidence">
          {a.evidence.map((e, i) => (
            <li key={i}>
              <span className="badge">{e.kind.toLowerCase().replace("_", " ")}</span> {e.caption || e.pointer || "whole result"}
              {e.found ? (e.truncated ? " (too large to show)" : e.value !== undefined && e.value !== null ? <> = <span className="mono">{evidenceValue(e.value)}</span></> : null) : <span className={styles.meta}> (no longer found)</span>}
            </li>
          ))}
        </ul>
      ) : null}
      <ClaimList claims={a.claims} />
      <div className={styles.actions}>
        <button type="button" className={`secondary ${mine === "AGREE" ? styles.pressed : ""}`} aria-pressed={mine === "AGREE"} disabled={!canWrite || vote.isPending} onClick={() => cast("AGREE")} title="Agree">
          <ThumbUpIcon /> <span data-testid="agree-count">{a.votes.agree}</span><span className="sr-only"> agree</span>
        </button>
        <button type="button" className={`secondary ${mine === "DISAGREE" ? styles.pressed : ""}`} aria-pressed={mine === "DISAGREE"} disabled={!canWrite || vote.isPending} onClick={() => cast("DISAGREE")} title="Disagree">
          <ThumbDownIcon /> <span data-testid="disagree-count">{a.votes.disagree}</span><span className="sr-only"> disagree</span>
        </button>
        {canWrite && onEdit ? <button type="button" className="secondary" onClick={() => onEdit(a)}>Edit</button> : null}
        {role === "OWNER" ? (
          <button type="button" className="secondary" disabled={accept.isPending} onClick={() => accept.mutate({ id: a.id, accepted: !a.accepted })}>
            {a.accepted ? "Withdraw acceptance" : "Accept"}
          </button>
        ) : null}
        {canWrite ? <AddClaim modelId={modelId} annotationId={a.id} head={a.head} /> : null}
        {own && canWrite ? <ConfirmButton label="Delete" question="Delete this annotation?" busy={remove.isPending} onConfirm={() => remove.mutate({ id: a.id, version: a.version })} /> : null}
      </div>
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {vote.isError ? <ErrorMessage error={vote.error} /> : null}
      {accept.isError ? <ErrorMessage error={accept.error} /> : null}
      <LazyDetails summary={`History (version ${a.version})`} testId="revisions">{() => <RevisionHistory modelId={modelId} annotationId={a.id} />}</LazyDetails>
      <LazyDetails summary="Comments">
        {() => <AnnotationComments modelId={modelId} annotationId={a.id} members={members} selfId={selfId} canWrite={canWrite} boxLabel={`Comment on ${a.author?.name ?? "this"}’s annotation`} />}
      </LazyDetails>
    </article>
  );
}

/** The comment thread of one annotation, read when mounted (inside an opened Comments). */
function AnnotationComments({ modelId, annotationId, ...thread }: Omit<ThreadProps, "target" | "targetId" | "comments"> & { annotationId: string }) {
  const query = useQuery({
    queryKey: queryKeys.annotationPart(modelId, annotationId, "comments"),
    queryFn: ({ signal }) => gql(ANNOTATION_COMMENTS_QUERY, { id: annotationId }, signal),
  });
  if (query.isPending) return <Loading what="the comments" />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  return <CommentThread {...thread} modelId={modelId} target="ANNOTATION" targetId={annotationId} comments={query.data.annotation?.comments ?? []} />;
}
