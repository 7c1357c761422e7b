// Resolvers of the live domain: Subscription.modelActivity (lib/collab/activity, which authorizes on
// subscribe and before every event), Subscription.notificationSignals (lib/collab/notification-stream)
// and Model.viewers (lib/collab/presence). Rule: thin — an item
// that says access ended becomes the stream's last payload, a GraphQL error with its code.
import { z } from "zod";
import { openModelActivity, type ActivityItem } from "@/lib/collab/activity";
import type { CollabEvent } from "@/lib/collab/events";
import { openNotificationStream, type NotificationSignal } from "@/lib/collab/notification-stream";
import { listViewersForActor, type ModelViewer } from "@/lib/collab/presence";
import type { ModelSummary } from "@/lib/db/models";
import type { Resolver } from "../../context";
import { parseInput } from "../../payload";

/** A ModelActivityEvent as the schema resolves it. */
export interface ActivityEventParent {
  modelId: string;
  kind: string;
  action: string;
  id: string;
  head: string | null;
  version: number;
  actorId: string | null;
  at: Date;
}

const modelActivityArgs = z.object({ modelId: z.string().trim().min(1, "A model id is required.").max(200) });

function eventOf(event: CollabEvent, at: Date): ActivityEventParent {
  return { modelId: event.modelId, kind: event.entity.toUpperCase(), action: event.action.toUpperCase(), id: event.id, head: event.head, version: event.version, actorId: event.actorId || null, at };
}

const subscribeModelActivity: Resolver<unknown, { modelId: string }, Promise<AsyncIterableIterator<ActivityItem>>> = (_p, args, { db, actor }) =>
  openModelActivity(db, actor, parseInput(modelActivityArgs, args).modelId);

function resolveModelActivity(item: ActivityItem): ActivityEventParent {
  switch (item.type) {
    case "event":
      return eventOf(item.event, item.at);
    case "resync":
      return { modelId: item.modelId, kind: "RESYNC", action: "UPDATED", id: item.modelId, head: null, version: 0, actorId: null, at: item.at };
    case "denied":
      throw item.error;
    default:
      throw new TypeError(`unreachable activity item ${JSON.stringify(item satisfies never)}`);
  }
}

const actorName: Resolver<ActivityEventParent, object, string | null> = async (parent, _a, { db }) => {
  if (!parent.actorId) return null;
  const user = await db.user.findUnique({ where: { id: parent.actorId }, select: { name: true } });
  return user?.name ?? null;
};

const subscribeNotificationSignals: Resolver<unknown, object, Promise<AsyncIterableIterator<NotificationSignal>>> = (_p, _a, { db, actor }) => openNotificationStream(db, actor);

const resolveNotificationSignal = (signal: NotificationSignal) => ({ reason: signal.reason.toUpperCase(), at: signal.at });

const viewers: Resolver<ModelSummary, object, ModelViewer[]> = (model, _a, { db, actor }) => listViewersForActor(db, actor, model.id);

export const liveResolvers = {
  Subscription: {
    modelActivity: { subscribe: subscribeModelActivity, resolve: resolveModelActivity },
    notificationSignals: { subscribe: subscribeNotificationSignals, resolve: resolveNotificationSignal },
  },
  ModelActivityEvent: { actorName },
  Model: { viewers },
};
