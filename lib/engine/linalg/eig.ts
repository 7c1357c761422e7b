/**
 * Eigen-decomposition of a square, possibly non-symmetric, real matrix (eigenvalue copying scores,
 * paper §"OV circuit eigenvalues"; TL FactoredMatrix.eigenvalues).
 * Rule: eigenvalues come back complex as parallel {re, im} arrays, ordered by descending modulus
 * with each conjugate pair adjacent (positive imaginary part first); eigenvectors, when asked, are
 * complex columns satisfying A·v = λ·v, each of unit 2-norm. Delegates the Hessenberg + shifted QR
 * iteration to ml-matrix (JAMA's hqr2) when eigenvectors are asked, and to ./hqr (EISPACK
 * elmhes + hqr, no vectors, ≈ 3 × faster) when not.
 */
import { EigenvalueDecomposition } from "ml-matrix";
import { type FloatArray, type Tensor } from "../tensor/tensor";
import { matrixShape, type Matrix64 } from "./matrix";
import { hessenbergQrEigenvalues } from "./hqr";
import { toMl } from "./ml-bridge";

/** Complex numbers as parallel arrays: z_i = re[i] + i·im[i]. */
export interface ComplexArray {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Result of eig: eigenvalues of A [n, n] and, when asked, eigenvectors as columns. */
export interface Eig {
  /** λ [n], by descending |λ|; conjugate pairs adjacent. */
  readonly values: ComplexArray;
  /** Present when asked: column j of re + i·im is the eigenvector of values[j]. V [n, n]. */
  readonly vectors?: { readonly re: Matrix64; readonly im: Matrix64 };
}

function checkFinite(a: Tensor<FloatArray>, n: number): void {
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i])) throw new RangeError(`eig: A [${n}, ${n}] has a non-finite value at flat index ${i}`);
  }
}

/** Eigenvalues sorted by descending modulus, then real part, then imaginary part; with the permutation. */
function ordered(v: { re: ArrayLike<number>; im: ArrayLike<number> }): { order: number[]; values: ComplexArray } {
  const { re: re0, im: im0 } = v;
  const order = Array.from({ length: re0.length }, (_, i) => i).sort((i, j) => {
    const mi = Math.hypot(re0[i], im0[i]);
    const mj = Math.hypot(re0[j], im0[j]);
    if (mj !== mi) return mj - mi;
    if (re0[j] !== re0[i]) return re0[j] - re0[i];
    return im0[j] - im0[i];
  });
  return { order, values: { re: Float64Array.from(order, (i) => re0[i]), im: Float64Array.from(order, (i) => im0[i]) } };
}

/**
 * Eigenvalues (and optionally eigenvectors) of a real square matrix A [n, n], in float64.
 * Reference: torch.linalg.eig, as used by TL's FactoredMatrix.eigenvalues.
 */
export function eig(a: Tensor<FloatArray>, opts: { vectors?: boolean } = {}): Eig {
  const [n, n2] = matrixShape(a, "eig", "A");
  if (n !== n2) throw new RangeError(`eig: A must be square, got shape [${n}, ${n2}]`);
  if (n === 0) return { values: { re: new Float64Array(0), im: new Float64Array(0) }, ...(opts.vectors ? { vectors: { re: { data: new Float64Array(0), shape: [0, 0] }, im: { data: new Float64Array(0), shape: [0, 0] } } } : {}) };
  checkFinite(a, n);
  if (!opts.vectors) return { values: ordered(hessenbergQrEigenvalues(a.data, n)).values };
  const d = new EigenvalueDecomposition(toMl(a, "eig"), { assumeSymmetric: false });
  const re0 = d.realEigenvalues;
  const im0 = d.imaginaryEigenvalues;
  const { order, values: { re, im } } = ordered({ re: re0, im: im0 });

  // JAMA stores a complex pair λ = a ± ib (b > 0 at the first index p of the pair) as two real
  // columns: v = V[:, p] + i·V[:, p+1] belongs to a + ib, its conjugate to a − ib.
  const W = d.eigenvectorMatrix;
  const vr = new Float64Array(n * n);
  const vi = new Float64Array(n * n);
  order.forEach((src, dst) => {
    let p = src;
    let sign = 1;
    if (im0[src] !== 0) {
      const first = src + 1 < n && im0[src + 1] === -im0[src] && im0[src] > 0;
      p = first ? src : src - 1;
      sign = first ? 1 : -1;
    }
    let norm2 = 0;
    for (let r = 0; r < n; r++) {
      const x = W.get(r, p);
      const y = im0[src] !== 0 ? sign * W.get(r, p + 1) : 0;
      vr[r * n + dst] = x;
      vi[r * n + dst] = y;
      norm2 += x * x + y * y;
    }
    const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
    for (let r = 0; r < n; r++) {
      vr[r * n + dst] *= inv;
      vi[r * n + dst] *= inv;
    }
  });
  return { values: { re, im }, vectors: { re: { data: vr, shape: [n, n] }, im: { data: vi, shape: [n, n] } } };
}

/** Eigenvalues only of A [n, n] (see eig). */
export function eigenvalues(a: Tensor<FloatArray>): ComplexArray {
  return eig(a).values;
}
