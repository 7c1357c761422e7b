// The CLI's circuit commands on the hand-built induction model (tests/fixtures/circuits): analyze
// --tokens measures ARENA's stripe on the caller's tokens (checked against ARENA's definition
// `pattern.diagonal(offset=1-L).mean()` written out here on the forward pass's patterns), with L
// inferred from the repeat or given; direct-path against a dense float64 W_E W_U; skip-trigrams
// against the engine's definition; run --top-k against a sort of run's full logits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./run-cli";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { writeSafetensors } from "@/lib/engine/io/safetensors-writer";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { inductionModel, inductionTensors, V } from "@/tests/fixtures/circuits/hand-models";

let dir = "";
let modelPath = "";

beforeAll(async () => {
  process.env.CIRCUITBOARD_KERNELS = "ts";
  dir = await mkdtemp(join(tmpdir(), "circuitboard-cli-circuits-"));
  modelPath = join(dir, "induction.safetensors");
  const { tensors, config } = inductionTensors();
  await writeFile(modelPath, writeSafetensors(tensors, { config }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** ARENA 1.2 induction score of one [n, n] pattern: mean of the diagonal at offset 1 − L. */
function arenaStripe(p: ArrayLike<number>, n: number, L: number): number {
  let s = 0, count = 0;
  for (let q = L - 1; q < n; q++, count++) s += p[q * n + q - L + 1];
  return s / count;
}

async function tokensFile(name: string, seqs: number[][]): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, JSON.stringify(seqs));
  return p;
}

describe("circuitboard analyze --tokens", () => {
  // ARENA's generate_repeated_tokens: [BOS] r r with r random; BOS = 0 here, two lengths of r.
  const seqs = [[0, 7, 3, 9, 12, 5, 7, 3, 9, 12, 5], [0, 20, 4, 17, 20, 4, 17]];

  it("measures the ARENA stripe on the caller's tokens, L inferred from each sequence's repeat, exactly as ARENA defines it", async () => {
    const { code, out, err } = await cli(["analyze", modelPath, "--tokens", await tokensFile("rep.json", seqs), "--json", "--baseline-samples", "0"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.probes).toMatchObject({ detectorTokens: "caller", stripeRepeatLengths: [5, 3] });
    const model = inductionModel();
    const want = new Float64Array(4);
    for (const [b, s] of seqs.entries()) {
      const c = await runWithCache(model, s, { kernels: tsKernels });
      const n = s.length;
      for (let l = 0; l < 2; l++) for (let h = 0; h < 2; h++) want[l * 2 + h] += arenaStripe(c.pattern[l].data.subarray(h * n * n, (h + 1) * n * n), n, [5, 3][b]) / seqs.length;
    }
    r.heads.forEach((h: { inductionStripe: number }, i: number) => expect(h.inductionStripe).toBeCloseTo(want[i], 6));
    // The hand-built induction head 1.0 finds every second-repeat target: well above the distractors.
    expect(r.heads[2].inductionStripe).toBeGreaterThan(0.6);
    expect(r.heads[3].inductionStripe).toBeLessThan(0.3);
  });

  it("uses --repeat-length as the stripe's L when given, and refuses tokens with no repeat and no L", async () => {
    const given = await cli(["analyze", modelPath, "--tokens", await tokensFile("rep2.json", [seqs[0]]), "--repeat-length", "2", "--json", "--baseline-samples", "0"]);
    expect(given.code).toBe(0);
    const r = JSON.parse(given.out);
    expect(r.probes.stripeRepeatLengths).toEqual([2]);
    const c = await runWithCache(inductionModel(), seqs[0], { kernels: tsKernels });
    const n = seqs[0].length;
    expect(r.heads[2].inductionStripe).toBeCloseTo(arenaStripe(c.pattern[1].data.subarray(0, n * n), n, 2), 6);

    const none = await cli(["analyze", modelPath, "--tokens", await tokensFile("norep.json", [[1, 2, 3, 4]]), "--json"]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("sequence 0 does not end in a block repeated twice");
    expect(none.err).toContain("--repeat-length");
    const tooLong = await cli(["analyze", modelPath, "--tokens", await tokensFile("short.json", [[1, 2, 3]]), "--repeat-length", "2", "--json"]);
    expect(tooLong.code).toBe(2);
    expect(tooLong.err).toContain("--repeat-length 2 does not fit sequence 0 of 3 tokens");
  });
});

describe("circuitboard direct-path, skip-trigrams, run --top-k", () => {
  it("direct-path prints the largest W_E W_U entries overall and per input token, as a dense float64 product ranks them", async () => {
    const { code, out } = await cli(["direct-path", modelPath, "--top-k", "5", "--per-token", "2", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    const m = inductionModel();
    const { d_model: D, d_vocab } = m.config;
    const WE = m.weights.W_E.data, WU = m.weights.W_U.data;
    const dense: { input: number; next: number; value: number }[] = [];
    for (let i = 0; i < d_vocab; i++) for (let j = 0; j < d_vocab; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += WE[i * D + d] * WU[d * d_vocab + j];
      dense.push({ input: i, next: j, value: s });
    }
    dense.sort((a, b) => b.value - a.value || a.input - b.input || a.next - b.next);
    expect(r.top.map((e: { value: number }) => e.value)).toEqual(dense.slice(0, 5).map((e) => Math.fround(e.value)));
    // The fixture's direct path is the identity on tokens: every top bigram is t → t with value 1.
    for (const e of r.top) expect(e).toEqual({ input: e.next, next: e.next, value: 1 });
    expect(r.perToken).toHaveLength(V);
    expect(r.perToken[7][0]).toEqual({ next: 7, value: 1 });
    const big = await cli(["direct-path", modelPath, "--top-k", "1001"]);
    expect(big.code).toBe(2);
    expect(big.err).toContain("--top-k must be at most 1000");
  });

  it("skip-trigrams prints one head's or every head's top triples as skipTrigrams ranks them", async () => {
    const one = JSON.parse((await cli(["skip-trigrams", modelPath, "--head", "1.0", "--top-k", "4", "--json"])).out);
    const want = await skipTrigrams(inductionModel().weights, 1, 0, 4, { kernels: tsKernels });
    expect(one.heads).toEqual([{ head: "1.0", trigrams: want.map((t) => ({ ...t })) }]);
    const all = await cli(["skip-trigrams", modelPath, "--top-k", "2", "--json"]);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out).heads.map((h: { head: string }) => h.head)).toEqual(["0.0", "0.1", "1.0", "1.1"]);
    expect((await cli(["skip-trigrams", modelPath, "--head", "3.0"])).code).toBe(2);
  });

  it("run --top-k prints the K largest logits per position instead of the full [pos][vocab]", async () => {
    const full = JSON.parse((await cli(["run", modelPath, "--tokens", "4,5,4", "--json"])).out);
    const { code, out } = await cli(["run", modelPath, "--tokens", "4,5,4", "--top-k", "3", "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.logits).toBeUndefined();
    expect(r.patterns).toEqual(full.patterns);
    r.top.forEach((row: { token: number; logit: number }[], p: number) => {
      const order = full.logits[p].map((v: number, j: number) => [v, j]).sort((a: number[], b: number[]) => b[0] - a[0] || a[1] - b[1]).slice(0, 3);
      expect(row).toEqual(order.map(([logit, token]: number[]) => ({ token, logit })));
    });
    expect(r.top[2][0]).toEqual({ token: 4, logit: expect.closeTo(1.5, 5) });
  });
});
