// The per-team, per-head, per-annotation and per-person bounds of the collaboration features
// (issue 7): MAX_TEAM_LABELS, MAX_ANNOTATIONS_PER_HEAD, MAX_CLAIMS_PER_ANNOTATION and
// MAX_STREAMS_PER_USER. Each is filled to one below the bound straight through Prisma, the bound-th
// write goes through the API and is accepted, and the next one is refused with the field (or
// QUOTA_EXCEEDED) named and every table's row count unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { MAX_STREAMS_PER_USER, openActivityStreams, openModelActivity, type ActivityItem } from "@/lib/collab/activity";
import { MAX_ANNOTATIONS_PER_HEAD } from "@/lib/collab/annotations";
import { MAX_CLAIMS_PER_ANNOTATION } from "@/lib/collab/claims";
import { MAX_TEAM_LABELS } from "@/lib/collab/taxonomy";
import { QuotaError } from "@/lib/db/errors";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
let editor: Actor;
let teamId: string, modelId: string;
const streams: AsyncIterableIterator<ActivityItem>[] = [];

interface Payload { ok: boolean; error: { message: string; inputErrors: { path: string[]; message: string }[] } | null }

beforeAll(async () => {
  editor = await createTestUser(t.db, "editor");
  teamId = await createTeamWith(t.db, "Bounds Lab", [[editor, "EDITOR"]]);
  modelId = await createModelRow(t.db, { teamId, name: "attn-2l", createdBy: editor });
});

afterAll(async () => {
  await Promise.all(streams.map((s) => s.return?.()));
});

/** Expects `payload` refused with one input error on `field` whose message contains `text`. */
function expectRefused(payload: Payload, field: string, text: string) {
  expect(payload.ok).toBe(false);
  expect(payload.error!.inputErrors.map((e) => e.path[0])).toEqual([field]);
  expect(payload.error!.message).toContain(text);
}

describe("collaboration bounds", () => {
  it(`accepts a team's MAX_TEAM_LABELS-th (${MAX_TEAM_LABELS}th) label and refuses the next, naming "name" and writing nothing`, async () => {
    await t.db.annotationLabel.createMany({ data: Array.from({ length: MAX_TEAM_LABELS - 1 }, (_, i) => ({ teamId, name: `filler-${i}`, createdById: editor.userId })) });
    const define = async (name: string) => (await gql<{ defineAnnotationLabel: Payload }>(t.db, editor,
      `mutation($teamId: ID!, $name: String!) { defineAnnotationLabel(teamId: $teamId, name: $name, description: "d") { ok error { message inputErrors { path message } } } }`, { teamId, name })).data!.defineAnnotationLabel;
    expect(await define("last-label")).toMatchObject({ ok: true, error: null });
    expect(await t.db.annotationLabel.count({ where: { teamId } })).toBe(MAX_TEAM_LABELS);
    const before = await tableRowCounts(t.db);
    expectRefused(await define("one-too-many"), "name", `at most ${MAX_TEAM_LABELS} labels`);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it(`accepts a head's MAX_ANNOTATIONS_PER_HEAD-th (${MAX_ANNOTATIONS_PER_HEAD}th) annotation and refuses the next, naming "head" and writing nothing`, async () => {
    await t.db.headAnnotation.createMany({ data: Array.from({ length: MAX_ANNOTATIONS_PER_HEAD - 1 }, () => ({ modelId, head: "0.1", label: "induction", confidence: 0.5, authorId: editor.userId })) });
    const annotate = async () => (await gql<{ createAnnotation: Payload }>(t.db, editor,
      `mutation($m: ID!) { createAnnotation(input: { modelId: $m, head: "0.1", label: "induction", confidence: 0.9 }) { ok error { message inputErrors { path message } } } }`, { m: modelId })).data!.createAnnotation;
    expect(await annotate()).toMatchObject({ ok: true, error: null });
    expect(await t.db.headAnnotation.count({ where: { modelId, head: "0.1" } })).toBe(MAX_ANNOTATIONS_PER_HEAD);
    const before = await tableRowCounts(t.db);
    expectRefused(await annotate(), "head", `${MAX_ANNOTATIONS_PER_HEAD} annotations already`);
    expect(await tableRowCounts(t.db)).toEqual(before);
    // Another head of the same model is not affected.
    const other = await gql<{ createAnnotation: Payload }>(t.db, editor, `mutation($m: ID!) { createAnnotation(input: { modelId: $m, head: "0.2", label: "induction", confidence: 0.9 }) { ok } }`, { m: modelId });
    expect(other.data!.createAnnotation.ok).toBe(true);
  });

  it(`accepts an annotation's MAX_CLAIMS_PER_ANNOTATION-th (${MAX_CLAIMS_PER_ANNOTATION}th) claim and refuses the next, naming "spec" and writing nothing`, async () => {
    const annotation = await t.db.headAnnotation.create({ data: { modelId, head: "1.0", label: "induction", confidence: 0.5, authorId: editor.userId }, select: { id: true } });
    const spec = { metric: "inductionStripe", head: "1.0", comparator: ">=", threshold: { value: 0.5 } };
    await t.db.claim.createMany({ data: Array.from({ length: MAX_CLAIMS_PER_ANNOTATION - 1 }, () => ({ annotationId: annotation.id, authorId: editor.userId, spec })) });
    const add = async () => (await gql<{ addClaim: Payload }>(t.db, editor,
      `mutation($a: ID!, $spec: JSON!) { addClaim(annotationId: $a, spec: $spec) { ok error { message inputErrors { path message } } } }`, { a: annotation.id, spec })).data!.addClaim;
    expect(await add()).toMatchObject({ ok: true, error: null });
    expect(await t.db.claim.count({ where: { annotationId: annotation.id } })).toBe(MAX_CLAIMS_PER_ANNOTATION);
    const before = await tableRowCounts(t.db);
    expectRefused(await add(), "spec", `at most ${MAX_CLAIMS_PER_ANNOTATION} claims`);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it(`opens MAX_STREAMS_PER_USER (${MAX_STREAMS_PER_USER}) activity streams for one person and refuses the next with QUOTA_EXCEEDED, writing nothing`, async () => {
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await openModelActivity(t.db, editor, modelId));
    expect(openActivityStreams(editor.userId)).toBe(MAX_STREAMS_PER_USER);
    expect(await t.db.modelPresence.count({ where: { userId: editor.userId } })).toBeGreaterThan(0);
    const before = await tableRowCounts(t.db);
    const refused = await openModelActivity(t.db, editor, modelId).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(QuotaError);
    expect((refused as QuotaError).code).toBe("QUOTA_EXCEEDED");
    expect((refused as QuotaError).message).toContain(`${MAX_STREAMS_PER_USER} live streams`);
    expect(openActivityStreams(editor.userId)).toBe(MAX_STREAMS_PER_USER);
    expect(await tableRowCounts(t.db)).toEqual(before);
    // Closing one frees its place.
    await streams.pop()!.return!();
    expect(openActivityStreams(editor.userId)).toBe(MAX_STREAMS_PER_USER - 1);
    streams.push(await openModelActivity(t.db, editor, modelId));
  });
});
