// Kind "eigenvalues": the eigenvalues of every head's full OV circuit W_E W_OV W_U (paper
// §"Detecting copying behavior"), token QK circuit W_E W_QK W_Eᵀ or positional QK circuit
// W_pos W_QK W_posᵀ, from the d_head-sized side (TL `FactoredMatrix.eigenvalues`), with the
// positivity score Re(Σλ)/Σ|λ| the head report uses (lib/engine/circuits/eigen.ts).
import { z } from "zod";
import { BadInputError } from "../../db/errors";
import { skippedScores } from "../../engine/circuits/report";
import { embedGram, ovCopyingScores, qkPositivityScores, type HeadSpectra } from "../../engine/circuits/eigen";
import { defineAnalysisKind } from "./registry";

export const EIGENVALUES_KIND = "eigenvalues";
export const eigenCircuit = z.enum(["OV", "QK_TOKEN", "QK_POSITIONAL"]);

export const eigenvaluesKind = defineAnalysisKind({
  kind: EIGENVALUES_KIND,
  params: z.object({ circuit: eigenCircuit }),
  async compute(model, { circuit }, { kernels }) {
    const w = model.weights;
    let spectra: HeadSpectra;
    const skipped = circuit === "OV" ? skippedScores(model).find((x) => x.score === "ovCopying") : undefined;
    if (skipped) throw new BadInputError(`The OV eigenvalues are undefined for this model: ${skipped.reason}.`, "circuit");
    if (circuit === "OV") spectra = await ovCopyingScores(w, { kernels });
    else {
      const which = circuit === "QK_TOKEN" ? "token" : "positional";
      spectra = await qkPositivityScores(w, which, { kernels, gram: await embedGram(which === "token" ? w.W_E : w.W_pos, kernels) });
    }
    const H = model.config.n_heads;
    return {
      circuit,
      heads: spectra.eigenvalues.flatMap((row, layer) =>
        row.map((ev, head) => ({ layer, head, score: spectra.scores[layer * H + head], re: Array.from(ev.re), im: Array.from(ev.im) })),
      ),
    };
  },
});
