// Kind "ov-circuit": the full OV circuit W_E W_OV W_U of one head over the whole vocabulary
// (paper §"OV circuit"; TL `model.OV` with W_E, W_U): its top and bottom entries and optionally the
// top outputs of every source token, found blockwise by the engine (never d_vocab² at once).
import { circuitTopK, fullOV, type CircuitEntry } from "../../engine/circuits/qk-ov";
import { floatTensor, intTensor } from "../tensor-json";
import { headParam, MAX_PER_SOURCE, MAX_TOP_K, topKParam } from "./limits";
import { defineAnalysisKind } from "./registry";

export const OV_CIRCUIT_KIND = "ov-circuit";

export const ovCircuitParams = headParam.extend({
  topK: topKParam("topK", MAX_TOP_K),
  perSource: topKParam("perSource", MAX_PER_SOURCE, 0).default(0),
  bottomK: topKParam("bottomK", MAX_TOP_K, 0).default(0),
});

/** Entries as { row, col, value } (row: source token, col: output token). */
export const entriesJson = (es: readonly CircuitEntry[]) => es.map((e) => ({ row: e.row, col: e.col, value: e.value }));

export const ovCircuitKind = defineAnalysisKind({
  kind: OV_CIRCUIT_KIND,
  params: ovCircuitParams,
  async compute(model, p, { kernels }) {
    const thin = await fullOV(model.weights, p.layer, p.head, { kernels });
    const top = await circuitTopK(thin, p.topK, { kernels });
    const bottom = p.bottomK > 0 ? (await circuitTopK(thin, p.bottomK, { kernels, smallest: true })).entries : [];
    const perRow = p.perSource > 0 ? await kernels.matmulTopKRows(thin.left, thin.rightT, thin.rows, thin.d_head, thin.cols, p.perSource, { transB: true }) : null;
    return {
      top: entriesJson(top.entries),
      bottom: entriesJson(bottom),
      perSource: perRow ? { values: floatTensor(perRow.values, [thin.rows, perRow.k]), indices: intTensor(perRow.indices, [thin.rows, perRow.k]) } : null,
    };
  },
});
