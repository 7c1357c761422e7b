// Eigenvalues in the complex plane (paper §"Detecting copying behavior": a copying head's OV
// eigenvalues lie mostly on the positive real axis): axes through 0, a circle at the largest
// modulus, one dot per eigenvalue coloured by the sign of its real part. Pure; keys are "λ<i>".
import { colourAt, css } from "./palette";
import type { Mark, Scene } from "./scene";

export interface ComplexPlaneSpec {
  title: string;
  re: number[];
  im: number[];
  /** Side of the square plot in px. */
  size: number;
}

export const eigenKey = (i: number) => `λ${i}`;

export function complexPlaneScene(spec: ComplexPlaneSpec): Scene {
  if (spec.re.length !== spec.im.length) throw new RangeError(`complexPlaneScene: ${spec.re.length} real parts but ${spec.im.length} imaginary parts`);
  const pad = 28;
  const side = spec.size;
  const c = side / 2;
  const r = Math.max(1e-12, ...spec.re.map((x, i) => Math.hypot(x, spec.im[i])).filter(Number.isFinite));
  const scale = (c - pad) / r;
  const marks: Mark[] = [
    { kind: "line", x1: pad / 2, y1: c, x2: side - pad / 2, y2: c, stroke: "#9aa3ad" },
    { kind: "line", x1: c, y1: pad / 2, x2: c, y2: side - pad / 2, stroke: "#9aa3ad" },
    { kind: "circle", cx: c, cy: c, r: c - pad, fill: "none", stroke: "#c5cbd3", strokeWidth: 1 },
    { kind: "text", x: side - pad / 2, y: c - 4, text: "Re", size: 10, fill: "#5c6672", anchor: "end" },
    { kind: "text", x: c + 4, y: pad / 2 + 8, text: "Im", size: 10, fill: "#5c6672" },
    { kind: "text", x: c + (c - pad) + 2, y: c + 12, text: r.toPrecision(3), size: 9, fill: "#5c6672" },
    { kind: "text", x: c - (c - pad) - 2, y: c + 12, text: (-r).toPrecision(3), size: 9, fill: "#5c6672", anchor: "end" },
  ];
  spec.re.forEach((x, i) => {
    const y = spec.im[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const fill = colourAt("puor", x >= 0 ? 0.9 : 0.1);
    marks.push({ kind: "circle", cx: c + x * scale, cy: c - y * scale, r: 4, fill: css(fill), stroke: "#ffffff", strokeWidth: 0.75, key: eigenKey(i), title: `λ${i} = ${x.toPrecision(4)} ${y < 0 ? "−" : "+"} ${Math.abs(y).toPrecision(4)}i` });
  });
  return { width: side, height: side, title: spec.title, marks };
}
