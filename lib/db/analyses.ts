// The analysis cache (DESIGN §4): results keyed by (model version, kind, params hash, engine
// version), so nothing is computed twice. Rule: the key's params hash is the sha256 of the
// parameters' canonical JSON (keys sorted), so {a, b} and {b, a} are one entry; callers authorize
// the model (e.g. getModelVersionForActor) before reading or writing its results. Results read or
// written are also held parsed in memory (./analysis-memory), so a hit costs no round trip.
import { createHash } from "node:crypto";
import { recallAnalysis, rememberAnalysis } from "./analysis-memory";
import type { DbOrTx } from "./client";
import type { Prisma } from "./generated/client";

export interface AnalysisKey {
  modelVersionId: string;
  /** e.g. "composition", "head-report", "ov-topk". */
  kind: string;
  /** Parameters that change the result (token ids, k, processing flags...). */
  params: unknown;
  engineVersion: string;
}

/** JSON with object keys sorted at every depth; `undefined` members dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** sha256 (hex) of the canonical JSON of `params`. */
export function paramsHash(params: unknown): string {
  return createHash("sha256").update(canonicalJson(params ?? null)).digest("hex");
}

function where(key: AnalysisKey) {
  return {
    modelVersionId_kind_paramsHash_engineVersion: {
      modelVersionId: key.modelVersionId,
      kind: key.kind,
      paramsHash: paramsHash(key.params),
      engineVersion: key.engineVersion,
    },
  };
}

/** The key of the in-memory layer (./analysis-memory): the row's unique key as one string. */
function memoryKey(key: AnalysisKey): string {
  const u = where(key).modelVersionId_kind_paramsHash_engineVersion;
  return `${u.modelVersionId}\u0000${u.kind}\u0000${u.paramsHash}\u0000${u.engineVersion}`;
}

/** The cached result for a key, or null: from memory when held there, else from its row (then held). */
export async function findAnalysisResult(db: DbOrTx, key: AnalysisKey): Promise<Prisma.JsonValue | null> {
  const mk = memoryKey(key);
  const held = recallAnalysis(mk);
  if (held !== undefined) return held;
  const row = await db.analysisResult.findUnique({ where: where(key), select: { result: true } });
  if (!row) return null;
  rememberAnalysis(mk, key.modelVersionId, row.result);
  return row.result;
}

/**
 * Stores a result (replacing one under the same key, e.g. after a concurrent computation) and
 * holds it in memory. Pass a JSON-plain value (what a later read of the row would give).
 */
export async function saveAnalysisResult(db: DbOrTx, key: AnalysisKey, result: Prisma.InputJsonValue): Promise<void> {
  const unique = where(key).modelVersionId_kind_paramsHash_engineVersion;
  await db.analysisResult.upsert({ where: where(key), create: { ...unique, result }, update: { result } });
  // Held as a read of the row would give it (NaN → null, no undefined members).
  const json = JSON.stringify(result);
  rememberAnalysis(memoryKey(key), key.modelVersionId, JSON.parse(json) as Prisma.JsonValue, json.length);
}

/** The ids of the versions of the models `where` selects (to forget their results once deleted). */
export async function versionIdsOf(db: DbOrTx, where: Prisma.ModelWhereInput): Promise<string[]> {
  return (await db.modelVersion.findMany({ where: { model: where }, select: { id: true } })).map((v) => v.id);
}
