// The Head analysis fields over GraphQL (graphql/modules/circuits) on the demo models and an
// uploaded 2-layer model: every value equals the engine function that defines it, called directly
// on the same safetensors bytes (lib/engine/circuits), so this checks argument handling, the
// analysis cache, the FloatTensor encoding and token text — the numbers themselves are checked by
// the engine's own tests against independent computations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeTensor, type TensorJson } from "@/lib/analysis/tensor-json";
import type { Actor } from "@/lib/auth/policy";
import { ensureDemoAccount } from "@/lib/db/demo";
import { compositionBaseline, compositionScores } from "@/lib/engine/circuits/composition";
import { embedGram, ovCopyingScores, qkPositivityScores } from "@/lib/engine/circuits/eigen";
import { circuitTopK, fullOV, fullQK, headOV, headQK } from "@/lib/engine/circuits/qk-ov";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { subspaceOverlap } from "@/lib/engine/circuits/virtual";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { circuitModels, liftAnalysisRateLimit, type CircuitModel } from "./circuits-setup";
import { gql } from "./harness";

const t = useTestDatabase();
liftAnalysisRateLimit();
const k = tsKernels;
const passwordDir = mkdtempSync(path.join(tmpdir(), "cb-circuits-"));
afterAll(() => rmSync(passwordDir, { recursive: true, force: true }));

let owner: Actor;
let models: Awaited<ReturnType<typeof circuitModels>>;
let layered: CircuitModel[];

beforeAll(async () => {
  await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(passwordDir, "pw") });
  owner = await createTestUser(t.db, "owner");
  models = await circuitModels(t.db, owner);
  layered = [models.skip, models.induction, models.uploaded];
});

const HEAD = `query($id: ID!, $name: String!) { model(id: $id) { head(name: $name) {
  name
  ov(topK: 5, perSource: 2, bottomK: 3) { state cached message result { top { row col value rowToken { id text } colToken { id text } } bottom { row col value } perSource { values { shape dtype base64 } indices { shape dtype base64 } } } }
  qk(topK: 4) { state result { positional top { row col value rowToken { id } } } }
  qkPos: qk(topK: 3, positional: true) { state result { positional top { row col value rowToken { id } } } }
  ovEig: eigenvalues(circuit: OV) { state result { circuit re im positivity } }
  qkEig: eigenvalues(circuit: QK_TOKEN) { state result { re im positivity } }
  posEig: eigenvalues(circuit: QK_POSITIONAL) { state result { re im positivity } }
  ovS: singularValues(circuit: OV) { state result { values } }
  qkS: singularValues(circuit: QK) { state result { values } }
  skipTrigrams(topK: 4) { state result { source { id text } destination { id } output { id } score qk ov } }
  composesWith(kind: K) { state result { head direction score relative zScore } }
  subspaceOverlap(with: "0.0", side: O, withSide: K) { state result { with overlap cosines angles } }
} } }`;

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function head(m: CircuitModel, name: string): Promise<Any> {
  const r = await gql<Any>(t.db, owner, HEAD, { id: m.modelId, name });
  expect(r.errors).toBeUndefined();
  return r.data!.model.head;
}

const plain = (es: { row: number; col: number; value: number }[]) => es.map((e) => ({ row: e.row, col: e.col, value: e.value }));
const floats = (x: TensorJson) => Array.from(decodeTensor(x).data);

function lastHead(m: CircuitModel): [number, number, string] {
  const l = m.engine.config.n_layers - 1;
  const h = m.engine.config.n_heads - 1;
  return [l, h, `${l}.${h}`];
}

describe("Head analysis fields", () => {
  it("answer every field READY on the 1-layer and 2-layer demos and the uploaded model, equal to the engine's functions", async () => {
    for (const m of layered) {
      const [l, h, name] = lastHead(m);
      const got = await head(m, name);
      const w = m.engine.weights;
      for (const f of ["ov", "qk", "qkPos", "ovEig", "qkEig", "posEig", "ovS", "qkS", "skipTrigrams", "composesWith", "subspaceOverlap"]) expect(got[f].state, `${m.name} ${f}`).toBe("READY");

      const ovThin = await fullOV(w, l, h, { kernels: k });
      expect(plain(got.ov.result.top), m.name).toEqual(plain((await circuitTopK(ovThin, 5, { kernels: k })).entries));
      expect(plain(got.ov.result.bottom)).toEqual(plain((await circuitTopK(ovThin, 3, { kernels: k, smallest: true })).entries));
      const rows = await k.matmulTopKRows(ovThin.left, ovThin.rightT, ovThin.rows, ovThin.d_head, ovThin.cols, 2, { transB: true });
      expect(got.ov.result.perSource.values.shape).toEqual([m.engine.config.d_vocab, 2]);
      expect(floats(got.ov.result.perSource.values)).toEqual(Array.from(rows.values));
      expect(floats(got.ov.result.perSource.indices)).toEqual(Array.from(rows.indices));
      const text = (id: number) => m.tokenizer?.tokenString(id) ?? String(id);
      for (const e of got.ov.result.top) expect([e.rowToken.text, e.colToken.text]).toEqual([text(e.row), text(e.col)]);

      expect(got.qk.result.positional).toBe(false);
      expect(plain(got.qk.result.top)).toEqual(plain((await circuitTopK(await fullQK(w, l, h, { kernels: k }), 4, { kernels: k })).entries));
      expect(got.qkPos.result.positional).toBe(true);
      expect(got.qkPos.result.top[0].rowToken).toBeNull();
      expect(plain(got.qkPos.result.top)).toEqual(plain((await circuitTopK(await fullQK(w, l, h, { kernels: k, positional: true }), 3, { kernels: k })).entries));

      const H = m.engine.config.n_heads;
      const ovSpec = await ovCopyingScores(w, { kernels: k });
      expect(got.ovEig.result).toEqual({ circuit: "OV", re: Array.from(ovSpec.eigenvalues[l][h].re), im: Array.from(ovSpec.eigenvalues[l][h].im), positivity: ovSpec.scores[l * H + h] });
      const qkSpec = await qkPositivityScores(w, "token", { kernels: k, gram: await embedGram(w.W_E, k) });
      expect(got.qkEig.result.positivity).toBe(qkSpec.scores[l * H + h]);
      expect(got.qkEig.result.re).toEqual(Array.from(qkSpec.eigenvalues[l][h].re));
      const posSpec = await qkPositivityScores(w, "positional", { kernels: k, gram: await embedGram(w.W_pos, k) });
      expect(got.posEig.result.im).toEqual(Array.from(posSpec.eigenvalues[l][h].im));

      expect(got.ovS.result.values).toEqual(Array.from(headOV(w.blocks[l], h).singularValues()));
      expect(got.qkS.result.values).toEqual(Array.from(headQK(w.blocks[l], h).singularValues()));

      const tri = await skipTrigrams(w, l, h, 4, { kernels: k });
      expect(got.skipTrigrams.result.map((x: Any) => [x.source.id, x.destination.id, x.output.id, x.score, x.qk, x.ov])).toEqual(tri.map((x) => [x.source, x.destination, x.output, x.score, x.qk, x.ov]));

      const comp = await compositionScores(w.blocks, { kernels: k });
      const base = await compositionBaseline(m.engine.config.d_model, m.engine.config.d_head, { samples: 100, seed: 0, kernels: k });
      const n = m.engine.config.n_layers * H;
      const expected = [];
      for (let i = 0; i < l * H; i++) {
        const score = Math.fround(comp.K.data[i * n + l * H + h]);
        expected.push({ head: `${Math.floor(i / H)}.${i % H}`, direction: "READS_FROM", score, relative: score / base.mean, zScore: (score - base.mean) / base.std });
      }
      expected.sort((a, b) => b.relative - a.relative);
      expect(got.composesWith.result).toEqual(expected);

      const ovl = subspaceOverlap(w.blocks[l], h, "O", w.blocks[0], 0, "K");
      expect(got.subspaceOverlap.result).toEqual({ with: "0.0", overlap: ovl.overlap, cosines: Array.from(ovl.cosines), angles: Array.from(ovl.angles) });
    }
  });

  it("reads the second request of a field from the analysis cache", async () => {
    const [, , name] = lastHead(models.induction);
    const again = await head(models.induction, name);
    expect(again.ov.cached).toBe(true);
  });

  it("lists the writers an induction head reads its keys from, the previous-token head 0.0 first, well above the random baseline", async () => {
    const r = await gql<Any>(t.db, owner, `query($id: ID!) { model(id: $id) { head(name: "1.0") { composesWith(kind: K, min: 1.5) { state result { head direction relative } } } } }`, { id: models.induction.modelId });
    expect(r.errors).toBeUndefined();
    const list = r.data!.model.head.composesWith.result;
    expect(list[0]).toMatchObject({ head: "0.0", direction: "READS_FROM" });
    for (const e of list) expect(e.relative).toBeGreaterThanOrEqual(1.5);
  });
});
