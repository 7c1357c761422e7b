// The figures of a finding: added (and frozen at once from the finding's PINNED version), removed,
// and compared with the model's newest version on demand. Rules: a figure's frozen value is written
// once — when it is added, or, if its analysis was still computing then, the first time a reader
// who may read the model finds it ready — and never recomputed on read; `current` is computed on
// demand (and weighed in graphql/cost.ts), never stored.
import { z } from "zod";
import type { AnalysisOptions } from "@/lib/analysis/get-analysis";
import { engineVersion } from "@/lib/analysis/engine-version";
import type { Actor } from "@/lib/auth/policy";
import { assertHead, type CollabModel } from "@/lib/collab/access";
import { audit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, isDataError, NotFoundError } from "@/lib/db/errors";
import { VERSION_SUMMARY } from "@/lib/db/models";
import { FIGURE_SELECT, findingConflict, FINDING_SELECT, loadFinding, publishFinding, type FigureRow, type FindingRow, type LoadedFinding } from "./access";
import { computeFigure, type FigureOutcome, type FigureTarget } from "./compute";
import { figureKeySchema } from "./export-format";
import { FIGURE_KINDS, figureHeads, figureParamsSchemas, figureValueSchemas, valuesDiffer, type AnyFigureValue, type FigureKind } from "./figures";
import { MAX_FIGURES_PER_FINDING } from "./limits";

export const addFigureSchema = z.strictObject({
  findingId: z.string().trim().min(1).max(200),
  kind: z.enum(FIGURE_KINDS),
  params: z.unknown(),
  /** Default: "fig-<n>" with the next free n. */
  key: figureKeySchema.optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

/** A model's shape as lib/collab checks head names against it. */
function shapeModel(row: FindingRow): Pick<CollabModel, "nLayers" | "nHeads"> {
  const c = (row.model.config ?? {}) as Record<string, unknown>;
  const n = (k: string) => (typeof c[k] === "number" ? (c[k] as number) : 0);
  return { nLayers: n("n_layers"), nHeads: n("n_heads") };
}

/** Validates a figure's params for its kind and the model's shape (BadInputError / ZodError naming `params.<field>`). */
export function checkFigureParams(row: FindingRow, kind: FigureKind, raw: unknown): Record<string, unknown> {
  const parsed = figureParamsSchemas[kind].safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ["params", ...issue.path.map(String)].join(".");
    throw new BadInputError(`${field}: ${issue.message}`, field);
  }
  const params = parsed.data as Record<string, unknown>;
  for (const head of figureHeads(kind, params)) assertHead(shapeModel(row) as CollabModel, head, "params.head");
  return params;
}

async function pinnedTarget(db: Db, row: FindingRow): Promise<FigureTarget> {
  const version = await db.modelVersion.findUnique({ where: { id: row.modelVersionId }, select: VERSION_SUMMARY });
  if (!version) throw new NotFoundError("The finding's pinned version is gone.");
  return { model: row.model, version };
}

function frozenData(outcome: FigureOutcome): Pick<Prisma.FindingFigureUncheckedCreateInput, "frozen" | "engineVersion" | "frozenAt"> {
  return outcome.status === "READY" ? { frozen: outcome.value as Prisma.InputJsonObject, engineVersion: outcome.engineVersion, frozenAt: new Date() } : {};
}

/**
 * Adds a figure (EDITOR or OWNER who may read the finding), frozen at once from the pinned version:
 * PENDING (frozen later) while its analysis is a background job; FAILED analyses refuse the figure.
 * With `expectedVersion`, a stale finding is a ConflictError. Returns the finding after.
 */
export async function addFindingFigure(db: Db, actor: Actor | null, raw: z.input<typeof addFigureSchema>, options: AnalysisOptions = {}): Promise<FindingRow> {
  const input = addFigureSchema.parse(raw);
  const { row: read } = await loadFinding(db, actor, input.findingId, "finding:edit");
  if (input.expectedVersion !== undefined && input.expectedVersion !== read.version) findingConflict(read, input.expectedVersion);
  if (read.figures.length >= MAX_FIGURES_PER_FINDING) throw new BadInputError(`A finding has at most ${MAX_FIGURES_PER_FINDING} figures.`, "kind");
  const params = checkFigureParams(read, input.kind, input.params);
  const outcome = await computeFigure(db, actor, await pinnedTarget(db, read), input.kind, params, options);
  if (outcome.status === "FAILED") throw new BadInputError(`The figure's analysis failed: ${outcome.message}`, "params");
  return db.$transaction(async (tx) => {
    const figures = await tx.findingFigure.findMany({ where: { findingId: read.id }, select: { key: true, position: true } });
    if (figures.length >= MAX_FIGURES_PER_FINDING) throw new BadInputError(`A finding has at most ${MAX_FIGURES_PER_FINDING} figures.`, "kind");
    const keys = new Set(figures.map((f) => f.key));
    let key = input.key;
    if (key === undefined) for (let n = figures.length + 1; key === undefined || keys.has(key); n++) key = `fig-${n}`;
    else if (keys.has(key)) throw new BadInputError(`The finding already has a figure "${key}".`, "key");
    const position = figures.reduce((m, f) => Math.max(m, f.position + 1), 0);
    const where = { id: read.id, ...(input.expectedVersion !== undefined ? { version: input.expectedVersion } : {}) };
    const { count } = await tx.finding.updateMany({ where, data: { version: { increment: 1 } } });
    if (count !== 1) findingConflict(await tx.finding.findUnique({ where: { id: read.id }, select: FINDING_SELECT }), input.expectedVersion ?? read.version);
    await tx.findingFigure.create({ data: { findingId: read.id, key, position, kind: input.kind, params: params as Prisma.InputJsonObject, ...frozenData(outcome) } });
    const row = (await tx.finding.findUnique({ where: { id: read.id }, select: FINDING_SELECT }))!;
    await audit(tx, actor, "finding.addFigure", "finding", row.id, { key, kind: input.kind, frozen: outcome.status === "READY" });
    await publishFinding(tx, actor!, row, "updated");
    return row;
  });
}

/** Removes a figure by key (EDITOR or OWNER who may read the finding). Returns the finding after. */
export async function removeFindingFigure(db: Db, actor: Actor | null, input: { findingId: string; key: string; expectedVersion?: number | null }): Promise<FindingRow> {
  const { row: read } = await loadFinding(db, actor, input.findingId, "finding:edit");
  const expected = input.expectedVersion ?? undefined;
  return db.$transaction(async (tx) => {
    const { count: removed } = await tx.findingFigure.deleteMany({ where: { findingId: read.id, key: input.key } });
    if (removed !== 1) throw new BadInputError(`The finding has no figure "${input.key.slice(0, 40)}".`, "key");
    const { count } = await tx.finding.updateMany({ where: { id: read.id, ...(expected !== undefined ? { version: expected } : {}) }, data: { version: { increment: 1 } } });
    if (count !== 1) findingConflict(await tx.finding.findUnique({ where: { id: read.id }, select: FINDING_SELECT }), expected ?? read.version);
    const row = (await tx.finding.findUnique({ where: { id: read.id }, select: FINDING_SELECT }))!;
    await audit(tx, actor, "finding.removeFigure", "finding", row.id, { key: input.key });
    await publishFinding(tx, actor!, row, "updated");
    return row;
  });
}

/** A figure as the API shows it: its frozen value (null while PENDING) and the finding it belongs to. */
export interface FigureView extends FigureRow {
  finding: LoadedFinding;
  status: "FROZEN" | "PENDING";
  value: AnyFigureValue | null;
}

function storedValue(figure: FigureRow): AnyFigureValue | null {
  if (figure.frozen === null) return null;
  const r = figureValueSchemas[figure.kind as FigureKind].safeParse(figure.frozen);
  return r.success ? (r.data as AnyFigureValue) : null;
}

/**
 * The figures of a loaded finding. A figure still PENDING is frozen now if the reader may read the
 * model and its analysis (on the pinned version) has become ready; frozen ones are only read.
 */
export async function figuresOf(db: Db, actor: Actor | null, finding: LoadedFinding, options: AnalysisOptions = {}): Promise<FigureView[]> {
  return (await freezePendingFigures(db, actor, finding, options)).map((figure) => {
    const value = storedValue(figure);
    return { ...figure, finding, status: value === null ? "PENDING" : "FROZEN", value };
  });
}

/** The finding's figures after freezing those still PENDING whose analysis on the pinned version is ready (for a reader of the model). */
export async function freezePendingFigures(db: Db, actor: Actor | null, finding: LoadedFinding, options: AnalysisOptions = {}): Promise<FigureRow[]> {
  const out: FigureRow[] = [];
  for (let figure of finding.row.figures) {
    if (figure.frozen === null && finding.modelReadable) {
      const outcome = await computeFigure(db, actor, await pinnedTarget(db, finding.row), figure.kind as FigureKind, figure.params, options).catch((error: unknown) => {
        if (isDataError(error)) return null; // e.g. the job quota: it stays PENDING
        throw error;
      });
      if (outcome?.status === "READY") {
        await db.findingFigure.updateMany({ where: { id: figure.id, frozenAt: null }, data: frozenData(outcome) });
        figure = (await db.findingFigure.findUnique({ where: { id: figure.id }, select: FIGURE_SELECT })) ?? figure;
      }
    }
    out.push(figure);
  }
  return out;
}

/** `FindingFigure.current`: the figure on the model's newest version, and whether it differs from the frozen value. */
export interface FigureCurrent {
  status: "READY" | "PENDING" | "FAILED";
  differs: boolean | null;
  latestVersion: number;
  engineVersion: string;
  value: AnyFigureValue | null;
  message: string | null;
}

/** `current.message` of a figure whose own analysis has not been frozen yet. */
export const PENDING_FIGURE_MESSAGE = "The figure's analysis is still being computed; it is compared with the newest version once its values are frozen.";

/** The figure's values on the newest version, for a reader who may read the model (null otherwise). */
export async function currentOfFigure(db: Db, actor: Actor | null, figure: FigureView, options: AnalysisOptions = {}): Promise<FigureCurrent | null> {
  if (!figure.finding.modelReadable) return null;
  const latest = await db.modelVersion.findFirst({ where: { modelId: figure.finding.row.modelId }, orderBy: { number: "desc" }, select: VERSION_SUMMARY });
  if (!latest) return null;
  if (latest.id === figure.finding.row.modelVersionId && figure.value !== null && figure.engineVersion === engineVersion()) {
    return { status: "READY", differs: false, latestVersion: latest.number, engineVersion: figure.engineVersion, value: figure.value, message: null };
  }
  // Still PENDING: there is nothing frozen to compare with yet. On its own version, or for a
  // signed-out reader (who starts no job, so would get "sign in" as a failure), say so honestly.
  if (figure.value === null && (latest.id === figure.finding.row.modelVersionId || !actor)) {
    return { status: "PENDING", differs: null, latestVersion: latest.number, engineVersion: engineVersion(), value: null, message: PENDING_FIGURE_MESSAGE };
  }
  let outcome: FigureOutcome;
  try {
    outcome = await computeFigure(db, actor, { model: figure.finding.row.model, version: latest }, figure.kind as FigureKind, figure.params, options);
  } catch (error) {
    if (error instanceof BadInputError) return { status: "FAILED", differs: null, latestVersion: latest.number, engineVersion: engineVersion(), value: null, message: error.message };
    throw error;
  }
  if (outcome.status !== "READY") return { status: outcome.status, differs: null, latestVersion: latest.number, engineVersion: outcome.engineVersion, value: null, message: outcome.message };
  return {
    status: "READY",
    differs: figure.value === null ? null : valuesDiffer(figure.value, outcome.value),
    latestVersion: latest.number,
    engineVersion: outcome.engineVersion,
    value: outcome.value,
    message: null,
  };
}
