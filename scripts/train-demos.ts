/**
 * `npm run train:demos`: trains the three demo models from their fixed specs (lib/engine/train/demos)
 * and writes models/<name>/{model.safetensors, tokenizer.json, card.json} (no tokenizer.json for the
 * decision transformer, which reads typed inputs, not tokens).
 * Rule: the files depend only on the specs and the engine, so a re-run on the same machine rewrites
 * them byte for byte (wall-clock times are printed, never written). `--only <name>` trains one demo.
 * `--bench-induction` instead measures how long a 2-layer, 4-head, d_model 64 model takes to form
 * an induction head on the repeated-sequences task (wall and CPU seconds; the machine is shared).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_SPECS, trainDemo, type DemoName, type TrainedDemo } from "../lib/engine/train/demos";
import { readSafetensors } from "../lib/engine/io/safetensors";
import { vocabJson } from "../lib/engine/train/export";
import { bigramReport, gridworldReport, inductionReport, loadDemoModel, skipTrigramReport } from "../lib/engine/train/demo-report";
import type { SkipTrigramRule } from "../lib/engine/train/tasks/skip-trigram";
import { CORPUS } from "../lib/engine/train/tasks/corpus";
import { repeatedSequencesTask } from "../lib/engine/train/tasks/repeated";
import { trainSync } from "../lib/engine/train/train";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const round = (x: number) => Math.round(x * 1e6) / 1e6;

async function engineReport(d: TrainedDemo): Promise<Record<string, unknown>> {
  const model = loadDemoModel(d.safetensors);
  if (d.spec.name === "gridworld-dt-1l") return { kind: "decision-transformer", ...(await gridworldReport(model)) };
  if (d.spec.name === "bigram-0l") {
    const ids = (d.task as unknown as { ids: Int32Array }).ids;
    return { kind: "bigrams", ...(await bigramReport(model, ids, d.vocab)) };
  }
  if (d.spec.name === "skip-trigram-1l") {
    const rules = (d.task as unknown as { rules: SkipTrigramRule[] }).rules;
    return { kind: "skip-trigrams", ...(await skipTrigramReport(model, d.vocab, rules)) };
  }
  const r = await inductionReport(model);
  return {
    kind: "head-report",
    previousTokenHeads: r.previousTokenHeads,
    inductionHeads: r.inductionHeads,
    heads: r.report.heads,
    composition: { K: r.report.composition.K },
    probes: r.report.probes,
  };
}

function corpusDescription(d: TrainedDemo): string {
  if (d.spec.name === "bigram-0l") return `The repository's own short English corpus (lib/engine/train/tasks/corpus.ts, ${CORPUS.length} characters, written for this project and dedicated to the public domain), character-level. ${d.task.description}`;
  return d.task.description;
}

/** Trains until the probe shows a layer-0 previous-token head and a layer-1 induction head (both ≥ 0.4). */
function benchInduction(): void {
  const task = repeatedSequencesTask();
  const cpu0 = process.cpuUsage();
  let formed: string | undefined;
  const r = trainSync({
    config: { n_layers: 2, n_heads: 4, d_model: 64, d_head: 16, d_vocab: task.vocab.length, n_ctx: 24, positional_embedding_type: "shortformer", biases: false },
    task, steps: 3000, batchSize: 32, seed: 1, lr: 1e-2, scoreEvery: 25,
    onProgress: (e) => {
      if (!e.headScores) return;
      const prev = Math.max(...e.headScores.filter((h) => h.layer === 0).map((h) => h.previousToken));
      const ind = Math.max(...e.headScores.filter((h) => h.layer === 1).map((h) => h.induction));
      const cpu = process.cpuUsage(cpu0);
      console.log(`step ${e.step} loss ${e.loss.toFixed(3)} icl ${e.icl.toFixed(3)} prev(L0) ${prev.toFixed(2)} induction(L1) ${ind.toFixed(2)} wall ${(e.elapsedMs / 1000).toFixed(1)} s cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
      if (prev >= 0.4 && ind >= 0.4) {
        formed = `induction head formed at step ${e.step}: wall ${(e.elapsedMs / 1000).toFixed(1)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`;
        return false;
      }
    },
  });
  console.log(formed ?? `no induction head after ${r.stepsDone} steps`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--bench-induction")) return benchInduction();
  const i = process.argv.indexOf("--only");
  const names = (i >= 0 ? [process.argv[i + 1]] : Object.keys(DEMO_SPECS)) as DemoName[];
  for (const name of names) {
    const spec = DEMO_SPECS[name];
    if (!spec) throw new RangeError(`train:demos: unknown demo ${name}; known: ${Object.keys(DEMO_SPECS).join(", ")}`);
    const t0 = Date.now();
    const d = trainDemo(spec, (e) => {
      if (e.step % 250 === 0 || e.step === e.totalSteps) {
        const hs = e.headScores ? " " + e.headScores.map((h) => `${h.name}:prev ${h.previousToken.toFixed(2)} ind ${h.induction.toFixed(2)}`).join(", ") : "";
        console.log(`${name} step ${e.step}/${e.totalSteps} loss ${e.loss.toFixed(4)} icl ${e.icl.toFixed(3)}${hs}`);
      }
    });
    const seconds = (Date.now() - t0) / 1000;
    const report = await engineReport(d);
    const card = {
      name,
      purpose: spec.purpose,
      task: d.task.name,
      corpus: corpusDescription(d),
      // The config the shipped file declares (a decision transformer's differs from its training token model's).
      config: JSON.parse(readSafetensors(d.safetensors).header.metadata.config) as Record<string, unknown>,
      biases: d.config.biases,
      training: {
        ...spec.training,
        optimizer: "AdamW (decoupled weight decay on W_* only), linear warm-up then cosine decay to minLrRatio·lr, global grad-norm clip",
        init: "TransformerLens init_weights 'gpt2' mode: W_* ~ N(0, (0.8/sqrt(d_model))²), biases 0; mulberry32 seeded",
        precision: "float64 training, float32 weights on disk",
        trainedBy: "npm run train:demos (scripts/train-demos.ts, lib/engine/train)",
      },
      losses: {
        trainFinal: round(d.losses.trainFinal), eval: round(d.losses.eval), evalTokens: d.losses.evalTokens,
        unit: d.task.lossMask ? "nats per action (cross-entropy of the action after each state before the goal)" : "nats per token (next-token cross-entropy)",
      },
      engineReport: report,
    };
    const dir = join(root, "models", name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "model.safetensors"), d.safetensors);
    if (spec.tokenizer !== false) writeFileSync(join(dir, "tokenizer.json"), vocabJson(d.vocab));
    writeFileSync(join(dir, "card.json"), JSON.stringify(card, null, 2) + "\n");
    console.log(`${name}: ${d.result.stepsDone} steps in ${seconds.toFixed(1)} s, final train loss ${d.losses.trainFinal.toFixed(4)}, eval ${d.losses.eval.toFixed(4)}, ${d.safetensors.length} bytes`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
