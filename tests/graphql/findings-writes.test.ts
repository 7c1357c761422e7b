// Writes of findings (lib/findings): 30 simultaneous edits of one finding at the version they read
// — exactly one lands, every other answers CONFLICT, none is lost silently (one version bump, one
// audit row); every write records its AuditLog row and publishes one FINDING event on the model's
// live channel after its commit; a refused write records and publishes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { collabEvents, type CollabEvent } from "@/lib/collab/events";
import { subscribe, type Unsubscribe } from "@/lib/live";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let editor: Actor, viewer: Actor;
let modelId: string;
const events: CollabEvent[] = [];
let unsubscribe: Unsubscribe | null = null;

async function eventsFor(id: string, count: number, ms = 3000): Promise<CollabEvent[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const mine = events.filter((e) => e.id === id);
    if (mine.length >= count || Date.now() > deadline) return mine;
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  [editor, viewer] = await Promise.all(["w-editor", "w-viewer"].map((n) => createTestUser(t.db, n)));
  const teamId = await createTeamWith(t.db, "Writes", [[editor, "EDITOR"], [viewer, "VIEWER"]]);
  modelId = await createModelRow(t.db, { teamId, name: "writes", createdBy: editor });
  unsubscribe = await subscribe(t.db, collabEvents, (e) => events.push(e));
});

afterAll(() => unsubscribe?.());

const CREATE = `mutation($m: ID!) { createFinding(input: { modelId: $m, title: "race" }) { finding { id version } } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $b: String) { updateFinding(input: { id: $id, expectedVersion: $v, body: $b }) { ok finding { version body } } }`;

describe("finding writes", () => {
  it("lands exactly one of 30 simultaneous edits of one version; the others answer CONFLICT", async () => {
    const { id } = (await gql<{ createFinding: { finding: { id: string } } }>(t.db, editor, CREATE, { m: modelId })).data!.createFinding.finding;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => gql<{ updateFinding: { ok: boolean; finding: { body: string } } }>(t.db, editor, UPDATE, { id, v: 1, b: `edit ${i}` })));
    const landed = results.filter((r) => r.data?.updateFinding?.ok);
    const conflicts = results.filter((r) => codes(r).join() === "CONFLICT");
    expect(landed).toHaveLength(1);
    expect(conflicts).toHaveLength(29);
    const row = await t.db.finding.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ version: 2, body: landed[0].data!.updateFinding.finding.body });
    for (const c of conflicts) expect(c.errors![0].extensions!.current).toMatchObject({ id, version: 2 });
    expect(await t.db.auditLog.count({ where: { targetId: id, action: "finding.update" } })).toBe(1);
  });

  it("records an audit row and publishes one event after commit for every write, and nothing for a refused one", async () => {
    const { id } = (await gql<{ createFinding: { finding: { id: string } } }>(t.db, editor, CREATE, { m: modelId })).data!.createFinding.finding;
    await gql(t.db, editor, `mutation($id: ID!) { setFindingVisibility(id: $id, visibility: TEAM) { ok } }`, { id });
    const share = await gql<{ createShareLink: { link: { id: string } } }>(t.db, editor, `mutation($f: ID!) { createShareLink(findingId: $f) { link { id } } }`, { f: id });
    await gql(t.db, editor, `mutation($id: ID!) { revokeShareLink(id: $id) { ok } }`, { id: share.data!.createShareLink.link.id });
    expect(await eventsFor(id, 4)).toHaveLength(4); // delivered after their commits
    const before = { audit: await t.db.auditLog.count(), events: events.length };
    expect(codes(await gql(t.db, viewer, UPDATE, { id, v: 2, b: "viewer" }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(t.db, viewer, `mutation($id: ID!) { deleteFinding(id: $id) { ok } }`, { id }))).toEqual(["FORBIDDEN"]);
    await new Promise((r) => setTimeout(r, 200));
    expect({ audit: await t.db.auditLog.count(), events: events.length }).toEqual(before);
    await gql(t.db, editor, `mutation($id: ID!) { deleteFinding(id: $id) { ok } }`, { id });
    const actions = (await t.db.auditLog.findMany({ where: { OR: [{ targetId: id }, { targetId: share.data!.createShareLink.link.id }] }, orderBy: { createdAt: "asc" }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(["finding.create", "finding.visibility", "finding.shareLink.create", "finding.shareLink.revoke", "finding.delete"]);
    const mine = await eventsFor(id, 5);
    expect(mine.map((e) => [e.entity, e.action, e.modelId])).toEqual([
      ["finding", "created", modelId], ["finding", "updated", modelId], ["finding", "updated", modelId], ["finding", "updated", modelId], ["finding", "deleted", modelId],
    ]);
  });
});
