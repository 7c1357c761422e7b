// Team.activity (graphql/modules/activity, lib/db/activity): a team's feed from the audit log, read by
// its members only; entries about a model reach only those who may read it (a PRIVATE model's stay
// with its readers), entries about a deleted model only the team's OWNERs; pages chain without gap
// or overlap in the log's order (read here straight from the table), `first` above
// MAX_ACTIVITY_PAGE and foreign cursors are refused.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { MAX_ACTIVITY_PAGE } from "@/lib/db/activity";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let owner: Actor, editor: Actor, viewer: Actor, outsider: Actor;
let teamId: string, publicTeamId: string, teamModel: string, privateModel: string, doomed: string;

interface Entry { id: string; action: string; summary: string; actorName: string | null; modelId: string | null; modelName: string | null; head: string | null }
interface Feed { team: { activity: { edges: { cursor: string; node: Entry }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null }

const FEED = `query($id: ID!, $first: Int, $after: String) { team(id: $id) { activity(first: $first, after: $after) {
  edges { cursor node { id action summary actorName modelId modelName head } } pageInfo { hasNextPage endCursor } } } }`;

async function must(actor: Actor, query: string, variables: Record<string, unknown>) {
  const r = await gql(t.db, actor, query, variables);
  expect(r.errors).toBeUndefined();
  return r.data!;
}
const rename = (actor: Actor, id: string, name: string) => must(actor, `mutation($id: ID!, $name: String!) { renameModel(input: { id: $id, name: $name }) { ok } }`, { id, name });

async function feed(actor: Actor | null, first = MAX_ACTIVITY_PAGE, after: string | null = null) {
  return gql<Feed>(t.db, actor, FEED, { id: teamId, first, after });
}
async function entries(actor: Actor): Promise<Entry[]> {
  const r = await feed(actor);
  expect(r.errors).toBeUndefined();
  return r.data!.team!.activity.edges.map((e) => e.node);
}

beforeAll(async () => {
  owner = await createTestUser(t.db, "act-owner");
  editor = await createTestUser(t.db, "act-editor");
  viewer = await createTestUser(t.db, "act-viewer");
  outsider = await createTestUser(t.db, "act-outsider");
  teamId = await createTeamWith(t.db, "Activity Lab", [[owner, "OWNER"], [editor, "EDITOR"], [viewer, "VIEWER"]]);
  publicTeamId = await createTeamWith(t.db, "Open Lab", [[owner, "OWNER"]], true);
  teamModel = await createModelRow(t.db, { teamId, name: "team model", createdBy: editor });
  privateModel = await createModelRow(t.db, { teamId, name: "private model", visibility: "PRIVATE", createdBy: owner });
  doomed = await createModelRow(t.db, { teamId, name: "doomed model", createdBy: editor });
  await rename(editor, teamModel, "team model v2");
  await must(editor, `mutation($id: ID!) { setModelVisibility(input: { id: $id, visibility: PUBLIC }) { ok } }`, { id: teamModel });
  await rename(owner, privateModel, "secret plans");
  await rename(editor, doomed, "doomed model v2");
  await must(owner, `mutation($id: ID!) { deleteModel(id: $id) { ok } }`, { id: doomed });
  await must(owner, `mutation($t: ID!) { inviteMember(input: { teamId: $t, role: VIEWER, email: "guest@example.test" }) { ok } }`, { t: teamId });
  // Another team's activity never shows here.
  await rename(owner, await createModelRow(t.db, { teamId: publicTeamId, name: "elsewhere", createdBy: owner }), "elsewhere v2");
});

describe("Team.activity", () => {
  it("tells members who did what to which model, newest first, in readable sentences (no invitee email)", async () => {
    const seen = await entries(viewer);
    expect(seen.map((e) => [e.actorName, e.summary, e.modelName])).toEqual([
      [owner.name, "invited someone as viewer", null],
      [editor.name, "made the model public", "team model v2"],
      [editor.name, "renamed the model to “team model v2”", "team model v2"],
    ]);
    expect(JSON.stringify(seen)).not.toContain("guest@example.test");
  });

  it("shows a PRIVATE model's entries only to those who may read it, and a deleted model's only to OWNERs", async () => {
    const ownerSees = (await entries(owner)).map((e) => e.summary);
    expect(ownerSees).toEqual([
      "invited someone as viewer",
      "deleted the model “doomed model v2”",
      "renamed the model to “doomed model v2”",
      "renamed the model to “secret plans”",
      "made the model public",
      "renamed the model to “team model v2”",
    ]);
    const editorSees = (await entries(editor)).map((e) => e.summary);
    expect(editorSees).toEqual(["invited someone as viewer", "made the model public", "renamed the model to “team model v2”"]);
    for (const actor of [editor, viewer]) expect(JSON.stringify(await entries(actor))).not.toMatch(/secret plans|doomed|private model/);
  });

  it("is for members only: NOT_FOUND-hidden from outsiders of a private team, FORBIDDEN to non-members of a public one, UNAUTHENTICATED signed out", async () => {
    expect((await feed(outsider)).data!.team).toBeNull();
    const open = await gql(t.db, outsider, FEED, { id: publicTeamId, first: 5, after: null });
    expect(codes(open)).toEqual(["FORBIDDEN"]);
    expect((await gql<Feed>(t.db, owner, FEED, { id: publicTeamId, first: 5, after: null })).data!.team!.activity.edges.map((e) => e.node.summary)).toEqual(["renamed the model to “elsewhere v2”"]);
    expect((await feed(null)).data?.team ?? null).toBeNull();
  });

  it("pages in the log's order without gap or overlap, and refuses first = MAX_ACTIVITY_PAGE + 1, first = 0 and foreign cursors", async () => {
    for (let i = 0; i < 7; i++) await rename(editor, teamModel, `team model r${i}`);
    const expected = (await t.db.auditLog.findMany({ where: { teamId, OR: [{ modelId: null }, { modelId: teamModel }] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((r) => r.id);
    expect(expected.length).toBe(10);
    const got: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const r = await feed(viewer, 3, after);
      const a = r.data!.team!.activity;
      got.push(...a.edges.map((e) => e.node.id));
      if (!a.pageInfo.hasNextPage) break;
      after = a.pageInfo.endCursor;
    }
    expect(got).toEqual(expected);
    expect((await feed(viewer, MAX_ACTIVITY_PAGE)).errors).toBeUndefined();
    for (const first of [MAX_ACTIVITY_PAGE + 1, 0]) {
      const r = await feed(viewer, first);
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
    }
    // A cursor of an entry the viewer may not see (the PRIVATE model's) or of another team is refused.
    const hidden = await t.db.auditLog.findFirstOrThrow({ where: { modelId: privateModel } });
    const hiddenCursor = Buffer.from(`activity:${hidden.id}`).toString("base64url");
    expect(codes(await feed(viewer, 3, hiddenCursor))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await feed(viewer, 3, "bm90LWEtY3Vyc29y"))).toEqual(["BAD_USER_INPUT"]);
  });
});
