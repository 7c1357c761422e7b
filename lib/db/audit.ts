// The audit log. Rule: every write a query function makes records one AuditLog row in the same
// transaction, so the log never claims a write that rolled back nor misses one that committed.
import type { Actor } from "@/lib/auth/policy";
import type { Prisma } from "./generated/client";
import type { Tx } from "./client";

export type AuditTarget = "team" | "membership" | "invitation" | "apiToken" | "model" | "user" | "label" | "annotation" | "vote" | "comment" | "claim" | "finding" | "findingShareLink";

/** Records `action` (e.g. "model.rename") by `actor` on `targetType`/`targetId` with optional details. */
export async function audit(
  tx: Tx,
  actor: Actor | null,
  action: string,
  targetType: AuditTarget,
  targetId: string,
  data: Prisma.InputJsonObject = {},
): Promise<void> {
  await tx.auditLog.create({ data: { actorId: actor?.userId ?? null, action, targetType, targetId, data } });
}
