// Every analysis a client asks for goes through here (GraphQL fields, routes, the upload's head
// report): authorize, then the cached AnalysisResult, else compute in the request when the model is
// tiny, else join or enqueue a background job and answer its state (a signed-out visitor of a
// PUBLIC model never enqueues one: it needs an account's job slots).
// Rules: the model is authorized through lib/db/models before any cached row or job is read, so a
// private model's results never leak through the cache; params are validated by the kind's zod
// schema (BAD_USER_INPUT), then against the version by its forVersion (e.g. a probe bound by n_ctx
// or completed from the model's metadata hint), and the cache key hashes those params; the request computes only
// when the stored weights are at most the kind's inProcessBytes (a few milliseconds of work);
// concurrent in-request computations of one key share one promise.
import type { Actor } from "../auth/policy";
import { findAnalysisResult, paramsHash, saveAnalysisResult, type AnalysisKey } from "../db/analyses";
import type { Db } from "../db/client";
import { BadInputError, NotFoundError } from "../db/errors";
import { clientMessage } from "./client-error";
import type { Prisma } from "../db/generated/client";
import { findModelVersion, getModelForActor, VERSION_SUMMARY, type ModelSummary, type ModelVersionSummary } from "../db/models";
import { enqueueAnalysisJob, findActiveAnalysisJob } from "../jobs/queue/enqueue";
import { JOB_FIELDS, type JobRow } from "../jobs/queue/store";
import { readStoredTensors } from "../db/tensors";
import { tsKernels } from "../engine/linalg/kernels-ts";
import { loadModel } from "../engine/transformer/weights";
import { engineVersion } from "./engine-version";
import { analysisKind, type AnalysisKind } from "./kinds";
import type { VersionShape } from "./kinds/registry";
import { attentionOnlyOf, metadataOf } from "./stored-model";

/** How long a FAILED or CANCELLED job is the answer before a new request enqueues the analysis again: 5 minutes. */
export const RETRY_ENDED_AFTER_MS = 5 * 60 * 1000;

export interface JobProgress {
  /** 0 … 1. */
  fraction: number;
  etaSeconds: number | null;
  stage: string | null;
}

/** What every state says of the version analysed: its number, the engine, and whether it is attention-only. */
export interface AnalysisBase {
  modelVersion: number;
  engineVersion: string;
  /** False for a model with MLP blocks: the paper's weight analyses then cover its heads, not all of it (./stored-model.ts). */
  attentionOnly: boolean;
}

export type AnalysisState<R> =
  | ({ status: "READY"; result: R; cached: boolean } & AnalysisBase)
  | ({ status: "QUEUED" | "RUNNING"; jobId: string; progress: JobProgress } & AnalysisBase)
  | ({ status: "FAILED" | "CANCELLED"; message: string; jobId?: string } & AnalysisBase);

/**
 * Which version to analyse: by id, or a model's version number (default: its latest) — of a model
 * to authorize (`modelId`) or of one the caller has already authorized (`readableModel`, e.g. the
 * parent of a nested GraphQL field, which came from getModelForActor/listModelsForActor), or a
 * version row the caller has already read through such a model (`readableVersion`, no query).
 */
export type VersionRef =
  | { modelVersionId: string }
  | { readableVersion: ModelVersionSummary & { teamId: string } }
  | { modelId: string; version?: number }
  | { readableModel: Pick<ModelSummary, "id" | "teamId">; version?: number };

export interface AnalysisRequest {
  kind: string;
  /** Raw parameters, validated by the kind's schema. */
  params?: unknown;
}

/** The version `ref` names, once the actor may read its model (NotFoundError otherwise, never revealing it). */
async function authorizedVersion(db: Db, actor: Actor | null, ref: VersionRef): Promise<ModelVersionSummary & { teamId: string }> {
  if ("readableVersion" in ref) return ref.readableVersion;
  if ("readableModel" in ref) return { ...(await findModelVersion(db, ref.readableModel.id, ref.version)), teamId: ref.readableModel.teamId };
  if ("modelId" in ref) {
    const model = await getModelForActor(db, actor, ref.modelId);
    return { ...(await findModelVersion(db, model.id, ref.version)), teamId: model.teamId };
  }
  const version = await db.modelVersion.findUnique({ where: { id: ref.modelVersionId }, select: VERSION_SUMMARY });
  if (!version) throw new NotFoundError("No model version with that id.");
  const model = await getModelForActor(db, actor, version.modelId);
  return { ...version, teamId: model.teamId };
}

/** The stored version's n_ctx, d_vocab and metadata (what a kind checks its params against). */
function shapeOf(version: ModelVersionSummary): VersionShape {
  const config = (version.config ?? {}) as Record<string, unknown>;
  const size = (key: string) => (typeof config[key] === "number" ? (config[key] as number) : 0);
  return { config: { n_ctx: size("n_ctx"), d_vocab: size("d_vocab") }, metadata: metadataOf(version) };
}

function kindOf(name: string): AnalysisKind {
  const kind = analysisKind(name);
  if (!kind) throw new BadInputError(`There is no analysis kind "${name.slice(0, 60)}".`, "kind");
  return kind;
}

/** The state envelope of a job row. */
export function stateOfJob<R>(job: JobRow, base: AnalysisBase): AnalysisState<R> {
  if (job.status === "QUEUED" || job.status === "RUNNING") {
    return { status: job.status, jobId: job.id, progress: { fraction: job.progress, etaSeconds: job.etaSeconds, stage: job.stage }, ...base };
  }
  if (job.status === "SUCCEEDED") return { status: "FAILED", message: "The job finished but its result is gone; ask again.", jobId: job.id, ...base };
  return { status: job.status, message: job.error ?? (job.status === "CANCELLED" ? "The analysis was cancelled." : "The analysis failed."), jobId: job.id, ...base };
}

/** The answer a signed-out visitor gets instead of a new background job. */
export const SIGN_IN_TO_ENQUEUE = "Sign in to start this analysis: it runs as a background job on your account.";

/** In-request computations by cache key. */
const inflight = new Map<string, Promise<unknown>>();

/** The engine refused the model or the params (its message is the answer; never cached). */
class AnalysisFailure extends Error {}

async function computeHere(db: Db, kind: AnalysisKind, version: ModelVersionSummary, params: unknown, key: AnalysisKey): Promise<unknown> {
  // Database errors propagate as they are; only the engine's own failures become FAILED.
  const tensors = await readStoredTensors(db, version.id);
  let result: unknown;
  try {
    const model = loadModel(tensors, { metadata: metadataOf(version) });
    result = await kind.compute(model, params, { kernels: tsKernels, progress: () => undefined, signal: new AbortController().signal });
  } catch (error) {
    const message = clientMessage(error, `analysis ${kind.kind}`);
    throw new AnalysisFailure(message.startsWith(`${kind.kind}: `) ? message : `${kind.kind}: ${message}`);
  }
  // JSON round trip: the row holds exactly what a later request reads (NaN → null, no undefined).
  const json = JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue;
  await saveAnalysisResult(db, key, json);
  return json;
}

/**
 * The state of an analysis of a version the actor may read: READY (cached, or computed now for a
 * tiny model), QUEUED/RUNNING with the job's progress, or FAILED/CANCELLED with why. Enqueuing
 * counts against the actor's job cap (QuotaError) unless `enforceCap` is false; `inProcessBytes`
 * lowers the kind's in-request bound (tests send a tiny model to a job with 0).
 */
export interface AnalysisOptions {
  enforceCap?: boolean;
  inProcessBytes?: number;
  /** Runs (and may throw, e.g. the rate limit) just before a computation or a job starts, never for a cached result or a running job. */
  beforeCompute?: () => void;
}

/** The kind, checked params, cache key and state base of an analysis of `version` (BAD_USER_INPUT on bad params). */
function cacheKeyOf(version: ModelVersionSummary, request: AnalysisRequest): { kind: AnalysisKind; params: Prisma.InputJsonValue; key: AnalysisKey; base: AnalysisBase } {
  const kind = kindOf(request.kind);
  const parsed = kind.params.parse(request.params ?? {});
  const params = (kind.forVersion ? kind.forVersion(parsed, shapeOf(version)) : parsed) as Prisma.InputJsonValue;
  const key: AnalysisKey = { modelVersionId: version.id, kind: kind.kind, params, engineVersion: engineVersion() };
  return { kind, params, key, base: { modelVersion: version.number, engineVersion: key.engineVersion, attentionOnly: attentionOnlyOf(version.config) } };
}

/**
 * The cached result of an analysis of a version the caller has already read through a readable
 * model (e.g. listed with readableModelsWhere), or null when none is stored: never computes, never
 * enqueues (search reads only what is stored).
 */
export async function findCachedAnalysis<R = unknown>(db: Db, version: ModelVersionSummary, request: AnalysisRequest): Promise<({ result: R } & AnalysisBase) | null> {
  const { key, base } = cacheKeyOf(version, request);
  const stored = await findAnalysisResult(db, key);
  return stored === null ? null : { result: stored as R, ...base };
}

export async function getOrEnqueueAnalysis<R = unknown>(
  db: Db,
  actor: Actor | null,
  request: VersionRef & AnalysisRequest,
  options: AnalysisOptions = {},
): Promise<AnalysisState<R>> {
  const version = await authorizedVersion(db, actor, request);
  const { kind, params, key, base } = cacheKeyOf(version, request);
  const stored = await findAnalysisResult(db, key);
  if (stored !== null) return { status: "READY", result: stored as R, cached: true, ...base };

  const hash = paramsHash(params);
  if (Number(version.byteLength) <= (options.inProcessBytes ?? kind.inProcessBytes)) {
    const id = `${version.id}:${kind.kind}:${hash}:${key.engineVersion}`;
    let running = inflight.get(id);
    if (!running) {
      options.beforeCompute?.();
      running = computeHere(db, kind, version, params, key).finally(() => inflight.delete(id));
      inflight.set(id, running);
    }
    try {
      return { status: "READY", result: (await running) as R, cached: false, ...base };
    } catch (error) {
      if (error instanceof AnalysisFailure) return { status: "FAILED", message: error.message, ...base };
      throw error;
    }
  }

  const jobKey = { modelVersionId: version.id, kind: kind.kind, paramsHash: hash, engineVersion: key.engineVersion };
  const active = await findActiveAnalysisJob(db, jobKey);
  if (active) return stateOfJob<R>(active, base);
  const last = await db.job.findFirst({ where: { ...jobKey, type: "analysis" }, select: JOB_FIELDS, orderBy: { createdAt: "desc" } });
  if (last && (last.status === "FAILED" || last.status === "CANCELLED") && Date.now() - (last.endedAt ?? last.updatedAt).getTime() < RETRY_ENDED_AFTER_MS) {
    return stateOfJob<R>(last, base);
  }
  // A background job runs on an account's slots: a signed-out visitor reads cached and tiny-model
  // results only, and follows a job someone else started (above).
  if (!actor) return { status: "FAILED", message: SIGN_IN_TO_ENQUEUE, ...base };
  options.beforeCompute?.();
  const job = await enqueueAnalysisJob(db, actor, { ...jobKey, params, teamId: version.teamId }, options);
  return stateOfJob<R>(job, base);
}
