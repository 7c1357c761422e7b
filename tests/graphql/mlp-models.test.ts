// Models with MLP blocks over GraphQL (issue 10): Model.attentionOnly, and the paper's head analyses
// still answering on their attention heads, every result flagged attentionOnly: false. Expected
// values come from the engine on the same file (skip-trigrams, OV) or from the fixture sizes.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import "@/lib/engine/linalg/kernels-ts";
import { loadModel } from "@/lib/engine/transformer/weights";
import { geluFile, GELU_CFG } from "@/tests/api/mlp-dt-models";
import { tinyModel } from "@/tests/api/tiny-model";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { expectClose } from "@/tests/helpers/tolerance";
import { gql } from "./harness";
import { storeFiles } from "./mlp-models.setup";

const t = useTestDatabase();
let owner: Actor;
let ids: Record<string, string>;

beforeAll(async () => {
  owner = await createTestUser(t.db, "mlp-owner");
  ids = await storeFiles(t.db, owner, { gelu: geluFile(), attn: tinyModel({ biases: true }) });
});

/** Every analysis envelope's common part; `result` is read per field. */
interface Env<R = unknown> { state: string; attentionOnly: boolean; message?: string | null; result: R }
interface Trigram { score: number; source: { id: number } }
interface HeadAnswer {
  model: {
    attentionOnly: boolean;
    config: { dMlp: number | null; actFn: string | null; nLayers: number };
    headReport: { status: string; attentionOnly: boolean; heads: { name: string }[] };
    head: Record<string, Env> & { skipTrigrams: Env<Trigram[]> };
    directPath: Env;
  };
}

const HEAD_QUERY = `query($id: ID!) { model(id: $id) {
  attentionOnly config { dMlp actFn nLayers }
  headReport { status attentionOnly message heads { name } }
  head(name: "0.1") {
    scores { state attentionOnly message result { previousToken ovCopying } }
    ov(topK: 3) { state attentionOnly message result { top { row col value } } }
    qk(topK: 3) { state attentionOnly result { top { value } } }
    eigenvalues { state attentionOnly result { re } }
    skipTrigrams(topK: 5) { state attentionOnly message result { score source { id } destination { id } output { id } } }
  }
  directPath(topK: 3) { state attentionOnly message }
} }`;

describe("a 1-layer GELU model with MLP and LayerNorm over GraphQL", () => {
  it("says attentionOnly false on the model and on every analysis, which all still answer on its heads", async () => {
    const r = await gql<HeadAnswer>(t.db, owner, HEAD_QUERY, { id: ids.gelu });
    expect(r.errors).toBeUndefined();
    const m = r.data!.model;
    expect(m.attentionOnly).toBe(false);
    expect(m.config).toEqual({ dMlp: GELU_CFG.d_mlp, actFn: "gelu", nLayers: 1 });
    expect(m.headReport).toMatchObject({ status: "READY", attentionOnly: false, heads: [{ name: "0.0" }, { name: "0.1" }] });
    for (const [field, a] of Object.entries(m.head)) {
      expect({ field, state: a.state, message: a.message ?? null, attentionOnly: a.attentionOnly }).toEqual({ field, state: "READY", message: null, attentionOnly: false });
    }
    expect(m.directPath).toMatchObject({ state: "READY", attentionOnly: false });

    const { header, tensors } = readSafetensors(geluFile());
    const engine = loadModel(tensors, { metadata: { ...header.metadata } });
    const want = await skipTrigrams(engine.weights, 0, 1, 5);
    expect(m.head.skipTrigrams.result.map((x) => x.source.id)).toEqual(want.map((x) => x.source));
    expectClose(m.head.skipTrigrams.result.map((x) => x.score), want.map((x) => x.score), { rel: 1e-5, abs: 1e-7 }, "skip-trigram scores");
  });

  it("runs a token prompt through the MLPs: patterns, logits, path expansion all flagged attentionOnly false", async () => {
    const r = await gql<{ run: { patterns: Env; logits: Env; pathExpansion: Env<{ terms: { kind: string }[] }> } }>(t.db, owner, `query($id: ID!) { run(modelId: $id, tokens: [1, 4, 2, 6]) {
      patterns(layer: 0) { state attentionOnly message result { dense { shape } } }
      logits(topK: 2) { state attentionOnly message result { top { values { shape } } } }
      pathExpansion(position: 3, target: 2) { state attentionOnly message result { terms { kind } } }
    } }`, { id: ids.gelu });
    expect(r.errors).toBeUndefined();
    const run = r.data!.run;
    expect(run.patterns).toMatchObject({ state: "READY", attentionOnly: false, result: { dense: { shape: [2, 4, 4] } } });
    expect(run.logits).toMatchObject({ state: "READY", attentionOnly: false, result: { top: { values: { shape: [4, 2] } } } });
    expect(run.pathExpansion).toMatchObject({ state: "READY", attentionOnly: false });
    expect(run.pathExpansion.result.terms.map((x) => x.kind)).toContain("mlp");
  });

  it("an attention-only model says attentionOnly true on the model and its results", async () => {
    const r = await gql<HeadAnswer>(t.db, owner, HEAD_QUERY, { id: ids.attn });
    expect(r.errors).toBeUndefined();
    const m = r.data!.model;
    expect(m.attentionOnly).toBe(true);
    expect(m.config.dMlp).toBeNull();
    expect(m.headReport.attentionOnly).toBe(true);
    expect(m.head.ov).toMatchObject({ state: "READY", attentionOnly: true });
  });
});
