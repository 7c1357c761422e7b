// The head report of a stored model version, for the platform: the same JSON as `circuitboard
// analyze` (lib/engine/circuits/report.ts, docs/CLI.md), computed from the weights in the database
// and cached in AnalysisResult (lib/db/analyses.ts).
// Rules: the model is authorized through lib/db/models (getModelVersionForActor) before any tensor
// or cached result is read; a result is computed at most once per cache key (a second request reads
// the row; concurrent requests in one process share one computation); the report runs in the
// request's process only for models whose stored weights are at most HEAD_REPORT_IN_PROCESS_BYTES
// (it is short there), in a child process (./report-process) up to HEAD_REPORT_MAX_BYTES, and not
// at all above — the answer is then a TOO_LARGE status, not a report; an engine failure (e.g. a
// model too short for the probes) is a FAILED status with the engine's message, and is not cached.
import type { Actor } from "@/lib/auth/policy";
import { findAnalysisResult, paramsHash, saveAnalysisResult, type AnalysisKey } from "@/lib/db/analyses";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { findModelVersion, getModelVersionForActor, type ModelVersionSummary } from "@/lib/db/models";
import { readStoredTensors } from "@/lib/db/tensors";
import { headReport, type HeadReportJson, type HeadReportOptions } from "@/lib/engine/circuits/report";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { loadModel, type AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { engineVersion } from "./engine-version";
import { headReportInChild } from "./report-process";

/** The AnalysisResult kind of a head report. */
export const HEAD_REPORT_KIND = "head-report";

/**
 * Largest stored weight size (bytes) analysed in the request's own process: 1 MiB. Measured here
 * with the pure-TS kernels (2 shared cores): the induction-2l demo (45 KiB) takes ≈ 80 ms, a random
 * 2-layer 4-head model of 0.38 MiB ≈ 170 ms, one of 1.54 MiB ≈ 300 ms, during which the event loop
 * is busy. Above it, a child process pays ≈ 1 s of start-up (tsx) instead.
 */
export const HEAD_REPORT_IN_PROCESS_BYTES = 1024 * 1024;

/**
 * Largest stored weight size (bytes) analysed on the server at all: 64 MiB (the weights are held
 * twice, once per process, while the report runs; the request waits for it).
 */
export const HEAD_REPORT_MAX_BYTES = 64 * 1024 * 1024;

/** Where the bounds above can be lowered (tests use this to send a tiny model to the child process). */
export interface HeadReportLimits {
  inProcessBytes?: number;
  maxBytes?: number;
}

/**
 * The probe settings of every platform head report: the engine's documented defaults (docs/CLI.md
 * `analyze`: seed 0, 8 sequences per probe batch, L = min(50, ⌊n_ctx/2⌋), 100 baseline samples),
 * pure-TS kernels so the numbers do not depend on which native backend loaded.
 */
export const HEAD_REPORT_OPTIONS = Object.freeze({ seed: 0, batch: 8, baselineSamples: 100 }) satisfies HeadReportOptions;

export type HeadReportOutcome =
  | { status: "READY"; report: HeadReportJson; modelVersion: number; engineVersion: string; cached: boolean }
  | { status: "TOO_LARGE" | "FAILED"; message: string; modelVersion: number; engineVersion: string };

/** The engine (or its worker process) could not analyse the model: shown to the user, never cached. */
class AnalysisFailure extends Error {}

/** The cache key of a version's head report (params: the probe settings and the kernels' name). */
export function headReportKey(modelVersionId: string): AnalysisKey {
  return {
    modelVersionId,
    kind: HEAD_REPORT_KIND,
    params: { ...HEAD_REPORT_OPTIONS, kernels: tsKernels.name },
    engineVersion: engineVersion(),
  };
}

/** The safetensors `__metadata__` strings stored with a version. */
function metadataOf(version: Pick<ModelVersionSummary, "metadata">): Record<string, string> {
  const m = version.metadata;
  return m && typeof m === "object" && !Array.isArray(m)
    ? Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string"))
    : {};
}

/** A stored version's weights as an engine model (default processing: fold_ln only, as the CLI). */
export async function loadStoredModel(db: Db, version: Pick<ModelVersionSummary, "id" | "metadata">): Promise<AttnOnlyModel> {
  return loadModel(await readStoredTensors(db, version.id), { metadata: metadataOf(version) });
}

/** In-flight computations by cache key, so concurrent first requests compute once. */
const inflight = new Map<string, Promise<HeadReportJson>>();

async function compute(db: Db, version: ModelVersionSummary, key: AnalysisKey, inProcess: boolean): Promise<HeadReportJson> {
  // Database errors propagate as they are; only the engine's own failures become FAILED.
  const tensors = await readStoredTensors(db, version.id);
  let report: HeadReportJson;
  try {
    report = inProcess
      ? await headReport(loadModel(tensors, { metadata: metadataOf(version) }), { ...HEAD_REPORT_OPTIONS, kernels: tsKernels })
      : await headReportInChild({ tensors, metadata: metadataOf(version), options: HEAD_REPORT_OPTIONS });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AnalysisFailure(message.startsWith("head report: ") ? message : `head report: ${message}`);
  }
  // JSON round trip: the row holds exactly what a later request reads (NaN → null, no undefined).
  const json = JSON.parse(JSON.stringify(report)) as Prisma.InputJsonValue;
  await saveAnalysisResult(db, key, json);
  return json as unknown as HeadReportJson;
}

/**
 * The head report of a model's version (default: the latest) for an actor who may read the model
 * (NotFoundError otherwise, never revealing the model). Cached per (version, options, engine version).
 * `beforeCompute` runs (and may throw) just before a computation starts, never for a cached result.
 */
export async function getHeadReportForActor(db: Db, actor: Actor | null, modelId: string, options: HeadReportRequest = {}): Promise<HeadReportOutcome> {
  return headReportOfVersion(db, await getModelVersionForActor(db, actor, modelId, options.version), options);
}

/**
 * The same for a model the caller has already authorized (`Model.headReport`, whose parent came
 * from getModelForActor/listModelsForActor): no second access check, one query for the version.
 */
export async function getHeadReportForReadableModel(db: Db, modelId: string, options: HeadReportRequest = {}): Promise<HeadReportOutcome> {
  return headReportOfVersion(db, await findModelVersion(db, modelId, options.version), options);
}

export interface HeadReportRequest {
  version?: number;
  limits?: HeadReportLimits;
  beforeCompute?: () => void;
}

async function headReportOfVersion(db: Db, version: ModelVersionSummary, options: HeadReportRequest): Promise<HeadReportOutcome> {
  const maxBytes = options.limits?.maxBytes ?? HEAD_REPORT_MAX_BYTES;
  const inProcessBytes = options.limits?.inProcessBytes ?? HEAD_REPORT_IN_PROCESS_BYTES;
  const key = headReportKey(version.id);
  const base = { modelVersion: version.number, engineVersion: key.engineVersion };
  const stored = await findAnalysisResult(db, key);
  if (stored) return { status: "READY", report: stored as unknown as HeadReportJson, cached: true, ...base };
  const bytes = Number(version.byteLength);
  if (bytes > maxBytes) {
    return {
      status: "TOO_LARGE",
      message: `This model's weights are ${(bytes / 1048576).toFixed(1)} MiB; head reports are computed on the server only up to ${+(maxBytes / 1048576).toFixed(2)} MiB. Run \`circuitboard analyze\` on the file instead.`,
      ...base,
    };
  }
  const id = `${key.modelVersionId}:${paramsHash(key.params)}:${key.engineVersion}`;
  let running = inflight.get(id);
  if (!running) {
    // Only a computation this request starts is charged (e.g. to the rate limit); it may refuse.
    options.beforeCompute?.();
    running = compute(db, version, key, bytes <= inProcessBytes).finally(() => inflight.delete(id));
    inflight.set(id, running);
  }
  try {
    return { status: "READY", report: await running, cached: false, ...base };
  } catch (error) {
    if (error instanceof AnalysisFailure) return { status: "FAILED", message: error.message, ...base };
    throw error;
  }
}
