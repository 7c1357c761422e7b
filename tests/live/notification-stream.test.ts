// The bell's live signal (lib/collab/notification-stream, Subscription.notificationSignals): a
// stream opens with one RESYNC, then gets one NEW when a comment @mentions its owner — delivered
// after commit through LISTEN/NOTIFY — and nothing for a mention of someone else; signed out is
// refused, and MAX_NOTIFICATION_STREAMS_PER_USER + 1 streams of one person are QUOTA_EXCEEDED.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { MAX_NOTIFICATION_STREAMS_PER_USER, openNotificationStream, openNotificationStreams, type NotificationSignal } from "@/lib/collab/notification-stream";
import { createModelRow, createTeamWith } from "@/tests/graphql/fixtures";
import { gql } from "@/tests/graphql/harness";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";

const t = useTestDatabase();
let writer: Actor, reader: Actor, other: Actor, modelId: string;
const open: AsyncIterableIterator<NotificationSignal>[] = [];

beforeAll(async () => {
  [writer, reader, other] = await Promise.all(["nswriter", "nsreader", "nsother"].map((n) => createTestUser(t.db, n)));
  const teamId = await createTeamWith(t.db, "Signals", [[writer, "EDITOR"], [reader, "VIEWER"], [other, "VIEWER"]]);
  modelId = await createModelRow(t.db, { teamId, name: "signals", createdBy: writer });
});
afterAll(async () => {
  for (const s of open) await s.return?.();
});

const comment = (body: string) =>
  gql<{ createComment: { ok: boolean } }>(t.db, writer, `mutation($input: CreateCommentInput!) { createComment(input: $input) { ok } }`, { input: { modelId, target: "HEAD", targetId: "0.0", body } });

/** Pulls of a stream: `within(ms)` is the next signal, or "nothing" when none comes in time (the pull stays pending for the next call). */
function puller(stream: AsyncIterableIterator<NotificationSignal>) {
  let pending: Promise<IteratorResult<NotificationSignal>> | null = null;
  return async (ms: number): Promise<NotificationSignal["reason"] | "nothing" | "ended"> => {
    pending ??= stream.next();
    const timeout = new Promise<"nothing">((r) => setTimeout(() => r("nothing"), ms));
    const got = await Promise.race([pending, timeout]);
    if (got === "nothing") return got;
    pending = null;
    return got.done ? "ended" : got.value.reason;
  };
}

describe("notification signals", () => {
  it("opens with a RESYNC, signals NEW for a mention of its owner only, after commit", async () => {
    const stream = await openNotificationStream(t.db, reader);
    open.push(stream);
    const within = puller(stream);
    expect(await within(5_000)).toBe("resync");
    expect((await comment("for @nsother only")).data?.createComment.ok).toBe(true);
    expect(await within(500)).toBe("nothing");
    expect((await comment("have a look, @nsreader")).data?.createComment.ok).toBe(true);
    expect(await within(5_000)).toBe("new");
    expect(await t.db.notification.count({ where: { userId: reader.userId } })).toBe(1);
  });

  it("refuses signed-out readers and the stream past the per-person bound", async () => {
    await expect(openNotificationStream(t.db, null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const already = openNotificationStreams(other.userId);
    for (let i = already; i < MAX_NOTIFICATION_STREAMS_PER_USER; i++) open.push(await openNotificationStream(t.db, other));
    await expect(openNotificationStream(t.db, other)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED" });
    // Closing one frees its place.
    await open.pop()!.return?.();
    open.push(await openNotificationStream(t.db, other));
    expect(openNotificationStreams(other.userId)).toBe(MAX_NOTIFICATION_STREAMS_PER_USER);
  });
});
