// Subscription.modelActivity over SSE (graphql/sse-handler.ts) with two app "instances": mutations go
// through instance A (the Apollo server on one database client), the subscriber reads the event
// stream of instance B (the SSE handler on a second client with its own LISTEN connection, on
// Postgres; on embedded PGlite, which one process owns, both share the client). Checked: an event
// written through A reaches B within 1 s; access on subscribe and on every event (a member removed
// from the team gets NOT_FOUND and the stream ends, without the event); only subscriptions are
// served; presence (Model.viewers) while a stream is open, and its end when the client leaves;
// a PUBLIC model's presence is shown to its team only.
import { createClient, type Client, type ExecutionResult } from "graphql-sse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { openActivityStreams } from "@/lib/collab/activity";
import { openDatabase, type Database, type Db } from "@/lib/db/client";
import { liveStats } from "@/lib/live";
import { createSubscriptionHandler } from "@/graphql/sse-handler";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";
import { timeBoundMs } from "@/tests/helpers/time-bound";

const t = useTestDatabase();
let dbB: Db;
let second: Database | null = null;
let owner: Actor, editor: Actor, viewer: Actor, outsider: Actor;
let teamId: string, modelId: string;
const actors = new Map<string, Actor>();
const clients: Client[] = [];

const ACTIVITY = `subscription($modelId: ID!) { modelActivity(modelId: $modelId) { modelId kind action id head version actorId actorName at } }`;
interface ActivityOut { modelId: string; kind: string; action: string; id: string; head: string | null; version: number; actorId: string | null; actorName: string | null; at: string }
type Item = ExecutionResult<{ modelActivity: ActivityOut }, unknown>;

/** A graphql-sse client of instance B, signed in as `actor` (null: signed out). */
function clientOfB(actor: Actor | null): Client {
  const handler = createSubscriptionHandler(async (req) => ({ db: dbB, actor: actors.get(req.headers.get("x-test-actor") ?? "") ?? null }));
  const client = createClient({
    url: "http://instance-b.test/api/graphql/stream",
    headers: actor ? { "x-test-actor": actor.userId } : {},
    retryAttempts: 0,
    fetchFn: (input: string, init: RequestInit) => handler(new Request(input, init)),
  });
  clients.push(client);
  return client;
}

/** Collects a subscription's results; `next(pred)` waits (≤ 3 s) for the first new one matching. */
function follow(client: Client, query = ACTIVITY, variables: Record<string, unknown> = { modelId }) {
  const got: Item[] = [];
  let done = false;
  let failure: unknown = null;
  const iterator = client.iterate<{ modelActivity: ActivityOut }>({ query, variables });
  const pump = (async () => {
    try {
      for await (const item of iterator) got.push(item);
    } catch (error) {
      failure = error;
    }
    done = true;
  })();
  let seen = 0;
  return {
    got,
    get done() {
      return done;
    },
    get failure() {
      return failure;
    },
    async next(pred: (i: Item) => boolean = () => true, ms = 3000): Promise<Item> {
      const deadline = Date.now() + ms;
      for (;;) {
        const index = got.findIndex((item, i) => i >= seen && pred(item));
        if (index >= 0) {
          seen = index + 1;
          return got[index];
        }
        if (done || Date.now() > deadline) throw new Error(`no matching result (got ${JSON.stringify(got)}, done ${done}, failure ${String(failure)})`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async stop() {
      await iterator.return?.();
      await pump;
    },
  };
}

const annotationCreated = (i: Item) => i.data?.modelActivity.kind === "ANNOTATION" && i.data.modelActivity.action === "CREATED";

async function viewersOnA(actor: Actor) {
  const r = await gql<{ model: { viewers: { userId: string; name: string }[] } }>(t.db, actor, `query($id: ID!) { model(id: $id) { viewers { userId name since } } }`, { id: modelId });
  expect(r.errors).toBeUndefined();
  return r.data!.model.viewers;
}

async function waitUntil(check: () => Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  if (t.mode === "postgres") {
    second = await openDatabase({ url: t.database.location });
    dbB = second.prisma;
  } else {
    dbB = t.db;
  }
  [owner, editor, viewer, outsider] = await Promise.all(["owner", "editor", "viewer", "outsider"].map((n) => createTestUser(t.db, n)));
  for (const a of [owner, editor, viewer, outsider]) actors.set(a.userId, a);
  teamId = await createTeamWith(t.db, "Live Lab", [[owner, "OWNER"], [editor, "EDITOR"], [viewer, "VIEWER"]]);
  modelId = await createModelRow(t.db, { teamId, name: "attn-live", createdBy: editor });
});

afterAll(async () => {
  for (const c of clients) c.dispose();
  await second?.close();
});

describe("Subscription.modelActivity across two instances", () => {
  it("delivers an annotation written through instance A to a subscriber on instance B within one second", async () => {
    if (t.mode === "postgres") expect(dbB).not.toBe(t.db);
    const stream = follow(clientOfB(viewer));
    await stream.next((i) => i.data?.modelActivity.kind === "PRESENCE"); // subscribed: its own presence arrived
    await gql(t.db, editor, `{ apiVersion }`); // instance A's schema is built (a server start, not a write)
    const latencies: number[] = [];
    let annotationId = "";
    for (const head of ["1.0", "1.1", "0.0"]) {
      const started = performance.now();
      const r = await gql<{ createAnnotation: { annotation: { id: string } } }>(t.db, editor,
        `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) { ok annotation { id } } }`,
        { input: { modelId, head, label: "induction", confidence: 0.7 } });
      const event = await stream.next(annotationCreated, 1000);
      latencies.push(performance.now() - started);
      annotationId = r.data!.createAnnotation.annotation.id;
      expect(event.data!.modelActivity).toMatchObject({ modelId, kind: "ANNOTATION", action: "CREATED", id: annotationId, head, version: 1, actorId: editor.userId, actorName: "editor" });
    }
    console.log(`[live-activity] ${t.mode}: mutation sent on A → event received on B: ${latencies.map((l) => l.toFixed(1)).join(", ")} ms`);
    for (const latency of latencies) expect(latency).toBeLessThan(timeBoundMs(1000));

    await gql(t.db, owner, `mutation($id: ID!) { voteAnnotation(id: $id, value: AGREE) { ok } }`, { id: annotationId });
    expect((await stream.next((i) => i.data?.modelActivity.kind === "VOTE")).data!.modelActivity).toMatchObject({ id: annotationId, head: "0.0", actorId: owner.userId });
    await gql(t.db, owner, `mutation($input: CreateCommentInput!) { createComment(input: $input) { ok } }`, { input: { modelId, target: "ANNOTATION", targetId: annotationId, body: "agreed @editor" } });
    expect((await stream.next((i) => i.data?.modelActivity.kind === "COMMENT")).data!.modelActivity).toMatchObject({ action: "CREATED", actorId: owner.userId });
    await stream.stop();
  });

  it("holds one LISTEN per instance however many streams are open", async () => {
    const streams = [follow(clientOfB(viewer)), follow(clientOfB(editor)), follow(clientOfB(owner))];
    for (const s of streams) await s.next((i) => i.data?.modelActivity.kind === "PRESENCE");
    const stats = liveStats(dbB);
    expect(stats.channels.filter((c) => c === "collab_events")).toHaveLength(1);
    expect(stats.subscribers).toBeGreaterThanOrEqual(3);
    for (const s of streams) await s.stop();
  });

  it("refuses a non-member (NOT_FOUND) and the signed-out (UNAUTHENTICATED) on subscribe", async () => {
    const out = follow(clientOfB(outsider));
    const first = await out.next();
    expect(codes(first as never)).toEqual(["NOT_FOUND"]);
    await waitUntil(async () => out.done);
    const anon = follow(clientOfB(null));
    expect(codes((await anon.next()) as never)).toEqual(["UNAUTHENTICATED"]);
    expect(openActivityStreams(outsider.userId)).toBe(0);
  });

  it("serves subscriptions only: a query or a mutation on the stream endpoint is refused before it runs", async () => {
    const before = await t.db.auditLog.count();
    const q = follow(clientOfB(editor), `mutation { defineAnnotationLabel(teamId: "${teamId}", name: "via-stream") { ok } }`, {});
    const result = await q.next();
    expect(result.errors?.[0]?.message).toMatch(/subscriptions only/);
    expect(await t.db.annotationLabel.count({ where: { name: "via-stream" } })).toBe(0);
    expect(await t.db.auditLog.count()).toBe(before);
  });

  it("ends the stream of a member removed from the team, who receives nothing written after the removal", async () => {
    const stream = follow(clientOfB(viewer));
    await stream.next((i) => i.data?.modelActivity.kind === "PRESENCE");
    const removed = await gql<{ removeMember: { ok: boolean } }>(t.db, owner, `mutation($t: ID!, $u: ID!) { removeMember(teamId: $t, userId: $u) { ok } }`, { t: teamId, u: viewer.userId });
    expect(removed.data!.removeMember.ok).toBe(true);
    await gql(t.db, editor, `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) { ok } }`, { input: { modelId, head: "0.2", label: "copying", body: "secret", confidence: 0.5 } });
    const last = await stream.next((i) => Boolean(i.errors));
    expect(codes(last as never)).toEqual(["NOT_FOUND"]);
    await waitUntil(async () => stream.done);
    expect(stream.got.some((i) => i.data?.modelActivity.head === "0.2")).toBe(false);
    await waitUntil(async () => openActivityStreams(viewer.userId) === 0);
    await t.db.membership.create({ data: { teamId, userId: viewer.userId, role: "VIEWER" } });
  });
});

describe("presence", () => {
  it("lists who has a stream open (one entry per person) and drops them when their client leaves, telling the others", async () => {
    expect(await viewersOnA(owner)).toEqual([]);
    const watcher = follow(clientOfB(owner));
    await watcher.next((i) => i.data?.modelActivity.kind === "PRESENCE" && i.data.modelActivity.actorId === owner.userId);
    const tabs = [follow(clientOfB(editor)), follow(clientOfB(editor))];
    await watcher.next((i) => i.data?.modelActivity.kind === "PRESENCE" && i.data.modelActivity.actorId === editor.userId);
    await waitUntil(async () => (await viewersOnA(owner)).length === 2);
    expect((await viewersOnA(viewer)).map((v) => v.name).sort()).toEqual(["editor", "owner"]);
    const outsiderView = await gql(t.db, outsider, `query($id: ID!) { model(id: $id) { viewers { userId } } }`, { id: modelId });
    expect(outsiderView.data?.model ?? null).toBeNull();

    for (const tab of tabs) await tab.stop();
    await watcher.next((i) => i.data?.modelActivity.kind === "PRESENCE" && i.data.modelActivity.action === "DELETED" && i.data.modelActivity.actorId === editor.userId);
    await waitUntil(async () => (await viewersOnA(owner)).length === 1);
    expect((await viewersOnA(owner)).map((v) => v.userId)).toEqual([owner.userId]);
    await watcher.stop();
    await waitUntil(async () => (await t.db.modelPresence.count({ where: { modelId } })) === 0);
  });

  it("shows who is looking at a PUBLIC model to its team only: a reader outside gets an empty list and presence events without the watcher", async () => {
    const publicId = await createModelRow(t.db, { teamId, name: "attn-live-public", visibility: "PUBLIC", createdBy: editor });
    const isPresence = (i: Item) => i.data?.modelActivity.kind === "PRESENCE";
    const member = follow(clientOfB(viewer), ACTIVITY, { modelId: publicId });
    await member.next((i) => isPresence(i) && i.data!.modelActivity.actorId === viewer.userId);
    const reader = follow(clientOfB(outsider), ACTIVITY, { modelId: publicId });
    // The reader's own presence is theirs to see…
    expect((await reader.next(isPresence)).data!.modelActivity).toMatchObject({ actorId: outsider.userId, actorName: "outsider" });
    // …the member sees the reader arrive, named…
    await member.next((i) => isPresence(i) && i.data!.modelActivity.actorId === outsider.userId);
    // …but the member who arrives next is not named to the reader.
    const second = follow(clientOfB(editor), ACTIVITY, { modelId: publicId });
    await member.next((i) => isPresence(i) && i.data!.modelActivity.actorId === editor.userId);
    expect((await reader.next(isPresence)).data!.modelActivity).toMatchObject({ kind: "PRESENCE", action: "CREATED", actorId: null, actorName: null });

    const list = (actor: Actor) => gql<{ model: { viewers: { userId: string }[] } }>(t.db, actor, `query($id: ID!) { model(id: $id) { viewers { userId } } }`, { id: publicId });
    await waitUntil(async () => (await list(owner)).data!.model.viewers.length === 3);
    expect((await list(owner)).data!.model.viewers.map((v) => v.userId).sort()).toEqual([viewer.userId, outsider.userId, editor.userId].sort());
    const outside = await list(outsider);
    expect(outside.errors).toBeUndefined();
    expect(outside.data!.model.viewers).toEqual([]);

    await second.stop();
    expect((await reader.next((i) => isPresence(i) && i.data!.modelActivity.action === "DELETED")).data!.modelActivity).toMatchObject({ actorId: null, actorName: null });
    for (const stream of [reader, member]) await stream.stop();
    await waitUntil(async () => (await t.db.modelPresence.count({ where: { modelId: publicId } })) === 0);
  });

  it("does not count a view whose server stopped beating (a row older than the TTL)", async () => {
    await t.db.modelPresence.create({ data: { modelId, userId: editor.userId, since: new Date(Date.now() - 120_000), seenAt: new Date(Date.now() - 60_000) } });
    expect(await viewersOnA(owner)).toEqual([]);
  });
});
