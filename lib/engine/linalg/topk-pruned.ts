/**
 * The backend-independent half of an exact, pruned global top-k of A·B (kernels' matmulTopKAll):
 * rows of A and columns of B visited in order of decreasing norm, with Cauchy–Schwarz cut-offs
 * (|a_i·b_j| ≤ ‖a_i‖‖b_j‖) that drop whole row blocks and column tails which provably cannot reach
 * the running k-th best. Backends supply the block products (dense in TS, group maxima on ORT).
 * Rule: only what is provably below a proven lower bound on the k-th best is skipped, so results
 * equal an unpruned scan; exact values are float64 dot products rounded to float32; ties go to the
 * lower (row, col) in the caller's original indices.
 */
import { TopKCollector, type TopKAll } from "./topk";

function rowNorms(x: Float32Array, rows: number, kd: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let p = i * kd; p < (i + 1) * kd; p++) s += x[p] * x[p];
    out[i] = Math.sqrt(s);
  }
  return out;
}

function columnNorms(b: Float32Array, kd: number, n: number): Float64Array {
  const s = new Float64Array(n);
  for (let p = 0; p < kd; p++) for (let j = 0; j < n; j++) s[j] += b[p * n + j] * b[p * n + j];
  return s.map(Math.sqrt);
}

function byNormDesc(norms: Float64Array): Int32Array {
  return Int32Array.from(norms.keys()).sort((x, y) => norms[y] - norms[x] || x - y);
}


const CS = 1 + 1e-6; // headroom for float64 rounding in the Cauchy–Schwarz bound
const SEED_ROWS = 8; // rows × columns of exact entries that seed the first lower bound
const SEED_COLS = 512;

/**
 * State of one pruned top-k scan. `rowsOf(r0, rows)` gives A's rows by decreasing norm [rows, kd],
 * `leadingColumns(nc)` B's first nc columns (as rows) by decreasing norm, zero-padded up to `nPad`.
 * Both are gathered on first use only: a scan that stops after a few blocks never copies (nor
 * page-faults in) the rest. Per block: `columnsFor` says how many leading columns can still matter
 * (0 = stop), the backend scores them, calls `exact` or `pushDense`, then `endBlock`.
 */
export class PrunedTopK {
  private readonly a: Float32Array;
  private readonly b: Float32Array;
  private readonly transB: boolean;
  private readonly ap: Float32Array;
  private readonly bp: Float32Array;
  private rowsGathered = 0;
  private colsGathered = 0;
  readonly sign: 1 | -1;
  private readonly rowOrder: Int32Array;
  private readonly colOrder: Int32Array;
  private readonly aNorms: Float64Array;
  private readonly colNorms: Float64Array;
  private readonly maxB: number;
  private readonly top: TopKCollector;
  /** Entries computed so far (block products and exact dots): how much the pruning left to do. */
  scanned = 0;
  /** A proven lower bound on the signed k-th best, from outside the collector (e.g. group maxima). */
  private bound = -Infinity;

  constructor(
    a: Float32Array,
    b: Float32Array,
    readonly m: number,
    readonly kd: number,
    readonly n: number,
    k: number,
    opts: { transB: boolean; negate: boolean; nPad?: number },
  ) {
    const nPad = opts.nPad ?? n;
    this.sign = opts.negate ? -1 : 1;
    const cn = opts.transB ? rowNorms(b, n, kd) : columnNorms(b, kd, n);
    this.colOrder = byNormDesc(cn);
    this.colNorms = Float64Array.from(this.colOrder, (j) => cn[j]);
    const rn = rowNorms(a, m, kd);
    this.rowOrder = byNormDesc(rn);
    this.aNorms = Float64Array.from(this.rowOrder, (i) => rn[i]);
    this.a = a;
    this.b = b;
    this.transB = opts.transB;
    this.ap = new Float32Array(m * kd);
    this.bp = new Float32Array(nPad * kd);
    this.maxB = n > 0 ? this.colNorms[0] : 0;
    this.top = new TopKCollector(k, opts.negate);
    this.seedBound(k);
  }

  /**
   * Proves a first lower bound before any block runs: k real entries (the largest-norm rows against
   * the largest-norm columns, where the best entries usually are, e.g. frequent tokens) have a k-th
   * best, so the first block already drops the column tail instead of scanning every column.
   */
  private seedBound(k: number): void {
    const r = Math.min(this.m, SEED_ROWS);
    const c = Math.min(this.n, Math.max(SEED_COLS, Math.ceil(k / Math.max(1, r))));
    if (r * c < k) return;
    this.rowsOf(0, r);
    this.leadingColumns(c);
    const keys = new Float64Array(r * c);
    for (let ri = 0; ri < r; ri++) for (let jj = 0; jj < c; jj++) keys[ri * c + jj] = this.sign * this.dot(ri, jj);
    this.scanned += r * c;
    keys.sort();
    this.raiseBound(keys[keys.length - k]);
  }

  /** Rows r0 .. r0+rows of A in scan order [rows, kd] (gathered on first use). */
  rowsOf(r0: number, rows: number): Float32Array {
    const { a, ap, kd } = this;
    for (; this.rowsGathered < r0 + rows; this.rowsGathered++) {
      const src = this.rowOrder[this.rowsGathered];
      ap.set(a.subarray(src * kd, (src + 1) * kd), this.rowsGathered * kd);
    }
    return ap.subarray(r0 * kd, (r0 + rows) * kd);
  }

  /** The first nc columns of B in scan order, as rows [nc, kd]; columns past n are zero padding. */
  leadingColumns(nc: number): Float32Array {
    const { b, bp, kd, n } = this;
    for (; this.colsGathered < Math.min(nc, n); this.colsGathered++) {
      const src = this.colOrder[this.colsGathered];
      const dst = this.colsGathered * kd;
      if (this.transB) bp.set(b.subarray(src * kd, (src + 1) * kd), dst);
      else for (let p = 0; p < kd; p++) bp[dst + p] = b[p * n + src];
    }
    return bp.subarray(0, nc * kd);
  }

  /** The signed value every remaining candidate must reach. */
  cutoff(): number {
    return Math.max(this.bound, this.top.threshold);
  }

  /** Whether the collector already holds k entries (its threshold is live). */
  get full(): boolean {
    return this.top.threshold !== -Infinity;
  }

  /** Raises the external lower bound (callers prove it: k distinct entries are at least this). */
  raiseBound(lower: number): void {
    this.bound = Math.max(this.bound, lower);
  }

  /** Bound on |computed − exact| for row ri of float32 products with kd terms: (kd+4)·2⁻²³·‖a‖·max‖b‖. */
  slack(ri: number): number {
    return (this.kd + 4) * 2 ** -23 * this.aNorms[ri] * this.maxB;
  }

  /** Leading columns that rows from r0 on can still need (0 means no later row can contribute). */
  columnsFor(r0: number): number {
    const cut = this.cutoff();
    if (cut === -Infinity) return this.n;
    const r = this.aNorms[r0];
    const reach = (norm: number): number => r * norm * CS + this.slack(r0);
    let nc = this.n;
    while (nc > 0 && reach(this.colNorms[nc - 1]) < cut) nc--;
    return nc;
  }

  /** Exact float64 dot of permuted row ri and permuted column jj (both already gathered), rounded to float32. */
  dot(ri: number, jj: number): number {
    const { ap, bp, kd } = this;
    let s = 0;
    for (let p = 0, ai = ri * kd, bj = jj * kd; p < kd; p++) s += ap[ai + p] * bp[bj + p];
    return Math.fround(s);
  }

  /** Offers the exact entry (ri, jj) in permuted indices. */
  exact(ri: number, jj: number): void {
    this.top.push(this.dot(ri, jj), this.rowOrder[ri], this.colOrder[jj]);
  }

  /** Offers a row of already-exact values for permuted row ri, columns 0..nc-1 of `values` at `start`. */
  pushDense(values: Float32Array, start: number, nc: number, ri: number): void {
    const row = this.rowOrder[ri];
    const sign = this.sign;
    for (let jj = 0; jj < nc; jj++) {
      const v = values[start + jj];
      if (sign * v >= this.top.threshold) this.top.push(v, row, this.colOrder[jj]);
    }
  }

  /** Tightens the collector's threshold after a block. */
  endBlock(): void {
    this.top.settle();
  }

  result(): TopKAll {
    return { ...this.top.result(), scanned: this.scanned };
  }
}
