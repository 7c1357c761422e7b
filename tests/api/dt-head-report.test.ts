// The head report of a decision transformer (DT-FORMAT.md): a DT above the in-process bound gets
// its head-report job from the upload itself (startHeadReportAfterUpload), and that job must end
// SUCCEEDED with a READY report — it used to fail in unembedEmbed ("W_U [16, 3] and W_E [17, 16] do
// not chain"), since a DT's typed input rows and its actions are not one vocabulary. The OV copying
// score is left out (null in every head) and `skipped` says so and why; the scores that are defined
// are numbers; the OV eigenvalues of a DT head answer a client error naming why, not an internal one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_IN_PROCESS_BYTES, HEAD_REPORT_KIND, startHeadReportAfterUpload } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { jobEnded } from "@/tests/helpers/jobs";
import { createTeamWith } from "@/tests/graphql/fixtures";
import { gql } from "@/tests/graphql/harness";
import { dtMetadata, dtTensors, DT_CFG } from "@/tests/engine/transformer/dt-fixtures";
import type { FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { asBuilder, dtFile } from "./mlp-dt-models";
import { buildSafetensors } from "@/tests/helpers/safetensors-builder";
import { uploadRequest } from "./tiny-model";

const t = useTestDatabase();
let uploader: Actor, teamId: string;

/** The fixture DT widened (d_model 64, d_mlp 128) so its weights pass the 64 KiB in-process bound. */
const BIG_DT: FixtureConfig = { ...DT_CFG, d_model: 64, d_head: 16, d_mlp: 128 };

beforeAll(async () => {
  uploader = await createTestUser(t.db, "dt-uploader");
  teamId = await createTeamWith(t.db, "DT lab", [[uploader, "OWNER"]]);
});
afterAll(() => jobRunner(t.db).stop({ abort: true }));

interface Report {
  status: string; message: string | null; attentionOnly: boolean;
  skipped: { score: string; reason: string }[];
  heads: { name: string; ovCopying: number | null; previousToken: number | null; qkPositionalPositivity: number | null }[];
}

describe("the head report of a decision transformer", () => {
  it("the upload's head-report job succeeds, leaving out OV copying with the reason", async () => {
    const file = buildSafetensors(asBuilder(dtTensors(BIG_DT, 11)), { metadata: dtMetadata(BIG_DT) });
    expect(file.length).toBeGreaterThan(HEAD_REPORT_IN_PROCESS_BYTES);
    const response = await handleModelUpload(uploadRequest({ file, name: "big dt", team: teamId }), {
      db: t.db, getActor: async () => uploader, maxBytes: 64 * 1024 * 1024,
      afterCommit: (result, actor) => startHeadReportAfterUpload(t.db, actor, result.id),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const jobs = await t.db.job.findMany({ where: { modelVersion: { modelId: id } }, select: { id: true, kind: true } });
    expect(jobs.map((j) => j.kind)).toEqual([HEAD_REPORT_KIND]);
    const job = await jobEnded(t.db, jobs[0].id);
    expect({ status: job.status, error: job.error ?? null }).toEqual({ status: "SUCCEEDED", error: null });

    const r = await gql<{ model: { headReport: Report } }>(t.db, uploader, `query($id: ID!) { model(id: $id) { headReport {
      status message attentionOnly skipped { score reason } heads { name ovCopying previousToken qkPositionalPositivity } } } }`, { id });
    expect(r.errors).toBeUndefined();
    const report = r.data!.model.headReport;
    expect(report).toMatchObject({ status: "READY", message: null, attentionOnly: false });
    expect(report.heads.map((h) => h.name)).toEqual(["0.0", "0.1", "1.0", "1.1"]);
    expect(report.skipped).toEqual([{ score: "ovCopying", reason: expect.stringMatching(/17 typed input rows .* predicts 3 actions/) }]);
    for (const h of report.heads) {
      expect(h.ovCopying).toBeNull();
      expect(Number.isFinite(h.previousToken)).toBe(true);
      expect(Number.isFinite(h.qkPositionalPositivity)).toBe(true);
    }

  });

  it("the OV eigenvalues of a DT head answer why they are undefined, as a client error", async () => {
    const response = await handleModelUpload(uploadRequest({ file: dtFile(), name: "small dt", team: teamId }), { db: t.db, getActor: async () => uploader, maxBytes: 1 << 20 });
    const { id } = (await response.json()) as { id: string };
    const eig = await gql<{ model: { head: { eigenvalues: { state: string; message: string | null } } } }>(t.db, uploader,
      `query($id: ID!) { model(id: $id) { head(name: "0.0") { eigenvalues(circuit: OV) { state message } qk: eigenvalues(circuit: QK_POSITIONAL) { state } } } }`, { id });
    const message = eig.data?.model.head.eigenvalues.message ?? eig.errors?.[0]?.message ?? "";
    expect(message).toMatch(/OV eigenvalues are undefined for this model: a decision transformer reads 17 typed input rows/);
    expect(eig.data?.model.head).toMatchObject({ qk: { state: "READY" } });
  });
});
