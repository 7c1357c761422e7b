/**
 * The JSON a finding is exported as (`exportFinding(id, format: JSON)`) and imported from
 * (`importFinding(modelId, json)`), version 1. One object:
 *
 * ```json
 * {
 *   "format": "circuitboard-finding",
 *   "formatVersion": 1,
 *   "exportedAt": "2026-12-04T19:00:00.000Z",
 *   "finding": {
 *     "title": "1.4 is an induction head",
 *     "body": "Markdown …",
 *     "model": { "name": "induction-2l", "version": 1, "contentHash": "<sha256 hex of that version>" },
 *     "author": "Ada"
 *   },
 *   "figures": [
 *     { "key": "fig-1", "kind": "HEAD_CARD", "params": { "head": "1.4" }, "engineVersion": "…",
 *       "frozenAt": "…", "value": { "head": "1.4", "scores": { "induction": 0.93, … }, "labels": […], "repeatLength": 25 } },
 *     { "key": "fig-2", "kind": "COMPOSITION", "params": { "mode": "K" }, …,
 *       "value": { "mode": "K", "heads": ["0.0", …], "scores": [[…], …], "baseline": { "mean": …, "std": … } } },
 *     { "key": "fig-3", "kind": "ATTENTION", "params": { "head": "1.4", "prompt": "…" } (or "tokens": [ids]), …,
 *       "value": { "head": "1.4", "tokens": [{ "id": 5, "text": "a" }, …], "pattern": [[q0k0, …], …] } },
 *     { "key": "fig-4", "kind": "OV_TABLE", "params": { "head": "1.4", "topK": 10 }, …,
 *       "value": { "head": "1.4", "top": [{ "source": { "id", "text" }, "output": { "id", "text" }, "value": 3.2 }, …] } }
 *   ]
 * }
 * ```
 *
 * Params and values per kind are lib/findings/figures.ts (`figureParamsSchemas`, `figureValueSchemas`);
 * numbers the engine answered NaN are null. `value` is what was frozen from the pinned version
 * (`finding.model.version`) by `engineVersion`; a figure whose analysis was still computing at export
 * has `value: null` (and cannot be imported). `findingExportSchema` below is the whole document's zod
 * schema (strict: unknown fields are refused, naming them); `FindingExport` its type.
 * Bounds: MAX_IMPORT_CHARS of JSON text, MAX_FIGURES_PER_FINDING figures, the title and body bounds.
 * Visibility and share links are not exported: an imported finding starts as a DRAFT of the importer.
 * A reader who may not learn the model (a PUBLIC finding of a PRIVATE model) gets `name` and
 * `contentHash` as "".
 */
import { z } from "zod";
import { FIGURE_KINDS, figureParamsSchemas, figureValueSchemas, type FigureKind } from "./figures";
import { MAX_FIGURE_KEY_CHARS, MAX_FIGURES_PER_FINDING, MAX_FINDING_BODY_CHARS, MAX_FINDING_TITLE_CHARS } from "./limits";

export const FINDING_EXPORT_FORMAT = "circuitboard-finding";
export const FINDING_EXPORT_VERSION = 1;

export const figureKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "a figure key is letters, digits, '-' and '_' (e.g. fig-1)")
  .max(MAX_FIGURE_KEY_CHARS, `a figure key is at most ${MAX_FIGURE_KEY_CHARS} characters`);

export const findingTitleSchema = z.string().trim().min(1, "A finding needs a title.").max(MAX_FINDING_TITLE_CHARS, `A title is at most ${MAX_FINDING_TITLE_CHARS} characters.`);
export const findingBodySchema = z.string().max(MAX_FINDING_BODY_CHARS, `The body is at most ${MAX_FINDING_BODY_CHARS} characters.`);

const exportedFigure = z
  .strictObject({
    key: figureKeySchema,
    kind: z.enum(FIGURE_KINDS),
    params: z.unknown(),
    engineVersion: z.string().max(200).nullable(),
    frozenAt: z.string().max(40).nullable(),
    value: z.unknown(),
  })
  .superRefine((f, ctx) => {
    const kind = f.kind as FigureKind;
    for (const [field, schema, data] of [["params", figureParamsSchemas[kind], f.params], ["value", figureValueSchemas[kind], f.value]] as const) {
      if (field === "value" && data === null) continue;
      const r = (schema as z.ZodType).safeParse(data);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [field, ...issue.path] });
    }
  });

export const findingExportSchema = z.strictObject({
  format: z.literal(FINDING_EXPORT_FORMAT),
  formatVersion: z.literal(FINDING_EXPORT_VERSION),
  exportedAt: z.string().max(40),
  finding: z.strictObject({
    title: findingTitleSchema,
    body: findingBodySchema,
    model: z.strictObject({ name: z.string().max(200), version: z.number().int().min(1), contentHash: z.string().max(128) }),
    author: z.string().max(200).nullable(),
  }),
  figures: z
    .array(exportedFigure)
    .max(MAX_FIGURES_PER_FINDING, `A finding has at most ${MAX_FIGURES_PER_FINDING} figures.`)
    .refine((fs) => new Set(fs.map((f) => f.key)).size === fs.length, { message: "figure keys must be unique" }),
});

export type FindingExport = z.output<typeof findingExportSchema>;
export type ExportedFigure = FindingExport["figures"][number];
