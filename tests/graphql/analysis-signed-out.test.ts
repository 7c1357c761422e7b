// A signed-out visitor of a PUBLIC model (lib/auth/policy) reads analyses without an account: a
// cached result, a tiny model's in-request computation, a job someone signed in started — but never
// enqueues a background job (it would run on no account's slots): that answers FAILED with
// SIGN_IN_TO_ENQUEUE and writes no job row. A model that is not PUBLIC stays UNAUTHENTICATED.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getOrEnqueueAnalysis, SIGN_IN_TO_ENQUEUE } from "@/lib/analysis/get-analysis";
import { defineAnalysisKind } from "@/lib/analysis/kinds";
import type { Actor } from "@/lib/auth/policy";
import { uploadFromSafetensors } from "@/lib/db/demo-models";
import { UnauthenticatedError } from "@/lib/db/errors";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { tinyModel } from "@/tests/api/tiny-model";
import { createTeamWith } from "./fixtures";

const t = useTestDatabase();
let owner: Actor;
const models = {} as Record<"public" | "team", string>;

defineAnalysisKind({ kind: "test-signed-out-sum", params: z.object({ n: z.number().int().min(0).max(10) }), compute: (_m, params) => ({ n: (params as { n: number }).n }) });

beforeAll(async () => {
  owner = await createTestUser(t.db, "public-owner");
  const teamId = await createTeamWith(t.db, "Public lab", [[owner, "OWNER"]]);
  for (const visibility of ["PUBLIC", "TEAM"] as const) {
    const upload = uploadFromSafetensors(tinyModel());
    const created = await createModelFromUpload(t.db, owner, {
      teamId, name: `signed-out-${visibility}`, visibility, config: upload.config as unknown as Prisma.InputJsonObject,
      metadata: upload.metadata, tensors: upload.tensors, contentHash: `${upload.contentHash.slice(0, 60)}${visibility === "PUBLIC" ? "0001" : "0002"}`,
    });
    models[visibility === "PUBLIC" ? "public" : "team"] = created.model.id;
  }
});

describe("analyses for a signed-out visitor", () => {
  it("computes a tiny PUBLIC model's analysis in the request", async () => {
    const state = await getOrEnqueueAnalysis(t.db, null, { modelId: models.public, kind: "test-signed-out-sum", params: { n: 3 } }, { inProcessBytes: 1 << 30 });
    expect(state).toMatchObject({ status: "READY", result: { n: 3 }, cached: false });
  });

  it("refuses to enqueue a background job, writing no job row", async () => {
    const before = await t.db.job.count();
    const state = await getOrEnqueueAnalysis(t.db, null, { modelId: models.public, kind: "test-signed-out-sum", params: { n: 4 } }, { inProcessBytes: 0 });
    expect(state).toMatchObject({ status: "FAILED", message: SIGN_IN_TO_ENQUEUE });
    expect(await t.db.job.count()).toBe(before);
  });

  it("follows the job a signed-in reader started", async () => {
    const started = await getOrEnqueueAnalysis(t.db, owner, { modelId: models.public, kind: "test-signed-out-sum", params: { n: 5 } }, { inProcessBytes: 0, enforceCap: false });
    expect(started.status).toBe("QUEUED");
    const jobs = await t.db.job.count();
    const followed = await getOrEnqueueAnalysis(t.db, null, { modelId: models.public, kind: "test-signed-out-sum", params: { n: 5 } }, { inProcessBytes: 0 });
    // The job may have started, or finished (then its result is cached): never a second job, never the refusal.
    if (followed.status === "READY") expect(followed.result).toEqual({ n: 5 });
    else expect(followed).toMatchObject({ status: expect.stringMatching(/^(QUEUED|RUNNING)$/), jobId: (started as { jobId: string }).jobId });
    expect(await t.db.job.count()).toBe(jobs);
  });

  it("answers UNAUTHENTICATED on a TEAM model", async () => {
    await expect(getOrEnqueueAnalysis(t.db, null, { modelId: models.team, kind: "test-signed-out-sum", params: { n: 1 } }, { inProcessBytes: 1 << 30 })).rejects.toThrow(UnauthenticatedError);
  });
});
