/**
 * Full-vocabulary OV and QK top-10 of all 24 heads of an ARENA-shape model with heavy-tailed token
 * norms and planted entries (bench/arena-planted.ts), through the engine (factored, pruned, exact:
 * circuitTopK), against torch's brute force over every entry (bench/arena_torch.py --topk-only) on
 * TOPK_HEADS heads (env, default 2) of the same file, scaled to 24 and printed with "≈". Checks
 * that each head's planted OV and QK entry is its top-1 and that torch's top-10 equal the engine's
 * on the measured heads. Target < 30 s.
 * Run: npm run bench:topk   (needs Debian's python3-torch)
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { bestNodeKernels } from "@/lib/engine/backends/onnx";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { writeSafetensors } from "@/lib/engine/io/safetensors-writer";
import { ARENA_SHAPE, arenaConfig } from "./arena-shape";
import { NORM_SIGMA, PLANT_SCALE, plantedArenaTensors } from "./arena-planted";
import { allHeadsTopK } from "./arena-topk";

const run = promisify(execFile);
const TOPK_HEADS = Number(process.env.TOPK_HEADS ?? 2);
const root = path.resolve(import.meta.dirname, "..");

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "arena-topk-planted-"));
  try {
    const s = ARENA_SHAPE;
    console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores`);
    const { tensors, ov, qk } = plantedArenaTensors(s);
    const file = path.join(dir, "planted.safetensors");
    await writeFile(file, writeSafetensors(tensors, { config: arenaConfig(s) }));
    console.log(`model: ${JSON.stringify(s)}, log-normal token norms (σ = ${NORM_SIGMA}), ${ov.length} planted OV + ${qk.length} QK entries at ${PLANT_SCALE} × the median norm`);
    const model = await loadModelFile(file);
    const kernels = await bestNodeKernels();
    const engine = await allHeadsTopK(model, 10, kernels);
    await kernels.dispose?.();
    const V = s.d_vocab;
    const topOne = engine.heads.every((h, g) => h.ov[0] === ov[g].row * V + ov[g].col && h.qk[0] === qk[g].row * V + qk[g].col);
    console.log(`engine: ${engine.seconds.toFixed(1)} s wall / ${engine.cpuSeconds.toFixed(1)} s CPU for 24 heads × (OV + QK), computed ${(100 * engine.scannedFraction).toPrecision(3)} % of the entries; every planted entry is its head's top-1: ${topOne ? "yes" : "NO"}`);

    const { stdout, stderr } = await run("/usr/bin/time", ["-f", "@@time %e %U %S", "/usr/bin/python3", "bench/arena_torch.py", file, "--topk-only", String(TOPK_HEADS)], { cwd: root, maxBuffer: 1 << 26 });
    const out = JSON.parse(stdout.trim().split("\n").at(-1)!) as { times: Record<string, number>; blas: string[]; top: Record<string, { ov: number[]; qk: number[] }> };
    const perHead = out.times.topk / TOPK_HEADS;
    const cpu = /@@time [\d.]+ ([\d.]+) ([\d.]+)/.exec(stderr);
    const agree = Object.entries(out.top).every(([i, t]) => t.ov.join() === engine.heads[Number(i)].ov.join() && t.qk.join() === engine.heads[Number(i)].qk.join());
    console.log(`torch brute force (${out.blas.join(", ") || "no BLAS mapped"}): ${perHead.toFixed(1)} s/head wall (${TOPK_HEADS} heads${cpu ? `, process CPU ${(Number(cpu[1]) + Number(cpu[2])).toFixed(1)} s` : ""}) → ≈ ${(24 * perHead).toFixed(0)} s for 24 heads`);
    console.log(`engine / torch brute force = ${(engine.seconds / (24 * perHead)).toFixed(3)} × wall (target: engine < 30 s); same top-10 as torch on ${TOPK_HEADS} heads: ${agree ? "yes" : "NO"}`);
    console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
