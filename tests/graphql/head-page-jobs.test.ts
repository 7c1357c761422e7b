// The head page of a model above the in-process bound asks for about ten analyses at once (its four
// documents in app/models/[id]/heads/[name]/head-queries.ts). Beyond the account's job slots they
// used to answer QUOTA_EXCEEDED; now every field is an envelope — QUEUED, the ones beyond the slots
// with stage "waiting for a free slot" (lib/jobs/queue/admit) — and no field errors. The runner
// here consumes nothing, so the jobs stay as they were written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEAD_CIRCUITS_QUERY, HEAD_COMPOSITION_QUERY, HEAD_SCORES_QUERY, HEAD_SPECTRA_QUERY } from "@/app/models/[id]/heads/[name]/head-queries";
import type { Actor } from "@/lib/auth/policy";
import { MAX_ACTIVE_JOBS_PER_USER } from "@/lib/jobs/queue/enqueue";
import { JobRunner, jobRunner, setJobRunner } from "@/lib/jobs/queue/runner";
import { WAITING_STAGE } from "@/lib/jobs/queue/store";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
let reader: Actor, modelId: string, idle: JobRunner;

beforeAll(async () => {
  reader = await createTestUser(t.db, "head page reader");
  const teamId = await createTeamWith(t.db, "Big heads", [[reader, "OWNER"]]);
  modelId = await createModelRow(t.db, { teamId, name: "1 MiB", createdBy: reader, byteLength: 1024 * 1024, config: { n_layers: 1 } });
  await jobRunner(t.db).stop({ abort: true });
  idle = new JobRunner(t.db, { consume: false });
  setJobRunner(t.db, idle);
  await idle.start();
});
afterAll(() => idle.stop({ abort: true }));

/** Every `{ state … }` envelope in a response, with its path. */
function envelopes(value: unknown, path = ""): [string, { state: string }][] {
  if (!value || typeof value !== "object") return [];
  if ("state" in value && typeof (value as { state: unknown }).state === "string") return [[path, value as { state: string }]];
  return Object.entries(value).flatMap(([k, v]) => envelopes(v, `${path}.${k}`));
}

describe("the head page of a model that runs as jobs", () => {
  it(`answers every analysis QUEUED without QUOTA_EXCEEDED, the jobs beyond ${MAX_ACTIVE_JOBS_PER_USER} waiting for a slot`, async () => {
    const variables = { id: modelId, head: "0.1", topK: 20, trigrams: 20 };
    const all: [string, { state: string }][] = [];
    for (const query of [HEAD_SCORES_QUERY, HEAD_CIRCUITS_QUERY, HEAD_SPECTRA_QUERY, HEAD_COMPOSITION_QUERY]) {
      const r = await gql(t.db, reader, query.toString(), variables);
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      all.push(...envelopes(r.data));
    }
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const [path, e] of all) expect(e.state, path).toBe("QUEUED");
    const jobs = await t.db.job.findMany({ where: { createdById: reader.userId }, select: { kind: true, stage: true }, orderBy: { createdAt: "asc" } });
    expect(jobs.length).toBeGreaterThan(MAX_ACTIVE_JOBS_PER_USER);
    expect(jobs.slice(0, MAX_ACTIVE_JOBS_PER_USER).map((j) => j.stage)).toEqual(Array(MAX_ACTIVE_JOBS_PER_USER).fill(null));
    expect(jobs.slice(MAX_ACTIVE_JOBS_PER_USER).every((j) => j.stage === WAITING_STAGE), JSON.stringify(jobs)).toBe(true);
  });
});
