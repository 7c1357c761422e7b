// lib/findings/figures.ts and markdown-export.ts: the per-kind schemas at their bounds (bound and
// bound + 1), the `differs` comparison, and Markdown tables that a hostile token text cannot break.
import { describe, expect, it } from "vitest";
import { figureParamsSchemas, figureValueSchemas, valuesDiffer } from "@/lib/findings/figures";
import { FIGURE_VALUE_TOLERANCE, MAX_FIGURE_PROMPT_CHARS, MAX_FIGURE_TOKENS, MAX_FIGURE_TOP_K } from "@/lib/findings/limits";
import { cell, findingMarkdown, MARKDOWN_TABLE_MAX_SIDE, MARKDOWN_TOP_ENTRIES } from "@/lib/findings/markdown-export";
import type { FindingExport } from "@/lib/findings/export-format";

describe("figure params", () => {
  it("accepts each bound and refuses bound + 1, naming the field", () => {
    expect(figureParamsSchemas.OV_TABLE.safeParse({ head: "1.4", topK: MAX_FIGURE_TOP_K }).success).toBe(true);
    expect(figureParamsSchemas.OV_TABLE.safeParse({ head: "1.4", topK: MAX_FIGURE_TOP_K + 1 }).error!.issues[0].path).toEqual(["topK"]);
    expect(figureParamsSchemas.ATTENTION.safeParse({ head: "0.0", tokens: Array(MAX_FIGURE_TOKENS).fill(1) }).success).toBe(true);
    expect(figureParamsSchemas.ATTENTION.safeParse({ head: "0.0", tokens: Array(MAX_FIGURE_TOKENS + 1).fill(1) }).error!.issues[0].path).toEqual(["tokens"]);
    expect(figureParamsSchemas.ATTENTION.safeParse({ head: "0.0", prompt: "x".repeat(MAX_FIGURE_PROMPT_CHARS) }).success).toBe(true);
    expect(figureParamsSchemas.ATTENTION.safeParse({ head: "0.0", prompt: "x".repeat(MAX_FIGURE_PROMPT_CHARS + 1) }).error!.issues[0].path).toEqual(["prompt"]);
    expect(figureParamsSchemas.ATTENTION.safeParse({ head: "0.0", prompt: "a", tokens: [1] }).error!.issues[0].message).toBe("give exactly one of prompt and tokens");
    for (const head of ["1", "1.4.2", "a.b", "1.44444", " 1.4", "-1.0"]) expect(figureParamsSchemas.HEAD_CARD.safeParse({ head }).success, head).toBe(false);
    expect(figureParamsSchemas.COMPOSITION.safeParse({ mode: "K", head: "1.0" }).success).toBe(false);
  });

  it("refuses a frozen attention pattern that is not tokens × tokens", () => {
    const tokens = [{ id: 1, text: "a" }, { id: 2, text: "b" }];
    expect(figureValueSchemas.ATTENTION.safeParse({ head: "0.0", tokens, pattern: [[1, 0], [0.5, 0.5]] }).success).toBe(true);
    expect(figureValueSchemas.ATTENTION.safeParse({ head: "0.0", tokens, pattern: [[1, 0]] }).error!.issues[0].path).toEqual(["pattern"]);
  });
});

describe("valuesDiffer", () => {
  it("tolerates float noise below FIGURE_VALUE_TOLERANCE and nothing else", () => {
    expect(valuesDiffer({ a: [1, 2], b: "x" }, { a: [1 + FIGURE_VALUE_TOLERANCE / 2, 2], b: "x" })).toBe(false);
    expect(valuesDiffer({ a: [1, 2] }, { a: [1 + 3 * FIGURE_VALUE_TOLERANCE, 2] })).toBe(true);
    expect(valuesDiffer({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(true);
    expect(valuesDiffer({ a: null }, { a: 0 })).toBe(true);
    expect(valuesDiffer({ t: { text: "a" } }, { t: { text: "b" } })).toBe(true);
    expect(valuesDiffer({ a: 1 }, { a: 1, b: 2 })).toBe(true);
  });
});

const doc = (figures: FindingExport["figures"]): FindingExport => ({
  format: "circuitboard-finding",
  formatVersion: 1,
  exportedAt: "2026-12-04T00:00:00.000Z",
  finding: { title: "T", body: "body", model: { name: "m", version: 1, contentHash: "h" }, author: "A" },
  figures,
});

describe("Markdown export", () => {
  it("escapes table cells so a token cannot end its cell, row or open HTML", () => {
    expect(cell("a|b\n| x |<script>`")).toBe("a\\|b\\n\\| x \\|\\<script\\>\\`");
    const md = findingMarkdown(doc([{ key: "fig-1", kind: "OV_TABLE", params: { head: "0.0", topK: 1 }, engineVersion: "e", frozenAt: null, value: { head: "0.0", top: [{ source: { id: 1, text: "|\n|" }, output: { id: 2, text: "ok" }, value: 1.5 }] } }]));
    const rows = md.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| source") && !l.startsWith("| ---"));
    expect(rows).toEqual(["| \\|\\n\\| | ok | 1.500 |"]);
  });

  it("writes a matrix in full up to MARKDOWN_TABLE_MAX_SIDE and its largest entries above", () => {
    const heads = (n: number) => Array.from({ length: n }, (_, i) => `0.${i}`);
    const square = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i * n + j));
    const small = findingMarkdown(doc([{ key: "c", kind: "COMPOSITION", params: { mode: "K" }, engineVersion: "e", frozenAt: null, value: { mode: "K", heads: heads(MARKDOWN_TABLE_MAX_SIDE), scores: square(MARKDOWN_TABLE_MAX_SIDE), baseline: null } }]));
    expect(small.split("\n").filter((l) => l.startsWith("| 0."))).toHaveLength(MARKDOWN_TABLE_MAX_SIDE);
    const n = MARKDOWN_TABLE_MAX_SIDE + 1;
    const big = findingMarkdown(doc([{ key: "c", kind: "COMPOSITION", params: { mode: "K" }, engineVersion: "e", frozenAt: null, value: { mode: "K", heads: heads(n), scores: square(n), baseline: null } }]));
    const rows = big.split("\n").filter((l) => l.startsWith("| 0."));
    expect(rows).toHaveLength(MARKDOWN_TOP_ENTRIES);
    expect(rows[0]).toBe(`| 0.${n - 1} | 0.${n - 1} | ${n * n - 1} |`);
  });
});
