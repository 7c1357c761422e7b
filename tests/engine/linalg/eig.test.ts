import { describe, expect, it } from "vitest";
import { eig, eigenvalues } from "@/lib/engine/linalg/eig";
import { fromRows } from "@/lib/engine/linalg/matrix";
import { expectClose } from "@/tests/helpers/tolerance";
import { randMatrix } from "./random";

const TOL = { abs: 1e-12, rel: 1e-10 };

describe("eig", () => {
  it("gives e^{±iθ} for a 2-D rotation by θ", () => {
    const t = 0.7;
    const { re, im } = eigenvalues(fromRows([[Math.cos(t), -Math.sin(t)], [Math.sin(t), Math.cos(t)]]));
    expectClose(re, [Math.cos(t), Math.cos(t)], TOL, "Re λ");
    expectClose(im, [Math.sin(t), -Math.sin(t)], TOL, "Im λ (positive first)");
  });

  it("reads a diagonal matrix's eigenvalues off its diagonal, ordered by modulus", () => {
    const { re, im } = eigenvalues(fromRows([[2, 0, 0], [0, -5, 0], [0, 0, 1]]));
    expectClose(re, [-5, 2, 1], TOL, "Re λ");
    expectClose(im, [0, 0, 0], TOL, "Im λ");
  });

  it("gives zeros for a nilpotent matrix", () => {
    const { re, im } = eigenvalues(fromRows([[0, 1, 0], [0, 0, 1], [0, 0, 0]]));
    expectClose(re, [0, 0, 0], TOL, "Re λ");
    expectClose(im, [0, 0, 0], TOL, "Im λ");
  });

  it("reads an upper-triangular matrix's eigenvalues off its diagonal", () => {
    const { re } = eigenvalues(fromRows([[4, 7, -1], [0, -3, 2], [0, 0, 0.5]]));
    expectClose(re, [4, -3, 0.5], TOL, "Re λ");
  });

  it("returns complex eigenvectors with A·v = λ·v for a random non-symmetric matrix", () => {
    const n = 7;
    const a = randMatrix(n, n, 31);
    const { values, vectors } = eig(a, { vectors: true });
    expect(vectors).toBeDefined();
    let complexCount = 0;
    let traceRe = 0;
    for (let j = 0; j < n; j++) {
      const lr = values.re[j];
      const li = values.im[j];
      if (li !== 0) complexCount++;
      traceRe += lr;
      const res: number[] = [];
      for (let i = 0; i < n; i++) {
        let avr = 0;
        let avi = 0;
        for (let p = 0; p < n; p++) {
          avr += a.data[i * n + p] * vectors!.re.data[p * n + j];
          avi += a.data[i * n + p] * vectors!.im.data[p * n + j];
        }
        const vr = vectors!.re.data[i * n + j];
        const vi = vectors!.im.data[i * n + j];
        res.push(avr - (lr * vr - li * vi), avi - (lr * vi + li * vr));
      }
      expectClose(res, new Array(2 * n).fill(0), { abs: 1e-10 }, `A·v − λ·v for λ_${j}`);
    }
    expect(complexCount, "this seed has complex pairs").toBeGreaterThan(0);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a.data[i * n + i];
    expect(traceRe).toBeCloseTo(trace, 10);
  });

  it("gives the eigenvalues-only path (EISPACK hqr) the values of the eigenvector path (JAMA hqr2) on random 64 × 64 matrices", () => {
    for (const seed of [3, 4, 5]) {
      const a = randMatrix(64, 64, seed);
      const fast = eigenvalues(a);
      const full = eig(a, { vectors: true }).values;
      expectClose(fast.re, full.re, { abs: 1e-9 }, `seed ${seed} re`);
      expectClose(fast.im, full.im, { abs: 1e-9 }, `seed ${seed} im`);
    }
  });

  it("finds the roots of a polynomial from its companion matrix: 1..6 and 2 ± 3i", () => {
    // p(x) = Π (x − r): coefficients by repeated multiplication (complex pair as x² − 4x + 13).
    let c = [1]; // highest degree first
    const times = (f: number[]) => { c = Array.from({ length: c.length + f.length - 1 }, (_, k) => f.reduce((s, fj, j) => s + fj * (c[k - j] ?? 0), 0)); };
    for (const r of [1, 2, 3, 4, 5, 6]) times([1, -r]);
    times([1, -4, 13]);
    const n = c.length - 1;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === 0 ? -c[j + 1] : j === i - 1 ? 1 : 0)));
    const ev = eigenvalues(fromRows(rows));
    const got = Array.from(ev.re, (re, i) => [re, ev.im[i]]).sort((x, y) => Math.round(x[0] * 1e4) - Math.round(y[0] * 1e4) || x[1] - y[1]);
    const want = [[1, 0], [2, -3], [2, 0], [2, 3], [3, 0], [4, 0], [5, 0], [6, 0]];
    expectClose(got.flat(), want.flat(), { abs: 1e-7 }, "roots");
  });

  it("rejects a non-square matrix and non-finite entries", () => {
    expect(() => eig(randMatrix(2, 3, 1))).toThrow(/eig: A must be square, got shape \[2, 3\]/);
    expect(() => eig(fromRows([[1, Infinity], [0, 1]]))).toThrow(/eig: A \[2, 2\] has a non-finite value at flat index 1/);
  });
});
