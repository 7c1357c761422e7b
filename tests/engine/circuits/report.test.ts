import { describe, it, expect } from "vitest";
import { headReport } from "@/lib/engine/circuits/report";
import { type Kernels } from "@/lib/engine/linalg/kernels";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { inductionModel, offsetModel, splitInductionModel, T } from "@/tests/fixtures/circuits/hand-models";

const labelsOf = (r: Awaited<ReturnType<typeof headReport>>, name: string) => r.heads.find((h) => h.name === name)!.labels;

describe("headReport on hand-built 2-layer models", () => {
  it("labels 0.0 previous-token and 1.0 induction by K-composition with partner 0.0", async () => {
    const r = await headReport(inductionModel(), { baselineSamples: 0 });
    const h00 = r.heads.find((h) => h.name === "0.0")!;
    // Row 0 can only attend to itself; rows 1..15 put all but ~e^-30 on the previous token: 15/16.
    expect(Math.abs(h00.previousToken - 15 / 16)).toBeLessThan(1e-6);
    expect(labelsOf(r, "0.0").map((l) => l.label)).toContain("previous-token");
    const ind = labelsOf(r, "1.0").find((l) => l.label === "induction");
    expect(ind, JSON.stringify(labelsOf(r, "1.0"))).toBeDefined();
    expect(ind).toMatchObject({ partner: "0.0", mechanism: "k-composition" });
    expect(ind!.evidence!.ablationDrop).toBeGreaterThan(0.5);
    expect(ind!.evidence!.positionalInvariance).toBeLessThan(0.9);
    expect(labelsOf(r, "1.0").map((l) => l.label)).toContain("copying");
    // Distractors attend uniformly: not induction, and not "positional" either (uniform is excluded).
    expect(labelsOf(r, "1.1").map((l) => l.label)).not.toContain("induction");
    expect(labelsOf(r, "1.1").map((l) => l.label)).not.toContain("positional");
    // 0.0's row q puts 1 on key q−1 against uniform 1/(q+1): ½Σ|p − u| = q/(q+1), mean over 16 rows.
    const expected = Array.from({ length: 16 }, (_, q) => q / (q + 1)).reduce((a, b) => a + b) / 16;
    expect(Math.abs(h00.distanceFromUniform - expected)).toBeLessThan(1e-6);
    expect(labelsOf(r, "0.0").map((l) => l.label)).toContain("positional");
  });

  it("verifies K-composition through all previous-token heads when the best partner alone carries too little", async () => {
    const r = await headReport(splitInductionModel(12), { baselineSamples: 0 });
    expect(labelsOf(r, "0.0").map((l) => l.label)).toContain("previous-token");
    expect(labelsOf(r, "0.1").map((l) => l.label)).toContain("previous-token");
    const ind = labelsOf(r, "1.0").find((l) => l.label === "induction")!;
    expect(ind).toMatchObject({ partner: "0.0", mechanism: "k-composition" });
    // Removing 0.0 alone only hides the 12 of 32 tokens it carries; removing both hides all.
    expect(ind.evidence!.ablationDrop).toBeLessThan(0.5);
    expect(ind.evidence!.groupAblationDrop).toBeGreaterThan(0.5);
  });

  it("does not call the fixed-offset head a K-composition induction head", async () => {
    const model = offsetModel(T / 2);
    const periodic = Array.from({ length: 4 }, (_, b) => Array.from({ length: T }, (_, i) => (b * 7 + (i % (T / 2)) * 3) % 32));
    const r = await headReport(model, { tokens: periodic, baselineSamples: 0 });
    const h10 = r.heads.find((h) => h.name === "1.0")!;
    // On its own period it looks like induction (TL detector and ARENA stripe both high) ...
    expect(h10.induction).toBeGreaterThan(0.25);
    expect(h10.inductionStripe).toBeGreaterThan(0.4);
    // ... but the engine says why: positional, no K-composition partner.
    const ind = h10.labels.find((l) => l.label === "induction");
    expect(ind?.mechanism).toBe("positional");
    expect(ind?.partner).toBeUndefined();
    expect(h10.labels.some((l) => l.mechanism === "k-composition")).toBe(false);
    expect(r.composition.K[0][0][1][0]).toBeLessThan(1e-6);
  });
});

describe("headReport's cost", () => {
  it("runs no unembedding: no product x·W_U (the detectors read patterns, not logits)", async () => {
    const model = inductionModel();
    const W_U = model.weights.W_U.data;
    const rightFactors: Float32Array[] = [];
    const recording: Kernels = { ...tsKernels, name: "recording", matmul: (a, b, m, k, n, o) => { rightFactors.push(b); return tsKernels.matmul(a, b, m, k, n, o); } };
    const r = await headReport(model, { kernels: recording, baselineSamples: 0 });
    expect(r.heads.find((h) => h.name === "1.0")!.labels.map((l) => l.label)).toContain("induction");
    expect(rightFactors.length).toBeGreaterThan(0);
    expect(rightFactors.filter((b) => b === W_U).length).toBe(0);
  });
});
