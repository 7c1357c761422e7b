/**
 * Timing helpers for the benchmarks: medians over repeated runs within a time budget, so every
 * figure printed is comparable with a baseline measured in the same process.
 */

/** Median seconds of `fn` over at least `minRuns` runs (after one warm-up) or until `budgetMs` is spent. */
export async function medianSeconds(fn: () => unknown, opts: { minRuns?: number; budgetMs?: number; warmup?: boolean } = {}): Promise<number> {
  const minRuns = opts.minRuns ?? 3;
  const budget = opts.budgetMs ?? 2000;
  if (opts.warmup ?? true) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budget && times.length < 50)) {
    const t = performance.now();
    await fn();
    times.push((performance.now() - t) / 1000);
  }
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)];
}

/** A seeded uniform generator on [-0.5, 0.5) (mulberry32): each call returns the next value. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** Uniform random Float32Array in [-0.5, 0.5), from a seeded generator (mulberry32). */
export function randomF32(n: number, seed: number): Float32Array {
  const next = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = next();
  return out;
}

/** GFLOPS of an [m, k]·[k, n] product taking `seconds`. */
export function gflops(m: number, k: number, n: number, seconds: number): number {
  return (2 * m * k * n) / seconds / 1e9;
}

/** Wall and CPU seconds (user + system, all threads) of one call: CPU time shows the work done
 * even when other processes share the cores, where wall time alone would mislead. */
export async function wallAndCpu(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6 };
}
