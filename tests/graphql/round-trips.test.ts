// The database round trips of a cached head-report query (the overview's HEAD_REPORT_QUERY): the
// model and its access check once, its latest version once, and the cached report from memory —
// no second access check inside Model.headReport, no AnalysisResult read (lib/db/analysis-memory).
import { beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_QUERY } from "@/app/models/[id]/head-report-query";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith, randomModelUpload } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
let owner: Actor, member: Actor, modelId: string;

beforeAll(async () => {
  owner = await createTestUser(t.db, "owner");
  member = await createTestUser(t.db, "member");
  const teamId = await createTeamWith(t.db, "Round trips", [[owner, "OWNER"], [member, "VIEWER"]]);
  const cfg = { n_layers: 2, n_heads: 2, d_model: 8, d_head: 4, d_vocab: 6, n_ctx: 8 };
  modelId = (await createModelFromUpload(t.db, owner, { teamId, name: "m", visibility: "TEAM", ...randomModelUpload(cfg, 7) })).model.id;
});

/** The client with every model operation it runs recorded ("Model.findUnique", …). */
function recording(db: Db): { db: Db; operations: string[] } {
  const operations: string[] = [];
  const extended = db.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          operations.push(`${model}.${operation}`);
          return query(args);
        },
      },
    },
  });
  return { db: extended as unknown as Db, operations };
}

describe("a cached head-report query", () => {
  it("reads the model, the caller's membership and the latest version, and nothing else", async () => {
    const first = await gql(t.db, member, HEAD_REPORT_QUERY, { id: modelId });
    expect(first.errors).toBeUndefined();
    expect(first.data?.model?.headReport).toMatchObject({ status: "READY", cached: false });
    const { db, operations } = recording(t.db);
    const second = await gql(db, member, HEAD_REPORT_QUERY, { id: modelId });
    expect(second.data?.model?.headReport).toMatchObject({ status: "READY", cached: true });
    expect(operations).toEqual(["Model.findUnique", "Membership.findUnique", "ModelVersion.findFirst"]);
  });
});
