// The bounds of a finding document and its figures (lib/findings/limits, export-format, figures):
// at each bound the document or params are accepted, one past it is refused with the path named.
import { describe, expect, it } from "vitest";
import { FINDING_EXPORT_FORMAT, FINDING_EXPORT_VERSION, findingExportSchema } from "@/lib/findings/export-format";
import { figureParamsSchemas } from "@/lib/findings/figures";
import { MAX_FIGURE_KEY_CHARS, MAX_FIGURE_PROMPT_CHARS, MAX_FIGURE_TOKENS, MAX_FIGURE_TOP_K, MAX_FIGURES_PER_FINDING, MAX_FINDING_TITLE_CHARS } from "@/lib/findings/limits";

const figure = (key: string) => ({ key, kind: "HEAD_CARD", params: { head: "0.0" }, engineVersion: null, frozenAt: null, value: null });

/** A minimal export document (the format of lib/findings/export-format.ts's header comment). */
function doc(title: string, figures: unknown[]) {
  return {
    format: FINDING_EXPORT_FORMAT, formatVersion: FINDING_EXPORT_VERSION, exportedAt: "2026-12-07T00:00:00Z",
    finding: { title, body: "", model: { name: "m", version: 1, contentHash: "h" }, author: null },
    figures,
  };
}

/** The issues' paths (joined by ".") of parsing `value` with `schema`; [] when it parses. */
function paths(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } }, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error!.issues.map((i) => i.path.map(String).join("."));
}

describe("finding bounds", () => {
  it(`accepts a title of MAX_FINDING_TITLE_CHARS (${MAX_FINDING_TITLE_CHARS}) characters and refuses one more`, () => {
    expect(paths(findingExportSchema, doc("t".repeat(MAX_FINDING_TITLE_CHARS), []))).toEqual([]);
    expect(paths(findingExportSchema, doc("t".repeat(MAX_FINDING_TITLE_CHARS + 1), []))).toEqual(["finding.title"]);
  });

  it(`accepts MAX_FIGURES_PER_FINDING (${MAX_FIGURES_PER_FINDING}) figures and refuses one more`, () => {
    const figures = (n: number) => Array.from({ length: n }, (_, i) => figure(`fig-${i}`));
    expect(paths(findingExportSchema, doc("t", figures(MAX_FIGURES_PER_FINDING)))).toEqual([]);
    const r = findingExportSchema.safeParse(doc("t", figures(MAX_FIGURES_PER_FINDING + 1)));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["figures", `A finding has at most ${MAX_FIGURES_PER_FINDING} figures.`]]);
  });

  it(`accepts a figure key of MAX_FIGURE_KEY_CHARS (${MAX_FIGURE_KEY_CHARS}) characters and refuses one more`, () => {
    expect(paths(findingExportSchema, doc("t", [figure("k".repeat(MAX_FIGURE_KEY_CHARS))]))).toEqual([]);
    expect(paths(findingExportSchema, doc("t", [figure("k".repeat(MAX_FIGURE_KEY_CHARS + 1))]))).toEqual(["figures.0.key"]);
  });

  it("accepts figure params at MAX_FIGURE_TOP_K, MAX_FIGURE_TOKENS and MAX_FIGURE_PROMPT_CHARS and refuses one more of each", () => {
    expect(paths(figureParamsSchemas.OV_TABLE, { head: "0.0", topK: MAX_FIGURE_TOP_K })).toEqual([]);
    expect(paths(figureParamsSchemas.OV_TABLE, { head: "0.0", topK: MAX_FIGURE_TOP_K + 1 })).toEqual(["topK"]);
    expect(paths(figureParamsSchemas.ATTENTION, { head: "0.0", tokens: Array(MAX_FIGURE_TOKENS).fill(1) })).toEqual([]);
    expect(paths(figureParamsSchemas.ATTENTION, { head: "0.0", tokens: Array(MAX_FIGURE_TOKENS + 1).fill(1) })).toEqual(["tokens"]);
    expect(paths(figureParamsSchemas.ATTENTION, { head: "0.0", prompt: "p".repeat(MAX_FIGURE_PROMPT_CHARS) })).toEqual([]);
    expect(paths(figureParamsSchemas.ATTENTION, { head: "0.0", prompt: "p".repeat(MAX_FIGURE_PROMPT_CHARS + 1) })).toEqual(["prompt"]);
  });
});
