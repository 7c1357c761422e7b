// A finding out of and into this instance: JSON (./export-format, the document importFinding reads)
// and Markdown (the body, then each figure's frozen data as tables, ./markdown-export). Rules: an
// export is built from the stored frozen values only (nothing is recomputed); an import is bounded
// (MAX_IMPORT_CHARS before parsing), validated by zod — every error names its path — and checked
// against the target model's shape, lands in one transaction as a DRAFT of the importer on a model
// they may edit, and keeps the figures' frozen values exactly.
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { assertHead, collabModel, type CollabModel } from "@/lib/collab/access";
import { renderMarkdown } from "@/lib/collab/markdown";
import { audit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, NotFoundError } from "@/lib/db/errors";
import { FINDING_SELECT, publishFinding, type FindingRow, type LoadedFinding } from "./access";
import { FINDING_EXPORT_FORMAT, FINDING_EXPORT_VERSION, findingExportSchema, type ExportedFigure, type FindingExport } from "./export-format";
import { figureHeads, figureParamsSchemas, type AnyFigureValue, type FigureKind } from "./figures";
import { MAX_IMPORT_CHARS } from "./limits";
import { findingMarkdown } from "./markdown-export";

/** The export document of a loaded (authorized) finding. */
export function exportFindingJson(finding: LoadedFinding): FindingExport {
  const row = finding.row;
  return {
    format: FINDING_EXPORT_FORMAT,
    formatVersion: FINDING_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    finding: {
      title: row.title,
      body: row.body,
      // A reader who may not learn the model (a PUBLIC finding of a PRIVATE model) gets no name or hash.
      model: finding.modelNamed ? { name: row.model.name, version: row.modelVersion.number, contentHash: row.modelVersion.contentHash } : { name: "", version: row.modelVersion.number, contentHash: "" },
      author: row.author?.name ?? null,
    },
    figures: row.figures.map((f) => ({
      key: f.key,
      kind: f.kind,
      params: f.params,
      engineVersion: f.engineVersion,
      frozenAt: f.frozenAt?.toISOString() ?? null,
      value: f.frozen,
    })),
  };
}

export type ExportFormat = "MARKDOWN" | "JSON";

/** The finding as text in `format`. */
export function exportFinding(finding: LoadedFinding, format: ExportFormat): string {
  const doc = exportFindingJson(finding);
  return format === "JSON" ? JSON.stringify(doc, null, 2) : findingMarkdown(doc);
}

export const importFindingSchema = z.strictObject({
  modelId: z.string().trim().min(1).max(200),
  json: z.string().max(MAX_IMPORT_CHARS, `The document is at most ${MAX_IMPORT_CHARS} characters (MAX_IMPORT_CHARS).`),
  /** The version to pin (default: the latest). */
  version: z.number().int().min(1).max(1_000_000).optional(),
});

/** Every head a figure's params and frozen value name, with the field each sits in. */
function headsOfFigure(f: ExportedFigure, i: number): [string, string][] {
  const at = `figures.${i}`;
  const out: [string, string][] = figureHeads(f.kind as FigureKind, f.params as Record<string, unknown>).map((h) => [h, `${at}.params.head`]);
  const value = f.value as AnyFigureValue;
  if ("head" in value) out.push([value.head, `${at}.value.head`]);
  if ("heads" in value) value.heads.forEach((h, j) => out.push([h, `${at}.value.heads.${j}`]));
  return out;
}

/** Checks every figure against the model (heads, head count) and normalises its params (defaults filled). */
function checkAgainstModel(doc: FindingExport, model: CollabModel): void {
  doc.figures.forEach((f, i) => {
    f.params = figureParamsSchemas[f.kind as FigureKind].parse(f.params);
    if (f.value === null || f.value === undefined) throw new BadInputError(`figures.${i}.value: the figure has no frozen values (it was still computing when exported).`, `figures.${i}.value`);
    for (const [head, field] of headsOfFigure(f, i)) assertHead(model, head, field);
    const value = f.value as AnyFigureValue;
    if ("heads" in value && value.heads.length !== model.nLayers * model.nHeads) {
      throw new BadInputError(`figures.${i}.value.heads: ${value.heads.length} heads, but this model has ${model.nLayers * model.nHeads}.`, `figures.${i}.value.heads`);
    }
  });
}

/** Parses and validates an export document (ZodError / BadInputError naming the path at fault). */
export function parseFindingExport(json: string): FindingExport {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new BadInputError("json: the document is not valid JSON.", "json");
  }
  return findingExportSchema.parse(raw);
}

/** Imports an export document as a new DRAFT finding of `modelId` (which the actor may annotate). */
export async function importFinding(db: Db, actor: Actor | null, raw: z.input<typeof importFindingSchema>): Promise<FindingRow> {
  const input = importFindingSchema.parse(raw);
  const model = await collabModel(db, actor, input.modelId, "model:annotate");
  const doc = parseFindingExport(input.json);
  checkAgainstModel(doc, model);
  const version = await db.modelVersion.findFirst({
    where: { modelId: model.id, ...(input.version !== undefined ? { number: input.version } : {}) },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  if (!version) throw input.version !== undefined ? new BadInputError(`The model has no version ${input.version}.`, "version") : new NotFoundError("The model has no version.");
  const bodyHtml = renderMarkdown(doc.finding.body, "finding.body");
  return db.$transaction(async (tx) => {
    const created = await tx.finding.create({
      data: {
        modelId: model.id,
        modelVersionId: version.id,
        title: doc.finding.title,
        body: doc.finding.body,
        bodyHtml,
        authorId: actor!.userId,
        figures: {
          create: doc.figures.map((f, position) => ({
            key: f.key,
            position,
            kind: f.kind,
            params: f.params as Prisma.InputJsonObject,
            frozen: f.value as Prisma.InputJsonObject,
            engineVersion: f.engineVersion,
            frozenAt: f.frozenAt && !Number.isNaN(Date.parse(f.frozenAt)) ? new Date(f.frozenAt) : new Date(),
          })),
        },
      },
      select: FINDING_SELECT,
    });
    await audit(tx, actor, "finding.import", "finding", created.id, { modelId: model.id, figures: doc.figures.length, source: doc.finding.model });
    await publishFinding(tx, actor!, created, "created");
    return created;
  });
}
