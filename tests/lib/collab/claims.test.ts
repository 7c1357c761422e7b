import { describe, expect, it } from "vitest";
import { claimSpecSchema, describeClaim, evaluateClaim, MAX_BASELINE_STDS, MAX_CLAIM_REPEAT_LENGTH } from "@/lib/collab/claims";
import type { HeadReportJson } from "@/lib/engine/circuits/report";

// A hand-made 2-layer, 1-head report: only the fields a claim reads.
const report = {
  config: { n_layers: 2, n_heads: 1 },
  heads: [
    { name: "0.0", layer: 0, head: 0, ovCopying: 0.2, inductionStripe: 0.1 },
    { name: "1.0", layer: 1, head: 0, ovCopying: 0.9, inductionStripe: 0.7 },
  ],
  composition: { Q: [[[[0], [0.05]]], [[[0], [0]]]], K: [[[[0], [0.4]]], [[[0], [0]]]], V: [[[[0], [0.1]]], [[[0], [0]]]] },
  compositionBaseline: { mean: 0.1, std: 0.05, samples: 100, seed: 0 },
} as unknown as HeadReportJson;
const at = { modelVersion: 3, modelVersionId: "v3", engineVersion: "e1" };
const evaluate = (spec: unknown) => evaluateClaim(claimSpecSchema.parse(spec), report, at);

describe("evaluateClaim", () => {
  it("reads the head score from the report and compares it with ≥ and ≤", () => {
    expect(evaluate({ metric: "ovCopying", head: "1.0", comparator: ">=", threshold: { value: 0.8 } })).toMatchObject({ status: "PASS", value: 0.9, threshold: 0.8, modelVersion: 3, engineVersion: "e1" });
    expect(evaluate({ metric: "ovCopying", head: "0.0", comparator: ">=", threshold: { value: 0.8 } })).toMatchObject({ status: "FAIL", value: 0.2 });
    expect(evaluate({ metric: "inductionStripe", head: "0.0", comparator: "<=", threshold: { value: 0.1 } })).toMatchObject({ status: "PASS", value: 0.1 });
  });

  it("reads composition at [from layer][from head][to layer][to head] and resolves a baseline threshold to mean + k·std", () => {
    const k = evaluate({ metric: "kComposition", from: "0.0", to: "1.0", comparator: ">=", threshold: { baselineStds: 3 } });
    expect(k).toMatchObject({ status: "PASS", value: 0.4 });
    expect(k.threshold).toBeCloseTo(0.25, 15);
    expect(evaluate({ metric: "qComposition", from: "0.0", to: "1.0", comparator: ">=", threshold: { baselineStds: 3 } })).toMatchObject({ status: "FAIL", value: 0.05 });
  });

  it("answers ERROR for a head the report does not have, or a baseline it lacks", () => {
    expect(evaluate({ metric: "ovCopying", head: "1.3", comparator: ">=", threshold: { value: 0 } })).toMatchObject({ status: "ERROR", message: "This model has no head 1.3." });
    const noBaseline = { ...report, compositionBaseline: undefined } as HeadReportJson;
    expect(evaluateClaim(claimSpecSchema.parse({ metric: "vComposition", from: "0.0", to: "1.0", comparator: ">=", threshold: { baselineStds: 1 } }), noBaseline, at).status).toBe("ERROR");
  });

  it("describes claims in the issue's notation", () => {
    expect(describeClaim(claimSpecSchema.parse({ metric: "kComposition", from: "0.7", to: "1.4", comparator: ">=", threshold: { baselineStds: 3 } }))).toBe("kComposition(0.7 → 1.4) ≥ baselineMean + 3·baselineStd");
    expect(describeClaim(claimSpecSchema.parse({ metric: "inductionStripe", head: "1.4", repeatLength: 25, comparator: ">=", threshold: { value: 0.5 } }))).toBe("inductionStripe(1.4, repeatLength 25) ≥ 0.5");
  });

  it(`accepts repeatLength MAX_CLAIM_REPEAT_LENGTH (${MAX_CLAIM_REPEAT_LENGTH}) and baselineStds ±MAX_BASELINE_STDS (${MAX_BASELINE_STDS}), refusing one past each on its path`, () => {
    const paths = (spec: unknown) => {
      const r = claimSpecSchema.safeParse(spec);
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    const stripe = (repeatLength: number) => ({ metric: "inductionStripe", head: "1.0", repeatLength, comparator: ">=", threshold: { value: 0.5 } });
    expect(paths(stripe(MAX_CLAIM_REPEAT_LENGTH))).toEqual([]);
    expect(paths(stripe(MAX_CLAIM_REPEAT_LENGTH + 1))).toEqual(["repeatLength"]);
    const k = (baselineStds: number) => ({ metric: "kComposition", from: "0.0", to: "1.0", comparator: ">=", threshold: { baselineStds } });
    expect(paths(k(MAX_BASELINE_STDS))).toEqual([]);
    expect(paths(k(-MAX_BASELINE_STDS))).toEqual([]);
    expect(paths(k(MAX_BASELINE_STDS + 1))[0]).toMatch(/^threshold/);
    expect(paths(k(-MAX_BASELINE_STDS - 1))[0]).toMatch(/^threshold/);
  });
});
