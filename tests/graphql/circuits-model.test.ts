// The Model circuit fields (directPath, composition, virtualWeights, circuits, head) and the limits
// of every circuit field over GraphQL, on the demo models and an uploaded 2-layer model: values
// equal the engine's functions called directly on the same bytes; bad arguments are BAD_USER_INPUT
// naming the argument, with no analysis row written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { HEAD_REPORT_OPTIONS } from "@/lib/analysis/head-report";
import { MAX_PER_SOURCE, MAX_TOP_K } from "@/lib/analysis/kinds/limits";
import { decodeTensor } from "@/lib/analysis/tensor-json";
import type { Actor } from "@/lib/auth/policy";
import { ensureDemoAccount } from "@/lib/db/demo";
import { bigramTopK } from "@/lib/engine/circuits/bigrams";
import { compositionBaseline, compositionScores } from "@/lib/engine/circuits/composition";
import { headReport, type HeadReportJson } from "@/lib/engine/circuits/report";
import { virtualWeights } from "@/lib/engine/circuits/virtual";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { frobeniusNorm } from "@/lib/engine/linalg/matrix";
import { singularValues } from "@/lib/engine/linalg/svd";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { circuitModels, liftAnalysisRateLimit, type CircuitModel } from "./circuits-setup";
import { createApolloServer } from "@/graphql/server";
import { codes, gql } from "./harness";

const t = useTestDatabase();
liftAnalysisRateLimit();
const k = tsKernels;
const passwordDir = mkdtempSync(path.join(tmpdir(), "cb-circuits-model-"));
afterAll(() => rmSync(passwordDir, { recursive: true, force: true }));

let owner: Actor, outsider: Actor;
let models: Awaited<ReturnType<typeof circuitModels>>;

beforeAll(async () => {
  await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(passwordDir, "pw") });
  owner = await createTestUser(t.db, "owner");
  outsider = await createTestUser(t.db, "outsider");
  models = await circuitModels(t.db, owner);
});

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function model(m: CircuitModel, fields: string, actor: Actor = owner): Promise<Any> {
  const r = await gql<Any>(t.db, actor, `query($id: ID!) { model(id: $id) { ${fields} } }`, { id: m.modelId });
  expect(r.errors).toBeUndefined();
  return r.data!.model;
}

const plain = (es: { row: number; col: number; value: number }[]) => es.map((e) => ({ row: e.row, col: e.col, value: e.value }));

describe("Model.directPath", () => {
  it("answers the bigram table W_E W_U of every model (0-layer demo included) as bigramTopK computes it, with token text", async () => {
    for (const m of [models.bigram, models.skip, models.induction, models.uploaded]) {
      const got = (await model(m, `directPath(topK: 6, perToken: 3) { state result { top { row col value rowToken { text } colToken { text } } perToken { values { shape base64 dtype } indices { shape base64 dtype } } } }`)).directPath;
      expect(got.state, m.name).toBe("READY");
      const direct = await bigramTopK(m.engine.weights, 6, { kernels: k });
      expect(plain(got.result.top)).toEqual(plain(direct.entries));
      const text = (id: number) => m.tokenizer?.tokenString(id) ?? String(id);
      expect(got.result.top.map((e: Any) => [e.rowToken.text, e.colToken.text])).toEqual(direct.entries.map((e) => [text(e.row), text(e.col)]));
      const rows = await bigramTopK(m.engine.weights, 3, { kernels: k });
      expect(got.result.perToken.values.shape).toEqual([m.engine.config.d_vocab, 3]);
      expect(Array.from(decodeTensor(got.result.perToken.values).data)).toEqual(Array.from(rows.perRow!.values));
      expect(Array.from(decodeTensor(got.result.perToken.indices).data)).toEqual(Array.from(rows.perRow!.indices));
    }
  });
});

describe("Model.composition and virtualWeights", () => {
  it("answer Q/K/V scores as a [L, H, L, H] FloatTensor with the random-pair baseline and top pairs, equal to compositionScores", async () => {
    for (const m of [models.induction, models.uploaded]) {
      const comp = await compositionScores(m.engine.weights.blocks, { kernels: k });
      const base = await compositionBaseline(m.engine.config.d_model, m.engine.config.d_head, { samples: 100, seed: 0, kernels: k });
      for (const kind of ["Q", "K", "V"] as const) {
        const got = (await model(m, `composition(kind: ${kind}, top: 3) { state result { kind scores { shape dtype base64 } baseline { mean std samples seed } top { writer reader score relative zScore } } }`)).composition;
        expect(got.state).toBe("READY");
        expect(got.result.scores.shape).toEqual(comp[kind].shape);
        expect(Array.from(decodeTensor(got.result.scores).data)).toEqual(Array.from(Float32Array.from(comp[kind].data)));
        expect(got.result.baseline).toEqual(base);
        const [L, H] = comp[kind].shape;
        const n = L * H;
        const pairs = [];
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (Math.floor(j / H) > Math.floor(i / H)) pairs.push({ i, j, s: Math.fround(comp[kind].data[i * n + j]) });
        pairs.sort((a, b) => b.s - a.s);
        expect(got.result.top.map((p: Any) => [p.writer, p.reader, p.score])).toEqual(pairs.slice(0, 3).map((p) => [`${Math.floor(p.i / H)}.${p.i % H}`, `${Math.floor(p.j / H)}.${p.j % H}`, p.s]));
        expect(got.result.top[0].relative).toBeCloseTo(got.result.top[0].score / base.mean, 12);
      }
      const vw = (await model(m, `virtualWeights(writer: "0.1", reader: "1.0", kind: V, topK: 2) { state result { writer reader kind norm singularValues } }`)).virtualWeights;
      const W = virtualWeights(m.engine.weights.blocks[0], 1, m.engine.weights.blocks[1], 0, "V");
      expect(vw.result).toEqual({ writer: "0.1", reader: "1.0", kind: "V", norm: frobeniusNorm(W), singularValues: Array.from(singularValues(W)).slice(0, 2) });
    }
  });
});

describe("Model.circuits and head scores", () => {
  let direct: HeadReportJson;
  beforeAll(async () => {
    direct = await headReport(models.induction.engine, { ...HEAD_REPORT_OPTIONS, kernels: k });
  });

  it("finds the induction circuit of the 2-layer demo: 0.0 → 1.0 and 0.0 → 1.1 with their K-composition against the report's baseline", async () => {
    const got = (await model(models.induction, `circuits(pattern: INDUCTION) { state result { pattern heads { head score } induction { previousTokenHead inductionHead kComposition relative zScore mechanism inductionScore evidence { ablationDrop baselineMean partnerKComposition } } } }`)).circuits;
    expect(got.state).toBe("READY");
    const tuples = direct.heads.flatMap((h) => h.labels.filter((l) => l.label === "induction" && l.partner).map((l) => ({ h, l })));
    expect(tuples.length).toBeGreaterThan(0);
    const base = direct.compositionBaseline!;
    expect(got.result.induction).toEqual(tuples.map(({ h, l }) => ({
      previousTokenHead: l.partner, inductionHead: h.name, kComposition: l.evidence!.partnerKComposition, relative: l.evidence!.partnerKComposition! / base.mean,
      zScore: (l.evidence!.partnerKComposition! - base.mean) / base.std, mechanism: l.mechanism ?? null, inductionScore: l.score,
      evidence: { ablationDrop: l.evidence!.ablationDrop, baselineMean: base.mean, partnerKComposition: l.evidence!.partnerKComposition },
    })));
    expect(got.result.induction.map((c: Any) => [c.previousTokenHead, c.inductionHead])).toEqual(expect.arrayContaining([["0.0", "1.0"], ["0.0", "1.1"]]));
    const prev = (await model(models.induction, `circuits(pattern: PREVIOUS_TOKEN) { result { heads { head score } induction { inductionHead } } }`)).circuits.result;
    expect(prev.heads).toEqual(direct.heads.flatMap((h) => h.labels.filter((l) => l.label === "previous-token").map((l) => ({ head: h.name, score: l.score }))));
    expect(prev.induction).toEqual([]);
    const skip = (await model(models.skip, `circuits(pattern: SKIP_TRIGRAM) { result { heads { head } } }`)).circuits.result;
    expect(skip.heads.map((h: Any) => h.head)).toEqual(Array.from({ length: models.skip.engine.config.n_heads }, (_, h) => `0.${h}`));
    expect((await model(models.induction, `circuits(pattern: SKIP_TRIGRAM) { result { heads { head } } }`)).circuits.result.heads).toEqual([]);
  });

  it("gives Head.scores and Head.labels (with evidence and baseline) exactly as the report computes them", async () => {
    const got = (await model(models.induction, `head(name: "1.0") { scores { state result { previousToken inductionStripe variedPeriodInduction positionalInvariance distanceFromUniform ovCopying } }
      labels { state result { label score partner mechanism evidence { partnerKComposition baselineMean baselineStd stripeWithoutPartner ablationDrop variedPeriodInduction positionalInvariance } } } }`)).head;
    const h = direct.heads.find((x) => x.name === "1.0")!;
    expect(got.scores.result).toEqual({ previousToken: h.previousToken, inductionStripe: h.inductionStripe, variedPeriodInduction: h.variedPeriodInduction, positionalInvariance: h.positionalInvariance, distanceFromUniform: h.distanceFromUniform, ovCopying: h.ovCopying });
    const ind = got.labels.result.find((l: Any) => l.label === "induction");
    const want = h.labels.find((l) => l.label === "induction")!;
    expect(ind).toEqual({
      label: "induction", score: want.score, partner: want.partner, mechanism: want.mechanism,
      evidence: {
        partnerKComposition: want.evidence!.partnerKComposition, baselineMean: direct.compositionBaseline!.mean, baselineStd: direct.compositionBaseline!.std,
        stripeWithoutPartner: want.evidence!.stripeWithoutPartner, ablationDrop: want.evidence!.ablationDrop,
        variedPeriodInduction: want.evidence!.variedPeriodInduction, positionalInvariance: want.evidence!.positionalInvariance,
      },
    });
  });
});

describe("limits of the circuit fields", () => {
  async function refused(m: CircuitModel, fields: string, arg: string, pattern: RegExp) {
    const before = await t.db.analysisResult.count();
    const r = await gql<Any>(t.db, owner, `query($id: ID!) { model(id: $id) { ${fields} } }`, { id: m.modelId });
    expect(codes(r), fields).toEqual(["BAD_USER_INPUT"]);
    expect(r.errors![0].message).toMatch(pattern);
    expect(JSON.stringify(r.errors![0].extensions?.inputErrors)).toContain(arg);
    expect(await t.db.analysisResult.count()).toBe(before);
  }

  it("refuses an unknown head, naming the model's shape", async () => {
    await refused(models.induction, `head(name: "2.0") { name }`, "name", /no head "2\.0".*0 ≤ L < 2 and 0 ≤ H < 2/);
    await refused(models.induction, `head(name: "x") { name }`, "name", /no head "x"/);
    await refused(models.induction, `head(name: "1.0") { subspaceOverlap(with: "0.9") { state } }`, "with", /no head "0\.9"/);
    await refused(models.induction, `virtualWeights(writer: "1.0", reader: "1.1", kind: K) { state }`, "reader", /later layer/);
  });

  it("refuses a topK, perSource or bottomK over its named cap", async () => {
    await refused(models.induction, `head(name: "1.0") { ov(topK: ${MAX_TOP_K + 1}) { state } }`, "topK", new RegExp(`at most ${MAX_TOP_K}`));
    await refused(models.induction, `head(name: "1.0") { ov(topK: 0) { state } }`, "topK", /at least 1/);
    await refused(models.induction, `head(name: "1.0") { ov(perSource: ${MAX_PER_SOURCE + 1}) { state } }`, "perSource", new RegExp(`at most ${MAX_PER_SOURCE}`));
    await refused(models.induction, `head(name: "1.0") { qk(topK: ${MAX_TOP_K + 1}) { state } }`, "topK", /at most/);
    await refused(models.induction, `head(name: "1.0") { skipTrigrams(topK: ${MAX_TOP_K + 1}) { state } }`, "topK", /at most/);
    await refused(models.induction, `directPath(topK: ${MAX_TOP_K + 1}) { state }`, "topK", /at most/);
    await refused(models.induction, `composition(kind: K, top: -1) { state }`, "top", /at least 0/);
  });

  it("hides a model's circuits from a non-member of its private team (model is null, nothing computed)", async () => {
    await t.db.model.update({ where: { id: models.uploaded.modelId }, data: { visibility: "PRIVATE" } });
    const before = await t.db.analysisResult.count();
    const r = await gql<Any>(t.db, outsider, `query($id: ID!) { model(id: $id) { head(name: "1.0") { ov { state } } } }`, { id: models.uploaded.modelId });
    expect(r.errors).toBeUndefined();
    expect(r.data!.model).toBeNull();
    expect(await t.db.analysisResult.count()).toBe(before);
    await t.db.model.update({ where: { id: models.uploaded.modelId }, data: { visibility: "TEAM" } });
  });
});

describe("the analysis rate limit on circuit fields", () => {
  it("charges each computation of a circuit field to the account, refusing the one over the limit with RATE_LIMITED, and never charges a cached read", async () => {
    const server = createApolloServer({ expensivePerMinute: 1 });
    const ask = async (fields: string) => {
      const res = await server.executeOperation<Any>({ query: `query($id: ID!) { model(id: $id) { ${fields} } }`, variables: { id: models.induction.modelId } }, { contextValue: { db: t.db, actor: owner } });
      if (res.body.kind !== "single") throw new Error("expected a single result");
      return res.body.singleResult;
    };
    const first = await ask(`head(name: "0.1") { ov(topK: 7) { state } }`);
    expect(first.errors).toBeUndefined();
    const over = await ask(`head(name: "0.1") { qk(topK: 7) { state } }`);
    expect(over.errors?.map((e) => e.extensions?.code)).toEqual(["RATE_LIMITED"]);
    const cached = await ask(`head(name: "0.1") { ov(topK: 7) { state cached } }`);
    expect(cached.errors).toBeUndefined();
    expect(cached.data!.model.head.ov).toEqual({ state: "READY", cached: true });
  });
});

