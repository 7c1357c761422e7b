// Query.searchHeads on the induction-2l demo file: the example of issue 9 item 7 ("induction heads
// whose partner K-composition exceeds 3σ") answered from the cached head report, checked against
// the engine's compositionScores and compositionBaseline computed here directly from the file; a
// PRIVATE model of another team never appears; a model without a cached report is "not analysed
// yet" and no search computes or enqueues anything; every bound + 1 is BAD_USER_INPUT.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_OPTIONS } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { MAX_HEAD_SEARCH_FIRST, MAX_SEARCH_TEXT_CHARS } from "@/lib/collab/head-search-filter";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { compositionBaseline, compositionScores } from "@/lib/engine/circuits/composition";
import { headReport } from "@/lib/engine/circuits/report";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
const FILE = path.join(demoModelsDir(), "induction-2l", "model.safetensors");
let alice: Actor, bob: Actor;
let publicId: string, privateId: string, unanalysedId: string;
/** σ of each head's K-composition from head 0.0 (layer 0's previous-token head), computed here from the file. */
const sigmaFrom00 = new Map<string, number>();
const kFrom00 = new Map<string, number>();
let inductionHeads: string[];

const SEARCH = `query($filter: HeadSearchFilter, $first: Int, $after: String) {
  searchHeads(filter: $filter, first: $first, after: $after) {
    edges { cursor node { head layer index modelVersion analysed engineLabels scores { name value }
      partnerKComposition { partner value baselineMean baselineStd sigma }
      consensusLabel consensusCount annotationCount annotationSnippet passingClaims failingClaims model { id name } } }
    pageInfo { hasNextPage endCursor }
    notAnalysed { id name }
    scannedModels
  }
}`;
interface Hit {
  head: string; modelVersion: number | null; analysed: boolean; engineLabels: string[]; scores: { name: string; value: number }[];
  partnerKComposition: { partner: string; value: number; baselineMean: number; baselineStd: number; sigma: number } | null;
  consensusLabel: string | null; consensusCount: number; annotationCount: number; annotationSnippet: string | null; passingClaims: number; failingClaims: number;
  model: { id: string; name: string };
}
interface Page { searchHeads: { edges: { cursor: string; node: Hit }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; notAnalysed: { id: string; name: string }[]; scannedModels: number } }
const search = (actor: Actor | null, variables: Record<string, unknown>) => gql<Page>(t.db, actor, SEARCH, variables);
const hitsOf = async (actor: Actor, filter: unknown) => {
  const r = await search(actor, { filter, first: MAX_HEAD_SEARCH_FIRST });
  expect(r.errors).toBeUndefined();
  return r.data!.searchHeads;
};

async function upload(owner: Actor, teamId: string, name: string, visibility: "PUBLIC" | "PRIVATE"): Promise<string> {
  const u = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
  return (await createModelFromUpload(t.db, owner, { teamId, name, visibility, config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors: u.tensors, contentHash: u.contentHash })).model.id;
}

const annotate = (actor: Actor, modelId: string, head: string, label: string, body: string) =>
  gql<{ createAnnotation: { annotation: { id: string } } }>(t.db, actor, `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) { annotation { id } } }`, { input: { modelId, head, label, body, confidence: 0.8 } });

beforeAll(async () => {
  [alice, bob] = await Promise.all(["search-alice", "search-bob"].map((n) => createTestUser(t.db, n)));
  const aliceTeam = await createTeamWith(t.db, "Search A", [[alice, "OWNER"]]);
  const bobTeam = await createTeamWith(t.db, "Search B", [[bob, "OWNER"]]);
  publicId = await upload(alice, aliceTeam, "induction-public", "PUBLIC");
  privateId = await upload(bob, bobTeam, "induction-bobs-private", "PRIVATE");
  // Another team of alice's (an identical file in one team is the same model).
  unanalysedId = await upload(alice, await createTeamWith(t.db, "Search A2", [[alice, "OWNER"]]), "induction-unanalysed", "PUBLIC");
  // The head reports the search reads are the ones the overviews cache.
  for (const [actor, id] of [[alice, publicId], [bob, privateId]] as const) {
    const r = await gql<{ model: { headReport: { status: string } } }>(t.db, actor, `query($id: ID!) { model(id: $id) { headReport { status } } }`, { id });
    expect(r.data?.model.headReport.status).toBe("READY");
  }
  await annotate(bob, privateId, "1.0", "induction", "bob's secret note on keys");
  await annotate(alice, unanalysedId, "1.1", "induction", "An induction head, per the stripe: keys K-compose with 0.0.");

  // Independent numbers: the engine's composition scores and random-pair baseline of the file, with
  // the head report's probe seed and sample count (docs/CLI.md), and the engine's induction labels.
  const model = await loadModelFile(FILE);
  const comp = await compositionScores(model.weights.blocks, { kernels: tsKernels });
  const baseline = await compositionBaseline(model.config.d_model, model.config.d_head, { samples: HEAD_REPORT_OPTIONS.baselineSamples, seed: HEAD_REPORT_OPTIONS.seed, kernels: tsKernels });
  const [L, H] = comp.K.shape;
  for (let h = 0; h < H; h++) {
    const k = comp.K.data[((0 * H + 0) * L + 1) * H + h]; // K[0][0][1][h]
    kFrom00.set(`1.${h}`, k);
    sigmaFrom00.set(`1.${h}`, (k - baseline.mean) / baseline.std);
  }
  const direct = await headReport(model, { ...HEAD_REPORT_OPTIONS, kernels: tsKernels });
  inductionHeads = direct.heads.filter((h) => h.labels.some((l) => l.label === "induction" && l.partner === "0.0")).map((h) => h.name);
  expect(inductionHeads.length).toBeGreaterThan(0); // the demo's induction heads, per the engine
});

describe("searchHeads", () => {
  it("finds the induction heads whose partner K-composition exceeds 3σ, with the engine's numbers", async () => {
    const expected = inductionHeads.filter((h) => sigmaFrom00.get(h)! >= 3).sort();
    expect(expected.length).toBeGreaterThan(0);
    const page = await hitsOf(alice, { label: "induction", partnerKComposition: { minSigma: 3 } });
    const hits = page.edges.map((e) => e.node);
    expect(hits.every((h) => h.model.id === publicId)).toBe(true);
    expect(hits.map((h) => h.head).sort()).toEqual(expected);
    for (const h of hits) {
      expect(h).toMatchObject({ analysed: true, modelVersion: 1, model: { name: "induction-public" } });
      expect(h.engineLabels).toContain("induction");
      expect(h.partnerKComposition!.partner).toBe("0.0");
      expect(h.partnerKComposition!.value).toBeCloseTo(kFrom00.get(h.head)!, 10);
      expect(h.partnerKComposition!.sigma).toBeCloseTo(sigmaFrom00.get(h.head)!, 6);
    }
    // A threshold between two heads' σ keeps only the one above it.
    if (expected.length > 1) {
      const sigmas = expected.map((h) => sigmaFrom00.get(h)!).sort((a, b) => a - b);
      const mid = (sigmas[0] + sigmas[1]) / 2;
      const above = expected.filter((h) => sigmaFrom00.get(h)! >= mid);
      expect((await hitsOf(alice, { label: "induction", partnerKComposition: { minSigma: mid } })).edges.map((e) => e.node.head).sort()).toEqual(above);
    }
    // Far above every head: nothing.
    expect((await hitsOf(alice, { partnerKComposition: { minSigma: Math.max(...sigmaFrom00.values()) + 1 } })).edges).toEqual([]);
  });

  it("reports the score a range matched on, inclusive at the engine's own value", async () => {
    const direct = await headReport(await loadModelFile(FILE), { ...HEAD_REPORT_OPTIONS, kernels: tsKernels });
    const row = direct.heads.find((h) => h.name === "0.0")!;
    const hits = (await hitsOf(alice, { score: { name: "previousToken", min: row.previousToken } })).edges.map((e) => e.node);
    const expected = direct.heads.filter((h) => h.previousToken >= row.previousToken).map((h) => h.name).sort();
    expect(hits.map((h) => h.head).sort()).toEqual(expected);
    expect(hits.find((h) => h.head === "0.0")!.scores[0].value).toBeCloseTo(row.previousToken, 12);
  });

  it("never shows a PRIVATE model of another team, whatever the filter", async () => {
    for (const filter of [{}, { label: "induction" }, { text: "secret" }]) {
      const page = await hitsOf(alice, filter);
      expect(page.edges.some((e) => e.node.model.id === privateId), JSON.stringify(filter)).toBe(false);
      expect(JSON.stringify(page)).not.toContain("bobs-private");
    }
    // Its owner finds it, text and snippet included.
    const mine = (await hitsOf(bob, { text: "SECRET" })).edges.map((e) => e.node);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ head: "1.0", model: { id: privateId }, annotationSnippet: "bob's secret note on keys", consensusLabel: "induction", consensusCount: 1 });
    // Signed out: the PUBLIC models only.
    const anonymous = await search(null, { filter: {}, first: MAX_HEAD_SEARCH_FIRST });
    expect(anonymous.errors).toBeUndefined();
    expect(new Set(anonymous.data!.searchHeads.edges.map((e) => e.node.model.id))).toEqual(new Set([publicId, unanalysedId]));
  });

  it("lists a model without a cached report as not analysed, matches its heads only through annotations, and computes nothing", async () => {
    const before = { results: await t.db.analysisResult.count(), jobs: await t.db.job.count() };
    const byLabel = await hitsOf(alice, { label: "induction" });
    expect(byLabel.notAnalysed.map((m) => m.id)).toEqual([unanalysedId]);
    const unanalysedHits = byLabel.edges.map((e) => e.node).filter((h) => h.model.id === unanalysedId);
    expect(unanalysedHits).toEqual([expect.objectContaining({ head: "1.1", analysed: false, engineLabels: [], partnerKComposition: null, annotationCount: 1 })]);
    const byPartner = await hitsOf(alice, { label: "induction", partnerKComposition: { minSigma: 3 } });
    expect(byPartner.edges.some((e) => e.node.model.id === unanalysedId)).toBe(false);
    expect({ results: await t.db.analysisResult.count(), jobs: await t.db.job.count() }).toEqual(before);
  });

  it("filters by claim status from the claims' last evaluation", async () => {
    const a = await annotate(alice, publicId, "1.0", "induction", "stripe claim");
    const annotationId = a.data!.createAnnotation.annotation.id;
    const add = (value: number) => gql(t.db, alice, `mutation($a: ID!, $spec: JSON!) { addClaim(annotationId: $a, spec: $spec) { ok } }`, { a: annotationId, spec: { metric: "inductionStripe", head: "1.0", comparator: ">=", threshold: { value } } });
    await add(2); // no attention score reaches 2: fails
    expect((await hitsOf(alice, { claimStatus: "PASSING" })).edges).toEqual([]);
    const failing = (await hitsOf(alice, { claimStatus: "FAILING" })).edges.map((e) => e.node);
    expect(failing.map((h) => [h.model.id, h.head, h.failingClaims, h.passingClaims])).toEqual([[publicId, "1.0", 1, 0]]);
    await add(-1);
    expect((await hitsOf(alice, { claimStatus: "PASSING" })).edges.map((e) => e.node.head)).toEqual(["1.0"]);
  });

  it("pages through every head with cursors, each once", async () => {
    const all = (await hitsOf(alice, {})).edges.map((e) => `${e.node.model.id}/${e.node.head}`);
    expect(all).toHaveLength(8); // two readable 2-layer, 2-head models
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r: Awaited<ReturnType<typeof search>> = await search(alice, { filter: {}, first: 3, after });
      const page = r.data!.searchHeads;
      seen.push(...page.edges.map((e) => `${e.node.model.id}/${e.node.head}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it("refuses each bound + 1 and a forged cursor with BAD_USER_INPUT naming the field", async () => {
    for (const [variables, field] of [
      [{ filter: {}, first: MAX_HEAD_SEARCH_FIRST + 1 }, "first"],
      [{ filter: { text: "x".repeat(MAX_SEARCH_TEXT_CHARS + 1) } }, "text"],
      [{ filter: { score: { name: "__proto__", min: 0 } } }, "score.name"],
      [{ filter: { partnerKComposition: { minSigma: 101 } } }, "minSigma"],
      [{ filter: {}, after: Buffer.from("model:x").toString("base64url") }, "after"],
    ] as const) {
      const r = await search(alice, variables);
      expect(codes(r), JSON.stringify(variables)).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors![0].message, JSON.stringify(variables)).toContain(field);
    }
  });
});
