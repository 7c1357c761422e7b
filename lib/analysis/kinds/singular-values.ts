// Kind "singular-values": the d_head nonzero singular values of every head's W_OV = W_V W_O or
// W_QK = W_Q W_Kᵀ [d_model, d_model] (TL `model.OV.S`, `model.QK.S`), from the factored form
// (lib/engine/linalg/factored-matrix.ts), descending.
import { z } from "zod";
import { headOV, headQK } from "../../engine/circuits/qk-ov";
import { defineAnalysisKind } from "./registry";

export const SINGULAR_VALUES_KIND = "singular-values";
export const svdCircuit = z.enum(["OV", "QK"]);

export const singularValuesKind = defineAnalysisKind({
  kind: SINGULAR_VALUES_KIND,
  params: z.object({ circuit: svdCircuit }),
  async compute(model, { circuit }) {
    const H = model.config.n_heads;
    return {
      circuit,
      heads: model.weights.blocks.flatMap((w, layer) =>
        Array.from({ length: H }, (_, head) => ({ layer, head, values: Array.from((circuit === "OV" ? headOV(w, head) : headQK(w, head)).singularValues()) })),
      ),
    };
  },
});
