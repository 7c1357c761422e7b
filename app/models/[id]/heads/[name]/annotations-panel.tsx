"use client";
// The head page's Annotations panel: the engine's auto-labels apart (from the head report, never
// voted on), then people's annotations as cards, the form to add or edit one, and the head's own
// comment thread. Live events (ModelNav's stream) invalidate queryKeys.collab, so another person's
// annotation appears here without a reload. A signed-out visitor (of a PUBLIC model) reads the
// annotations and comments, with no form and a link to sign in.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { HEAD_ANNOTATIONS_QUERY, HEAD_COLLAB_CONTEXT_QUERY, type AnnotationFields } from "@/lib/client/collab-operations";
import { gql } from "@/lib/client/graphql";
import { useViewer } from "@/lib/client/hooks";
import { queryKeys } from "@/lib/client/query-keys";
import { formatScore } from "@/lib/analysis/display";
import { AnnotationCard } from "../../../../_components/collab/annotation-card";
import { AnnotationForm } from "../../../../_components/collab/annotation-form";
import styles from "../../../../_components/collab/collab.module.css";
import { CommentThread } from "../../../../_components/collab/comment-thread";
import { SignInLinks } from "../../../../_components/sign-in-links";
import { ErrorMessage, Loading } from "../../../../_components/states";

export interface EngineLabel {
  label: string;
  score: number | null;
}

export function AnnotationsPanel({ id, head, engineLabels, reportIndex = null }: { id: string; head: string; engineLabels: EngineLabel[] | null; reportIndex?: number | null }) {
  const query = useQuery({
    queryKey: queryKeys.headAnnotations(id, head),
    queryFn: ({ signal }) => gql(HEAD_ANNOTATIONS_QUERY, { id, head }, signal),
  });
  const viewer = useViewer();
  const signedIn = Boolean(viewer.data?.me);
  // The team, its members and the taxonomy are for writing: a visitor has none of them.
  const context = useQuery({
    queryKey: queryKeys.collabContext(id),
    queryFn: ({ signal }) => gql(HEAD_COLLAB_CONTEXT_QUERY, { id }, signal),
    enabled: signedIn,
  });
  const [form, setForm] = useState<{ editing: AnnotationFields | null } | null>(null);

  if (query.isPending || viewer.isPending || (signedIn && context.isPending)) return <Loading what="the annotations" />;
  if (query.isError || context.isError) return <ErrorMessage error={query.error ?? context.error} />;
  const model = query.data.model;
  const team = context.data?.model?.team ?? null;
  if (!model) return null;
  const role = team?.viewerRole ?? null;
  const canWrite = role === "OWNER" || role === "EDITOR";
  const selfId = context.data?.me?.id ?? null;
  const members = (team?.members ?? []).map((m) => m.user);
  const labels = context.data?.model?.annotationLabels ?? [];

  return (
    <div className={styles.panel} data-testid="annotations-panel">
      <div className={styles.engine} data-testid="engine-labels">
        <span className={styles.meta}>Engine auto-labels:</span>
        {engineLabels === null ? <span className={styles.meta}>computing…</span>
          : engineLabels.length === 0 ? <span className={styles.meta}>none</span>
          : engineLabels.map((l) => <span key={l.label} className={`${styles.label} ${styles.engineLabel}`} title="From the engine's head report, not a person's annotation">{l.label} {formatScore(l.score)}</span>)}
      </div>
      <div className="row" style={{ justifyContent: "space-between", alignItems: "center" }}>
        <strong data-testid="annotation-count">{model.annotations.length} human annotation{model.annotations.length === 1 ? "" : "s"}</strong>
        {canWrite && !form ? <button type="button" onClick={() => setForm({ editing: null })}>Annotate</button> : null}
      </div>
      {signedIn ? null : (
        <p className={styles.meta} data-testid="sign-in-to-annotate">
          <SignInLinks action="annotate, vote and comment" />
        </p>
      )}
      {form ? <AnnotationForm key={form.editing?.id ?? "new"} modelId={id} head={head} labels={labels} editing={form.editing} reportIndex={reportIndex} onDone={() => setForm(null)} /> : null}
      {model.annotations.length === 0 && !form ? <p className={styles.meta}>No one has annotated this head yet.{canWrite || !signedIn ? "" : " Editors and owners of the model's team can."}</p> : null}
      {model.annotations.map((a) => (
        <AnnotationCard key={a.id} modelId={id} annotation={a} role={role} selfId={selfId} members={members} onEdit={(editing) => setForm({ editing })} />
      ))}
      <details className={styles.details}>
        <summary>Discussion of head {head} ({model.headComments.filter((c) => !c.deleted).length})</summary>
        <CommentThread modelId={id} target="HEAD" targetId={head} comments={model.headComments} members={members} selfId={selfId} canWrite={canWrite} boxLabel={`Comment on head ${head}`} />
      </details>
    </div>
  );
}
