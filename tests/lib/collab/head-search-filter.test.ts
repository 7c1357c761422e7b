import { describe, expect, it } from "vitest";
import { headSearchArgs } from "@/lib/collab/head-search";
import {
  headSearchFilterSchema,
  matchHead,
  MAX_HEAD_SEARCH_FIRST,
  MAX_SEARCH_SCORE_BOUND,
  MAX_SEARCH_SIGMA,
  MAX_SEARCH_TEXT_CHARS,
  SNIPPET_CHARS,
  snippetOf,
  type AnnotationFacts,
  type HeadFacts,
} from "@/lib/collab/head-search-filter";
import type { HeadReportJson } from "@/lib/engine/circuits/report";

// A hand-made 2-layer, 1-head report: only the fields a search reads. Head 1.0 is an induction head
// whose partner 0.0 K-composes with 0.4 against a baseline of mean 0.1, std 0.05: (0.4 − 0.1)/0.05 = 6σ.
const report = {
  config: { n_layers: 2, n_heads: 1 },
  heads: [
    { name: "0.0", layer: 0, head: 0, previousToken: 0.9, ovCopying: 0.2, labels: [{ label: "previous-token", score: 0.9 }] },
    { name: "1.0", layer: 1, head: 0, previousToken: 0.1, ovCopying: 0.95, labels: [{ label: "induction", score: 0.7, partner: "0.0" }, { label: "copying", score: 0.95 }] },
  ],
  composition: { Q: [[[[0], [0.05]]], [[[0], [0]]]], K: [[[[0], [0.4]]], [[[0], [0]]]], V: [[[[0], [0.1]]], [[[0], [0]]]] },
  compositionBaseline: { mean: 0.1, std: 0.05, samples: 100, seed: 0 },
} as unknown as HeadReportJson;

const note = (over: Partial<AnnotationFacts> = {}): AnnotationFacts => ({ id: "a1", label: "induction", authorId: "u1", accepted: false, votes: [], body: "", claims: [], ...over });
const head = (name: "0.0" | "1.0", annotations: AnnotationFacts[] = [], withReport = true): HeadFacts => ({
  name, layer: Number(name[0]), index: 0, report: withReport ? report : null, annotations,
});
const filter = (raw: unknown) => headSearchFilterSchema.parse(raw);

describe("matchHead", () => {
  it("matches the partner K-composition against the report's own baseline in σ", () => {
    const m = matchHead(filter({ label: "induction", partnerKComposition: { minSigma: 3 } }), head("1.0"));
    expect(m?.partnerKComposition).toMatchObject({ partner: "0.0", value: 0.4, baselineMean: 0.1, baselineStd: 0.05 });
    expect(m!.partnerKComposition!.sigma).toBeCloseTo(6, 12);
    expect(matchHead(filter({ partnerKComposition: { minSigma: 6.01 } }), head("1.0"))).toBeNull();
    // 0.0 has no induction label, so no partner: it never matches a partner filter.
    expect(matchHead(filter({ partnerKComposition: { minSigma: -100 } }), head("0.0"))).toBeNull();
  });

  it("matches a label from the engine's labels or from any annotation", () => {
    expect(matchHead(filter({ label: "copying" }), head("1.0"))?.engineLabels).toEqual(["induction", "copying"]);
    expect(matchHead(filter({ label: "inhibition" }), head("1.0"))).toBeNull();
    expect(matchHead(filter({ label: "inhibition" }), head("1.0", [note({ label: "inhibition" })]))).not.toBeNull();
  });

  it("keeps score ranges inclusive and reports the value matched", () => {
    expect(matchHead(filter({ score: { name: "ovCopying", min: 0.95 } }), head("1.0"))?.scores).toEqual([{ name: "ovCopying", value: 0.95 }]);
    expect(matchHead(filter({ score: { name: "ovCopying", min: 0.951 } }), head("1.0"))).toBeNull();
    expect(matchHead(filter({ score: { name: "previousToken", max: 0.1 } }), head("1.0"))).not.toBeNull();
    expect(matchHead(filter({ score: { name: "previousToken", min: 0.2, max: 0.5 } }), head("0.0"))).toBeNull();
  });

  it("skips a score or partner filter on a head without a report, but matches it through annotations ('not analysed yet')", () => {
    expect(matchHead(filter({ score: { name: "ovCopying", min: -1 } }), head("1.0", [note()], false))).toBeNull();
    expect(matchHead(filter({ label: "induction" }), head("1.0", [note()], false))).toMatchObject({ analysed: false, engineLabels: [], partnerKComposition: null });
    expect(matchHead(filter({ label: "copying" }), head("1.0", [note()], false))).toBeNull();
  });

  it("matches annotation text ignoring case, quotes it, and counts claims by their last evaluation", () => {
    const notes = [note({ body: "Nothing here." }), note({ id: "a2", body: "Its keys K-compose with **0.0**.", claims: [{ passing: true }, { passing: false }, { passing: null }] })];
    const m = matchHead(filter({ text: "k-COMPOSE" }), head("1.0", notes));
    expect(m).toMatchObject({ annotationSnippet: "Its keys K-compose with **0.0**.", annotationCount: 2, passingClaims: 1, failingClaims: 1 });
    expect(matchHead(filter({ text: "ablation" }), head("1.0", notes))).toBeNull();
    expect(matchHead(filter({ claimStatus: "FAILING" }), head("1.0", notes))).not.toBeNull();
    expect(matchHead(filter({ claimStatus: "PASSING" }), head("1.0", [note()]))).toBeNull();
  });

  it("reports the consensus label of the head's annotations", () => {
    const notes = [note({ label: "copying", authorId: "u1" }), note({ id: "a2", label: "induction", authorId: "u2", votes: [{ userId: "u3", value: "AGREE" }] })];
    expect(matchHead(filter({}), head("1.0", notes))).toMatchObject({ consensusLabel: "induction", consensusCount: 2 });
  });
});

describe("snippetOf", () => {
  it("cuts a window of SNIPPET_CHARS around the first match, marking what was cut", () => {
    const body = `${"a ".repeat(200)}needle${" b".repeat(200)}`;
    const s = snippetOf(body, "NEEDLE");
    expect(s.startsWith("…") && s.endsWith("…")).toBe(true);
    expect(s.length).toBe(SNIPPET_CHARS + 2);
    expect(s).toContain("needle");
    expect(snippetOf("short\n\ntext")).toBe("short text");
  });
});

describe("search bounds", () => {
  const refused = (raw: unknown) => {
    const r = headSearchArgs.safeParse(raw);
    return r.success ? null : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  };
  it("refuses each bound + 1, naming the field", () => {
    expect(refused({ filter: {}, first: MAX_HEAD_SEARCH_FIRST + 1 })).toContain(`first: first must be at most ${MAX_HEAD_SEARCH_FIRST}`);
    expect(refused({ filter: { text: "x".repeat(MAX_SEARCH_TEXT_CHARS + 1) } })).toContain("filter.text: text is at most");
    expect(refused({ filter: { partnerKComposition: { minSigma: MAX_SEARCH_SIGMA + 1 } } })).toContain("filter.partnerKComposition.minSigma");
    expect(refused({ filter: { score: { name: "ovCopying", min: MAX_SEARCH_SCORE_BOUND + 1 } } })).toContain("filter.score.min");
    expect(refused({ filter: { score: { name: "constructor", min: 0 } } })).toContain("score.name is one of previousToken");
    expect(refused({ filter: { score: { name: "ovCopying" } } })).toContain("score needs min or max");
    expect(refused({ filter: { score: { name: "ovCopying", min: 0.5, max: 0.4 } } })).toContain("filter.score.max");
    expect(refused({ filter: { label: "Not A Label" } })).toContain("filter.label");
    expect(refused({ filter: {}, after: "x".repeat(401) })).toContain("after");
  });
  it("accepts each bound itself", () => {
    expect(refused({ filter: { text: "x".repeat(MAX_SEARCH_TEXT_CHARS), partnerKComposition: { minSigma: MAX_SEARCH_SIGMA } }, first: MAX_HEAD_SEARCH_FIRST })).toBeNull();
  });
});
