import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { collabEvents, type CollabEvent } from "@/lib/collab/events";
import { subscribe } from "@/lib/live";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let owner: Actor, editor: Actor, editor2: Actor, viewer: Actor, outsider: Actor;
let teamId: string, modelId: string, otherModelId: string;

const CREATE = `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) {
  ok error { message inputErrors { path message } } annotation { id head label body bodyHtml confidence version accepted author { name } evidence { kind resultId pointer found value truncated } } } }`;
const UPDATE = `mutation($input: UpdateAnnotationInput!) { updateAnnotation(input: $input) { ok error { message } annotation { id version label body } } }`;

interface AnnotationOut { id: string; head: string; label: string; body: string; bodyHtml: string; version: number; evidence: { found: boolean; value: unknown }[] }
type CreateOut = { createAnnotation: { ok: boolean; error: { message: string; inputErrors: { path: string[] }[] } | null; annotation: AnnotationOut | null } };

async function annotate(actor: Actor | null, input: Record<string, unknown>) {
  return gql<CreateOut>(t.db, actor, CREATE, { input: { modelId, head: "1.2", label: "induction", confidence: 0.8, ...input } });
}

beforeAll(async () => {
  [owner, editor, editor2, viewer, outsider] = await Promise.all(["owner", "editor", "editor2", "viewer", "outsider"].map((n) => createTestUser(t.db, n)));
  teamId = await createTeamWith(t.db, "Collab Lab", [[owner, "OWNER"], [editor, "EDITOR"], [editor2, "EDITOR"], [viewer, "VIEWER"]]);
  modelId = await createModelRow(t.db, { teamId, name: "attn-2l", createdBy: editor });
  otherModelId = await createModelRow(t.db, { teamId, name: "other", createdBy: editor });
});

describe("createAnnotation", () => {
  it("lets an EDITOR annotate a head, rendering the body and recording revision 1", async () => {
    const r = await annotate(editor, { body: "Attends to the token **after** the previous copy." });
    expect(r.errors).toBeUndefined();
    const a = r.data!.createAnnotation.annotation!;
    expect(a).toMatchObject({ head: "1.2", label: "induction", version: 1, bodyHtml: "<p>Attends to the token <strong>after</strong> the previous copy.</p>" });
    expect(await t.db.annotationRevision.count({ where: { annotationId: a.id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { targetType: "annotation", targetId: a.id, action: "annotation.create" } })).toBe(1);
  });

  it("refuses VIEWERs (FORBIDDEN), hides the model from non-members (NOT_FOUND) and refuses the signed-out (UNAUTHENTICATED)", async () => {
    expect(codes(await annotate(viewer, {}))).toEqual(["FORBIDDEN"]);
    expect(codes(await annotate(outsider, {}))).toEqual(["NOT_FOUND"]);
    expect(codes(await annotate(null, {}))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a head outside the model's shape, an unknown label and a confidence above 1, naming the field and writing nothing", async () => {
    const before = await tableRowCounts(t.db);
    for (const [input, field] of [[{ head: "2.0" }, "head"], [{ head: "0.3" }, "head"], [{ head: "a.b" }, "head"], [{ label: "name-mover" }, "label"], [{ confidence: 1.5 }, "confidence"]] as const) {
      const r = await annotate(editor, input);
      expect(r.errors, JSON.stringify(input)).toBeUndefined();
      expect(r.data!.createAnnotation.ok).toBe(false);
      expect(r.data!.createAnnotation.error!.inputErrors.map((e) => e.path[0])).toEqual([field]);
    }
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("accepts a team-defined label once the team defines it, and refuses redefining a built-in", async () => {
    const define = (name: string) => gql<{ defineAnnotationLabel: { ok: boolean; error: { message: string } | null } }>(t.db, editor,
      `mutation($teamId: ID!, $name: String!) { defineAnnotationLabel(teamId: $teamId, name: $name, description: "moves names") { ok error { message } label { name builtin } } }`, { teamId, name });
    expect((await define("name-mover")).data!.defineAnnotationLabel.ok).toBe(true);
    expect((await define("induction")).data!.defineAnnotationLabel).toMatchObject({ ok: false, error: { message: expect.stringContaining("built-in") } });
    expect(codes(await gql(t.db, viewer, `mutation { defineAnnotationLabel(teamId: "${teamId}", name: "x-y") { ok } }`))).toEqual(["FORBIDDEN"]);
    expect((await annotate(editor, { label: "name-mover" })).data!.createAnnotation.ok).toBe(true);
    const labels = await gql<{ model: { annotationLabels: { name: string; builtin: boolean }[] } }>(t.db, viewer, `{ model(id: "${modelId}") { annotationLabels { name builtin } } }`);
    expect(labels.data!.model.annotationLabels.filter((l) => !l.builtin).map((l) => l.name)).toEqual(["name-mover"]);
  });

  it("renders hostile Markdown inert and refuses a megabyte of nesting as bad input", async () => {
    const hostile = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> <svg onload=alert(1)>';
    const html = (await annotate(editor, { body: hostile })).data!.createAnnotation.annotation!.bodyHtml;
    expect(html).not.toMatch(/<script|<img|<svg|onerror|onload|javascript:/i);
    const huge = await annotate(editor, { body: ">".repeat(1 << 20) });
    expect(huge.data!.createAnnotation).toMatchObject({ ok: false, error: { inputErrors: [{ path: ["body"] }] } });
  });

  it("links evidence to a stored result of the same model and resolves its pointer; a result of another model is refused", async () => {
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId }, select: { id: true } });
    const result = await t.db.analysisResult.create({ data: { modelVersionId: version.id, kind: "head-report", paramsHash: "p", engineVersion: "e", result: { heads: [{ name: "1.2", score: 0.93 }] } } });
    const ok = await annotate(editor, { evidence: [{ kind: "SCORE", resultId: result.id, pointer: "/heads/0/score", caption: "induction score" }, { kind: "SCORE", resultId: result.id, pointer: "/heads/7" }] });
    expect(ok.data!.createAnnotation.annotation!.evidence).toEqual([
      { kind: "SCORE", resultId: result.id, pointer: "/heads/0/score", found: true, value: 0.93, truncated: false },
      { kind: "SCORE", resultId: result.id, pointer: "/heads/7", found: false, value: null, truncated: false },
    ]);
    const otherVersion = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: otherModelId }, select: { id: true } });
    const foreign = await t.db.analysisResult.create({ data: { modelVersionId: otherVersion.id, kind: "head-report", paramsHash: "p", engineVersion: "e", result: { secret: 1 } } });
    const refused = await annotate(editor, { evidence: [{ kind: "SCORE", resultId: foreign.id, pointer: "/secret" }] });
    expect(refused.data!.createAnnotation).toMatchObject({ ok: false, error: { inputErrors: [{ path: ["evidence"] }] } });
  });
});

describe("updateAnnotation", () => {
  it("keeps every edit as a revision with a word diff, and refuses a stale version with CONFLICT carrying the current annotation", async () => {
    const created = (await annotate(editor, { body: "copies the previous token" })).data!.createAnnotation.annotation!;
    const first = await gql<{ updateAnnotation: { ok: boolean; annotation: { version: number } } }>(t.db, editor2, UPDATE, { input: { id: created.id, version: 1, body: "copies the next token" } });
    expect(first.data!.updateAnnotation).toMatchObject({ ok: true, annotation: { version: 2 } });
    const stale = await gql(t.db, editor, UPDATE, { input: { id: created.id, version: 1, label: "copying" } });
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors![0].extensions!.current).toMatchObject({ id: created.id, version: 2, body: "copies the next token", label: "induction" });
    const revisions = await gql<{ annotation: { revisions: { version: number; author: { name: string }; changes: { field: string }[]; bodyDiff: { value: string; added: boolean; removed: boolean }[] }[] } }>(
      t.db, viewer, `{ annotation(id: "${created.id}") { revisions { version author { name } changes { field } bodyDiff { value added removed } } } }`);
    const [latest, original] = revisions.data!.annotation.revisions;
    expect(latest).toMatchObject({ version: 2, author: { name: "editor2" }, changes: [{ field: "body" }] });
    expect(latest.bodyDiff.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(["previous"]);
    expect(latest.bodyDiff.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["next"]);
    expect(original.version).toBe(1);
    expect(codes(await gql(t.db, viewer, UPDATE, { input: { id: created.id, version: 2, body: "x" } }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(t.db, outsider, UPDATE, { input: { id: created.id, version: 2, body: "x" } }))).toEqual(["NOT_FOUND"]);
  });

  it("of 50 simultaneous edits of one annotation, each lands or gets CONFLICT, and every landed one is a revision", async () => {
    const created = (await annotate(editor, { body: "v1" })).data!.createAnnotation.annotation!;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      gql<{ updateAnnotation: { ok: boolean; annotation: { version: number; body: string } } }>(t.db, i % 2 ? editor : editor2, UPDATE, { input: { id: created.id, version: 1 + (i % 5), body: `edit ${i}` } })));
    const landed = results.filter((r) => r.data?.updateAnnotation?.ok);
    const conflicts = results.filter((r) => codes(r)[0] === "CONFLICT");
    expect(landed.length + conflicts.length).toBe(50);
    expect(landed.length).toBeGreaterThanOrEqual(1);
    const row = await t.db.headAnnotation.findUniqueOrThrow({ where: { id: created.id } });
    const revisions = await t.db.annotationRevision.findMany({ where: { annotationId: created.id }, orderBy: { version: "asc" } });
    expect(revisions.length).toBe(1 + landed.length);
    expect(row.version).toBe(1 + landed.length);
    expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: revisions.length }, (_, i) => i + 1));
    // Every landed edit's text is the revision of the version it produced: none was overwritten unseen.
    for (const r of landed) {
      const a = r.data!.updateAnnotation.annotation;
      expect(revisions[a.version - 1].body).toBe(a.body);
    }
    expect(row.body).toBe(revisions[revisions.length - 1].body);
  });
});

describe("deleteAnnotation and live events", () => {
  it("publishes created/updated/deleted events after commit, and only the author or an OWNER deletes", async () => {
    const events: CollabEvent[] = [];
    const stop = await subscribe(t.db, collabEvents, (e) => events.push(e));
    try {
      const a = (await annotate(editor, { head: "0.1", label: "previous-token" })).data!.createAnnotation.annotation!;
      expect(codes(await gql(t.db, editor2, `mutation { deleteAnnotation(id: "${a.id}", version: 1) { ok } }`))).toEqual(["FORBIDDEN"]);
      expect(codes(await gql(t.db, owner, `mutation { deleteAnnotation(id: "${a.id}", version: 7) { ok } }`))).toEqual(["CONFLICT"]);
      const del = await gql<{ deleteAnnotation: { ok: boolean } }>(t.db, owner, `mutation { deleteAnnotation(id: "${a.id}", version: 1) { ok } }`);
      expect(del.data!.deleteAnnotation.ok).toBe(true);
      await expect.poll(() => events.filter((e) => e.id === a.id).map((e) => e.action), { timeout: 10_000 }).toEqual(["created", "deleted"]);
      expect(events.find((e) => e.id === a.id)).toMatchObject({ modelId, entity: "annotation", head: "0.1", actorId: editor.userId });
    } finally {
      stop();
    }
  });
});
