// Comment threads on a model's heads, annotations and findings. Rules: a comment's target must
// exist on the same model (a head of its shape, an annotation of it); a reply's parent must be in
// the same thread; `@handle` mentions notify the team members they name (a member's handle is the
// part of their email before "@", or their name without spaces, case-insensitive) who may read the
// model — a VIEWER is never told of a PRIVATE model they cannot open — in the same transaction; edits name the version they read (ConflictError with the current comment when stale).
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/policy";
import { audit } from "@/lib/db/audit";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, ConflictError, NotFoundError } from "@/lib/db/errors";
import { assertHead, authorizeContent, collabModel, type CollabModel } from "./access";
import { publishCollab } from "./events";
import { renderMarkdown } from "./markdown";
import { notify } from "./notifications";

/** Longest comment (characters). */
export const MAX_COMMENT_CHARS = 5_000;
/** Most distinct @mentions honoured in one comment. */
export const MAX_MENTIONS = 20;
/** Most comments listed in one thread. */
export const MAX_THREAD_COMMENTS = 500;

export type CommentTarget = "HEAD" | "ANNOTATION" | "FINDING";

export const COMMENT_SELECT = {
  id: true,
  modelId: true,
  target: true,
  targetId: true,
  parentId: true,
  authorId: true,
  body: true,
  bodyHtml: true,
  mentions: true,
  version: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true, email: true } },
  model: { select: { teamId: true } },
} as const satisfies Prisma.CommentSelect;

export type CommentRow = Prisma.CommentGetPayload<{ select: typeof COMMENT_SELECT }>;

const body = z.string().trim().min(1, "Write something.").max(MAX_COMMENT_CHARS, `A comment is at most ${MAX_COMMENT_CHARS} characters.`);
const id = z.string().trim().min(1).max(200);

export const threadSchema = z.object({ modelId: id, target: z.enum(["HEAD", "ANNOTATION", "FINDING"]), targetId: z.string().trim().min(1).max(200) });
export const createCommentSchema = threadSchema.extend({ parentId: id.nullish(), body });
export const updateCommentSchema = z.object({ id, version: z.number().int().min(1), body });

/** The thread's target checked against the model; returns the normalised target id. */
async function assertTarget(db: DbOrTx, model: CollabModel, target: CommentTarget, targetId: string): Promise<string> {
  switch (target) {
    case "HEAD":
      return assertHead(model, targetId, "targetId");
    case "ANNOTATION": {
      const a = await db.headAnnotation.findFirst({ where: { id: targetId, modelId: model.id }, select: { id: true } });
      if (!a) throw new BadInputError("No annotation of this model has that id.", "targetId");
      return a.id;
    }
    case "FINDING":
      throw new BadInputError("Findings are not available yet.", "target");
    default: {
      const never: never = target;
      throw new TypeError(`comments: unexpected target ${String(never)}`);
    }
  }
}

/** Lower-case @handles in a text (at most MAX_MENTIONS distinct). */
export function mentionHandles(text: string): string[] {
  const handles = new Set<string>();
  for (const m of text.matchAll(/(?:^|[^\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})/g)) {
    handles.add(m[1].replace(/[.]+$/, "").toLowerCase());
    if (handles.size >= MAX_MENTIONS) break;
  }
  return [...handles];
}

/** The team members a text mentions who may read the model (user ids), never the author. */
async function mentionedMembers(db: DbOrTx, model: CollabModel, text: string, authorId: string): Promise<string[]> {
  const handles = new Set(mentionHandles(text));
  if (!handles.size) return [];
  const members = await db.membership.findMany({ where: { teamId: model.teamId }, select: { role: true, user: { select: { id: true, email: true, name: true } } } });
  return members
    .filter(({ user: u }) => u.id !== authorId && (handles.has(u.email.split("@")[0].toLowerCase()) || handles.has(u.name.replace(/\s+/g, "").toLowerCase())))
    .filter(({ role, user: u }) => can({ userId: u.id, email: u.email, name: u.name, via: "session" }, "model:read", { ...model.resource, role }))
    .map(({ user: u }) => u.id);
}

/** The comments of one thread, oldest first (model:read); deleted ones keep their place, without text. */
export async function listCommentsForActor(db: DbOrTx, actor: Actor | null, raw: z.input<typeof threadSchema>): Promise<CommentRow[]> {
  const input = threadSchema.parse(raw);
  const model = await collabModel(db, actor, input.modelId);
  const targetId = await assertTarget(db, model, input.target, input.targetId);
  const rows = await db.comment.findMany({
    where: { modelId: model.id, target: input.target, targetId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_THREAD_COMMENTS,
    select: COMMENT_SELECT,
  });
  return rows.map((r) => (r.deletedAt ? { ...r, body: "", bodyHtml: "" } : r));
}

/** Comments on a thread (EDITOR or OWNER); notifies the members it @mentions. */
export async function createComment(db: Db, actor: Actor | null, raw: z.input<typeof createCommentSchema>): Promise<CommentRow> {
  const input = createCommentSchema.parse(raw);
  const model = await collabModel(db, actor, input.modelId, "model:annotate");
  const targetId = await assertTarget(db, model, input.target, input.targetId);
  if (input.parentId) {
    const parent = await db.comment.findFirst({ where: { id: input.parentId, modelId: model.id, target: input.target, targetId }, select: { id: true } });
    if (!parent) throw new BadInputError("The comment you reply to is not in this thread.", "parentId");
  }
  const bodyHtml = renderMarkdown(input.body, "body");
  const mentions = await mentionedMembers(db, model, input.body, actor!.userId);
  return db.$transaction(async (tx) => {
    const row = await tx.comment.create({
      data: { modelId: model.id, target: input.target, targetId, parentId: input.parentId ?? null, authorId: actor!.userId, body: input.body, bodyHtml, mentions },
      select: COMMENT_SELECT,
    });
    await notifyMentions(tx, row, mentions, actor!);
    await audit(tx, actor, "comment.create", "comment", row.id, { modelId: model.id, target: input.target, targetId });
    await publishCollab(tx, { modelId: model.id, entity: "comment", action: "created", id: row.id, head: input.target === "HEAD" ? targetId : null, version: row.version, actorId: actor!.userId });
    return row;
  });
}

function notifyMentions(tx: Tx, row: CommentRow, userIds: readonly string[], actor: Actor): Promise<void> {
  return notify(tx, userIds, "mention", { modelId: row.modelId, commentId: row.id, target: row.target, targetId: row.targetId, by: actor.name });
}

async function loadComment(db: DbOrTx, actor: Actor | null, commentId: string): Promise<{ row: CommentRow; model: CollabModel }> {
  const row = await db.comment.findUnique({ where: { id: commentId }, select: COMMENT_SELECT });
  if (!row || row.deletedAt) throw new NotFoundError("No comment with that id.");
  return { row, model: await collabModel(db, actor, row.modelId) };
}

function stale(current: CommentRow | null, read: number): never {
  if (!current || current.deletedAt) throw new NotFoundError("No comment with that id.");
  throw new ConflictError(`This comment changed since you read it (you edited version ${read}; it is at version ${current.version}).`, {
    current: { id: current.id, body: current.body, version: current.version, updatedAt: current.updatedAt.toISOString() },
  });
}

/** Edits one's own comment at the version read; newly mentioned members are notified. */
export async function updateComment(db: Db, actor: Actor | null, raw: z.input<typeof updateCommentSchema>): Promise<CommentRow> {
  const input = updateCommentSchema.parse(raw);
  const { row: read, model } = await loadComment(db, actor, input.id);
  authorizeContent(actor, "comment:edit", model, read.authorId, "comment");
  const bodyHtml = renderMarkdown(input.body, "body");
  const mentions = await mentionedMembers(db, model, input.body, actor.userId);
  return db.$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({ where: { id: input.id, version: input.version, deletedAt: null }, data: { body: input.body, bodyHtml, mentions, version: { increment: 1 } } });
    if (count !== 1) stale(await tx.comment.findUnique({ where: { id: input.id }, select: COMMENT_SELECT }), input.version);
    const row = (await tx.comment.findUnique({ where: { id: input.id }, select: COMMENT_SELECT }))!;
    await notifyMentions(tx, row, mentions.filter((u) => !read.mentions.includes(u)), actor);
    await audit(tx, actor, "comment.update", "comment", row.id, { modelId: model.id, version: row.version });
    await publishCollab(tx, { modelId: model.id, entity: "comment", action: "updated", id: row.id, head: row.target === "HEAD" ? row.targetId : null, version: row.version, actorId: actor.userId });
    return row;
  });
}

/** Deletes a comment (its author or an OWNER): the text goes, the place in the thread stays for replies. */
export async function deleteComment(db: Db, actor: Actor | null, input: { id: string; version: number }): Promise<void> {
  const { row: read, model } = await loadComment(db, actor, input.id);
  authorizeContent(actor, "content:delete", model, read.authorId, "comment");
  await db.$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({ where: { id: input.id, version: input.version, deletedAt: null }, data: { deletedAt: new Date(), body: "", bodyHtml: "", version: { increment: 1 } } });
    if (count !== 1) stale(await tx.comment.findUnique({ where: { id: input.id }, select: COMMENT_SELECT }), input.version);
    await audit(tx, actor, "comment.delete", "comment", input.id, { modelId: model.id });
    await publishCollab(tx, { modelId: model.id, entity: "comment", action: "deleted", id: input.id, head: read.target === "HEAD" ? read.targetId : null, version: 0, actorId: actor.userId });
  });
}
