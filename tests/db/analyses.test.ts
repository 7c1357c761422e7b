// The analysis cache (lib/db/analyses.ts).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { canonicalJson, findAnalysisResult, paramsHash, saveAnalysisResult } from "@/lib/db/analyses";
import {
  ANALYSIS_MEMORY_MAX_BYTES,
  ANALYSIS_MEMORY_MAX_ENTRIES,
  analysisMemoryStats,
  forgetAllAnalyses,
  forgetModelVersions,
  recallAnalysis,
  rememberAnalysis,
} from "@/lib/db/analysis-memory";
import { deleteModel } from "@/lib/db/models";
import { createTeam, deleteTeam } from "@/lib/db/teams";
import { createModelFromUpload } from "@/lib/db/tensors";
import { createTestUser, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
let versionId: string;

beforeAll(async () => {
  const owner = await createTestUser(t.db, "owner");
  const team = await createTeam(t.db, owner, { name: "Cache" });
  const { version } = await createModelFromUpload(t.db, owner, { teamId: team.id, name: "m", config: {}, tensors: [], contentHash: "a".repeat(64) });
  versionId = version.id;
});

describe("canonicalJson and paramsHash", () => {
  it("sort object keys at every depth and keep array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(paramsHash({ k: 10, head: "1.4" })).toBe(paramsHash({ head: "1.4", k: 10 }));
    expect(paramsHash({ tokens: [1, 2] })).not.toBe(paramsHash({ tokens: [2, 1] }));
  });
});

describe("findAnalysisResult and saveAnalysisResult", () => {
  const key = { kind: "composition", params: { processing: { fold_ln: true } }, engineVersion: "0.1.0" };

  it("misses, then hits with the stored JSON under the same key in another key order", async () => {
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key })).toBeNull();
    await saveAnalysisResult(t.db, { modelVersionId: versionId, ...key }, { Q: [[0.5]] });
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, kind: "composition", engineVersion: "0.1.0", params: { processing: { fold_ln: true } } })).toEqual({ Q: [[0.5]] });
  });

  it("keeps results of another engine version or other parameters apart, and replaces on re-save", async () => {
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key, engineVersion: "0.2.0" })).toBeNull();
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key, params: { processing: { fold_ln: false } } })).toBeNull();
    await saveAnalysisResult(t.db, { modelVersionId: versionId, ...key }, { Q: [[0.25]] });
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key })).toEqual({ Q: [[0.25]] });
    expect(await t.db.analysisResult.count({ where: { modelVersionId: versionId } })).toBe(1);
  });
});

describe("the in-memory layer (lib/db/analysis-memory)", () => {
  const key = { kind: "memory-test", params: { k: 1 }, engineVersion: "0.1.0" };

  it("serves a saved result from memory (a row changed behind its back is not read) until the version is forgotten", async () => {
    await saveAnalysisResult(t.db, { modelVersionId: versionId, ...key }, { v: 1, bad: Number.NaN });
    // Held as a read of the row gives it: NaN is null there.
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key })).toEqual({ v: 1, bad: null });
    await t.db.analysisResult.updateMany({ where: { modelVersionId: versionId, kind: key.kind }, data: { result: { v: 2 } } });
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key })).toEqual({ v: 1, bad: null });
    forgetModelVersions([versionId]);
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key })).toEqual({ v: 2 });
    // That read put the row's value in memory.
    await t.db.analysisResult.updateMany({ where: { modelVersionId: versionId, kind: key.kind }, data: { result: { v: 3 } } });
    expect(await findAnalysisResult(t.db, { modelVersionId: versionId, ...key })).toEqual({ v: 2 });
  });

  it("forgets a model's results when the model is deleted, so a stale value is never served", async () => {
    const owner = await createTestUser(t.db, "deleter");
    const team = await createTeam(t.db, owner, { name: "Short-lived" });
    const { model, version } = await createModelFromUpload(t.db, owner, { teamId: team.id, name: "gone", config: {}, tensors: [], contentHash: "b".repeat(64) });
    const k = { modelVersionId: version.id, ...key };
    await saveAnalysisResult(t.db, k, { v: "cached" });
    expect(await findAnalysisResult(t.db, k)).toEqual({ v: "cached" });
    await deleteModel(t.db, owner, model.id);
    expect(await findAnalysisResult(t.db, k)).toBeNull();
  });

  it("forgets the results of every model of a deleted team", async () => {
    const owner = await createTestUser(t.db, "team-deleter");
    const team = await createTeam(t.db, owner, { name: "Disbanded" });
    const { version } = await createModelFromUpload(t.db, owner, { teamId: team.id, name: "orphan", config: {}, tensors: [], contentHash: "c".repeat(64) });
    const k = { modelVersionId: version.id, ...key };
    await saveAnalysisResult(t.db, k, { v: "cached" });
    await deleteTeam(t.db, owner, team.id);
    expect(await findAnalysisResult(t.db, k)).toBeNull();
  });

  it("holds at most ANALYSIS_MEMORY_MAX_ENTRIES results and ANALYSIS_MEMORY_MAX_BYTES, dropping the least recently used", () => {
    forgetAllAnalyses();
    rememberAnalysis("oldest", "v0", { a: 1 });
    for (let i = 0; i < ANALYSIS_MEMORY_MAX_ENTRIES; i++) rememberAnalysis(`k${i}`, "v1", { i });
    expect(analysisMemoryStats().entries).toBe(ANALYSIS_MEMORY_MAX_ENTRIES);
    expect(recallAnalysis("oldest")).toBeUndefined();
    expect(recallAnalysis("k0")).toEqual({ i: 0 });
    // A result as big as the whole bound pushes everything else out; a bigger one is not held.
    rememberAnalysis("huge", "v2", { big: true }, ANALYSIS_MEMORY_MAX_BYTES);
    expect(analysisMemoryStats()).toEqual({ entries: 1, bytes: ANALYSIS_MEMORY_MAX_BYTES });
    rememberAnalysis("too-big", "v2", { big: true }, ANALYSIS_MEMORY_MAX_BYTES + 1);
    expect(recallAnalysis("too-big")).toBeUndefined();
    forgetAllAnalyses();
  });
});

describe("one in-memory layer per process", () => {
  it("is shared by every copy of lib/db/analysis-memory (Next bundles routes and pages apart)", async () => {
    forgetAllAnalyses();
    rememberAnalysis("shared-key", "v-shared", { x: 1 });
    vi.resetModules();
    const copy = await import("@/lib/db/analysis-memory");
    expect(copy.recallAnalysis).not.toBe(recallAnalysis);
    expect(copy.recallAnalysis("shared-key")).toEqual({ x: 1 });
    copy.forgetModelVersions(["v-shared"]);
    expect(recallAnalysis("shared-key")).toBeUndefined();
    expect(analysisMemoryStats()).toEqual({ entries: 0, bytes: 0 });
  });
});
