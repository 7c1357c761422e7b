import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let owner: Actor, editor: Actor, viewer: Actor, outsider: Actor;
let teamId: string, otherTeamId: string;
let teamModel: string, privateModel: string, publicModel: string, otherModel: string;

type Connection = { models: { edges: { cursor: string; node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
const names = (c: Connection | null | undefined) => c?.models.edges.map((e) => e.node.name);

beforeAll(async () => {
  owner = await createTestUser(t.db, "owner");
  editor = await createTestUser(t.db, "editor");
  viewer = await createTestUser(t.db, "viewer");
  outsider = await createTestUser(t.db, "outsider");
  teamId = await createTeamWith(t.db, "Circuits", [[owner, "OWNER"], [editor, "EDITOR"], [viewer, "VIEWER"]]);
  otherTeamId = await createTeamWith(t.db, "Elsewhere", [[outsider, "OWNER"]]);
  // Created oldest first: lists are newest first.
  teamModel = await createModelRow(t.db, { teamId, name: "induction 2L", createdBy: editor, vocab: ["a", "b", "c", "d", "e", "f", "g"], byteLength: 4096 });
  privateModel = await createModelRow(t.db, { teamId, name: "secret induction draft", visibility: "PRIVATE", createdBy: editor });
  publicModel = await createModelRow(t.db, { teamId, name: "public bigram 0L", visibility: "PUBLIC", createdBy: owner, config: { n_layers: 0 } });
  otherModel = await createModelRow(t.db, { teamId: otherTeamId, name: "outsider induction", createdBy: outsider });
});

describe("model(id)", () => {
  it("returns config in TL terms, layers with heads named L.H, tokenizer sample and versions", async () => {
    const result = await gql<{ model: Record<string, unknown> }>(t.db, viewer, `query($id: ID!) { model(id: $id) {
      name visibility team { id }
      config { nLayers nHeads dModel dHead dVocab nCtx positionalEmbeddingType biases json }
      layers { index heads { name layer index } }
      tokenizer { kind vocabSize sample(first: 3) { id text } }
      versions { number byteLength }
    } }`, { id: teamModel });
    expect(result.errors).toBeUndefined();
    const model = result.data!.model;
    expect(model.config).toMatchObject({ nLayers: 2, nHeads: 3, dModel: 8, dHead: 4, dVocab: 7, nCtx: 6, positionalEmbeddingType: "standard", biases: false });
    expect((model.config as { json: Record<string, unknown> }).json.d_head).toBe(4);
    expect(model.layers).toEqual([
      { index: 0, heads: [{ name: "0.0", layer: 0, index: 0 }, { name: "0.1", layer: 0, index: 1 }, { name: "0.2", layer: 0, index: 2 }] },
      { index: 1, heads: [{ name: "1.0", layer: 1, index: 0 }, { name: "1.1", layer: 1, index: 1 }, { name: "1.2", layer: 1, index: 2 }] },
    ]);
    expect(model.tokenizer).toEqual({ kind: "vocab", vocabSize: 7, sample: [{ id: 0, text: "a" }, { id: 1, text: "b" }, { id: 2, text: "c" }] });
    expect(model.versions).toEqual([{ number: 1, byteLength: 4096 }]);
    expect(model.team).toEqual({ id: teamId });
  });

  it("gives a 0-layer model no layers", async () => {
    const result = await gql<{ model: { layers: unknown[] } }>(t.db, viewer, "query($id: ID!) { model(id: $id) { layers { index } } }", { id: publicModel });
    expect(result.data?.model.layers).toEqual([]);
  });

  it("hides a private model from a non-member and from a team VIEWER, but not from its uploader or the team's OWNER", async () => {
    const query = "query($id: ID!) { model(id: $id) { id name } }";
    for (const actor of [outsider, viewer]) {
      const result = await gql(t.db, actor, query, { id: privateModel });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ model: null });
    }
    for (const actor of [editor, owner]) {
      const result = await gql<{ model: { id: string } }>(t.db, actor, query, { id: privateModel });
      expect(result.data?.model.id).toBe(privateModel);
    }
  });

  it("answers null for an id that does not exist, exactly as for a hidden one", async () => {
    expect((await gql(t.db, owner, 'query { model(id: "no-such-model") { id } }')).data).toEqual({ model: null });
  });

  it("hides team-visible models from non-members by id", async () => {
    expect((await gql(t.db, outsider, "query($id: ID!) { model(id: $id) { id } }", { id: teamModel })).data).toEqual({ model: null });
  });
});

describe("models (search and paging)", () => {
  it("never lists a model the actor may not read, with or without a search", async () => {
    const query = "query($s: String) { models(search: $s) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }";
    expect(names((await gql<Connection>(t.db, outsider, query, {})).data)).toEqual(["outsider induction", "public bigram 0L"]);
    expect(names((await gql<Connection>(t.db, outsider, query, { s: "induction" })).data)).toEqual(["outsider induction"]);
    expect(names((await gql<Connection>(t.db, outsider, query, { s: "secret" })).data)).toEqual([]);
    expect(names((await gql<Connection>(t.db, viewer, query, { s: "INDUCTION" })).data)).toEqual(["induction 2L"]);
    expect(names((await gql<Connection>(t.db, editor, query, { s: "induction" })).data)).toEqual(["secret induction draft", "induction 2L"]);
  });

  it("pages with first/after and opaque cursors", async () => {
    const query = "query($after: String) { models(first: 2, after: $after, teamId: \"" + teamId + "\") { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }";
    const first = await gql<Connection>(t.db, owner, query, {});
    expect(names(first.data)).toEqual(["public bigram 0L", "secret induction draft"]);
    expect(first.data?.models.pageInfo.hasNextPage).toBe(true);
    expect(first.data?.models.pageInfo.endCursor).not.toContain(privateModel); // opaque, not the raw id
    const second = await gql<Connection>(t.db, owner, query, { after: first.data?.models.pageInfo.endCursor });
    expect(names(second.data)).toEqual(["induction 2L"]);
    expect(second.data?.models.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses a page size over the limit and a forged cursor with BAD_USER_INPUT", async () => {
    const tooMany = await gql(t.db, owner, "{ models(first: 101) { edges { cursor } } }");
    expect(codes(tooMany)).toEqual(["BAD_USER_INPUT"]);
    expect(tooMany.errors?.[0]?.message).toBe("first: first must be at most 100");
    expect(codes(await gql(t.db, owner, "{ models(first: 0) { edges { cursor } } }"))).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await gql(t.db, owner, '{ models(after: "bm90LWEtY3Vyc29y") { edges { cursor } } }'))).toEqual(["BAD_USER_INPUT"]);
    // A well-formed cursor of a model the actor cannot see is refused too (no probing by cursor).
    const probe = Buffer.from(`model:${privateModel}`).toString("base64url");
    expect(codes(await gql(t.db, outsider, "query($a: String) { models(after: $a) { edges { cursor } } }", { a: probe }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("nesting never widens visibility", () => {
  it("a public model of a private team does not lead an outsider into that team (Model.team is null)", async () => {
    const result = await gql<{ model: { name: string; team: Connection | null } }>(t.db, outsider,
      "query($id: ID!) { model(id: $id) { name team { models { edges { node { id name } } } } } }", { id: publicModel });
    expect(result.errors).toBeUndefined();
    expect(result.data?.model).toEqual({ name: "public bigram 0L", team: null });
  });

  it("team → models hides the private model from a VIEWER of the same team", async () => {
    const result = await gql<{ team: Connection }>(t.db, viewer, "query($id: ID!) { team(id: $id) { models { edges { node { name } } } } }", { id: teamId });
    expect(result.data?.team.models.edges.map((e) => e.node.name)).toEqual(["public bigram 0L", "induction 2L"]);
  });

  it("filtering models by a team the reader cannot see is NOT_FOUND", async () => {
    expect(codes(await gql(t.db, outsider, "query($t: ID!) { models(teamId: $t) { edges { cursor } } }", { t: teamId }))).toEqual(["NOT_FOUND"]);
  });
});

describe("renameModel and deleteModel", () => {
  it("lets an EDITOR rename, refuses an empty name as a payload error, and hides the model from outsiders", async () => {
    const rename = "mutation($id: ID!, $name: String!) { renameModel(input: { id: $id, name: $name }) { ok error { message inputErrors { path } } model { name } } }";
    const ok = await gql<{ renameModel: { ok: boolean; model: { name: string } } }>(t.db, editor, rename, { id: teamModel, name: "  induction 2L (v2) " });
    expect(ok.data?.renameModel).toMatchObject({ ok: true, model: { name: "induction 2L (v2)" } });
    const empty = await gql<{ renameModel: { ok: boolean; error: { inputErrors: { path: string[] }[] } } }>(t.db, editor, rename, { id: teamModel, name: "" });
    expect(empty.data?.renameModel.ok).toBe(false);
    expect(empty.data?.renameModel.error.inputErrors.map((e) => e.path)).toEqual([["name"]]);
    expect(codes(await gql(t.db, outsider, rename, { id: teamModel, name: "x" }))).toEqual(["NOT_FOUND"]);
  });

  it("lets the OWNER delete a model (an EDITOR may not), after which it is gone", async () => {
    const del = "mutation($id: ID!) { deleteModel(id: $id) { ok deletedId } }";
    expect(codes(await gql(t.db, editor, del, { id: publicModel }))).toEqual(["FORBIDDEN"]);
    const result = await gql<{ deleteModel: { ok: boolean; deletedId: string } }>(t.db, owner, del, { id: publicModel });
    expect(result.data?.deleteModel).toEqual({ ok: true, deletedId: publicModel });
    expect(await t.db.model.count({ where: { id: publicModel } })).toBe(0);
    expect(await t.db.modelVersion.count({ where: { modelId: publicModel } })).toBe(0);
    expect((await gql(t.db, owner, "query($id: ID!) { model(id: $id) { id } }", { id: publicModel })).data).toEqual({ model: null });
  });

  it("leaves another team's model untouched", async () => {
    expect(codes(await gql(t.db, owner, "mutation($id: ID!) { deleteModel(id: $id) { ok } }", { id: otherModel }))).toEqual(["NOT_FOUND"]);
    expect(await t.db.model.count({ where: { id: otherModel } })).toBe(1);
  });
});
