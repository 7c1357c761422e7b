"use client";
// An annotation's revisions, newest first (who, when, which fields), each body change as the word
// diff the server computed from the revision before (Annotation.revisions[].bodyDiff). Loaded when
// the History is opened.
import { useQuery } from "@tanstack/react-query";
import { ANNOTATION_REVISIONS_QUERY, type RevisionFields } from "@/lib/client/collab-operations";
import { gql } from "@/lib/client/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import { ErrorMessage, Loading } from "../states";
import styles from "./collab.module.css";

export function WordDiff({ parts }: { parts: { value: string; added: boolean; removed: boolean }[] }) {
  return (
    <div className={styles.diff} data-testid="word-diff">
      {parts.map((p, i) => (p.added ? <ins key={i}>{p.value}</ins> : p.removed ? <del key={i}>{p.value}</del> : <span key={i}>{p.value}</span>))}
    </div>
  );
}

export function RevisionList({ revisions }: { revisions: RevisionFields[] }) {
  return (
    <>
      {revisions.map((r) => {
        const other = r.changes.filter((c) => c.field !== "body");
        return (
          <div key={r.id} className={styles.revision}>
            <div className={styles.meta}>
              v{r.version} · {r.author?.name ?? "a deleted account"} · {new Date(r.createdAt).toLocaleString()}
              {r.version === 1 ? " · created" : ` · changed ${r.changes.map((c) => c.field).join(", ") || "nothing"}`}
            </div>
            {r.version > 1 ? other.map((c) => (
              <div key={c.field} className={styles.meta}>{c.field}: <del>{c.before}</del> → <ins>{c.after}</ins></div>
            )) : null}
            {r.version > 1 && r.changes.some((c) => c.field === "body") ? <WordDiff parts={r.bodyDiff} /> : null}
          </div>
        );
      })}
    </>
  );
}

/** The revisions of one annotation, read when mounted (inside an opened History). */
export function RevisionHistory({ modelId, annotationId }: { modelId: string; annotationId: string }) {
  const query = useQuery({
    queryKey: queryKeys.annotationPart(modelId, annotationId, "revisions"),
    queryFn: ({ signal }) => gql(ANNOTATION_REVISIONS_QUERY, { id: annotationId }, signal),
  });
  if (query.isPending) return <Loading what="the history" />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  return <RevisionList revisions={query.data.annotation?.revisions ?? []} />;
}
