// Claims on annotations, stored and (re-)evaluated. Rules: a claim is evaluated when written (that
// evaluation is kept as `written`, the numbers it was written against) and again whenever the
// model's latest version or the engine version differs from the one of its `current` evaluation;
// a re-evaluation is stored with a compare-and-set on the claim's version, so when two instances
// re-evaluate at once only one result (and one notification) lands; a claim that passed and now
// fails notifies its author in the same transaction. The numbers come from the engine's head report
// through lib/analysis (./claim-report), never from a score computed here.
import { z } from "zod";
import { requireActor, type Actor } from "@/lib/auth/policy";
import { audit } from "@/lib/db/audit";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, NotFoundError } from "@/lib/db/errors";
import { engineVersion } from "@/lib/analysis/engine-version";
import { assertHead, authorizeContent, collabModel } from "./access";
import { loadAnnotation } from "./annotations";
import { claimHeads, claimRepeatLength, claimSpecSchema, describeClaim, evaluateClaim, MAX_CLAIMS_PER_ANNOTATION, type ClaimEvaluation, type ClaimSpec } from "./claims";
import { claimReport } from "./claim-report";
import { publishCollab } from "./events";
import { notify } from "./notifications";

export const CLAIM_SELECT = {
  id: true,
  annotationId: true,
  authorId: true,
  spec: true,
  written: true,
  current: true,
  passing: true,
  evaluatedAt: true,
  version: true,
  createdAt: true,
  author: { select: { id: true, name: true, email: true } },
  annotation: { select: { modelId: true, head: true, model: { select: { teamId: true } } } },
} as const satisfies Prisma.ClaimSelect;

export type ClaimRow = Prisma.ClaimGetPayload<{ select: typeof CLAIM_SELECT }>;

/** A claim as the API shows it. */
export interface ClaimView extends ClaimRow {
  parsed: ClaimSpec | null;
  description: string;
  /** PASS / FAIL / ERROR of the current evaluation, PENDING while the report it needs is computing. */
  status: "PASS" | "FAIL" | "ERROR" | "PENDING";
  currentEvaluation: ClaimEvaluation | null;
  writtenEvaluation: ClaimEvaluation | null;
  /** True when `current` was computed for an older model version or engine version. */
  stale: boolean;
}

const evaluationSchema = z.object({
  status: z.enum(["PASS", "FAIL", "ERROR"]),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  message: z.string().nullable(),
  modelVersion: z.number(),
  modelVersionId: z.string(),
  engineVersion: z.string(),
  evaluatedAt: z.string(),
});

function evaluationOf(json: unknown): ClaimEvaluation | null {
  const parsed = evaluationSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

type Latest = { id: string; number: number } | null;

function viewOf(row: ClaimRow, latest: Latest, engine: string, pending = false): ClaimView {
  const parsed = claimSpecSchema.safeParse(row.spec);
  const current = evaluationOf(row.current);
  const stale = !current || !latest || current.modelVersionId !== latest.id || current.engineVersion !== engine;
  return {
    ...row,
    parsed: parsed.success ? parsed.data : null,
    description: parsed.success ? describeClaim(parsed.data) : "(unreadable claim)",
    status: pending || !current ? "PENDING" : current.status,
    currentEvaluation: current,
    writtenEvaluation: evaluationOf(row.written),
    stale,
  };
}

function latestVersion(db: DbOrTx, modelId: string): Promise<Latest> {
  return db.modelVersion.findFirst({ where: { modelId }, orderBy: { number: "desc" }, select: { id: true, number: true } });
}

/** The author as the actor a background re-evaluation reads the report as (their access, not more). */
function authorActor(row: ClaimRow): Actor | null {
  return row.author ? { userId: row.author.id, email: row.author.email, name: row.author.name, via: "session" } : null;
}

/**
 * Evaluates a claim now against the model's latest version; stores it when the claim is still at
 * the version read (else another evaluation won and is kept). Returns the claim after.
 */
async function evaluateAndStore(db: Db, row: ClaimRow, asWritten: boolean): Promise<{ row: ClaimRow; pending: boolean }> {
  const parsed = claimSpecSchema.safeParse(row.spec);
  if (!parsed.success) return { row, pending: false };
  const outcome = await claimReport(db, authorActor(row), row.annotation.modelId, claimRepeatLength(parsed.data));
  if (outcome.status === "PENDING") return { row, pending: true };
  const at = { modelVersion: outcome.modelVersion, modelVersionId: outcome.modelVersionId, engineVersion: outcome.engineVersion };
  const evaluation: ClaimEvaluation =
    outcome.status === "READY"
      ? evaluateClaim(parsed.data, outcome.report, at)
      : { status: "ERROR", value: null, threshold: null, message: outcome.message, ...at, evaluatedAt: new Date().toISOString() };
  const before = evaluationOf(row.current);
  const startsFailing = before?.status === "PASS" && evaluation.status === "FAIL";
  const next = await db.$transaction(async (tx) => {
    const data: Prisma.ClaimUpdateManyMutationInput = {
      current: evaluation as unknown as Prisma.InputJsonObject,
      passing: evaluation.status === "ERROR" ? null : evaluation.status === "PASS",
      evaluatedAt: new Date(),
      version: { increment: 1 },
      ...(asWritten ? { written: evaluation as unknown as Prisma.InputJsonObject } : {}),
    };
    const { count } = await tx.claim.updateMany({ where: { id: row.id, version: row.version }, data });
    if (count !== 1) return null;
    if (startsFailing && row.authorId) {
      await notify(tx, [row.authorId], "claim-failing", {
        modelId: row.annotation.modelId, annotationId: row.annotationId, claimId: row.id, head: row.annotation.head,
        claim: describeClaim(parsed.data), value: evaluation.value, threshold: evaluation.threshold, modelVersion: evaluation.modelVersion,
      });
    }
    await publishCollab(tx, { modelId: row.annotation.modelId, entity: "claim", action: "updated", id: row.id, head: row.annotation.head, version: row.version + 1, actorId: row.authorId ?? "" });
    return tx.claim.findUnique({ where: { id: row.id }, select: CLAIM_SELECT });
  });
  return { row: next ?? (await db.claim.findUniqueOrThrow({ where: { id: row.id }, select: CLAIM_SELECT })), pending: false };
}

/** Adds a claim to an annotation (EDITOR or OWNER) and evaluates it at once. */
export async function createClaim(db: Db, actor: Actor | null, input: { annotationId: string; spec: unknown }): Promise<ClaimView> {
  const { row: annotation, model } = await loadAnnotation(db, actor, input.annotationId);
  authorizeContent(actor, "annotation:edit", model, annotation.authorId, "annotation");
  const spec = claimSpecSchema.parse(input.spec);
  for (const head of claimHeads(spec)) assertHead(model, head, "spec");
  const row = await db.$transaction(async (tx) => {
    if ((await tx.claim.count({ where: { annotationId: annotation.id } })) >= MAX_CLAIMS_PER_ANNOTATION) {
      throw new BadInputError(`An annotation carries at most ${MAX_CLAIMS_PER_ANNOTATION} claims.`, "spec");
    }
    const created = await tx.claim.create({ data: { annotationId: annotation.id, authorId: actor.userId, spec: spec as Prisma.InputJsonObject }, select: CLAIM_SELECT });
    await audit(tx, actor, "claim.create", "claim", created.id, { annotationId: annotation.id, claim: describeClaim(spec) });
    await publishCollab(tx, { modelId: model.id, entity: "claim", action: "created", id: created.id, head: annotation.head, version: created.version, actorId: actor.userId });
    return created;
  });
  const evaluated = await evaluateAndStore(db, row, true);
  return viewOf(evaluated.row, await latestVersion(db, model.id), engineVersion(), evaluated.pending);
}

/** Deletes a claim (the annotation's author or an OWNER). */
export async function deleteClaim(db: Db, actor: Actor | null, claimId: string): Promise<void> {
  const row = await db.claim.findUnique({ where: { id: claimId }, select: CLAIM_SELECT });
  if (!row) throw new NotFoundError("No claim with that id.");
  const model = await collabModel(db, actor, row.annotation.modelId);
  authorizeContent(actor, "content:delete", model, row.authorId, "claim");
  await db.$transaction(async (tx) => {
    await tx.claim.delete({ where: { id: claimId } });
    await audit(tx, actor, "claim.delete", "claim", claimId, { annotationId: row.annotationId });
    await publishCollab(tx, { modelId: model.id, entity: "claim", action: "deleted", id: claimId, head: row.annotation.head, version: 0, actorId: actor.userId });
  });
}

/**
 * The claims of an annotation (model:read), re-evaluating those whose evaluation is older than the
 * model's latest version or the running engine version.
 */
export async function listClaimsForActor(db: Db, actor: Actor | null, annotationId: string): Promise<ClaimView[]> {
  const { model } = await loadAnnotation(db, actor, annotationId);
  const rows = await db.claim.findMany({ where: { annotationId }, orderBy: { createdAt: "asc" }, select: CLAIM_SELECT });
  return refresh(db, rows, await latestVersion(db, model.id));
}

async function refresh(db: Db, rows: ClaimRow[], latest: Latest): Promise<ClaimView[]> {
  const engine = engineVersion();
  const out: ClaimView[] = [];
  for (const row of rows) {
    const view = viewOf(row, latest, engine);
    if (!view.stale || !latest) {
      out.push(view);
      continue;
    }
    const evaluated = await evaluateAndStore(db, row, false);
    out.push(viewOf(evaluated.row, latest, engine, evaluated.pending));
  }
  return out;
}

/**
 * Re-evaluates every stale claim of a model (after a new version or engine version); returns the
 * claims. Signed-in readers of the model may trigger it (it only recomputes what the engine would answer).
 */
export async function reevaluateClaimsOfModel(db: Db, actor: Actor | null, modelId: string): Promise<ClaimView[]> {
  requireActor(actor);
  await collabModel(db, actor, modelId);
  const rows = await db.claim.findMany({ where: { annotation: { modelId } }, orderBy: { createdAt: "asc" }, select: CLAIM_SELECT });
  return refresh(db, rows, await latestVersion(db, modelId));
}
