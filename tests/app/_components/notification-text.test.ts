// What the bell says for each notification kind, and where it links.
import { describe, expect, it } from "vitest";
import { describeNotification } from "@/app/_components/notification-text";

describe("describeNotification", () => {
  it("names who mentioned you and links a head thread to the head's page", () => {
    expect(describeNotification({ kind: "mention", data: { modelId: "m1", target: "HEAD", targetId: "1.4", by: "Alice" } })).toEqual({ text: "Alice mentioned you on head 1.4", href: "/models/m1/heads/1.4" });
    expect(describeNotification({ kind: "mention", data: { modelId: "m1", target: "ANNOTATION", targetId: "a1", by: "Bob" } })).toEqual({ text: "Bob mentioned you on an annotation", href: "/models/m1" });
  });

  it("gives a failing claim its numbers and links its head", () => {
    expect(describeNotification({ kind: "claim-failing", data: { modelId: "m1", head: "0.1", claim: "ovCopying(0.1) ≥ 0.8", value: 0.5, threshold: 0.8, modelVersion: 2 } }))
      .toEqual({ text: "Your claim ovCopying(0.1) ≥ 0.8 now fails: 0.500 against 0.800 (v2)", href: "/models/m1/heads/0.1" });
  });

  it("survives data with fields missing", () => {
    expect(describeNotification({ kind: "claim-failing", data: null })).toEqual({ text: "Your claim now fails: — against —", href: null });
    expect(describeNotification({ kind: "mention", data: {} })).toEqual({ text: "Someone mentioned you in a comment", href: null });
  });
});
