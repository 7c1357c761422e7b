// The head report of a stored model version, for the platform: the "head-report" analysis kind
// (./kinds/head-report, the same JSON as `circuitboard analyze`) through ./get-analysis — cached in
// AnalysisResult, computed in the request only for tiny models, otherwise a background job whose
// state (QUEUED/RUNNING with progress and ETA, FAILED, CANCELLED) is the answer until it is READY.
// Rule: the model is authorized through lib/db/models before anything is read (./get-analysis).
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { findModelVersion, type ModelSummary, type ModelVersionSummary } from "@/lib/db/models";
import type { HeadReportJson } from "@/lib/engine/circuits/report";
import { findCachedAnalysis, getOrEnqueueAnalysis, type AnalysisBase, type AnalysisOptions, type AnalysisState, type VersionRef } from "./get-analysis";
import { HEAD_REPORT_KIND, headReportKind, headReportParams, type HeadReportParams } from "./kinds/head-report";

export { HEAD_REPORT_KIND };

/** The probe settings of a platform head report when the caller chooses none (the kind's defaults). */
export const HEAD_REPORT_OPTIONS = Object.freeze(headReportParams.parse({}));
export { loadStoredModel } from "./stored-model";

/** Largest stored weight size (bytes) whose head report is computed in the request (the kind's bound). */
export const HEAD_REPORT_IN_PROCESS_BYTES = headReportKind.inProcessBytes;

export type HeadReportState = AnalysisState<HeadReportJson>;

/** The probe settings a caller may choose (the rest are the platform's defaults). */
export type HeadReportProbe = Partial<Pick<HeadReportParams, "seed" | "repeatLength" | "tokenRange">>;

/**
 * The head report of a model's version (default: the latest) for an actor who may read the model
 * (NotFoundError otherwise, never revealing the model).
 */
export function getHeadReportForActor(db: Db, actor: Actor | null, modelId: string, options: HeadReportRequest = {}): Promise<HeadReportState> {
  return headReportOf(db, actor, { modelId, version: options.version }, options);
}

/**
 * The same for a model the caller has already authorized (`Model.headReport`, whose parent came
 * from getModelForActor/listModelsForActor): no second access check, one query for the version.
 */
export function getHeadReportForReadableModel(db: Db, actor: Actor | null, model: Pick<ModelSummary, "id" | "teamId">, options: HeadReportRequest = {}): Promise<HeadReportState> {
  return headReportOf(db, actor, { readableModel: model, version: options.version }, options);
}

/**
 * The cached head report (the platform's default probe, the current engine version) of a version
 * read through a readable model, or null when none is stored — never computed (search reads only
 * stored results).
 */
export function findCachedHeadReport(db: Db, version: ModelVersionSummary): Promise<({ result: HeadReportJson } & AnalysisBase) | null> {
  return findCachedAnalysis<HeadReportJson>(db, version, { kind: HEAD_REPORT_KIND, params: {} });
}

export type HeadReportRequest = { version?: number; probe?: HeadReportProbe } & AnalysisOptions;

function headReportOf(db: Db, actor: Actor | null, ref: VersionRef, options: HeadReportRequest): Promise<HeadReportState> {
  const { enforceCap, inProcessBytes, beforeCompute } = options;
  return getOrEnqueueAnalysis<HeadReportJson>(db, actor, { ...ref, kind: HEAD_REPORT_KIND, params: options.probe ?? {} }, { enforceCap, inProcessBytes, beforeCompute });
}

/**
 * Starts the head report of a model just uploaded — called after the upload's transaction has
 * committed, never inside it — so its overview finds the report QUEUED/RUNNING or READY: a
 * background job above the in-process bound (the default probe, the model's hint applied); nothing
 * for a tiny model, whose overview computes it in milliseconds. It never fails the upload: an error
 * is logged and the overview enqueues the report when it is opened.
 */
export async function startHeadReportAfterUpload(db: Db, actor: Actor | null, modelId: string): Promise<HeadReportState | null> {
  try {
    const version = await findModelVersion(db, modelId);
    if (Number(version.byteLength) <= HEAD_REPORT_IN_PROCESS_BYTES) return null;
    // One job per uploaded version, outside the account's cap (the upload itself is what is bounded).
    return await getHeadReportForActor(db, actor, modelId, { enforceCap: false });
  } catch (error) {
    console.error("[upload] could not start the head report:", error);
    return null;
  }
}
