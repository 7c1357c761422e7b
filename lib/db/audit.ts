// The audit log. Rule: every write a query function makes records one AuditLog row in the same
// transaction, so the log never claims a write that rolled back nor misses one that committed.
// Each row also carries the team and the model it is about, when it has them (a team or model
// target, `teamId` / `modelId` / `annotationId` in its details), so a team's activity feed
// (./activity.ts) reads its rows by index, and keeps them after the model is deleted.
import type { Actor } from "@/lib/auth/policy";
import type { Prisma } from "./generated/client";
import type { Tx } from "./client";

export type AuditTarget = "team" | "membership" | "invitation" | "apiToken" | "model" | "user" | "label" | "annotation" | "vote" | "comment" | "claim" | "finding" | "findingShareLink";

function stringField(data: Prisma.InputJsonObject, key: string): string | null {
  const v = data[key];
  return typeof v === "string" ? v : null;
}

/** The team and model a row is about, from its target and details (one lookup when only a model or annotation is named). */
async function placeOf(tx: Tx, targetType: AuditTarget, targetId: string, data: Prisma.InputJsonObject): Promise<{ teamId: string | null; modelId: string | null }> {
  let modelId = targetType === "model" ? targetId : stringField(data, "modelId");
  let teamId = targetType === "team" ? targetId : stringField(data, "teamId");
  const annotationId = stringField(data, "annotationId");
  if (!modelId && annotationId) modelId = (await tx.headAnnotation.findUnique({ where: { id: annotationId }, select: { modelId: true } }))?.modelId ?? null;
  if (!teamId && modelId) teamId = (await tx.model.findUnique({ where: { id: modelId }, select: { teamId: true } }))?.teamId ?? null;
  return { teamId, modelId };
}

/** Records `action` (e.g. "model.rename") by `actor` on `targetType`/`targetId` with optional details. */
export async function audit(
  tx: Tx,
  actor: Actor | null,
  action: string,
  targetType: AuditTarget,
  targetId: string,
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  const place = await placeOf(tx, targetType, targetId, data);
  await tx.auditLog.create({ data: { actorId: actor?.userId ?? null, action, targetType, targetId, data, ...place } });
}
