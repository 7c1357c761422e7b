/**
 * Eigenvalues only of a real square matrix: reduction to upper Hessenberg form by stabilised
 * elimination, then the Francis double-shift QR iteration (EISPACK `elmhes` + `hqr`, as in
 * Numerical Recipes §11.5–11.6). About 3 × faster than a full decomposition with eigenvectors
 * (JAMA's hqr2, which eig uses), which matters for the 72 d_head-sized spectra of a head report
 * (TL FactoredMatrix.eigenvalues needs no eigenvectors either).
 * Rule: float64 throughout; a matrix that does not converge in 30 iterations per eigenvalue
 * throws a RangeError rather than returning partial values.
 */

const MAX_ITS = 30;

/** Hessenberg reduction in place of a (1-based, stride s = n + 1); entries below the subdiagonal become 0. */
function elmhes(a: Float64Array, n: number, s: number): void {
  for (let m = 2; m < n; m++) {
    let x = 0;
    let i = m;
    for (let j = m; j <= n; j++) {
      if (Math.abs(a[j * s + m - 1]) > Math.abs(x)) {
        x = a[j * s + m - 1];
        i = j;
      }
    }
    if (i !== m) {
      for (let j = m - 1; j <= n; j++) {
        const tmp = a[i * s + j];
        a[i * s + j] = a[m * s + j];
        a[m * s + j] = tmp;
      }
      for (let j = 1; j <= n; j++) {
        const tmp = a[j * s + i];
        a[j * s + i] = a[j * s + m];
        a[j * s + m] = tmp;
      }
    }
    if (x === 0) continue;
    for (i = m + 1; i <= n; i++) {
      let y = a[i * s + m - 1];
      if (y === 0) continue;
      y /= x;
      a[i * s + m - 1] = 0; // the multiplier; the Hessenberg form has a zero here
      for (let j = m; j <= n; j++) a[i * s + j] -= y * a[m * s + j];
      for (let j = 1; j <= n; j++) a[j * s + m] += y * a[j * s + i];
    }
  }
}

const sign = (a: number, b: number): number => (b >= 0 ? Math.abs(a) : -Math.abs(a));

/** Eigenvalues (re, im) of the upper Hessenberg matrix a (1-based, stride s), destroying it. */
function hqr(a: Float64Array, n: number, s: number, wr: Float64Array, wi: Float64Array): void {
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(a[i * s + j]);
  let nn = n;
  let t = 0;
  let p = 0, q = 0, r = 0, x = 0, y = 0, z = 0, w = 0;
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      for (l = nn; l >= 2; l--) {
        let sc = Math.abs(a[(l - 1) * s + l - 1]) + Math.abs(a[l * s + l]);
        if (sc === 0) sc = anorm;
        if (Math.abs(a[l * s + l - 1]) + sc === sc) {
          a[l * s + l - 1] = 0;
          break;
        }
      }
      x = a[nn * s + nn];
      if (l === nn) {
        wr[nn - 1] = x + t;
        wi[nn - 1] = 0;
        nn--;
      } else {
        y = a[(nn - 1) * s + nn - 1];
        w = a[nn * s + nn - 1] * a[(nn - 1) * s + nn];
        if (l === nn - 1) {
          p = 0.5 * (y - x);
          q = p * p + w;
          z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 2] = wr[nn - 1] = x + z;
            if (z !== 0) wr[nn - 1] = x - w / z;
            wi[nn - 2] = wi[nn - 1] = 0;
          } else {
            wr[nn - 2] = wr[nn - 1] = x + p;
            wi[nn - 2] = z;
            wi[nn - 1] = -z;
          }
          nn -= 2;
        } else {
          if (its === MAX_ITS) throw new RangeError(`eigenvalues: the QR iteration did not converge in ${MAX_ITS} iterations (n = ${n})`);
          if (its === 10 || its === 20) {
            // Exceptional shift.
            t += x;
            for (let i = 1; i <= nn; i++) a[i * s + i] -= x;
            const sc = Math.abs(a[nn * s + nn - 1]) + Math.abs(a[(nn - 1) * s + nn - 2]);
            y = x = 0.75 * sc;
            w = -0.4375 * sc * sc;
          }
          ++its;
          let m: number;
          for (m = nn - 2; m >= l; m--) {
            z = a[m * s + m];
            r = x - z;
            const sm = y - z;
            p = (r * sm - w) / a[(m + 1) * s + m] + a[m * s + m + 1];
            q = a[(m + 1) * s + m + 1] - z - r - sm;
            r = a[(m + 2) * s + m + 1];
            const sc = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= sc;
            q /= sc;
            r /= sc;
            if (m === l) break;
            const u = Math.abs(a[m * s + m - 1]) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(a[(m - 1) * s + m - 1]) + Math.abs(z) + Math.abs(a[(m + 1) * s + m + 1]));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            a[i * s + i - 2] = 0;
            if (i !== m + 2) a[i * s + i - 3] = 0;
          }
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = a[k * s + k - 1];
              q = a[(k + 1) * s + k - 1];
              r = k !== nn - 1 ? a[(k + 2) * s + k - 1] : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const sk = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (sk === 0) continue;
            if (k === m) {
              if (l !== m) a[k * s + k - 1] = -a[k * s + k - 1];
            } else a[k * s + k - 1] = -sk * x;
            p += sk;
            x = p / sk;
            y = q / sk;
            z = r / sk;
            q /= p;
            r /= p;
            for (let j = k; j <= nn; j++) {
              p = a[k * s + j] + q * a[(k + 1) * s + j];
              if (k !== nn - 1) {
                p += r * a[(k + 2) * s + j];
                a[(k + 2) * s + j] -= p * z;
              }
              a[(k + 1) * s + j] -= p * y;
              a[k * s + j] -= p * x;
            }
            const mmin = nn < k + 3 ? nn : k + 3;
            for (let i = l; i <= mmin; i++) {
              p = x * a[i * s + k] + y * a[i * s + k + 1];
              if (k !== nn - 1) {
                p += z * a[i * s + k + 2];
                a[i * s + k + 2] -= p * r;
              }
              a[i * s + k + 1] -= p * q;
              a[i * s + k] -= p;
            }
          }
        }
      }
    } while (l < nn - 1);
  }
}

/** Eigenvalues of the row-major real matrix `data` [n, n], unordered (conjugate pairs adjacent). */
export function hessenbergQrEigenvalues(data: ArrayLike<number>, n: number): { re: Float64Array; im: Float64Array } {
  const s = n + 1;
  const a = new Float64Array(s * s);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[(i + 1) * s + j + 1] = data[i * n + j];
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  elmhes(a, n, s);
  hqr(a, n, s, re, im);
  return { re, im };
}
