// Kind "virtual-weights": the virtual weight W_O¹ · W_X² [d_head, d_head] from a writer head to a
// later reader head's X ∈ {Q, K, V} (paper §"Virtual weights"; ARENA 1.2 `W_O[0, h1] @ W_V[1, h2]`),
// its Frobenius norm and singular values (lib/engine/circuits/virtual.ts, linalg/svd.ts).
import { z } from "zod";
import { frobeniusNorm } from "../../engine/linalg/matrix";
import { singularValues } from "../../engine/linalg/svd";
import { virtualWeights } from "../../engine/circuits/virtual";
import { compositionMode, headIn, headParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const VIRTUAL_WEIGHTS_KIND = "virtual-weights";

export const virtualWeightsKind = defineAnalysisKind({
  kind: VIRTUAL_WEIGHTS_KIND,
  params: z.object({ writer: headParam, reader: headParam, mode: compositionMode }),
  async compute(model, p) {
    if (p.writer.layer >= p.reader.layer) throw new RangeError(`virtual weights: the writer ${p.writer.layer}.${p.writer.head} must be in an earlier layer than the reader ${p.reader.layer}.${p.reader.head}`);
    const m = virtualWeights(headIn(model, p.writer.layer, p.writer.head), p.writer.head, headIn(model, p.reader.layer, p.reader.head), p.reader.head, p.mode);
    return { shape: m.shape, norm: frobeniusNorm(m), singularValues: Array.from(singularValues(m)) };
  },
});
