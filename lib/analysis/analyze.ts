// One entry point for every circuit and forward-run analysis of a stored model version, returning
// the envelope the GraphQL fields share: READY with a result, QUEUED/RUNNING with a job, or
// FAILED/CANCELLED with a message.
// Rules: the version is authorized (getModelVersionForActor) before anything is read; params are
// parsed by the kind's zod schema (a ZodError is BAD_USER_INPUT); results are read from and written
// to the one analysis cache (lib/db/analyses) under (version, kind, params, engine version).
// Until the job system serves analysis kinds, a kind runs in this process for models up to
// IN_PROCESS_MAX_BYTES of stored weights and answers FAILED (with a message) above.
import type { Actor } from "@/lib/auth/policy";
import { findAnalysisResult, saveAnalysisResult, type AnalysisKey } from "@/lib/db/analyses";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ModelVersionSummary } from "@/lib/db/models";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import type { AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { engineVersion } from "./engine-version";
import { loadStoredModel } from "./head-report";
import type { KindSpec } from "./kinds/spec";

export type AnalysisOutcome<T = unknown> =
  | { status: "READY"; result: T; cached: boolean }
  | { status: "QUEUED" | "RUNNING"; jobId: string; progress: number | null }
  | { status: "FAILED" | "CANCELLED"; message: string };

/** Largest stored weight size analysed in the request's process (the head report's bound). */
export const IN_PROCESS_MAX_BYTES = 1024 * 1024;

/** Loaded models of the last few versions, so one request's fields load a version once. */
const MODEL_CACHE_ENTRIES = 4;
const models = new Map<string, Promise<AttnOnlyModel>>();

function modelOf(db: Db, version: ModelVersionSummary): Promise<AttnOnlyModel> {
  let m = models.get(version.id);
  if (!m) {
    m = loadStoredModel(db, version);
    m.catch(() => models.delete(version.id));
    models.set(version.id, m);
    while (models.size > MODEL_CACHE_ENTRIES) models.delete(models.keys().next().value as string);
  }
  return m;
}

/** Runs (or reads the cached result of) `spec` with `params` on an authorized version. */
export interface AnalyzeOptions {
  /** Runs (and may throw, e.g. the rate limit) just before a computation starts, never for a cached result. */
  beforeCompute?: () => void;
}

export async function analyzeVersion<P>(db: Db, _actor: Actor | null, version: ModelVersionSummary, spec: KindSpec<P>, params: unknown, options: AnalyzeOptions = {}): Promise<AnalysisOutcome> {
  const parsed = spec.params.parse(params);
  const key: AnalysisKey = { modelVersionId: version.id, kind: spec.kind, params: { ...(parsed as object), kernels: tsKernels.name }, engineVersion: engineVersion() };
  const stored = await findAnalysisResult(db, key);
  if (stored !== null) return { status: "READY", result: stored, cached: true };
  const bytes = Number(version.byteLength);
  if (bytes > IN_PROCESS_MAX_BYTES) {
    return { status: "FAILED", message: `This model's weights are ${(bytes / 1048576).toFixed(1)} MiB; ${spec.kind} is computed on the server only up to ${IN_PROCESS_MAX_BYTES / 1048576} MiB for now. Run the CLI on the file instead.` };
  }
  options.beforeCompute?.();
  let result: unknown;
  try {
    result = await spec.compute(await modelOf(db, version), parsed, { kernels: tsKernels });
  } catch (error) {
    if (error instanceof RangeError) return { status: "FAILED", message: `${spec.kind}: ${error.message}` };
    throw error;
  }
  const json = JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue;
  await saveAnalysisResult(db, key, json);
  return { status: "READY", result: json, cached: false };
}
