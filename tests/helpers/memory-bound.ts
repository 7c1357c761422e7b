// Memory bounds for fuzz cases (issue 7 item 9: "bounded time and memory per case"). A case may not
// raise the process's peak resident set (getrusage's maxRSS, which never goes down, so a transient
// blow-up that was freed again still shows) nor leave more live heap plus ArrayBuffer bytes (which
// see an allocation whose pages were never touched) than a named bound. The bound guards against
// the pathologies of issue 7 (5.6 GB from one 4 KB header), not against small regressions: fuzz
// cases are kilobytes, and memory, unlike time, does not grow with the machine's load.
import { expect } from "vitest";

const MiB = 1024 ** 2;

/** Most one fuzz case may add to peak RSS or to live heap + ArrayBuffers (PGlite's WASM memory grows in steps of a few MiB). */
export const MAX_CASE_MEMORY_BYTES = 128 * MiB;

export interface MemoryMark {
  peakRss: number;
  live: number;
}

/** Where memory stands now. */
export function memoryMark(): MemoryMark {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { peakRss: process.resourceUsage().maxRSS * 1024, live: heapUsed + arrayBuffers };
}

/** Bytes added since `since`: the larger of the peak-RSS growth and the live-memory growth. */
export function memoryGrowth(since: MemoryMark): number {
  const now = memoryMark();
  return Math.max(now.peakRss - since.peakRss, now.live - since.live);
}

/** Records a case's growth in `stats.largestGrowth` and fails it beyond `bound` bytes, naming the bound. */
export function expectMemoryBounded(since: MemoryMark, stats: { largestGrowth: number }, where = "", bound = MAX_CASE_MEMORY_BYTES): void {
  const growth = memoryGrowth(since);
  stats.largestGrowth = Math.max(stats.largestGrowth, growth);
  expect(growth, `${where} grew memory by ${(growth / MiB).toFixed(1)} MiB, more than MAX_CASE_MEMORY_BYTES (${bound / MiB} MiB)`).toBeLessThan(bound);
}

/** A byte count in MiB for reports. */
export const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;
