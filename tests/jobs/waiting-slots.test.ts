// Waiting for a slot instead of QUOTA_EXCEEDED (issue 8, jobs): one account asks for more analyses
// at once than it has job slots (MAX_ACTIVE_JOBS_PER_USER), as a big model's head page does. Every
// request is answered (QUEUED; those beyond the slots with stage WAITING_STAGE), at no moment are
// more than MAX_ACTIVE_JOBS_PER_USER of its jobs dispatched, and as jobs end the waiting ones are
// let in and run, so every analysis ends SUCCEEDED and is read back READY. Runs on both database
// modes (embedded slots in this process; pg-boss on Postgres, consumed here).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getHeadReportForActor } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { createModelFromUpload } from "@/lib/db/tensors";
import { countDispatchedJobs } from "@/lib/jobs/queue/admit";
import { MAX_ACTIVE_JOBS_PER_USER } from "@/lib/jobs/queue/enqueue";
import { JobRunner, jobRunner, setJobRunner } from "@/lib/jobs/queue/runner";
import { WAITING_STAGE } from "@/lib/jobs/queue/store";
import { createTeamWith, randomModelUpload } from "@/tests/graphql/fixtures";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";

const t = useTestDatabase();
const ASKED = MAX_ACTIVE_JOBS_PER_USER + 2;
let user: Actor, modelId: string, runner: JobRunner;

beforeAll(async () => {
  user = await createTestUser(t.db, "many fields");
  const teamId = await createTeamWith(t.db, "Slots", [[user, "OWNER"]]);
  const cfg = { n_layers: 2, n_heads: 2, d_model: 16, d_head: 4, d_vocab: 24, n_ctx: 12 };
  modelId = (await createModelFromUpload(t.db, user, { teamId, name: "busy page", ...randomModelUpload(cfg, 4) })).model.id;
  await jobRunner(t.db).stop({ abort: true });
  runner = new JobRunner(t.db, { consume: true, slots: 2, sweepMs: 1_000 });
  setJobRunner(t.db, runner);
  await runner.start();
});
afterAll(() => runner.stop({ abort: true }));

describe("analyses beyond an account's job slots", () => {
  it(`answers ${ASKED} requests at once, the last ${ASKED - MAX_ACTIVE_JOBS_PER_USER} waiting for a slot, never dispatches more than ${MAX_ACTIVE_JOBS_PER_USER}, and runs them all`, async () => {
    // Different seeds: different analyses, each its own job (inProcessBytes 0 sends the tiny model to a job).
    const asked = [];
    for (let seed = 0; seed < ASKED; seed++) asked.push(await getHeadReportForActor(t.db, user, modelId, { inProcessBytes: 0, probe: { seed } }));
    expect(asked.map((s) => s.status).every((s) => s === "QUEUED" || s === "RUNNING")).toBe(true);
    const stages = asked.map((s) => (s.status === "QUEUED" || s.status === "RUNNING" ? s.progress.stage : "?"));
    expect(stages.slice(MAX_ACTIVE_JOBS_PER_USER)).toEqual(Array(ASKED - MAX_ACTIVE_JOBS_PER_USER).fill(WAITING_STAGE));
    expect(stages.slice(0, MAX_ACTIVE_JOBS_PER_USER)).not.toContain(WAITING_STAGE);

    const deadline = Date.now() + 90_000;
    let most = 0;
    for (;;) {
      most = Math.max(most, await countDispatchedJobs(t.db, user.userId));
      const ended = await t.db.job.count({ where: { createdById: user.userId, status: { notIn: ["QUEUED", "RUNNING"] } } });
      if (ended === ASKED) break;
      if (Date.now() > deadline) {
        const rows = await t.db.job.findMany({ where: { createdById: user.userId }, select: { status: true, stage: true, attempts: true, error: true } });
        throw new Error(`${ended} of ${ASKED} jobs ended: ${JSON.stringify(rows)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(most).toBeLessThanOrEqual(MAX_ACTIVE_JOBS_PER_USER);
    const jobs = await t.db.job.findMany({ where: { createdById: user.userId }, select: { status: true, attempts: true } });
    expect(jobs).toEqual(Array(ASKED).fill({ status: "SUCCEEDED", attempts: 1 }));
    for (let seed = 0; seed < ASKED; seed++) {
      expect(await getHeadReportForActor(t.db, user, modelId, { inProcessBytes: 0, probe: { seed } })).toMatchObject({ status: "READY", cached: true });
    }
  }, 240_000);
});
