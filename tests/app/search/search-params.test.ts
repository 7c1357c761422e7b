import { describe, expect, it } from "vitest";
import { filterOfForm, formFromParams, paramsFromForm } from "@/app/search/search-params";

describe("head search URL parameters", () => {
  it("round-trip the form through the URL, leaving empty fields out", () => {
    const form = formFromParams(new URLSearchParams("label=induction&sigma=3"));
    expect(form).toEqual({ label: "induction", text: "", claims: "", score: "", min: "", max: "", sigma: "3" });
    expect(paramsFromForm(form)).toBe("label=induction&sigma=3");
    expect(paramsFromForm(formFromParams(new URLSearchParams("")))).toBe("");
  });

  it("build the API filter of the issue's example and of a score range", () => {
    expect(filterOfForm(formFromParams(new URLSearchParams("label=induction&sigma=3")))).toEqual({ label: "induction", partnerKComposition: { minSigma: 3 } });
    expect(filterOfForm(formFromParams(new URLSearchParams("score=ovCopying&min=0.8&claims=FAILING&text=copies")))).toEqual({
      text: "copies", claimStatus: "FAILING", score: { name: "ovCopying", min: 0.8, max: null },
    });
    // An unknown claim status is not sent.
    expect(filterOfForm(formFromParams(new URLSearchParams("claims=MAYBE")))).toEqual({});
  });
});
