/**
 * Exact global top-k of A·B on onnxruntime, for the full-vocabulary OV/QK circuits (d_vocab² entries,
 * never materialised). The pruning (norm order, Cauchy–Schwarz cut-offs) is linalg/topk-pruned's;
 * here ORT computes each row block against the columns that can still matter and reduces every
 * group of 64 columns to its max (min for bottom-k), and only groups whose max, plus ORT's float32
 * rounding slack, can reach the running k-th best are recomputed exactly in float64.
 * Rule (exactness): k distinct groups each hold an entry at least their max minus the slack, so the
 * k-th largest such value is a proven lower bound; nothing is skipped unless it provably falls below.
 */
import type * as ort from "onnxruntime-node";
import { type TopKAll } from "../linalg/topk";
import { PrunedTopK } from "../linalg/topk-pruned";
import { GROUP } from "./onnx-graph";

/** Arguments of groupTopKAll: operands as in Kernels.matmulTopKAll plus the ORT session and block size. */
export interface GroupTopKArgs {
  ort: typeof ort;
  /** A "groupmaxT" (or "groupminT" for negate) session: B is fed as [n, kd]. */
  session: ort.InferenceSession;
  a: Float32Array;
  b: Float32Array;
  m: number;
  kd: number;
  n: number;
  k: number;
  transB: boolean;
  negate: boolean;
  /** Rows per ORT run. */
  blockRows: number;
}

/** k-th largest of xs (k ≤ xs.length), by sorting a copy; used only until the collector fills. */
function kthLargest(xs: Float64Array, k: number): number {
  const s = Float64Array.from(xs).sort();
  return s[s.length - k];
}

/** Exact global top-k (bottom-k when negate) of A·B; see the module comment. */
export async function groupTopKAll(args: GroupTopKArgs): Promise<TopKAll> {
  const { ort: rt, session, m, kd, n, k, blockRows } = args;
  const nPad = Math.ceil(n / GROUP) * GROUP;
  const scan = new PrunedTopK(args.a, args.b, m, kd, n, k, { transB: args.transB, negate: args.negate, nPad });
  const { sign } = scan;
  const S = new rt.Tensor("int64", BigInt64Array.of(0n, -1n, BigInt(GROUP)), [3]);
  const maxima = new Float32Array(Math.min(blockRows, m) * (nPad / GROUP));

  for (let r0 = 0; r0 < m; r0 += blockRows) {
    const rows = Math.min(blockRows, m - r0);
    const groups = Math.ceil(scan.columnsFor(r0) / GROUP);
    if (groups === 0) break; // no entry of this or any later (smaller-norm) block can reach the k-th best
    const fullGroups = Math.min(groups, Math.floor(n / GROUP)); // groups without zero padding
    const M = maxima.subarray(0, rows * groups);
    await session.run(
      {
        A: new rt.Tensor("float32", scan.rowsOf(r0, rows), [rows, kd]),
        B: new rt.Tensor("float32", scan.leadingColumns(groups * GROUP), [groups * GROUP, kd]),
        S,
      },
      { M: new rt.Tensor("float32", M, [rows, groups]) },
    );
    scan.scanned += rows * groups * GROUP;
    if (!scan.full && rows * fullGroups >= k) {
      const lows = new Float64Array(rows * fullGroups);
      for (let r = 0; r < rows; r++) {
        const slack = scan.slack(r0 + r);
        for (let g = 0; g < fullGroups; g++) lows[r * fullGroups + g] = sign * M[r * groups + g] - slack;
      }
      scan.raiseBound(kthLargest(lows, k));
    }
    for (let r = 0; r < rows; r++) {
      const ri = r0 + r;
      const slack = scan.slack(ri);
      for (let g = 0; g < groups; g++) {
        if (sign * M[r * groups + g] + slack < scan.cutoff()) continue;
        const j1 = Math.min(n, (g + 1) * GROUP);
        for (let jj = g * GROUP; jj < j1; jj++) scan.exact(ri, jj);
      }
    }
    scan.endBlock();
  }
  return scan.result();
}
