import { describe, expect, it } from "vitest";
import { claimSpecOf, newClaimDraft, type ClaimDraft } from "@/app/_components/collab/claim-draft";
import { claimSpecSchema, describeClaim } from "@/lib/collab/claims";

describe("claim drafts", () => {
  it("start from the issue's example on a later-layer head: kComposition from the layer before ≥ baseline + 3σ", () => {
    const spec = claimSpecSchema.parse(claimSpecOf(newClaimDraft("1.4")));
    expect(describeClaim(spec)).toBe("kComposition(0.0 → 1.4) ≥ baselineMean + 3·baselineStd");
    expect(describeClaim(claimSpecSchema.parse(claimSpecOf(newClaimDraft("0.2"))))).toBe("ovCopying(0.2) ≥ 0.8");
  });

  it("send the validated structure the server expects, the repeat length only when given", () => {
    const head: ClaimDraft = { metric: "inductionStripe", head: " 1.4 ", from: "", comparator: "<=", thresholdKind: "value", threshold: "0.5", repeatLength: "25" };
    expect(claimSpecOf(head)).toEqual({ metric: "inductionStripe", head: "1.4", comparator: "<=", threshold: { value: 0.5 }, repeatLength: 25 });
    expect(claimSpecSchema.safeParse(claimSpecOf(head)).success).toBe(true);
    expect(claimSpecOf({ ...head, repeatLength: "" })).not.toHaveProperty("repeatLength");
    const comp: ClaimDraft = { metric: "vComposition", head: "1.1", from: "0.3", comparator: ">=", thresholdKind: "value", threshold: "0.2", repeatLength: "9" };
    expect(claimSpecOf(comp)).toEqual({ metric: "vComposition", from: "0.3", to: "1.1", comparator: ">=", threshold: { value: 0.2 } });
  });

  it("leave refusing a bad draft to the server's schema, which names the field", () => {
    const bad = claimSpecSchema.safeParse(claimSpecOf({ ...newClaimDraft("1.0"), from: "1.0" }));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toContain("to");
  });
});
