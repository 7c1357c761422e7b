// In-app notifications (no mail server): written inside the transaction of the write that causes
// them, read and marked read only by their own account.
import { authorize, type Actor } from "@/lib/auth/policy";
import type { Db, DbOrTx, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError } from "@/lib/db/errors";
import { defineChannel, publish } from "@/lib/live";

export type NotificationKind = "mention" | "claim-failing";

/** Most notifications listed at once. */
export const MAX_NOTIFICATIONS_LISTED = 100;

/** One event per new notification (payload: the recipient), so their list can refresh live. */
export const notificationEvents = defineChannel<{ userId: string }>("notification_events");

export interface NotificationSummary {
  id: string;
  kind: string;
  data: Prisma.JsonValue;
  readAt: Date | null;
  createdAt: Date;
}

/** Notifies each of `userIds` (deduplicated) in `tx`; published at its commit. */
export async function notify(tx: Tx, userIds: readonly string[], kind: NotificationKind, data: Prisma.InputJsonObject): Promise<void> {
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, kind, data })) });
  for (const userId of unique) await publish(tx, notificationEvents, { userId });
}

function own(actor: Actor | null): asserts actor is Actor {
  authorize(actor, "account:readNotifications", { kind: "account", userId: actor?.userId ?? "" }, "account");
}

/** The actor's notifications, newest first (`first` ≤ MAX_NOTIFICATIONS_LISTED). */
export async function listNotificationsForActor(db: DbOrTx, actor: Actor | null, options: { first?: number; unreadOnly?: boolean } = {}): Promise<NotificationSummary[]> {
  own(actor);
  const first = options.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_NOTIFICATIONS_LISTED) throw new BadInputError(`first must be an integer from 1 to ${MAX_NOTIFICATIONS_LISTED}.`, "first");
  return db.notification.findMany({
    where: { userId: actor.userId, ...(options.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first,
    select: { id: true, kind: true, data: true, readAt: true, createdAt: true },
  });
}

/** How many of the actor's notifications are unread. */
export async function countUnreadNotifications(db: DbOrTx, actor: Actor | null): Promise<number> {
  own(actor);
  return db.notification.count({ where: { userId: actor.userId, readAt: null } });
}

/** Marks the given notifications (or all, when `ids` is null) of the actor as read; returns how many changed. */
export async function markNotificationsRead(db: Db, actor: Actor | null, ids: readonly string[] | null): Promise<number> {
  own(actor);
  if (ids && ids.length > MAX_NOTIFICATIONS_LISTED) throw new BadInputError(`At most ${MAX_NOTIFICATIONS_LISTED} ids at once.`, "ids");
  const { count } = await db.notification.updateMany({
    where: { userId: actor.userId, readAt: null, ...(ids ? { id: { in: [...ids] } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}
