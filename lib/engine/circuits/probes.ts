/**
 * Seeded probe batches for the head detectors.
 * Rule: the same seed gives the same tokens everywhere (mulberry32 from train/prng); tokens are
 * uniform over [0, d_vocab) as ARENA's `generate_repeated_tokens` (`t.randint(0, d_vocab, ...)`).
 */
import { deriveSeed, mulberry32 } from "../train/prng";

export interface RepeatedBatchOptions {
  /** Number of sequences (ARENA uses 10; default 8). */
  batch?: number;
  seed?: number;
  /** Token id prepended to every sequence (ARENA prepends BOS); none by default. */
  bos?: number;
  /** Draw tokens from [lo, hi) instead of [0, d_vocab) (e.g. to skip special tokens). */
  tokenRange?: readonly [number, number];
}

/** The draw of one token: uniform over `range` (checked against d_vocab), default [0, d_vocab). */
function tokenDraw(d_vocab: number, range: readonly [number, number] | undefined, op: string): (rng: { int(n: number): number }) => number {
  const [lo, hi] = range ?? [0, d_vocab];
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && 0 <= lo && lo < hi && hi <= d_vocab)) {
    throw new RangeError(`${op}: token range [${lo}, ${hi}) must satisfy 0 ≤ lo < hi ≤ d_vocab = ${d_vocab}`);
  }
  return (rng) => lo + rng.int(hi - lo);
}

/**
 * `batch` sequences of L uniform random tokens repeated twice ([bos] r r, length 2L (+1)).
 * Reference: ARENA 1.2 `generate_repeated_tokens`.
 */
export function repeatedRandomTokens(d_vocab: number, L: number, opts: RepeatedBatchOptions = {}): number[][] {
  if (!Number.isInteger(L) || L < 1) throw new RangeError(`repeatedRandomTokens: L must be a positive integer, got ${L}`);
  const draw = tokenDraw(d_vocab, opts.tokenRange, "repeatedRandomTokens");
  const rng = mulberry32(deriveSeed(opts.seed ?? 0, "repeated-tokens"));
  return Array.from({ length: opts.batch ?? 8 }, () => {
    const r = Array.from({ length: L }, () => draw(rng));
    return [...(opts.bos === undefined ? [] : [opts.bos]), ...r, ...r];
  });
}

/** Primes in [lo, hi]. */
function primesIn(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let p = Math.max(2, lo); p <= hi; p++) {
    let prime = true;
    for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
    if (prime) out.push(p);
  }
  return out;
}

/**
 * `batch` sequences of n tokens, each a random block of period p_b repeated to fill n. The periods
 * are primes ≥ 3 spread evenly over [pMin, pMax] (cycled when there are fewer primes than
 * sequences; an even spread when there are none), so a head attending at a fixed offset P does
 * induction only at the few periods dividing P, while a head attending by token identity does it at
 * every period.
 */
export function variedPeriodTokens(
  d_vocab: number, n: number, pMin: number, pMax: number, opts: { batch?: number; seed?: number; tokenRange?: readonly [number, number] } = {},
): { tokens: number[][]; periods: number[] } {
  const draw = tokenDraw(d_vocab, opts.tokenRange, "variedPeriodTokens");
  if (!(Number.isInteger(pMin) && Number.isInteger(pMax) && 1 <= pMin && pMin <= pMax && pMax < n)) {
    throw new RangeError(`variedPeriodTokens: periods [${pMin}, ${pMax}] must satisfy 1 ≤ pMin ≤ pMax < n = ${n}`);
  }
  const batch = opts.batch ?? 4;
  const rng = mulberry32(deriveSeed(opts.seed ?? 0, "varied-period-tokens"));
  const primes = primesIn(Math.max(3, pMin), pMax);
  const spread = (lo: number, hi: number, b: number) => lo + Math.round((b * (hi - lo)) / Math.max(1, batch - 1));
  const periods = Array.from({ length: batch }, (_, b) =>
    primes.length === 0 ? spread(pMin, pMax, b) : primes.length >= batch ? primes[spread(0, primes.length - 1, b)] : primes[b % primes.length],
  );
  const tokens = periods.map((p) => {
    const block = Array.from({ length: p }, () => draw(rng));
    return Array.from({ length: n }, (_, i) => block[i % p]);
  });
  return { tokens, periods };
}

/** Probe settings a model may carry in its safetensors metadata (key PROBE_HINT_KEY), e.g. from training. */
export interface ProbeHint {
  readonly repeatLength?: number;
  readonly tokenRange?: readonly [number, number];
}

/** The `__metadata__` key of a probe hint: JSON `{ "repeatLength"?: L, "tokenRange"?: [lo, hi] }`. */
export const PROBE_HINT_KEY = "circuitboard.probe";

/**
 * The probe hint of a model's metadata, checked against its shape: only the fields that are valid
 * (integers, 2 ≤ L ≤ ⌊n_ctx/2⌋, 0 ≤ lo < hi ≤ d_vocab) are kept; a missing or unreadable hint is {}.
 */
export function probeHint(metadata: Readonly<Record<string, string>>, shape: { n_ctx: number; d_vocab: number }): ProbeHint {
  const raw = metadata[PROBE_HINT_KEY];
  if (raw === undefined || raw.length > 1000) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!json || typeof json !== "object") return {};
  const { repeatLength: L, tokenRange: r } = json as Record<string, unknown>;
  const out: { repeatLength?: number; tokenRange?: [number, number] } = {};
  if (typeof L === "number" && Number.isInteger(L) && L >= 2 && 2 * L <= shape.n_ctx) out.repeatLength = L;
  if (Array.isArray(r) && r.length === 2 && r.every((x) => Number.isInteger(x)) && 0 <= r[0] && r[0] < r[1] && r[1] <= shape.d_vocab) out.tokenRange = [r[0], r[1]];
  return out;
}
