/**
 * `circuitboard analyze` against torch on the ARENA attn_only_2L shape, side by side in one run.
 * Writes a random F32 model file (bench/arena-shape.ts: shortformer, biases; 334 MB) and a token
 * batch to a temporary directory, then alternates, ROUNDS times each (env, default 3):
 *   CLI   — `node bin/circuitboard.mjs analyze MODEL --tokens TOKENS --json` (a whole process: start-up,
 *           load, detectors on the seeded probes and on the caller's batch, composition and its
 *           baseline, OV copying, QK positivity)
 *   torch — `/usr/bin/python3 bench/arena_torch.py` doing the same work (2 threads, float32).
 * Prints medians of wall and CPU seconds (CPU = user + system, less sensitive to the other
 * processes on a shared machine), the ratio against the target CLI ≤ 0.5 × torch, the CLI's peak RSS
 * (target < 1.5 GB), and the largest difference between the two programs' scores (a check that
 * they did the same work). Then the full-vocabulary OV and QK top-10 of all 24 heads through the
 * engine (factored, pruned) against torch's brute force over every entry, measured on TOPK_HEADS
 * heads (env, default 2) and scaled to 24 (printed with "≈"); target < 30 s. TOPK_HEADS=0 skips
 * this part (on these uniform random weights it is compute-bound: about half an hour on a loaded
 * machine; bench/arena-topk-planted.ts measures the heavy-tailed case).
 * Run: npm run bench:torch   (needs Debian's python3-torch; about 4 minutes)
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { bestNodeKernels } from "@/lib/engine/backends/onnx";
import { repeatedRandomTokens, variedPeriodTokens } from "@/lib/engine/circuits/probes";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { type HeadReportJson } from "@/lib/engine/circuits/report";
import { ARENA_SHAPE, writeArenaFile } from "./arena-shape";
import { allHeadsTopK } from "./arena-topk";

const run = promisify(execFile);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TOPK_HEADS = Number(process.env.TOPK_HEADS ?? 2);
const PYTHON = "/usr/bin/python3";
const root = path.resolve(import.meta.dirname, "..");

interface Measured { wall: number; cpu: number; rssMB: number; stdout: string }

/** Runs a command under /usr/bin/time: wall and CPU seconds, peak RSS. */
async function timed(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Measured> {
  const { stdout, stderr } = await run("/usr/bin/time", ["-f", "@@time %e %U %S %M", cmd, ...args], {
    cwd: root, env: { ...process.env, ...env }, maxBuffer: 1 << 28,
  });
  const m = /@@time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
  if (!m) throw new Error(`no timing from ${cmd}: ${stderr.slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rssMB: Number(m[4]) / 1024, stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface TorchOut {
  times: Record<string, number>;
  analyzeSeconds: number;
  threads: number;
  torch: string;
  scores: Record<string, number[]>;
  composition: Record<"Q" | "K" | "V", number[]>;
  baseline: { mean: number; std: number };
  top: Record<string, { ov: number[]; qk: number[] }>;
}

/** Largest |CLI − torch| per score over every head (the two programs must have done the same work). */
function crossCheck(cli: HeadReportJson, torch: TorchOut): string[] {
  const out: string[] = [];
  const keys = ["previousToken", "duplicateToken", "induction", "inductionStripe", "variedPeriodInduction", "positionalInvariance", "distanceFromUniform", "ovCopying", "qkTokenPositivity", "qkPositionalPositivity"] as const;
  for (const key of keys) {
    const diff = Math.max(...cli.heads.map((h, i) => Math.abs((h[key] ?? NaN) - torch.scores[key][i])));
    out.push(`${key} ${diff.toExponential(1)}`);
  }
  for (const mode of ["Q", "K", "V"] as const) {
    const flat = cli.composition[mode].flat(3);
    out.push(`composition ${mode} ${Math.max(...flat.map((v, i) => Math.abs(v - torch.composition[mode][i]))).toExponential(1)}`);
  }
  return out;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "arena-vs-torch-"));
  try {
    const s = ARENA_SHAPE;
    console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores (ratios measured side by side; absolute times are noisy)`);
    const modelPath = path.join(dir, "arena.safetensors");
    const bytes = await writeArenaFile(modelPath);
    console.log(`model: random ${JSON.stringify(s)}, shortformer, biases, F32, ${(bytes / 2 ** 20).toFixed(0)} MiB in ${dir}`);
    // The CLI's seeded probes (headReport defaults: batch 8, L = 50, seed 0) and a caller batch of
    // 4 sequences of 512 tokens (a random block of 256 repeated), given to both programs.
    const L = 50;
    const repeated = repeatedRandomTokens(s.d_vocab, L, { batch: 8, seed: 0 });
    const varied = variedPeriodTokens(s.d_vocab, 2 * L, Math.ceil(L / 4), L, { batch: 4, seed: 0 }).tokens;
    const caller = repeatedRandomTokens(s.d_vocab, 256, { batch: 4, seed: 7 });
    const callerPath = path.join(dir, "tokens.json");
    const torchTokens = path.join(dir, "torch-tokens.json");
    await writeFile(callerPath, JSON.stringify(caller));
    await writeFile(torchTokens, JSON.stringify({ repeated, L, varied, caller, callerL: caller.map(() => 256), baselineSamples: 100 }));

    const cliRuns: Measured[] = [];
    const torchRuns: Measured[] = [];
    const cli = () => timed("node", ["bin/circuitboard.mjs", "analyze", modelPath, "--tokens", callerPath, "--json"], { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1" });
    const torch = () => timed(PYTHON, ["bench/arena_torch.py", modelPath, torchTokens]);
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate who goes first, so a burst of load on the machine does not favour one side.
      if (r % 2 === 0) { cliRuns.push(await cli()); torchRuns.push(await torch()); } else { torchRuns.push(await torch()); cliRuns.push(await cli()); }
      console.log(`  round ${r + 1}: CLI ${cliRuns[r].wall.toFixed(1)} s wall / ${cliRuns[r].cpu.toFixed(1)} s CPU, torch ${torchRuns[r].wall.toFixed(1)} s / ${torchRuns[r].cpu.toFixed(1)} s`);
    }
    const torchOut = JSON.parse(torchRuns[0].stdout.trim().split("\n").at(-1)!) as TorchOut;
    const report = JSON.parse(cliRuns[0].stdout) as HeadReportJson;
    console.log(`torch ${torchOut.torch}, ${torchOut.threads} threads; CLI kernels: ${report.kernels}`);
    console.log(`torch stages (s, round 1): ${Object.entries(torchOut.times).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(", ")}`);
    console.log(`same work? max |CLI − torch|: ${crossCheck(report, torchOut).join(", ")}`);
    const [cw, tw] = [median(cliRuns.map((m) => m.wall)), median(torchRuns.map((m) => m.wall))];
    const [cc, tc] = [median(cliRuns.map((m) => m.cpu)), median(torchRuns.map((m) => m.cpu))];
    console.log(`analyze, whole process (median of ${ROUNDS}): CLI ${cw.toFixed(2)} s, torch ${tw.toFixed(2)} s → CLI/torch = ${(cw / tw).toFixed(2)}× wall, ${(cc / tc).toFixed(2)}× CPU (target ≤ 0.5×)`);
    const rss = Math.max(...cliRuns.map((m) => m.rssMB));
    console.log(`CLI peak RSS: ${(rss / 1024).toFixed(2)} GB (target < 1.5 GB); torch ${(Math.max(...torchRuns.map((m) => m.rssMB)) / 1024).toFixed(2)} GB`);

    // Full-vocabulary top-10 of every head: engine (in this process) vs torch brute force on TOPK_HEADS heads.
    if (TOPK_HEADS === 0) return;
    const kernels = await bestNodeKernels();
    const model = await loadModelFile(modelPath);
    const engine = await allHeadsTopK(model, 10, kernels);
    await kernels.dispose?.();
    const brute = await timed(PYTHON, ["bench/arena_torch.py", modelPath, torchTokens, "--topk-heads", String(TOPK_HEADS)]);
    const bruteOut = JSON.parse(brute.stdout.trim().split("\n").at(-1)!) as TorchOut;
    const perHead = bruteOut.times.topk / TOPK_HEADS;
    const agree = Object.entries(bruteOut.top).every(([i, t]) => {
      const e = engine.heads[Number(i)];
      return t.ov.every((x, j) => x === e.ov[j]) && t.qk.every((x, j) => x === e.qk[j]);
    });
    const bruteCpuPerHead = brute.cpu / TOPK_HEADS; // the whole process: its analysis part is small beside the scan
    console.log(`full-vocab OV + QK top-10, all 24 heads: engine ${engine.seconds.toFixed(1)} s wall / ${engine.cpuSeconds.toFixed(1)} s CPU, torch brute force ≈ ${(24 * perHead).toFixed(0)} s wall / ≈ ${(24 * bruteCpuPerHead).toFixed(0)} s CPU (${perHead.toFixed(1)} s/head × 24) → ${(engine.seconds / (24 * perHead)).toFixed(3)}× wall (target < 30 s); same top-10 on ${TOPK_HEADS} heads: ${agree ? "yes" : "NO"}`);
    console.log(`load average at end: ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
