// Model.headReport over GraphQL on the test database (graphql/modules/analysis, lib/analysis): the
// answer for a stored model equals the engine's headReport computed directly on the same
// safetensors file (so this checks the plumbing — DB tensors → loadModel → report → cache → GraphQL
// — while the engine's own tests check the numbers); the second request reads the AnalysisResult
// row; private models stay invisible, before and after their result is cached; models above the
// in-process bound are answered QUEUED with a job id and progress, and the job's outcome follows.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_QUERY } from "@/app/models/[id]/head-report-query";
import { engineVersion } from "@/lib/analysis/engine-version";
import { getHeadReportForActor, HEAD_REPORT_IN_PROCESS_BYTES, HEAD_REPORT_KIND } from "@/lib/analysis/head-report";
import { headReportParams } from "@/lib/analysis/kinds/head-report";
import type { Actor } from "@/lib/auth/policy";
import { forgetAllAnalyses } from "@/lib/db/analysis-memory";
import { ensureDemoAccount } from "@/lib/db/demo";
import { demoModelsDir, seedDemoModels, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { NotFoundError } from "@/lib/db/errors";
import { createModelFromUpload } from "@/lib/db/tensors";
import { headReport, type HeadReportJson } from "@/lib/engine/circuits/report";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
const passwordDir = mkdtempSync(path.join(tmpdir(), "cb-analysis-"));
afterAll(() => rmSync(passwordDir, { recursive: true, force: true }));

const INDUCTION_FILE = path.join(demoModelsDir(), "induction-2l", "model.safetensors");

const REPORT = `query($id: ID!) { model(id: $id) { headReport {
  status message modelVersion engineVersion cached processing
  heads { name layer head previousToken duplicateToken induction inductionStripe ovCopying qkTokenPositivity qkPositionalPositivity
    labels { label score partner mechanism } }
  composition { Q K V }
} } }`;

interface LabelOut { label: string; score: number | null; partner: string | null; mechanism: string | null }
interface HeadOut { name: string; previousToken: number | null; labels: LabelOut[] }
interface ReportOut {
  status: string; message: string | null; modelVersion: number; engineVersion: string; cached: boolean; processing: unknown;
  heads: HeadOut[]; composition: { Q: unknown; K: unknown; V: unknown } | null;
}
type Answer = { model: { headReport: ReportOut | null } | null };

let member: Actor, outsider: Actor;
let demoInductionId: string, privateId: string, largeId: string, teamId: string;
let direct: HeadReportJson;

/** The engine's report reshaped to the GraphQL selection above (labels without their evidence). */
function expectedHeads(report: HeadReportJson) {
  return report.heads.map((h) => ({
    name: h.name, layer: h.layer, head: h.head,
    previousToken: h.previousToken, duplicateToken: h.duplicateToken, induction: h.induction, inductionStripe: h.inductionStripe,
    ovCopying: h.ovCopying, qkTokenPositivity: h.qkTokenPositivity, qkPositionalPositivity: h.qkPositionalPositivity,
    labels: h.labels.map((l) => ({ label: l.label, score: l.score, partner: l.partner ?? null, mechanism: l.mechanism ?? null })),
  }));
}

beforeAll(async () => {
  await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(passwordDir, "pw") });
  const seeded = await seedDemoModels(t.db);
  demoInductionId = seeded.find((s) => s.name === "induction-2l")!.modelId;
  member = await createTestUser(t.db, "member");
  outsider = await createTestUser(t.db, "outsider");
  teamId = await createTeamWith(t.db, "Private circuits", [[member, "OWNER"]]);
  const upload = uploadFromSafetensors(new Uint8Array(readFileSync(INDUCTION_FILE)));
  const created = await createModelFromUpload(t.db, member, {
    teamId, name: "private induction", visibility: "PRIVATE", config: upload.config as unknown as Prisma.InputJsonObject,
    metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash,
  });
  privateId = created.model.id;
  largeId = await createModelRow(t.db, { teamId, name: "too large", createdBy: member, byteLength: HEAD_REPORT_IN_PROCESS_BYTES + 1 });
  // The same file, straight from disk, through the engine alone.
  direct = await headReport(await loadModelFile(INDUCTION_FILE), { ...headReportParams.parse({}), kernels: tsKernels });
});

describe("Model.headReport", () => {
  it("answers the induction-2l demo's report exactly as headReport computes it on the same file, heads 1.0 and 1.1 induction via K-composition with 0.0", async () => {
    const result = await gql<Answer>(t.db, outsider, REPORT, { id: demoInductionId });
    expect(result.errors).toBeUndefined();
    const report = result.data!.model!.headReport!;
    expect(report).toMatchObject({ status: "READY", message: null, modelVersion: 1, engineVersion: engineVersion(), cached: false });
    expect(report.processing).toEqual(direct.processing);
    expect(report.heads).toEqual(expectedHeads(direct));
    expect(report.composition).toEqual(direct.composition);

    const byName = new Map(report.heads.map((h) => [h.name, h]));
    for (const name of ["1.0", "1.1"]) {
      expect(byName.get(name)!.labels, name).toContainEqual(expect.objectContaining({ label: "induction", partner: "0.0", mechanism: "k-composition" }));
    }
    expect(byName.get("0.0")!.labels.map((l) => l.label)).toContain("previous-token");
    // K-composition 0.0 → 1.0 in TL layout [layer₁][head₁][layer₂][head₂]: nonzero forwards, 0 backwards.
    const K = report.composition!.K as number[][][][];
    expect(K[0][0][1][0]).toBeGreaterThan(0);
    expect(K[1][0][0][0]).toBe(0);
  });

  it("stores the report as one AnalysisResult row and answers the second request from that row", async () => {
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: demoInductionId }, select: { id: true } });
    const rows = await t.db.analysisResult.findMany({ where: { modelVersionId: version.id }, select: { id: true, kind: true, engineVersion: true, result: true } });
    expect(rows.map((r) => [r.kind, r.engineVersion])).toEqual([[HEAD_REPORT_KIND, engineVersion()]]);
    // Mark the row: a recomputation would answer the engine's number, a cache read the marked one.
    const stored = rows[0].result as unknown as HeadReportJson;
    const marked = { ...stored, heads: stored.heads.map((h, i) => (i === 0 ? { ...h, previousToken: 0.123 } : h)) };
    await t.db.analysisResult.update({ where: { id: rows[0].id }, data: { result: marked as unknown as Prisma.InputJsonValue } });
    // The row was changed behind the in-memory layer's back (lib/db/analysis-memory): drop what it holds.
    forgetAllAnalyses();

    const again = await gql<Answer>(t.db, outsider, REPORT, { id: demoInductionId });
    expect(again.errors).toBeUndefined();
    expect(again.data!.model!.headReport).toMatchObject({ status: "READY", cached: true });
    expect(again.data!.model!.headReport!.heads[0].previousToken).toBe(0.123);
    expect(await t.db.analysisResult.count({ where: { modelVersionId: version.id } })).toBe(1);
  });

  it("gives a private model's report to its team's owner but null, without revealing it, to a non-member", async () => {
    const hidden = await gql<Answer>(t.db, outsider, REPORT, { id: privateId });
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.model).toBeNull();
    await expect(getHeadReportForActor(t.db, outsider, privateId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getHeadReportForActor(t.db, null, privateId)).rejects.toThrow();
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: privateId }, select: { id: true } });
    expect(await t.db.analysisResult.count({ where: { modelVersionId: version.id } })).toBe(0);

    // Two concurrent first requests: one computation, one row, the same answer.
    const [a, b] = await Promise.all([gql<Answer>(t.db, member, REPORT, { id: privateId }), gql<Answer>(t.db, member, REPORT, { id: privateId })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.model!.headReport!.heads).toEqual(expectedHeads(direct));
    expect(b.data!.model!.headReport!.heads).toEqual(a.data!.model!.headReport!.heads);
    expect(await t.db.analysisResult.count({ where: { modelVersionId: version.id } })).toBe(1);

    // Now that the row exists, a non-member still gets nothing from it.
    const stillHidden = await gql<Answer>(t.db, outsider, `query($id: ID!) { model(id: $id) { headReport { status cached } } }`, { id: privateId });
    expect(stillHidden.data!.model).toBeNull();
    await expect(getHeadReportForActor(t.db, outsider, privateId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await getHeadReportForActor(t.db, member, privateId)).toMatchObject({ status: "READY", cached: true });
  });

  it("answers QUEUED with a job id and progress for a model above the in-process bound; the job's failure is the next answer, with no cache row", async () => {
    const JOB_REPORT = `query($id: ID!) { model(id: $id) { headReport { status message jobId cached heads { name } composition { Q } progress { fraction etaSeconds stage } } } }`;
    const first = await gql<{ model: { headReport: { status: string; jobId: string | null; progress: { fraction: number } | null; heads: unknown[]; composition: unknown; cached: boolean } } }>(t.db, member, JOB_REPORT, { id: largeId });
    expect(first.errors).toBeUndefined();
    const queued = first.data!.model.headReport;
    expect(["QUEUED", "RUNNING"]).toContain(queued.status);
    expect(queued).toMatchObject({ heads: [], composition: null, cached: false });
    expect(queued.jobId).toEqual(expect.any(String));
    expect(queued.progress!.fraction).toBeGreaterThanOrEqual(0);
    // The same question again joins the same job.
    const joined = await gql<{ model: { headReport: { jobId: string } } }>(t.db, member, JOB_REPORT, { id: largeId });
    expect(joined.data!.model.headReport.jobId).toBe(queued.jobId);

    const JOB = `query($id: ID!) { job(id: $id) { id type kind status error attempts progress { fraction } } }`;
    const deadline = Date.now() + 90_000;
    let job: { status: string; error: string | null; kind: string; type: string };
    for (;;) {
      const r = await gql<{ job: typeof job }>(t.db, member, JOB, { id: queued.jobId });
      job = r.data!.job;
      if (job.status !== "QUEUED" && job.status !== "RUNNING") break;
      if (Date.now() > deadline) throw new Error("the job did not end");
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job).toMatchObject({ status: "FAILED", type: "analysis", kind: HEAD_REPORT_KIND });
    expect(job.error).toMatch(/^head-report: .*embed\.W_E/);
    const after = await gql<{ model: { headReport: { status: string; message: string; jobId: string } } }>(t.db, member, JOB_REPORT, { id: largeId });
    expect(after.data!.model.headReport).toMatchObject({ status: "FAILED", message: job.error, jobId: queued.jobId });
    expect(await t.db.analysisResult.count({ where: { modelVersion: { modelId: largeId } } })).toBe(0);
    // A non-member cannot see the job.
    expect((await gql<{ job: unknown }>(t.db, outsider, JOB, { id: queued.jobId })).data!.job).toBeNull();
  });

  it("answers FAILED with the engine's message for a stored version it cannot load, and no cache row", async () => {
    const broken = await createModelRow(t.db, { teamId, name: "no weights", createdBy: member });
    const result = await gql<Answer>(t.db, member, REPORT, { id: broken });
    expect(result.errors).toBeUndefined();
    const report = result.data!.model!.headReport!;
    expect(report).toMatchObject({ status: "FAILED", heads: [], composition: null, cached: false });
    expect(report.message).toMatch(/^head-report: .*embed\.W_E/);
    expect(await t.db.analysisResult.count({ where: { modelVersion: { modelId: broken } } })).toBe(0);
  });

  it("validates the overview page's query against the schema and the limits", async () => {
    const result = await gql<{ model: { id: string; headReport: { status: string } | null } | null }>(t.db, outsider, HEAD_REPORT_QUERY, { id: demoInductionId });
    expect(codes(result)).toEqual([]);
    expect(result.data!.model!.headReport!.status).toBe("READY");
  });
});
