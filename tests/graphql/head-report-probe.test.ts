// Model.headReport(version, probe: { seed, repeatLength, tokenRange }) over GraphQL on the test
// database (graphql/modules/analysis, lib/analysis/kinds/head-report): any version, not only the
// latest; every probe field bounded by a named constant or the model's shape (BAD_USER_INPUT naming
// the field); the probe is part of the cache key; and a model whose safetensors metadata carries a
// training hint (`circuitboard.probe`) is probed with it by default. The models are seeded random
// attention-only weights (tests/engine/transformer/fixtures), small enough to compute in the request.
import { beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_KIND, MAX_REPEAT_LENGTH, MAX_SEED, MIN_REPEAT_LENGTH } from "@/lib/analysis/kinds/head-report";
import type { Actor } from "@/lib/auth/policy";
import { addModelVersion, createModelFromUpload } from "@/lib/db/tensors";
import { PROBE_HINT_KEY } from "@/lib/engine/circuits/probes";
import type { FixtureConfig } from "@/tests/engine/transformer/fixtures";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith, randomModelUpload } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();
const CFG: FixtureConfig = { n_layers: 2, n_heads: 2, d_model: 16, d_head: 4, d_vocab: 40, n_ctx: 24 };
const HINT = { repeatLength: 5, tokenRange: [10, 30] };

const REPORT = `query($id: ID!, $version: Int, $probe: HeadReportProbe) {
  model(id: $id) { headReport(version: $version, probe: $probe) { status modelVersion cached probes heads { name previousToken induction inductionStripe } } }
}`;

interface Report {
  status: string; modelVersion: number; cached: boolean;
  probes: { seed: number; repeatLength: number; tokenRange?: [number, number] };
  heads: { name: string; previousToken: number | null; induction: number | null; inductionStripe: number | null }[];
}

let owner: Actor, teamId: string, trainedId: string, hintedId: string;

async function report(id: string, variables: Record<string, unknown> = {}) {
  const r = await gql<{ model: { headReport: Report } }>(t.db, owner, REPORT, { id, ...variables });
  expect(r.errors).toBeUndefined();
  return r.data!.model.headReport;
}

const rows = (modelId: string) => t.db.analysisResult.count({ where: { kind: HEAD_REPORT_KIND, modelVersion: { modelId } } });

beforeAll(async () => {
  owner = await createTestUser(t.db, "prober");
  teamId = await createTeamWith(t.db, "Probe lab", [[owner, "OWNER"]]);
  trainedId = (await createModelFromUpload(t.db, owner, { teamId, name: "checkpoints", ...randomModelUpload(CFG, 1) })).model.id;
  await addModelVersion(t.db, owner, trainedId, randomModelUpload(CFG, 2));
  hintedId = (await createModelFromUpload(t.db, owner, {
    teamId, name: "hinted", ...randomModelUpload(CFG, 3), metadata: { [PROBE_HINT_KEY]: JSON.stringify(HINT) },
  })).model.id;
});

describe("Model.headReport probe", () => {
  it("keys the cache by the probe: another seed or tokenRange is another entry with other tokens, the same probe is read back", async () => {
    const base = await report(trainedId, { probe: { seed: 1 } });
    const seed2 = await report(trainedId, { probe: { seed: 2 } });
    const ranged = await report(trainedId, { probe: { seed: 1, tokenRange: { from: 0, to: 8 } } });
    expect([base.cached, seed2.cached, ranged.cached]).toEqual([false, false, false]);
    expect(base.probes).toMatchObject({ seed: 1 });
    expect(base.probes.tokenRange).toBeUndefined();
    expect(seed2.probes).toMatchObject({ seed: 2 });
    expect(ranged.probes).toMatchObject({ seed: 1, tokenRange: [0, 8] });
    // Random weights score differently on other tokens.
    expect(seed2.heads).not.toEqual(base.heads);
    expect(ranged.heads).not.toEqual(base.heads);
    expect(await rows(trainedId)).toBe(3);
    const again = await report(trainedId, { probe: { seed: 1, tokenRange: { from: 0, to: 8 } } });
    expect(again).toEqual({ ...ranged, cached: true });
    expect(await rows(trainedId)).toBe(3);
  });

  it("reports version 1 and version 2 of a model with two checkpoints separately, each its own weights", async () => {
    const v1 = await report(trainedId, { version: 1 });
    const v2 = await report(trainedId, { version: 2 });
    const latest = await report(trainedId);
    expect([v1.modelVersion, v2.modelVersion, latest.modelVersion]).toEqual([1, 2, 2]);
    expect(v1.heads).not.toEqual(v2.heads);
    expect(latest).toEqual({ ...v2, cached: true });
  });

  it("answers BAD_USER_INPUT naming the field for each probe value out of bounds, and stores nothing", async () => {
    const before = await rows(trainedId);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ seed: -1 }, /seed/],
      // GraphQL's Int is 32-bit: the variable itself is refused, naming probe.seed.
      [{ seed: MAX_SEED + 1 }, /probe\.seed/],
      [{ repeatLength: MIN_REPEAT_LENGTH - 1 }, /repeatLength is at least 2/],
      [{ repeatLength: MAX_REPEAT_LENGTH + 1 }, /repeatLength is at most 1024/],
      [{ repeatLength: CFG.n_ctx / 2 + 1 }, /probe\.repeatLength is at most ⌊n_ctx\/2⌋ = 12/],
      [{ tokenRange: { from: 5, to: 5 } }, /tokenRange\.from must be below tokenRange\.to/],
      [{ tokenRange: { from: -1, to: 5 } }, /tokenRange\.from is at least 0/],
      [{ tokenRange: { from: 0, to: CFG.d_vocab + 1 } }, /probe\.tokenRange\.to is at most d_vocab = 40/],
    ];
    for (const [probe, message] of cases) {
      const r = await gql(t.db, owner, REPORT, { id: trainedId, probe });
      expect(r.errors, JSON.stringify(probe)).toHaveLength(1);
      expect(r.errors![0].extensions!.code, JSON.stringify(probe)).toBe("BAD_USER_INPUT");
      expect(r.errors![0].message, JSON.stringify(probe)).toMatch(message);
    }
    const badVersion = await gql(t.db, owner, REPORT, { id: trainedId, version: 0 });
    expect(badVersion.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await rows(trainedId)).toBe(before);
  });

  it("probes with the model's metadata hint by default, and a field the caller gives wins over it", async () => {
    const hinted = await report(hintedId);
    expect(hinted.probes).toMatchObject({ seed: 0, repeatLength: HINT.repeatLength, tokenRange: HINT.tokenRange });
    const longer = await report(hintedId, { probe: { repeatLength: 8 } });
    expect(longer.probes).toMatchObject({ repeatLength: 8, tokenRange: HINT.tokenRange });
    const whole = await report(hintedId, { probe: { tokenRange: { from: 0, to: CFG.d_vocab } } });
    expect(whole.probes).toMatchObject({ repeatLength: HINT.repeatLength, tokenRange: [0, CFG.d_vocab] });
    // Without a hint the engine's default L = min(50, ⌊n_ctx/2⌋) and the whole vocabulary.
    const plain = await report(trainedId);
    expect(plain.probes.repeatLength).toBe(CFG.n_ctx / 2);
    expect(plain.probes.tokenRange).toBeUndefined();
  });
});
