// What a model's settings page (/models/<id>/settings) shows: what the actor may do to the model and
// what deleting it would remove. Rule: a model the actor may not read is NotFound (getModelForActor);
// the permissions come from lib/auth/policy's `can`, never from a role compared here.
import { can, type Actor, type Role } from "@/lib/auth/policy";
import { modelResource } from "./access";
import type { DbOrTx } from "./client";
import { getModelForActor, type ModelSummary } from "./models";

export interface ModelSettings {
  model: ModelSummary;
  role: Role | null;
  canUpdate: boolean;
  canDelete: boolean;
  versions: { number: number; byteLength: number; createdAt: Date }[];
  /** The rows a delete removes with the model (versions' tensors and cached analyses, collaboration). */
  removes: { analyses: number; annotations: number; comments: number; claims: number; jobs: number };
}

export async function getModelSettingsForActor(db: DbOrTx, actor: Actor | null, modelId: string): Promise<ModelSettings> {
  const model = await getModelForActor(db, actor, modelId);
  const resource = await modelResource(db, actor, model);
  const [versions, analyses, annotations, comments, claims, jobs] = await Promise.all([
    db.modelVersion.findMany({ where: { modelId }, select: { number: true, byteLength: true, createdAt: true }, orderBy: { number: "desc" } }),
    db.analysisResult.count({ where: { modelVersion: { modelId } } }),
    db.headAnnotation.count({ where: { modelId } }),
    db.comment.count({ where: { modelId } }),
    db.claim.count({ where: { annotation: { modelId } } }),
    db.job.count({ where: { modelVersion: { modelId } } }),
  ]);
  return {
    model,
    role: resource.role,
    canUpdate: can(actor, "model:update", resource),
    canDelete: can(actor, "model:delete", resource),
    versions: versions.map((v) => ({ ...v, byteLength: Number(v.byteLength) })),
    removes: { analyses, annotations, comments, claims, jobs },
  };
}
