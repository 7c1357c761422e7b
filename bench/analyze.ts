/**
 * Benchmark of the circuit analyses on a random model of ARENA's `attn_only_2L` shape (2 layers ×
 * 12 heads, d_model 768, d_head 64, d_vocab 50278, n_ctx 2048, shortformer, biases), built in
 * memory. Each stage runs on the fastest kernels (onnxruntime when it loads) and is compared with a
 * straightforward baseline measured in the same run:
 *   composition  — TL's route: per pair FactoredMatrix products and norms (float64, no reduction)
 *   copying, forward, OV top-10 — the naive pure-TS kernels on a scaled-down size, extrapolated
 *                   linearly (the cost is linear in the scaled dimension; printed as "≈").
 * Run: npm run bench:analyze   (prints a table and peak RSS; targets from issue 3 in the last column)
 */
import { cpus, loadavg } from "node:os";
import { bestNodeKernels } from "@/lib/engine/backends/onnx";
import { compositionScores } from "@/lib/engine/circuits/composition";
import { ovCopyingScores, unembedEmbed } from "@/lib/engine/circuits/eigen";
import { circuitTopK, fullOV, headOV, headQK } from "@/lib/engine/circuits/qk-ov";
import { headReport } from "@/lib/engine/circuits/report";
import { type Kernels } from "@/lib/engine/linalg/kernels";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { loadModel, type AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { ARENA_SHAPE, type ArenaShape, arenaConfig, randomArenaTensors } from "./arena-shape";

const SHAPE = ARENA_SHAPE;

function randomModel(s: ArenaShape, seed: number): AttnOnlyModel {
  return loadModel(randomArenaTensors(s, seed), { metadata: { config: JSON.stringify(arenaConfig(s)) } });
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await f();
  return [(performance.now() - t0) / 1000, out];
}

/** TL's composition route: FactoredMatrix(OV₁)·FactoredMatrix(R₂), norms, for `writers` layer-0 heads × every reader and mode. */
async function compositionBaselineRoute(m: AttnOnlyModel, writers: number): Promise<number> {
  const b = m.weights.blocks;
  let acc = 0;
  for (let h1 = 0; h1 < writers; h1++) {
    const ov1 = headOV(b[0], h1);
    const n1 = ov1.norm();
    for (let h2 = 0; h2 < SHAPE.n_heads; h2++) {
      for (const right of [headQK(b[1], h2), headQK(b[1], h2).T, headOV(b[1], h2)]) acc += ov1.mul(right).norm() / (n1 * right.norm());
    }
  }
  return acc;
}

const rows: [string, number, string, number, string][] = [];
function report(name: string, fast: number, baselineLabel: string, baseline: number, target: string): void {
  rows.push([name, fast, baselineLabel, baseline, target]);
  console.log(`${name.padEnd(34)} ${fast.toFixed(3).padStart(8)} s   baseline ${baselineLabel.padEnd(30)} ${baseline.toFixed(2).padStart(8)} s   ×${(baseline / fast).toFixed(1).padStart(6)}   target ${target}`);
}

async function main(): Promise<void> {
  const k: Kernels = await bestNodeKernels();
  console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores (other processes inflate every figure)`);
  console.log(`kernels: ${k.name}; model: random ${JSON.stringify(SHAPE)}, shortformer, biases`);
  const [tBuild, model] = await time(async () => randomModel(SHAPE, 1));
  console.log(`built in memory in ${tBuild.toFixed(2)} s`);
  const w = model.weights;

  await compositionScores(w.blocks, { kernels: k }); // warm-up (session creation)
  const [tComp] = await time(() => compositionScores(w.blocks, { kernels: k }));
  const [tCompPart] = await time(() => compositionBaselineRoute(model, 2));
  const tCompBase = (SHAPE.n_heads / 2) * tCompPart;
  report("all Q/K/V composition scores", tComp, "TL FactoredMatrix f64, ≈ 6 × (2/12)", tCompBase, "< 0.3 s");

  const [tCopy] = await time(() => ovCopyingScores(w, { kernels: k }));
  const small = { ...SHAPE, d_vocab: Math.round(SHAPE.d_vocab / 16) };
  const smallModel = randomModel(small, 2);
  const [tCopySmall] = await time(() => unembedEmbed(smallModel.weights, tsKernels));
  const [tEigSmall] = await time(async () => ovCopyingScores(smallModel.weights, { kernels: tsKernels, W_UE: await unembedEmbed(smallModel.weights, k) }));
  report("24 OV copying scores incl. W_U W_E", tCopy, "ts kernels, ≈ 16 × (V/16)", 16 * tCopySmall + tEigSmall, "< 3 s");

  const tokens = Array.from({ length: 1024 }, (_, i) => (i * 7919) % SHAPE.d_vocab);
  await runWithCache(model, tokens.slice(0, 8), { kernels: k, logProbs: false });
  const [tFwd] = await time(() => runWithCache(model, tokens, { kernels: k, logProbs: false }));
  const [tFwdSmall] = await time(() => runWithCache(model, tokens.slice(0, 64), { kernels: tsKernels, logProbs: false }));
  report("forward pass, 1024 tokens", tFwd, "ts kernels, ≈ 16 × (64 tokens)", 16 * tFwdSmall, "< 3 s");

  const [tTop, top] = await time(async () => circuitTopK(await fullOV(w, 1, 3, { kernels: k }), 10, { kernels: k }));
  const ov = await fullOV(w, 1, 3, { kernels: k });
  const sub = { ...ov, rows: Math.round(ov.rows / 64), left: ov.left.subarray(0, Math.round(ov.rows / 64) * ov.d_head) };
  const [tTopSmall] = await time(() => circuitTopK(sub, 10, { kernels: tsKernels }));
  report("OV full-vocab top-10 (one head)", tTop, "ts kernels, ≈ 64 × (V/64 rows)", 64 * tTopSmall, "< 5 s");
  console.log(`  top entry: source ${top.entries[0].row} → output ${top.entries[0].col} = ${top.entries[0].value.toFixed(4)}`);

  const timings: Record<string, number> = {};
  const [tReport] = await time(() => headReport(model, { kernels: k, timings }));
  report("whole analyze report", tReport, "sum of baselines above", tCompBase + 16 * tCopySmall + 16 * tFwdSmall, "< 20 s");
  console.log(`  report stages (s): ${Object.entries(timings).map(([s, v]) => `${s} ${v.toFixed(2)}`).join(", ")}`);
  const rss = process.resourceUsage().maxRSS / 1024 / 1024;
  console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`peak RSS: ${rss.toFixed(2)} GB (target < 2.5 GB)`);
  await k.dispose?.();
}

await main();
