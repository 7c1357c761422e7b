// Time bounds for tests that guard against pathological slowness (a header that takes 77 s, a 6 s
// keep-alive stall), not against small regressions: benchmarks in bench/ measure speed. The bound
// a test names holds on a quiet machine; when the machine runs more runnable processes than it
// has cores (CI beside other suites, parallel sessions), it grows by that ratio, capped, so an
// overloaded machine does not turn a 90 ms case into a red build while a 100× pathology still fails.
import { availableParallelism, loadavg } from "node:os";

/** Most a bound is stretched by machine load. */
export const MAX_LOAD_STRETCH = 8;

/** `quietMs` scaled by the current one-minute load per core (≥ 1, ≤ MAX_LOAD_STRETCH). */
export function timeBoundMs(quietMs: number): number {
  const perCore = loadavg()[0] / Math.max(1, availableParallelism());
  return quietMs * Math.min(MAX_LOAD_STRETCH, Math.max(1, perCore));
}
