// A token model with `__metadata__.vocab_segments` (issue 10 item 3) through POST /api/models and
// GraphQL: the upload stores the segments (overlapping or out-of-range ones are a 400 naming the
// field, nothing written); Model.tokenGroups lists them; every Token of a skip-trigram or OV entry
// names its segment; SkipTrigramsAnalysis.segmentGroups groups the trigrams by (source → destination
// → output) segment. Expected segments come from the ranges written here, expected trigrams from
// the engine's skipTrigrams on the same file.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import "@/lib/engine/linalg/kernels-ts";
import { loadModel } from "@/lib/engine/transformer/weights";
import { handleModelUpload } from "@/lib/upload/handler";
import { geluFile, geluMetadata, geluTensors, GELU_CFG } from "@/tests/api/mlp-dt-models";
import { uploadRequest } from "@/tests/api/tiny-model";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { gql } from "./harness";

const t = useTestDatabase();
let editor: Actor;
let team: string;
let modelId: string;

/** d_vocab is 7: ids 0–2 digits, 3–4 ops, 5–6 in no segment. */
const SEGMENTS = [{ name: "ops", start: 3, end: 5 }, { name: "digits", start: 0, end: 3 }];
const segmentOf = (id: number) => (id < 3 ? "digits" : id < 5 ? "ops" : null);
const file = (segments: unknown) => geluFile(geluTensors(), { ...geluMetadata(), vocab_segments: JSON.stringify(segments) });

async function upload(bytes: Uint8Array, name: string) {
  const response = await handleModelUpload(uploadRequest({ team, file: bytes, name }), { db: t.db, getActor: async () => editor, maxBytes: 64 * 1024 * 1024 });
  return { status: response.status, body: (await response.json()) as { id: string; config: Record<string, unknown>; error: { message: string } } };
}

beforeAll(async () => {
  editor = await createTestUser(t.db, "segments-editor");
  const row = await t.db.team.create({ data: { name: "Segment uploads", slug: "segment-uploads", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }] } } });
  team = row.slug;
  const { status, body } = await upload(file(SEGMENTS), "segmented");
  expect(status).toBe(201);
  expect(body.config.vocab_segments).toEqual(SEGMENTS);
  modelId = body.id;
});

describe("vocab_segments at upload", () => {
  it.each([
    ["overlapping", [{ name: "a", start: 0, end: 4 }, { name: "b", start: 3, end: 5 }], /__metadata__\.vocab_segments\[1\] \[3, 5\) overlaps __metadata__\.vocab_segments\[0\]/],
    ["out of range", [{ name: "a", start: 0, end: GELU_CFG.d_vocab + 1 }], /__metadata__\.vocab_segments\[0\]\.end must be an integer from 1 to 7/],
    ["unnamed", [{ start: 0, end: 2 }], /__metadata__\.vocab_segments\[0\]\.name/],
  ])("refuses %s segments with a 400 naming the field, writing nothing", async (_kind, segments, message) => {
    const before = await tableRowCounts(t.db);
    const { status, body } = await upload(file(segments), "bad");
    expect({ status, message: body.error?.message }).toEqual({ status: 400, message: expect.stringMatching(message) });
    expect(await tableRowCounts(t.db)).toEqual(before);
  });
});

interface Tok { id: number; segment: string | null }
interface Tri { score: number; source: Tok; destination: Tok; output: Tok }

describe("vocab_segments over GraphQL", () => {
  it("Model.tokenGroups lists the segments by start", async () => {
    const r = await gql<{ model: { tokenGroups: unknown[] } }>(t.db, editor, `query($id: ID!) { model(id: $id) { tokenGroups { name kind start end } } }`, { id: modelId });
    expect(r.errors).toBeUndefined();
    expect(r.data!.model.tokenGroups).toEqual([{ name: "digits", kind: "segment", start: 0, end: 3 }, { name: "ops", kind: "segment", start: 3, end: 5 }]);
  });

  it("skip-trigram and OV tokens name their segment; segmentGroups groups the engine's trigrams by segment", async () => {
    const K = 8;
    const tok = "{ id segment }";
    const r = await gql<{ model: { head: { skipTrigrams: { state: string; result: Tri[]; segmentGroups: { sourceSegment: string | null; destinationSegment: string | null; outputSegment: string | null; count: number; totalScore: number; trigrams: Tri[] }[] } } } }>(
      t.db, editor,
      `query($id: ID!) { model(id: $id) { head(name: "0.1") {
        skipTrigrams(topK: ${K}) { state result { score source ${tok} destination ${tok} output ${tok} }
          segmentGroups { sourceSegment destinationSegment outputSegment count totalScore trigrams { score source ${tok} destination ${tok} output ${tok} } } }
      } } }`,
      { id: modelId },
    );
    expect(r.errors).toBeUndefined();
    const st = r.data!.model.head.skipTrigrams;
    expect(st.state).toBe("READY");
    const { header, tensors } = readSafetensors(file(SEGMENTS));
    const want = await skipTrigrams(loadModel(tensors, { metadata: { ...header.metadata } }).weights, 0, 1, K);
    expect(st.result.map((x) => [x.source.id, x.destination.id, x.output.id])).toEqual(want.map((x) => [x.source, x.destination, x.output]));
    for (const x of st.result) for (const k of ["source", "destination", "output"] as const) expect(x[k].segment).toBe(segmentOf(x[k].id));
    const ov = await gql<{ model: { head: { ov: { result: { top: { rowToken: Tok; colToken: Tok }[] } } } } }>(t.db, editor, `query($id: ID!) { model(id: $id) { head(name: "0.1") { ov(topK: 5) { result { top { rowToken ${tok} colToken ${tok} } } } } } }`, { id: modelId });
    expect(ov.errors).toBeUndefined();
    expect(ov.data!.model.head.ov.result.top).toHaveLength(5);
    for (const e of ov.data!.model.head.ov.result.top) expect([e.rowToken.segment, e.colToken.segment]).toEqual([segmentOf(e.rowToken.id), segmentOf(e.colToken.id)]);

    // Every trigram in exactly one group, whose segments are its tokens'; totals are the members' sums.
    const groups = st.segmentGroups;
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(want.length);
    expect(groups.length).toBeGreaterThan(1);
    const keys = new Set<string>();
    for (const g of groups) {
      const key = `${g.sourceSegment}|${g.destinationSegment}|${g.outputSegment}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      expect(g.trigrams).toHaveLength(g.count);
      for (const x of g.trigrams) expect([segmentOf(x.source.id), segmentOf(x.destination.id), segmentOf(x.output.id)]).toEqual([g.sourceSegment, g.destinationSegment, g.outputSegment]);
      expect(g.totalScore).toBeCloseTo(g.trigrams.reduce((s, x) => s + x.score, 0), 6);
    }
    for (let i = 1; i < groups.length; i++) expect(groups[i - 1].totalScore).toBeGreaterThanOrEqual(groups[i].totalScore);
  });

  it("a model without segments has no token groups, null segments and no segment groups", async () => {
    const { status, body } = await upload(geluFile(), "plain");
    expect(status).toBe(201);
    const r = await gql<{ model: { tokenGroups: unknown[]; head: { skipTrigrams: { result: Tri[]; segmentGroups: unknown[] } } } }>(t.db, editor, `query($id: ID!) { model(id: $id) { tokenGroups { name } head(name: "0.0") { skipTrigrams(topK: 3) { result { source { segment } destination { segment } output { segment } score } segmentGroups { count } } } } }`, { id: body.id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.model.tokenGroups).toEqual([]);
    expect(r.data!.model.head.skipTrigrams.segmentGroups).toEqual([]);
    for (const x of r.data!.model.head.skipTrigrams.result) expect([x.source.segment, x.destination.segment, x.output.segment]).toEqual([null, null, null]);
  });
});
