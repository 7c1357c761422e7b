// Figures whose analysis is a background job (lib/findings/figure-store): with the in-process bound
// lowered to 0, the induction-2l demo's head report runs in a job, so the figure is added PENDING
// (no value); once the job is done, the first read by a reader of the model freezes it with the
// numbers the engine computes directly on the file, and publishing (TEAM) freezes a pending figure
// before anyone reads it. Neither path computes in the request.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_OPTIONS } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { circuitTopK, fullOV } from "@/lib/engine/circuits/qk-ov";
import { headReport, type HeadReportJson } from "@/lib/engine/circuits/report";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { addFindingFigure } from "@/lib/findings/figure-store";
import { createFinding, setFindingVisibility } from "@/lib/findings/store";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
const FILE = path.join(demoModelsDir(), "induction-2l", "model.safetensors");
let editor: Actor, viewer: Actor;
let modelId: string;
let direct: HeadReportJson;

/** Waits until every analysis job of the model has ended. */
async function jobsEnded(timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await t.db.job.count({ where: { modelVersion: { modelId }, status: { in: ["QUEUED", "RUNNING"] } } })) > 0) {
    if (Date.now() > deadline) throw new Error("analysis jobs still running");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [editor, viewer] = await Promise.all(["p-editor", "p-viewer"].map((n) => createTestUser(t.db, n)));
  const teamId = await createTeamWith(t.db, "Pending", [[editor, "EDITOR"], [viewer, "VIEWER"]]);
  const u = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
  modelId = (await createModelFromUpload(t.db, editor, { teamId, name: "induction", config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors: u.tensors, contentHash: u.contentHash })).model.id;
  direct = await headReport(await loadModelFile(FILE), { ...HEAD_REPORT_OPTIONS, kernels: tsKernels });
});

afterAll(() => jobRunner(t.db).stop({ abort: true }));

describe("figures computed by a job", () => {
  it("adds a figure PENDING, freezes it on the first read after its job, with the engine's numbers", async () => {
    const finding = await createFinding(t.db, editor, { modelId, title: "pending" });
    const added = await addFindingFigure(t.db, editor, { findingId: finding.id, kind: "HEAD_CARD", params: { head: "1.0" } }, { inProcessBytes: 0 });
    expect(added.figures.map((f) => [f.key, f.frozen, f.frozenAt])).toEqual([["fig-1", null, null]]);
    await jobsEnded();
    expect((await t.db.findingFigure.findFirstOrThrow({ where: { findingId: finding.id } })).frozen).toBeNull(); // nothing froze it yet
    await t.db.finding.update({ where: { id: finding.id }, data: { visibility: "TEAM" } });
    const r = await gql<{ finding: { figures: { status: string; value: { scores: { induction: number } } }[] } }>(t.db, viewer, `query($id: ID!) { finding(id: $id) { figures { status value } } }`, { id: finding.id });
    expect(r.errors).toBeUndefined();
    const [figure] = r.data!.finding.figures;
    expect(figure.status).toBe("FROZEN");
    expect(figure.value.scores.induction).toBeCloseTo(direct.heads.find((h) => h.name === "1.0")!.induction, 12);
    expect((await t.db.findingFigure.findFirstOrThrow({ where: { findingId: finding.id } })).frozenAt).not.toBeNull();
  });

  it("freezes a pending figure when the finding is published, before anyone reads it", async () => {
    const finding = await createFinding(t.db, editor, { modelId, title: "published" });
    await addFindingFigure(t.db, editor, { findingId: finding.id, kind: "OV_TABLE", params: { head: "1.0", topK: 3 } }, { inProcessBytes: 0 });
    await jobsEnded();
    await setFindingVisibility(t.db, editor, { id: finding.id, visibility: "TEAM" }, { inProcessBytes: 0 });
    const row = await t.db.findingFigure.findFirstOrThrow({ where: { findingId: finding.id } });
    const top = await circuitTopK(await fullOV((await loadModelFile(FILE)).weights, 1, 0, { kernels: tsKernels }), 3, { kernels: tsKernels });
    const value = row.frozen as { top: { source: { id: number }; output: { id: number }; value: number }[] };
    expect(value.top.map((e) => [e.source.id, e.output.id])).toEqual(top.entries.map((e) => [e.row, e.col]));
    value.top.forEach((e, i) => expect(e.value).toBeCloseTo(top.entries[i].value, 5));
  });
});

describe("a signed-out reader of a PUBLIC finding whose figure is still pending", () => {
  it("sees the figure and its comparison as PENDING (being computed), never FAILED, and starts no job", async () => {
    const teamId = await createTeamWith(t.db, "Public pending", [[editor, "OWNER"]]);
    const u = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
    const publicId = (await createModelFromUpload(t.db, editor, { teamId, name: "public induction", visibility: "PUBLIC", config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors: u.tensors, contentHash: u.contentHash })).model.id;
    // Stored as too large to compute in a request (the weights stay tiny): every analysis is a job.
    await t.db.modelVersion.updateMany({ where: { modelId: publicId }, data: { byteLength: BigInt(1) << BigInt(40) } });
    const finding = await createFinding(t.db, editor, { modelId: publicId, title: "public pending" });
    // A figure whose analysis has not finished (as after an import, or while its job waits).
    await t.db.findingFigure.create({ data: { findingId: finding.id, key: "fig-1", position: 0, kind: "HEAD_CARD", params: { head: "1.0" } } });
    await t.db.finding.update({ where: { id: finding.id }, data: { visibility: "PUBLIC" } });
    const jobs = await t.db.job.count();
    const r = await gql<{ finding: { figures: { status: string; value: unknown; current: { status: string; differs: boolean | null; message: string | null } | null }[] } }>(t.db, null,
      `query($id: ID!) { finding(id: $id) { figures { status value current { status differs message } } } }`, { id: finding.id });
    expect(r.errors).toBeUndefined();
    const [figure] = r.data!.finding.figures;
    expect([figure.status, figure.value]).toEqual(["PENDING", null]);
    expect(figure.current).toMatchObject({ status: "PENDING", differs: null });
    expect(figure.current!.message).toMatch(/being computed/);
    expect(await t.db.job.count(), "a signed-out read starts no job").toBe(jobs);
  });
});

