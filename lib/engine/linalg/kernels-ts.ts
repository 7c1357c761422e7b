/**
 * Pure-TypeScript kernels: correct everywhere (server, worker, browser) and the reference every
 * faster backend is tested against. Blocked for plain JS (PERFORMANCE.md): B is used transposed so
 * the inner loop is a dot product over contiguous memory, a 4-row × 2-column register tile
 * accumulates in float64, and k and n are blocked so the B panel stays in L2. Scratch buffers grow
 * once and are reused, because first touch of fresh memory costs ~12 µs per 4 KB page here.
 * Rule: results equal the exact product up to float32 rounding and summation order (gemmBt sums
 * in float64; the few-row path gemmRows accumulates in the float32 output).
 */
import { checkMatmulArgs, checkTopK, registerFallbackKernels, type Kernels, type MatmulOptions, type RowTopK } from "./kernels";
import { rowTopK } from "./topk";
import { PrunedTopK } from "./topk-pruned";

export { rowTopK } from "./topk";

const KC = 256; // inner-dimension block: a 4-row A slice is 4 KB
const NB = 128; // columns per B panel: NB × KC floats = 128 KB, L2-resident

let scratchBt: Float32Array = new Float32Array(0);
let scratchRows: Float32Array = new Float32Array(0);

function grow(buf: Float32Array, n: number): Float32Array {
  return buf.length >= n ? buf : new Float32Array(Math.max(n, Math.ceil(buf.length * 1.5)));
}

/** Bᵀ [n, k] of B [k, n] into the reused scratch buffer. */
function transposeToScratch(b: Float32Array, k: number, n: number): Float32Array {
  scratchBt = grow(scratchBt, k * n);
  const t = scratchBt;
  for (let p0 = 0; p0 < k; p0 += 64) {
    const p1 = Math.min(k, p0 + 64);
    for (let j = 0; j < n; j++) {
      const o = j * k;
      for (let p = p0; p < p1; p++) t[o + p] = b[p * n + j];
    }
  }
  return t;
}

/**
 * C [m, n] = A [m, k] · Btᵀ with Bt [n, k] (rows of Bt are columns of B). Writes every entry of C.
 */
function gemmBt(a: Float32Array, bt: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
  if (k === 0) {
    c.fill(0, 0, m * n);
    return;
  }
  const m4 = m - (m % 4);
  const n2 = n - (n % 2);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const p1 = Math.min(k, p0 + KC);
    const first = p0 === 0;
    for (let j0 = 0; j0 < n; j0 += NB) {
      const j1 = Math.min(n, j0 + NB);
      const j2 = Math.min(j1, n2);
      for (let i = 0; i < m4; i += 4) {
        const r0 = i * k;
        const r1 = r0 + k;
        const r2 = r1 + k;
        const r3 = r2 + k;
        let j = j0;
        for (; j < j2; j += 2) {
          const q0 = j * k;
          const q1 = q0 + k;
          let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
          for (let p = p0; p < p1; p++) {
            const b0 = bt[q0 + p];
            const b1 = bt[q1 + p];
            const x0 = a[r0 + p];
            const x1 = a[r1 + p];
            const x2 = a[r2 + p];
            const x3 = a[r3 + p];
            s00 += x0 * b0; s01 += x0 * b1;
            s10 += x1 * b0; s11 += x1 * b1;
            s20 += x2 * b0; s21 += x2 * b1;
            s30 += x3 * b0; s31 += x3 * b1;
          }
          const o = i * n + j;
          if (first) {
            c[o] = s00; c[o + 1] = s01; c[o + n] = s10; c[o + n + 1] = s11;
            c[o + 2 * n] = s20; c[o + 2 * n + 1] = s21; c[o + 3 * n] = s30; c[o + 3 * n + 1] = s31;
          } else {
            c[o] += s00; c[o + 1] += s01; c[o + n] += s10; c[o + n + 1] += s11;
            c[o + 2 * n] += s20; c[o + 2 * n + 1] += s21; c[o + 3 * n] += s30; c[o + 3 * n + 1] += s31;
          }
        }
        for (; j < j1; j++) for (let r = 0; r < 4; r++) dotInto(a, bt, c, i + r, j, k, n, p0, p1, first);
      }
      for (let i = m4; i < m; i++) for (let j = j0; j < j1; j++) dotInto(a, bt, c, i, j, k, n, p0, p1, first);
    }
  }
}

function dotInto(a: Float32Array, bt: Float32Array, c: Float32Array, i: number, j: number, k: number, n: number, p0: number, p1: number, first: boolean): void {
  let s = 0;
  const ra = i * k;
  const rb = j * k;
  for (let p = p0; p < p1; p++) s += a[ra + p] * bt[rb + p];
  c[i * n + j] = first ? s : c[i * n + j] + s;
}

/**
 * C [m, n] = A [m, k] · B [k, n] without transposing B: rows of C accumulate a·B[p, :] four rows
 * at a time over column panels. Slower per flop than gemmBt, but for few rows (m < SMALL_M) it saves
 * the k·n transpose, which would then cost as much as the product.
 */
function gemmRows(a: Float32Array, b: Float32Array, c: Float32Array, m: number, k: number, n: number): void {
  c.fill(0, 0, m * n);
  const m4 = m - (m % 4);
  for (let j0 = 0; j0 < n; j0 += 512) {
    const j1 = Math.min(n, j0 + 512);
    let i = 0;
    for (; i < m4; i += 4) {
      const c0 = i * n;
      const c1 = c0 + n;
      const c2 = c1 + n;
      const c3 = c2 + n;
      for (let p = 0; p < k; p++) {
        const a0 = a[i * k + p];
        const a1 = a[(i + 1) * k + p];
        const a2 = a[(i + 2) * k + p];
        const a3 = a[(i + 3) * k + p];
        const bo = p * n;
        for (let j = j0; j < j1; j++) {
          const bv = b[bo + j];
          c[c0 + j] += a0 * bv;
          c[c1 + j] += a1 * bv;
          c[c2 + j] += a2 * bv;
          c[c3 + j] += a3 * bv;
        }
      }
    }
    for (; i < m; i++) {
      const c0 = i * n;
      for (let p = 0; p < k; p++) {
        const a0 = a[i * k + p];
        const bo = p * n;
        for (let j = j0; j < j1; j++) c[c0 + j] += a0 * b[bo + j];
      }
    }
  }
}

/** Below this many rows a non-transposed B is used as is (gemmRows) rather than transposed. */
const SMALL_M = 32;

/** Bᵀ-layout view of B for gemmBt: B itself when transB, else a transposed scratch copy. */
function btOf(b: Float32Array, kd: number, n: number, transB?: boolean): Float32Array {
  return transB ? b : transposeToScratch(b, kd, n);
}

/** Rows per block so a block of the product holds about 4 M floats (16 MB), at least 4 rows. */
function rowBlock(m: number, n: number): number {
  return Math.max(1, Math.min(m, Math.max(4, Math.floor((1 << 22) / Math.max(1, n)))));
}

/** Runs `visit(block, r0, rows)` over row blocks of A·B computed into a reused buffer. */
function forEachRowBlock(a: Float32Array, bt: Float32Array, m: number, kd: number, n: number, visit: (block: Float32Array, r0: number, rows: number) => void): void {
  const block = rowBlock(m, n);
  scratchRows = grow(scratchRows, block * n);
  const buf = scratchRows;
  for (let r0 = 0; r0 < m; r0 += block) {
    const rows = Math.min(block, m - r0);
    gemmBt(a.subarray(r0 * kd, (r0 + rows) * kd), bt, buf, rows, kd, n);
    visit(buf, r0, rows);
  }
}

/** Synchronous blocked matmul (the body of tsKernels.matmul), for callers that cannot await. */
export function matmulTs(a: Float32Array, b: Float32Array, m: number, k: number, n: number, opts: MatmulOptions = {}): Float32Array {
  checkMatmulArgs("matmul", a, b, m, k, n, opts.transB);
  const c = opts.out ?? new Float32Array(m * n);
  if (c.length !== m * n) throw new RangeError(`matmul: out has ${c.length} elements, expected [${m}, ${n}]`);
  if (!opts.transB && m < SMALL_M) gemmRows(a, b, c, m, k, n);
  else gemmBt(a, btOf(b, k, n, opts.transB), c, m, k, n);
  return c;
}

/** The pure-TS backend (name "ts"): blocked matmul, threshold top-k per row, pruned global top-k. */
export const tsKernels: Kernels = {
  name: "ts",
  async matmul(a, b, m, k, n, opts) {
    return matmulTs(a, b, m, k, n, opts);
  },
  async matmulTopKRows(a, b, m, kd, n, k, opts = {}) {
    checkMatmulArgs("matmulTopKRows", a, b, m, kd, n, opts.transB);
    const kk = checkTopK("matmulTopKRows", k, n);
    const values = new Float32Array(m * kk);
    const indices = new Int32Array(m * kk);
    if (kk === 0) return { k: 0, values, indices } satisfies RowTopK;
    const bt = btOf(b, kd, n, opts.transB); // scratchBt; the row blocks use scratchRows
    forEachRowBlock(a, bt, m, kd, n, (buf, r0, rows) => {
      for (let r = 0; r < rows; r++) rowTopK(buf.subarray(r * n, (r + 1) * n), kk, !!opts.negate, values, indices, (r0 + r) * kk);
    });
    return { k: kk, values, indices } satisfies RowTopK;
  },
  async matmulTopKAll(a, b, m, kd, n, k, opts = {}) {
    checkMatmulArgs("matmulTopKAll", a, b, m, kd, n, opts.transB);
    const kk = checkTopK("matmulTopKAll", k, m * n);
    if (kk === 0) return { k: 0, values: new Float32Array(0), rows: new Int32Array(0), cols: new Int32Array(0) };
    // Rows and columns by decreasing norm, so Cauchy–Schwarz cuts whole blocks and column tails.
    const scan = new PrunedTopK(a, b, m, kd, n, kk, { transB: !!opts.transB, negate: !!opts.negate });
    const block = rowBlock(m, n);
    scratchRows = grow(scratchRows, block * n);
    for (let r0 = 0; r0 < m; r0 += block) {
      const rows = Math.min(block, m - r0);
      const nc = scan.columnsFor(r0);
      if (nc === 0) break;
      const buf = scratchRows.subarray(0, rows * nc);
      gemmBt(scan.rowsOf(r0, rows), scan.leadingColumns(nc), buf, rows, kd, nc);
      scan.scanned += rows * nc;
      for (let r = 0; r < rows; r++) scan.pushDense(buf, r * nc, nc, r0 + r);
      scan.endBlock();
    }
    return scan.result();
  },
};

registerFallbackKernels(() => tsKernels);
