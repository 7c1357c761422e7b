// The run-size bounds of lib/jobs/training-spec (issue 7 item 6): a run writing MAX_VERSIONS_PER_RUN
// versions, scoring MAX_SCORINGS_PER_RUN times or costing MAX_WORK multiply-adds is accepted; one
// more version, scoring or step is refused, the issue on the field that sets it.
import { describe, expect, it } from "vitest";
import { MAX_SCORINGS_PER_RUN, MAX_VERSIONS_PER_RUN, MAX_WORK, trainingSpecSchema, trainingWork } from "@/lib/jobs/training-spec";

const base = { task: "repeated-sequences", nLayers: 1, nHeads: 1, dModel: 4, nCtx: 8, seed: 1, batchSize: 1 };

/** The paths and messages of the issues the schema raises for `spec` ([] when accepted). */
function issues(spec: Record<string, unknown>): { path: string; message: string }[] {
  const r = trainingSpecSchema.safeParse({ ...base, ...spec });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("training run bounds", () => {
  it(`accepts a run that saves MAX_VERSIONS_PER_RUN (${MAX_VERSIONS_PER_RUN}) versions and refuses one more, on checkpointEvery`, () => {
    expect(issues({ steps: MAX_VERSIONS_PER_RUN, checkpointEvery: 1 })).toEqual([]);
    const over = issues({ steps: MAX_VERSIONS_PER_RUN + 1, checkpointEvery: 1 });
    expect(over.map((i) => i.path)).toEqual(["checkpointEvery"]);
    expect(over[0].message).toContain(`would save ${MAX_VERSIONS_PER_RUN + 1} versions; at most ${MAX_VERSIONS_PER_RUN} per run`);
  });

  it(`accepts a run that scores MAX_SCORINGS_PER_RUN (${MAX_SCORINGS_PER_RUN}) times and refuses one more, on scoreEvery`, () => {
    expect(issues({ steps: MAX_SCORINGS_PER_RUN, scoreEvery: 1, checkpointEvery: MAX_SCORINGS_PER_RUN })).toEqual([]);
    const over = issues({ steps: MAX_SCORINGS_PER_RUN + 1, scoreEvery: 1, checkpointEvery: MAX_SCORINGS_PER_RUN + 1 });
    expect(over.map((i) => i.path)).toEqual(["scoreEvery"]);
    expect(over[0].message).toContain(`${MAX_SCORINGS_PER_RUN + 1} times; at most ${MAX_SCORINGS_PER_RUN} per run`);
  });

  it("accepts the most steps whose estimated work is within MAX_WORK and refuses one more step, on steps", () => {
    const big = { nLayers: 4, nHeads: 8, dModel: 256, nCtx: 128, batchSize: 64 };
    // The largest step count within the budget, by bisection on the schema's own work estimate.
    let lo = 1, hi = 20_000;
    expect(trainingWork({ ...big, steps: hi })).toBeGreaterThan(MAX_WORK);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (trainingWork({ ...big, steps: mid }) <= MAX_WORK) lo = mid;
      else hi = mid;
    }
    expect(issues({ ...big, steps: lo, checkpointEvery: lo, scoreEvery: lo })).toEqual([]);
    const over = issues({ ...big, steps: lo + 1, checkpointEvery: lo + 1, scoreEvery: lo + 1 });
    expect(over.map((i) => i.path)).toEqual(["steps"]);
    expect(over[0].message).toMatch(/^this run would take about \d+ minutes here; the limit is \d+/);
  });
});
