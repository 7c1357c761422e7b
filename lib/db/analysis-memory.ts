// The analysis cache's in-memory layer: results read or written through lib/db/analyses.ts are
// kept parsed in a bounded LRU, so a cached result is served without a database round trip and
// without re-parsing its JSON. Rules: bounded by ANALYSIS_MEMORY_MAX_ENTRIES and
// ANALYSIS_MEMORY_MAX_BYTES (size = length of the result's JSON, measured once when stored); a
// value handed out is shared and must not be mutated; entries of a model version are dropped when
// the version is deleted (`forgetModelVersions`, called by lib/db/models' deleteModel). Safe across
// instances because callers authorize the model before reading its results, and a key names one
// (version, kind, params, engine version), whose result never changes meaning.
import type { Prisma } from "./generated/client";

/** Most results held in memory. */
export const ANALYSIS_MEMORY_MAX_ENTRIES = 500;
/** Most bytes (of the results' JSON) held in memory: 64 MiB. */
export const ANALYSIS_MEMORY_MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  modelVersionId: string;
  value: Prisma.JsonValue;
  bytes: number;
}

// On globalThis, so every copy of this module in the process (Next bundles routes and pages on
// their own) holds and forgets one set: a model deleted through /api/graphql is forgotten everywhere.
const globalForMemory = globalThis as unknown as { __circuitboardAnalysisMemory?: { entries: Map<string, Entry>; bytes: number } };
const memory = (globalForMemory.__circuitboardAnalysisMemory ??= { entries: new Map(), bytes: 0 });
const entries = memory.entries;

function drop(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  memory.bytes -= entry.bytes;
}

/** The value held under `key`, marked most recently used; undefined when not held. */
export function recallAnalysis(key: string): Prisma.JsonValue | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  entries.delete(key);
  entries.set(key, entry);
  return entry.value;
}

/** Holds `value` under `key` (a result bigger than the whole bound is not held). */
export function rememberAnalysis(key: string, modelVersionId: string, value: Prisma.JsonValue, bytes: number = JSON.stringify(value).length): void {
  drop(key);
  if (bytes > ANALYSIS_MEMORY_MAX_BYTES) return;
  entries.set(key, { modelVersionId, value, bytes });
  memory.bytes += bytes;
  while (entries.size > ANALYSIS_MEMORY_MAX_ENTRIES || memory.bytes > ANALYSIS_MEMORY_MAX_BYTES) drop(entries.keys().next().value as string);
}

/** Drops every result of these model versions (they were deleted). */
export function forgetModelVersions(modelVersionIds: Iterable<string>): void {
  const ids = new Set(modelVersionIds);
  for (const [key, entry] of entries) if (ids.has(entry.modelVersionId)) drop(key);
}

/** Drops everything (tests that change rows behind the cache's back). */
export function forgetAllAnalyses(): void {
  entries.clear();
  memory.bytes = 0;
}

/** What is held now (tests and diagnostics). */
export function analysisMemoryStats(): { entries: number; bytes: number } {
  return { entries: entries.size, bytes: memory.bytes };
}
