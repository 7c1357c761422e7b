// Kind "subspace-overlap": principal angles between the residual-stream subspaces two heads read
// or write (W_Q, W_K, W_V columns, W_O rows), and their overlap Σcos²θ / rank
// (lib/engine/circuits/virtual.ts `subspaceOverlap`; Björck & Golub).
import { z } from "zod";
import { subspaceOverlap } from "../../engine/circuits/virtual";
import { headIn, headParam, headSide } from "./limits";
import { defineAnalysisKind } from "./registry";

export const SUBSPACE_OVERLAP_KIND = "subspace-overlap";

export const subspaceOverlapKind = defineAnalysisKind({
  kind: SUBSPACE_OVERLAP_KIND,
  params: z.object({ a: headParam, sideA: headSide, b: headParam, sideB: headSide }),
  async compute(model, p) {
    const r = subspaceOverlap(headIn(model, p.a.layer, p.a.head), p.a.head, p.sideA, headIn(model, p.b.layer, p.b.head), p.b.head, p.sideB);
    return { overlap: r.overlap, cosines: Array.from(r.cosines), angles: Array.from(r.angles) };
  },
});
