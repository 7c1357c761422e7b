"use client";
// A comment thread (on a head or an annotation), oldest first, with replies under their parent and
// a box whose "@" suggests the team's members (mentions.ts); a mention notifies that member. Its
// author may delete a comment (after a confirmation); it keeps its place as "(deleted)".
import { useRef, useState } from "react";
import { CREATE_COMMENT_MUTATION, DELETE_COMMENT_MUTATION, type CommentFields } from "@/lib/client/collab-operations";
import type { CommentTarget } from "@/lib/client/gql/graphql";
import { ErrorMessage } from "../states";
import styles from "./collab.module.css";
import { ConfirmButton } from "./confirm-button";
import { insertMention, mentionAt, mentionSuggestions, type Mentionable } from "./mentions";
import { useCollabMutation } from "./use-collab-mutation";

/** Longest comment the server takes (graphql/modules/collab CreateCommentInput.body). */
export const MAX_COMMENT_CHARS = 5_000;

export interface ThreadProps {
  modelId: string;
  target: CommentTarget;
  targetId: string;
  comments: CommentFields[];
  members: Mentionable[];
  selfId: string | null;
  canWrite: boolean;
  /** The accessible name of the new-comment box, e.g. "Comment on head 1.4". */
  boxLabel: string;
}

export function CommentBox({ modelId, target, targetId, parentId, members, selfId, onDone, label }: Omit<ThreadProps, "comments" | "canWrite" | "boxLabel"> & { parentId?: string; onDone?: () => void; label: string }) {
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const create = useCollabMutation(modelId, CREATE_COMMENT_MUTATION);
  const at = mentionAt(text, caret);
  const suggestions = at ? mentionSuggestions(members, at.query, selfId) : [];

  function choose(member: Mentionable) {
    if (!at) return;
    const next = insertMention(text, at.start, caret, member);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => { ref.current?.focus(); ref.current?.setSelectionRange(next.caret, next.caret); });
  }

  return (
    <form
      className={styles.commentBox}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ input: { modelId, target, targetId, parentId, body: text } }, { onSuccess: () => { setText(""); onDone?.(); } });
      }}
    >
      <textarea
        ref={ref}
        aria-label={label}
        value={text}
        maxLength={MAX_COMMENT_CHARS}
        placeholder="Markdown; @name notifies a team member"
        onChange={(e) => { setText(e.target.value); setCaret(e.target.selectionStart); }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        style={{ minHeight: "3.5rem" }}
      />
      {suggestions.length > 0 ? (
        <ul className={styles.suggestions} aria-label="Mention a member">
          {suggestions.map((m) => (
            <li key={m.id}><button type="button" className="secondary" onClick={() => choose(m)}>@{m.name}</button></li>
          ))}
        </ul>
      ) : null}
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      <div><button type="submit" disabled={create.isPending || text.trim() === ""}>{parentId ? "Reply" : "Comment"}</button></div>
    </form>
  );
}

function CommentItem({ comment, replies, props }: { comment: CommentFields; replies: CommentFields[]; props: ThreadProps }) {
  const [replying, setReplying] = useState(false);
  const remove = useCollabMutation(props.modelId, DELETE_COMMENT_MUTATION);
  const own = props.selfId !== null && comment.author?.id === props.selfId && !comment.deleted;
  return (
    <li className={styles.comment} data-testid="comment">
      <div className={styles.meta}>{comment.author?.name ?? "a deleted account"} · {new Date(comment.createdAt).toLocaleString()}</div>
      {comment.deleted ? <p className={styles.meta}>(deleted)</p> : <div className={styles.body} dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />}
      {props.canWrite && !comment.parentId ? (
        replying ? <CommentBox {...props} parentId={comment.id} label={`Reply to ${comment.author?.name ?? "comment"}`} onDone={() => setReplying(false)} />
          : <button type="button" className="link" onClick={() => setReplying(true)}>Reply</button>
      ) : null}
      {own && props.canWrite ? <ConfirmButton label="Delete" question="Delete this comment?" busy={remove.isPending} onConfirm={() => remove.mutate({ id: comment.id, version: comment.version })} /> : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {replies.length > 0 ? (
        <ul className={`${styles.thread} ${styles.reply}`}>
          {replies.map((r) => <CommentItem key={r.id} comment={r} replies={[]} props={props} />)}
        </ul>
      ) : null}
    </li>
  );
}

export function CommentThread(props: ThreadProps) {
  const roots = props.comments.filter((c) => !c.parentId || !props.comments.some((p) => p.id === c.parentId));
  const repliesOf = (id: string) => props.comments.filter((c) => c.parentId === id);
  return (
    <div data-testid="comment-thread">
      {roots.length > 0 ? (
        <ul className={styles.thread}>
          {roots.map((c) => <CommentItem key={c.id} comment={c} replies={repliesOf(c.id)} props={props} />)}
        </ul>
      ) : <p className={styles.meta}>No comments yet.</p>}
      {props.canWrite ? <CommentBox {...props} label={props.boxLabel} /> : null}
    </div>
  );
}
