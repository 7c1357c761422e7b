/**
 * Exact top-k selection for the kernels: per row (rowTopK) and over a whole matrix streamed in
 * blocks (TopKCollector), both by threshold filtering — an entry is only inserted when it beats the
 * current k-th best, so the typical cost is one comparison per entry.
 * Rule: order is by value descending (ascending with `negate`); ties go to the lower row, then the
 * lower column, so every backend returns the same indices for the same values.
 */

/**
 * Top-k of one row into values/indices[offset .. offset+k), descending (ascending when `negate`).
 * `k` must be ≤ row.length. Insertion into a small sorted buffer behind a running threshold.
 */
export function rowTopK(row: Float32Array, k: number, negate: boolean, values: Float32Array, indices: Int32Array, offset: number): void {
  const n = row.length;
  const kk = Math.min(k, n);
  if (kk === 0) return;
  const sign = negate ? -1 : 1;
  let filled = 0;
  let thr = -Infinity; // sign · (current k-th best), valid once filled === kk
  for (let j = 0; j < n; j++) {
    const v = sign * row[j];
    if (filled === kk && !(v > thr)) continue;
    if (v !== v) continue; // NaN never ranks
    let pos = filled < kk ? filled++ : kk - 1;
    while (pos > 0 && sign * values[offset + pos - 1] < v) {
      values[offset + pos] = values[offset + pos - 1];
      indices[offset + pos] = indices[offset + pos - 1];
      pos--;
    }
    values[offset + pos] = row[j];
    indices[offset + pos] = j;
    if (filled === kk) thr = sign * values[offset + kk - 1];
  }
  // Rows holding NaNs can leave slots unfilled; mark them so callers can tell.
  for (let p = filled; p < kk; p++) {
    values[offset + p] = NaN;
    indices[offset + p] = -1;
  }
}

/** Global top-k over all entries of an [m, n] matrix: values with their (row, col). */
export interface TopKAll {
  readonly k: number;
  readonly values: Float32Array;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** Entries whose value a pruned scan computed (block products included), when it counts them. */
  readonly scanned?: number;
}

/**
 * Streams candidate entries (in any order of arrival) and keeps the exact global top-k.
 * Candidates above the running threshold go into a buffer of a few k; when it fills, it is cut back
 * to the best k and the threshold rises. `threshold` (signed: compare `sign·v > threshold`) lets
 * callers skip whole blocks that cannot contribute.
 */
export class TopKCollector {
  readonly k: number;
  readonly sign: 1 | -1;
  private readonly cap: number;
  private readonly keys: Float64Array;
  private readonly vals: Float32Array;
  private readonly rs: Int32Array;
  private readonly cs: Int32Array;
  private size = 0;
  /** sign · (k-th best so far), or −∞ while fewer than k entries have been seen. */
  threshold = -Infinity;
  private thresholdRow = -1;
  private thresholdCol = -1;

  constructor(k: number, negate = false) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`TopKCollector: k must be a positive integer, got ${k}`);
    this.k = k;
    this.sign = negate ? -1 : 1;
    this.cap = Math.max(4 * k, 1024);
    this.keys = new Float64Array(this.cap);
    this.vals = new Float32Array(this.cap);
    this.rs = new Int32Array(this.cap);
    this.cs = new Int32Array(this.cap);
  }

  /** Offers entry (row, col) with value v; ignored unless it beats the threshold. */
  push(v: number, row: number, col: number): void {
    const key = this.sign * v;
    if (!this.beats(key, row, col)) return;
    if (this.size === this.cap) this.compact();
    if (!this.beats(key, row, col)) return;
    const s = this.size++;
    this.keys[s] = key;
    this.vals[s] = v;
    this.rs[s] = row;
    this.cs[s] = col;
  }

  /** Whether (key, row, col) outranks the current k-th best: a tie wins only on a lower (row, col). */
  private beats(key: number, row: number, col: number): boolean {
    if (key > this.threshold) return true;
    if (key !== this.threshold) return false;
    return row < this.thresholdRow || (row === this.thresholdRow && col < this.thresholdCol);
  }

  /** Scans row `row` of values (columns colOffset + j), pushing those reaching the threshold. */
  pushRow(data: Float32Array, start: number, n: number, row: number, colOffset = 0): void {
    if (this.sign === 1) {
      for (let j = 0; j < n; j++) if (data[start + j] >= this.threshold) this.push(data[start + j], row, colOffset + j);
    } else {
      for (let j = 0; j < n; j++) if (-data[start + j] >= this.threshold) this.push(data[start + j], row, colOffset + j);
    }
  }

  private order(): number[] {
    const idx = Array.from({ length: this.size }, (_, i) => i);
    const { keys, rs, cs } = this;
    idx.sort((a, b) => keys[b] - keys[a] || rs[a] - rs[b] || cs[a] - cs[b]);
    return idx;
  }

  private compact(): void {
    const keep = this.order().slice(0, this.k);
    const tk = keep.map((i) => this.keys[i]);
    const tv = keep.map((i) => this.vals[i]);
    const tr = keep.map((i) => this.rs[i]);
    const tc = keep.map((i) => this.cs[i]);
    this.keys.set(tk);
    this.vals.set(tv);
    this.rs.set(tr);
    this.cs.set(tc);
    this.size = keep.length;
    if (this.size === this.k) {
      this.threshold = tk[this.k - 1];
      this.thresholdRow = tr[this.k - 1];
      this.thresholdCol = tc[this.k - 1];
    }
  }

  /** Cuts the buffer back to the best k now, raising the threshold as far as the entries allow. */
  settle(): void {
    if (this.size >= this.k) this.compact();
  }

  /** The best min(k, seen) entries, sorted (ties: lower row, then lower column). */
  result(): TopKAll {
    const idx = this.order().slice(0, this.k);
    return {
      k: idx.length,
      values: Float32Array.from(idx, (i) => this.vals[i]),
      rows: Int32Array.from(idx, (i) => this.rs[i]),
      cols: Int32Array.from(idx, (i) => this.cs[i]),
    };
  }
}
