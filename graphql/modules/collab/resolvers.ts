// Resolvers of the collab domain's queries and mutations (annotations, votes, comments, labels,
// notifications). Rule: thin — validate the arguments' shape with zod, call one lib/collab
// function (which authorizes through lib/auth/policy), wrap mutations in payloads; stale edits
// surface as CONFLICT errors carrying the current row (./conflict).
import { z } from "zod";
import {
  createAnnotation,
  deleteAnnotation,
  getAnnotationForActor,
  setAnnotationAccepted,
  updateAnnotation,
  type AnnotationRow,
} from "@/lib/collab/annotations";
import { createComment, deleteComment, updateComment, type CommentRow } from "@/lib/collab/comments";
import { countUnreadNotifications, listNotificationsForActor, markNotificationsRead, type NotificationSummary } from "@/lib/collab/notifications";
import { defineAnnotationLabel, type LabelSummary } from "@/lib/collab/taxonomy";
import { voteOnAnnotation } from "@/lib/collab/votes";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput, payload, type Payload } from "../../payload";
import { payloadOrConflict } from "./conflict";
import { collabTypeResolvers } from "./types";

const id = z.string().trim().min(1, "An id is required.").max(200);
const versioned = z.object({ id, version: z.number().int().min(1) });
const notificationArgs = z.object({ first: z.number().int().min(1).max(100).default(20), unreadOnly: z.boolean().nullish() });
const labelArgs = z.object({ teamId: id, name: z.string().trim().max(40), description: z.string().trim().max(500, "A description is at most 500 characters.").nullish() });
const voteArgs = z.object({ id, value: z.enum(["AGREE", "DISAGREE"]).nullable().default(null) });
const acceptArgs = z.object({ id, accepted: z.boolean() });
const markArgs = z.object({ ids: z.array(id).max(100, "At most 100 ids at once.").nullish() });

/** GraphQL leaves omitted optional input fields out and sends explicit nulls; lib/collab wants undefined for "unchanged". */
function withoutNulls<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as { [K in keyof T]: Exclude<T[K], null> };
}

type Args<T> = { input: T };
type AnnotationResult = Payload<{ annotation: AnnotationRow }>;
type CommentResult = Payload<{ comment: CommentRow }>;

// ── Query ──

const annotation: Resolver<unknown, { id: string }, AnnotationRow | null> = (_p, args, { db, actor }) =>
  nullIfNotFound(getAnnotationForActor(db, actor, parseInput(z.object({ id }), args).id));

const notifications: Resolver<unknown, { first?: number; unreadOnly?: boolean | null }, NotificationSummary[]> = (_p, args, { db, actor }) => {
  const { first, unreadOnly } = parseInput(notificationArgs, args);
  return listNotificationsForActor(db, actor, { first, unreadOnly: unreadOnly ?? false });
};

const unreadNotificationCount: Resolver<unknown, object, number> = (_p, _a, { db, actor }) => countUnreadNotifications(db, actor);

// ── Mutation ──

const createAnnotationMutation: Resolver<unknown, Args<Record<string, unknown>>, AnnotationResult> = (_p, args, { db, actor }) =>
  payload(async () => ({ annotation: await createAnnotation(db, actor, withoutNulls(args.input) as Parameters<typeof createAnnotation>[2]) }));

const updateAnnotationMutation: Resolver<unknown, Args<Record<string, unknown>>, AnnotationResult> = (_p, args, { db, actor }) =>
  payloadOrConflict(async () => ({ annotation: await updateAnnotation(db, actor, withoutNulls(args.input) as Parameters<typeof updateAnnotation>[2]) }));

const deleteAnnotationMutation: Resolver<unknown, { id: string; version: number }, Payload<object>> = (_p, args, { db, actor }) =>
  payloadOrConflict(async () => {
    await deleteAnnotation(db, actor, parseInput(versioned, args));
    return {};
  });

const setAnnotationAcceptedMutation: Resolver<unknown, { id: string; accepted: boolean }, AnnotationResult> = (_p, args, { db, actor }) =>
  payload(async () => ({ annotation: await setAnnotationAccepted(db, actor, parseInput(acceptArgs, args)) }));

const voteAnnotationMutation: Resolver<unknown, { id: string; value?: string | null }, AnnotationResult> = (_p, args, { db, actor }) =>
  payload(async () => {
    const { id: annotationId, value } = parseInput(voteArgs, args);
    await voteOnAnnotation(db, actor, { annotationId, value });
    return { annotation: await getAnnotationForActor(db, actor, annotationId) };
  });

const createCommentMutation: Resolver<unknown, Args<Record<string, unknown>>, CommentResult> = (_p, args, { db, actor }) =>
  payload(async () => ({ comment: await createComment(db, actor, args.input as Parameters<typeof createComment>[2]) }));

const updateCommentMutation: Resolver<unknown, { id: string; version: number; body: string }, CommentResult> = (_p, args, { db, actor }) =>
  payloadOrConflict(async () => ({ comment: await updateComment(db, actor, args) }));

const deleteCommentMutation: Resolver<unknown, { id: string; version: number }, Payload<object>> = (_p, args, { db, actor }) =>
  payloadOrConflict(async () => {
    await deleteComment(db, actor, parseInput(versioned, args));
    return {};
  });

const defineAnnotationLabelMutation: Resolver<unknown, { teamId: string; name: string; description?: string | null }, Payload<{ label: LabelSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const input = parseInput(labelArgs, args);
    return { label: await defineAnnotationLabel(db, actor, { teamId: input.teamId, name: input.name, description: input.description ?? "" }) };
  });

const markNotificationsReadMutation: Resolver<unknown, { ids?: string[] | null }, number> = (_p, args, { db, actor }) =>
  markNotificationsRead(db, actor, parseInput(markArgs, args).ids ?? null);

export const collabResolvers = {
  ...collabTypeResolvers,
  Query: { annotation, notifications, unreadNotificationCount },
  Mutation: {
    createAnnotation: createAnnotationMutation,
    updateAnnotation: updateAnnotationMutation,
    deleteAnnotation: deleteAnnotationMutation,
    setAnnotationAccepted: setAnnotationAcceptedMutation,
    voteAnnotation: voteAnnotationMutation,
    createComment: createCommentMutation,
    updateComment: updateCommentMutation,
    deleteComment: deleteCommentMutation,
    defineAnnotationLabel: defineAnnotationLabelMutation,
    markNotificationsRead: markNotificationsReadMutation,
  },
};
