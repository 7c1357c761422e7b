// The stored results a model's annotations may cite as evidence (./evidence), listed for the
// annotation form. Rule: model:read of the model first; only its own versions' results.
import type { Actor } from "@/lib/auth/policy";
import type { DbOrTx } from "@/lib/db/client";
import { collabModel } from "./access";

/** Most stored results listed as evidence sources of one model. */
export const MAX_EVIDENCE_SOURCES_LISTED = 50;

export interface EvidenceSource {
  id: string;
  kind: string;
  modelVersion: number;
  engineVersion: string;
  createdAt: Date;
}

/** The stored results of a model a reader may cite as evidence, newest first. */
export async function listEvidenceSourcesForActor(db: DbOrTx, actor: Actor | null, modelId: string): Promise<EvidenceSource[]> {
  const model = await collabModel(db, actor, modelId);
  const rows = await db.analysisResult.findMany({
    where: { modelVersion: { modelId: model.id } },
    select: { id: true, kind: true, engineVersion: true, createdAt: true, modelVersion: { select: { number: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_EVIDENCE_SOURCES_LISTED,
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind, engineVersion: r.engineVersion, createdAt: r.createdAt, modelVersion: r.modelVersion.number }));
}
