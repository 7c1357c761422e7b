// The shipped demo models (models/<name>/): files, sizes and readable vocabularies; each model's
// circuit claim checked with the analysis engine on the shipped bytes, against independent counts
// or behaviour; and bit-for-bit reproduction of the smallest demo by retraining it.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "@/lib/engine/linalg/kernels-ts";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { loadModel } from "@/lib/engine/transformer/weights";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { bigramTopK } from "@/lib/engine/circuits/bigrams";
import { skipTrigrams } from "@/lib/engine/circuits/skip-trigrams";
import { headReport } from "@/lib/engine/circuits/report";
import { DEMO_SPECS, trainDemo, type DemoName } from "@/lib/engine/train/demos";
import { CORPUS } from "@/lib/engine/train/tasks/corpus";
import { DEFAULT_RULES } from "@/lib/engine/train/tasks/skip-trigram";

const dir = (name: DemoName) => join(__dirname, "../../../models", name);

/** The demos that read a token vocabulary (the decision transformer reads typed inputs and has none). */
const TOKEN_DEMOS = (Object.keys(DEMO_SPECS) as DemoName[]).filter((n) => DEMO_SPECS[n].tokenizer !== false);

function load(name: DemoName) {
  const bytes = new Uint8Array(readFileSync(join(dir(name), "model.safetensors")));
  const { header, tensors } = readSafetensors(bytes, { copy: true });
  const vocab = DEMO_SPECS[name].tokenizer === false ? [] : (JSON.parse(readFileSync(join(dir(name), "tokenizer.json"), "utf8")) as string[]);
  const card = JSON.parse(readFileSync(join(dir(name), "card.json"), "utf8"));
  return { bytes, header, model: loadModel(tensors, { metadata: header.metadata }), vocab, card };
}

describe("shipped demo models", () => {
  it("gridworld-dt-1l: is a decision transformer under 1 MB with no tokenizer, its card matching its metadata", () => {
    const size = ["model.safetensors", "card.json"].reduce((s, f) => s + statSync(join(dir("gridworld-dt-1l"), f)).size, 0);
    expect(size).toBeLessThan(1024 * 1024);
    const { header, model, card } = load("gridworld-dt-1l");
    expect(model.dt?.spec.state.grid).toMatchObject({ width: 5, height: 5, channels: ["agent"] });
    expect(card.config).toEqual(JSON.parse(header.metadata.config));
    expect(card.config.attn_only).toBe(true);
    expect(card.training.seed).toBe(DEMO_SPECS["gridworld-dt-1l"].training.seed);
    expect(card.losses.eval).toBeLessThan(Math.log(4));
  });

  for (const name of TOKEN_DEMOS) {
    it(`${name}: is at most 2 MB, has a readable string vocabulary of d_vocab entries and a card matching its metadata`, () => {
      const size = ["model.safetensors", "tokenizer.json", "card.json"].reduce((s, f) => s + statSync(join(dir(name), f)).size, 0);
      expect(size).toBeLessThanOrEqual(2 * 1024 * 1024);
      const { header, model, vocab, card } = load(name);
      expect(vocab.length).toBe(model.config.d_vocab);
      for (const t of vocab) expect(typeof t === "string" && t.length > 0 && !/[\u0000-\u001f]/.test(t)).toBe(true);
      expect(card.config).toEqual(JSON.parse(header.metadata.config));
      expect(card.config.n_layers).toBe(DEMO_SPECS[name].config.n_layers);
      expect(card.training.seed).toBe(DEMO_SPECS[name].training.seed);
      expect(Number.isFinite(card.losses.trainFinal) && Number.isFinite(card.losses.eval)).toBe(true);
      expect(Math.max(card.losses.trainFinal, card.losses.eval)).toBeLessThan(Math.log(vocab.length));
    });
  }

  it("bigram-0l: the direct path's top next token (engine bigramTopK) is the corpus's most frequent successor of every common character", async () => {
    const { model, vocab } = load("bigram-0l");
    // Independent count over the corpus string itself (character pairs), not through the tokenizer.
    const counts = new Map<string, Map<string, number>>();
    for (let i = 0; i + 1 < CORPUS.length; i++) {
      const row = counts.get(CORPUS[i]) ?? new Map<string, number>();
      row.set(CORPUS[i + 1], (row.get(CORPUS[i + 1]) ?? 0) + 1);
      counts.set(CORPUS[i], row);
    }
    const top = await bigramTopK(model.weights, 1);
    let checked = 0;
    for (const [a, row] of counts) {
      const sorted = [...row.entries()].sort((x, y) => y[1] - x[1]);
      const total = sorted.reduce((s, [, c]) => s + c, 0);
      // Clear winners only: seen ≥ 10 times and the top successor ≥ 1.2 × the runner-up.
      if (total < 10 || (sorted[1] && sorted[0][1] < 1.2 * sorted[1][1])) continue;
      checked++;
      expect(vocab[top.perRow!.indices[vocab.indexOf(a)]], `after ${JSON.stringify(a)}`).toBe(sorted[0][0]);
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it("skip-trigram-1l: every planted rule is among a head's top-20 skip-trigrams (engine skipTrigrams), and the model completes it", async () => {
    const { model, vocab } = load("skip-trigram-1l");
    const lists = [];
    for (let h = 0; h < model.config.n_heads; h++) lists.push(await skipTrigrams(model.weights, 0, h, 20));
    for (const r of DEFAULT_RULES) {
      const [s, d, o] = [r.source, r.destination, r.output].map((w) => vocab.indexOf(w));
      const found = lists.some((l) => l.some((t) => t.source === s && t.destination === d && t.output === o));
      expect(found, `${r.source} … ${r.destination} → ${r.output}`).toBe(true);
      // Behaviour: "the <source> and the old <destination>" → the model's top next token is the output.
      const tokens = ["the", r.source, "and", "the", "old", r.destination].map((w) => vocab.indexOf(w));
      const c = await runWithCache(model, tokens, { logProbs: false });
      const last = c.logits.data.subarray((tokens.length - 1) * vocab.length, tokens.length * vocab.length);
      expect(vocab[last.indexOf(Math.max(...last))]).toBe(r.output);
    }
  });

  it("induction-2l: the engine labels a layer-0 previous-token head and a layer-1 induction head whose K-composition partner is that head", async () => {
    const { model } = load("induction-2l");
    const report = await headReport(model, { seed: 0, baselineSamples: 10 });
    const label = (name: string, l: string) => report.heads.find((h) => h.name === name)!.labels.find((x) => x.label === l);
    const prevHeads = report.heads.filter((h) => h.layer === 0 && label(h.name, "previous-token")).map((h) => h.name);
    expect(prevHeads.length).toBeGreaterThan(0);
    const induction = report.heads.filter((h) => h.layer === 1 && label(h.name, "induction"));
    expect(induction.length).toBeGreaterThan(0);
    const l = label(induction[0].name, "induction")!;
    expect(l.mechanism).toBe("k-composition");
    expect(prevHeads).toContain(l.partner);
  });

  it("bigram-0l: retraining from its spec reproduces the shipped safetensors bit for bit", () => {
    const shipped = new Uint8Array(readFileSync(join(dir("bigram-0l"), "model.safetensors")));
    const again = trainDemo(DEMO_SPECS["bigram-0l"]).safetensors;
    expect(again.length).toBe(shipped.length);
    expect(Buffer.from(again).equals(Buffer.from(shipped))).toBe(true);
  });
});
