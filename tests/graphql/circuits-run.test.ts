// Query.run → ForwardRun over GraphQL on the demo models and an uploaded 2-layer model: tokens come
// from the model's tokenizer, patterns and logits equal the engine's forward pass on the same bytes,
// the path expansion's contributions add up to the model's logit and equal termLogit, term importance
// equals the engine's; prompts over n_ctx, unknown layers/heads and topK over its cap are BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MAX_LOGITS_TOP_K, MAX_PROMPT_CHARS } from "@/lib/analysis/kinds/limits";
import { decodeTensor } from "@/lib/analysis/tensor-json";
import type { Actor } from "@/lib/auth/policy";
import { ensureDemoAccount } from "@/lib/db/demo";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { pathExpansion, termImportance, termLogit } from "@/lib/engine/transformer/path-expansion";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { circuitModels, liftAnalysisRateLimit, type CircuitModel } from "./circuits-setup";
import { codes, gql } from "./harness";

const t = useTestDatabase();
liftAnalysisRateLimit();
const k = tsKernels;
const passwordDir = mkdtempSync(path.join(tmpdir(), "cb-circuits-run-"));
afterAll(() => rmSync(passwordDir, { recursive: true, force: true }));

let owner: Actor;
let models: Awaited<ReturnType<typeof circuitModels>>;

beforeAll(async () => {
  await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(passwordDir, "pw") });
  owner = await createTestUser(t.db, "owner");
  models = await circuitModels(t.db, owner);
});

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RUN = `query($id: ID!, $prompt: String, $tokens: [Int!], $layer: Int!, $pos: Int!, $target: Int!) {
  run(modelId: $id, prompt: $prompt, tokens: $tokens) {
    version tokens { id text }
    patterns(layer: $layer) { state result { layer head dense { shape base64 dtype } topK { values { shape } } } }
    one: patterns(layer: $layer, head: 1) { state result { head dense { shape base64 dtype } } }
    sparse: patterns(layer: $layer, head: 0, topK: 2) { state result { dense { shape } topK { values { shape base64 dtype } indices { shape base64 dtype } } } }
    logits(topK: 3) { state result { positions { position predictions { token { id text } logit } } top { values { shape base64 dtype } indices { shape base64 dtype } } } }
    at: logits(position: $pos, topK: 2) { state result { positions { position predictions { token { id } logit } } } }
    logProbs { state result { nextToken { shape base64 dtype } loss } }
    pathExpansion(position: $pos, target: $target) { state result { position target { id } logit terms { term kind heads contribution } } }
    termImportance { state result { loss terms { term kind lossIncrease } } }
  } }`;

async function run(m: CircuitModel, vars: Record<string, unknown>) {
  return gql<Any>(t.db, owner, RUN, { id: m.modelId, layer: m.engine.config.n_layers - 1, pos: 0, target: 0, ...vars });
}

/** Top-k of a row by sorting (an independent reference for the kernels' rowTopK). */
function sortedTop(row: Float32Array, kk: number): number[] {
  return Array.from(row.keys()).sort((a, b) => row[b] - row[a] || a - b).slice(0, kk);
}

describe("Query.run", () => {
  it("runs a prompt through the model's tokenizer and answers every ForwardRun field as the engine's forward pass on the same bytes", async () => {
    for (const m of [models.induction, models.skip]) {
      const tok = m.tokenizer!;
      const prompt = tok.decode([1, 2, 3, 4, 1, 2, 3].map((i) => i % m.engine.config.d_vocab));
      const ids = tok.encode(prompt);
      const n = ids.length;
      const target = ids[n - 1];
      const r = await run(m, { prompt, pos: n - 2, target });
      expect(r.errors, m.name).toBeUndefined();
      const got = r.data!.run;
      expect(got.tokens).toEqual(ids.map((id) => ({ id, text: tok.tokenString(id) })));
      const c = await runWithCache(m.engine, ids, { kernels: k });
      const H = m.engine.config.n_heads;
      const L = m.engine.config.n_layers - 1;
      const V = m.engine.config.d_vocab;

      expect(got.patterns.result.dense.shape).toEqual([H, n, n]);
      expect(Array.from(decodeTensor(got.patterns.result.dense).data)).toEqual(Array.from(c.pattern[L].data));
      expect(got.one.result.head).toBe(1);
      expect(Array.from(decodeTensor(got.one.result.dense).data)).toEqual(Array.from(c.pattern[L].data.subarray(n * n, 2 * n * n)));
      const sv = decodeTensor(got.sparse.result.topK.values);
      const si = decodeTensor(got.sparse.result.topK.indices);
      expect(sv.shape).toEqual([n, 2]);
      expect(got.sparse.result.dense).toBeNull();
      for (let q = 0; q < n; q++) {
        const row = Float32Array.from(c.pattern[L].data.subarray(q * n, (q + 1) * n));
        const want = sortedTop(row, Math.min(2, n));
        expect(Array.from(si.data.subarray(q * 2, q * 2 + want.length))).toEqual(want);
        expect(Array.from(sv.data.subarray(q * 2, q * 2 + want.length))).toEqual(want.map((j) => row[j]));
      }

      const logits = c.logits.data as Float32Array;
      expect(got.logits.result.positions).toHaveLength(n);
      for (let p = 0; p < n; p++) {
        const row = logits.subarray(p * V, (p + 1) * V);
        expect(got.logits.result.positions[p].predictions).toEqual(sortedTop(row, 3).map((id) => ({ token: { id, text: tok.tokenString(id) }, logit: row[id] })));
      }
      expect(got.at.result.positions.map((x: Any) => x.position)).toEqual([n - 2]);

      const lp = Array.from(decodeTensor(got.logProbs.result.nextToken).data);
      const logProbs = c.log_probs!.data;
      for (let p = 0; p < n - 1; p++) expect(lp[p]).toBeCloseTo(logProbs[p * V + ids[p + 1]], 4);
      expect(got.logProbs.result.loss).toBeCloseTo(-lp.reduce((a, b) => a + b, 0) / (n - 1), 5);

      const pe = got.pathExpansion.result;
      const terms = await pathExpansion(m.engine, c, k);
      expect(pe.logit).toBe(logits[(n - 2) * V + target]);
      expect(pe.terms).toEqual(terms.map((x) => ({ term: x.name, kind: x.kind, heads: [...x.heads], contribution: termLogit(m.engine, c, x, n - 2, target) })));
      const sum = pe.terms.reduce((a: number, x: Any) => a + x.contribution, 0);
      expect(sum).toBeCloseTo(pe.logit, 3);
      if (m.engine.config.n_layers === 2) expect(pe.terms.some((x: Any) => x.kind === "virtual")).toBe(true);

      const ti = await termImportance(m.engine, c, terms, k);
      expect(got.termImportance.result).toEqual({ loss: ti.loss, terms: ti.terms.map((x) => ({ term: x.name, kind: x.kind, lossIncrease: x.lossIncrease })) });
    }
  });

  it("runs token ids on the uploaded 2-layer model (no tokenizer: ids as text)", async () => {
    const ids = [0, 3, 1, 3];
    const r = await run(models.uploaded, { tokens: ids, pos: 3, target: 2 });
    expect(r.errors).toBeUndefined();
    expect(r.data!.run.tokens).toEqual(ids.map((id) => ({ id, text: String(id) })));
    const c = await runWithCache(models.uploaded.engine, ids, { kernels: k });
    expect(Array.from(decodeTensor(r.data!.run.patterns.result.dense).data)).toEqual(Array.from(c.pattern[1].data));
    expect(r.data!.run.pathExpansion.result.logit).toBe(c.logits.data[3 * 5 + 2]);
  });
});

describe("limits of Query.run", () => {
  async function refused(m: CircuitModel, vars: Record<string, unknown>, arg: string, pattern: RegExp, query = RUN) {
    const before = await t.db.analysisResult.count();
    const r = await gql<Any>(t.db, owner, query, { id: m.modelId, layer: 0, pos: 0, target: 0, ...vars });
    expect(codes(r)[0]).toBe("BAD_USER_INPUT");
    expect(r.errors![0].message).toMatch(pattern);
    expect(JSON.stringify(r.errors![0].extensions?.inputErrors)).toContain(arg);
    expect(await t.db.analysisResult.count()).toBe(before);
  }

  it("refuses a prompt longer than n_ctx, naming n_ctx, and token ids over n_ctx or outside d_vocab", async () => {
    const m = models.induction;
    const { n_ctx, d_vocab } = m.engine.config;
    const long = m.tokenizer!.decode(Array.from({ length: n_ctx + 1 }, (_, i) => i % d_vocab));
    await refused(m, { prompt: long }, "prompt", new RegExp(`${n_ctx + 1} tokens, more than the model's n_ctx = ${n_ctx}`));
    await refused(m, { tokens: Array.from({ length: n_ctx + 1 }, () => 0) }, "tokens", /more than the model's n_ctx/);
    await refused(m, { tokens: [0, d_vocab] }, "tokens", new RegExp(`token ${d_vocab} at position 1 is not an id`));
    await refused(m, { prompt: "x".repeat(MAX_PROMPT_CHARS + 1) }, "prompt", new RegExp(`at most ${MAX_PROMPT_CHARS} characters`));
    await refused(m, {}, "prompt", /exactly one of prompt and tokens/);
  });

  it("refuses an unknown layer or head, a position outside the tokens and a topK over its cap", async () => {
    const m = models.induction;
    const q = (f: string) => `query($id: ID!) { run(modelId: $id, tokens: [1, 2, 3]) { ${f} } }`;
    await refused(m, {}, "layer", /layer 2 does not exist/, q(`patterns(layer: 2) { state }`));
    await refused(m, {}, "head", /head 5 does not exist/, q(`patterns(layer: 0, head: 5) { state }`));
    await refused(m, {}, "position", /position 3 is outside the 3 tokens/, q(`logits(position: 3) { state }`));
    await refused(m, {}, "topK", new RegExp(`at most ${MAX_LOGITS_TOP_K}`), q(`logits(topK: ${MAX_LOGITS_TOP_K + 1}) { state }`));
    await refused(m, {}, "target", /target 99999 is not a token id/, q(`pathExpansion(position: 0, target: 99999) { state }`));
  });
});
