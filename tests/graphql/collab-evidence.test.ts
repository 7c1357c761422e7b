// Evidence links of every kind the annotation form builds (app/_components/collab/evidence-pointers)
// resolve to the stored result they cite: on the induction-2l demo, the head report, an OV and a
// QK circuit of head 1.0 and a prompt run are computed and stored as AnalysisResult rows; an
// annotation cites this head's score, a K-composition pair, OV top and bottom entries, a QK entry,
// the run's loss and a whole result as a figure; each link's `value` equals the number read by
// plain property access from the stored row's JSON (not through lib/collab/evidence).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { circuitEntryPointer, compositionPointer, parseHead, promptRunPointer, scorePointer, SOURCE_KINDS, suitsKind } from "@/app/_components/collab/evidence-pointers";
import { getOrEnqueueAnalysis } from "@/lib/analysis/get-analysis";
import { analysisKind } from "@/lib/analysis/kinds";
import type { Actor } from "@/lib/auth/policy";
import { DEMO_TEAM_SLUG, ensureDemoAccount } from "@/lib/db/demo";
import { seedDemoModels } from "@/lib/db/demo-models";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { gql } from "./harness";

const t = useTestDatabase();
let editor: Actor;
let modelId = "";
const HEAD = "1.0";
const stored: Record<string, { id: string; result: unknown }> = {};

const CREATE = `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) {
  ok error { message inputErrors { path message } } annotation { id evidence { kind resultId pointer found value truncated } } } }`;
type Out = { createAnnotation: { ok: boolean; error: { message: string } | null; annotation: { evidence: { kind: string; resultId: string; pointer: string; found: boolean; value: unknown; truncated: boolean }[] } | null } };

beforeAll(async () => {
  await ensureDemoAccount(t.db, t.auth, { passwordFile: path.join(mkdtempSync(path.join(tmpdir(), "cb-evidence-")), "pw") });
  modelId = (await seedDemoModels(t.db)).find((m) => m.name === "induction-2l")!.modelId;
  editor = await createTestUser(t.db, "evidence-editor");
  const team = await t.db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM_SLUG } });
  await t.db.membership.create({ data: { teamId: team.id, userId: editor.userId, role: "EDITOR" } });
  const requests: [string, unknown][] = [
    ["head-report", {}],
    ["ov-circuit", { layer: 1, head: 0, topK: 5, bottomK: 3 }],
    ["qk-circuit", { layer: 1, head: 0, topK: 4 }],
    ["run-logits", { tokens: [1, 2, 3, 4, 1, 2, 3, 4], topK: 2 }],
  ];
  for (const [kind, params] of requests) {
    const state = await getOrEnqueueAnalysis(t.db, editor, { modelId, kind, params });
    expect(state.status, kind).toBe("READY");
    const row = await t.db.analysisResult.findFirstOrThrow({ where: { kind, modelVersion: { modelId } }, select: { id: true, result: true } });
    stored[kind] = row;
  }
}, 120_000);

describe("evidence pointers", () => {
  it("name only registered analysis kinds as sources, and bound what they build", () => {
    for (const kinds of Object.values(SOURCE_KINDS)) for (const k of kinds ?? []) expect(analysisKind(k), k).toBeTruthy();
    expect(suitsKind("OV_ENTRY", "ov-circuit")).toBe(true);
    expect(suitsKind("OV_ENTRY", "head-report")).toBe(false);
    expect(suitsKind("FIGURE", "anything")).toBe(true);
    expect(compositionPointer("K", { layer: 1, index: 0 }, { layer: 1, index: 1 })).toBeNull();
    expect(circuitEntryPointer("top", 0)).toBeNull();
    expect(circuitEntryPointer("top", 1.5)).toBeNull();
    expect(circuitEntryPointer("top", 1001)).toBeNull();
    expect(parseHead("1.x")).toBeNull();
  });

  it("each kind the form offers resolves to the value stored in the result it cites", async () => {
    type Report = { heads: { name: string }[]; composition: { K: number[][][][] }; config: { n_heads: number } };
    const report = stored["head-report"].result as Report & { heads: Record<string, unknown>[] };
    const self = parseHead(HEAD)!;
    const index = self.layer * report.config.n_heads + self.index;
    expect(report.heads[index].name, "the head report's row of the head").toBe(HEAD);
    const ov = stored["ov-circuit"].result as { top: unknown[]; bottom: unknown[] };
    const qk = stored["qk-circuit"].result as { top: unknown[] };
    const run = stored["run-logits"].result as { loss: number };
    // Partner 0.1 → 1.0: the earlier head writes (index 1 of the tensor), the later reads.
    const links: [string, string, string, unknown][] = [
      ["SCORE", "head-report", scorePointer(index, "inductionStripe"), report.heads[index].inductionStripe],
      ["COMPOSITION", "head-report", compositionPointer("K", self, parseHead("0.1")!)!, report.composition.K[0][1][1][0]],
      ["OV_ENTRY", "ov-circuit", circuitEntryPointer("top", 2)!, ov.top[1]],
      ["OV_ENTRY", "ov-circuit", circuitEntryPointer("bottom", 1)!, ov.bottom[0]],
      ["QK_ENTRY", "qk-circuit", circuitEntryPointer("top", 1)!, qk.top[0]],
      ["PROMPT_RUN", "run-logits", promptRunPointer("run-logits"), run.loss],
      ["FIGURE", "qk-circuit", "", qk],
    ];
    for (const [kind, source] of links) expect(suitsKind(kind as keyof typeof SOURCE_KINDS, source), `${kind} offers ${source}`).toBe(true);
    // The pair as TL orders it (earlier head first) holds a score; the reverse order is masked.
    expect(report.composition.K[0][1][1][0]).toBeGreaterThan(0);
    expect(typeof run.loss).toBe("number");
    const r = await gql<Out>(t.db, editor, CREATE, { input: {
      modelId, head: HEAD, label: "induction", confidence: 0.8,
      evidence: links.map(([kind, source, pointer]) => ({ kind, resultId: stored[source].id, pointer })),
    } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createAnnotation.error).toBeNull();
    const evidence = r.data!.createAnnotation.annotation!.evidence;
    expect(evidence.map((e) => [e.kind, e.resultId, e.pointer])).toEqual(links.map(([kind, source, pointer]) => [kind, stored[source].id, pointer]));
    for (const [i, e] of evidence.entries()) {
      expect({ found: e.found, truncated: e.truncated }, `${e.kind} ${e.pointer}`).toEqual({ found: true, truncated: false });
      expect(e.value, `${e.kind} ${e.pointer}`).toEqual(links[i][3]);
    }
    // The same links read back later, by a reader of the PUBLIC demo model, signed out.
    const read = await gql<{ model: { annotations: { evidence: { value: unknown }[] }[] } }>(t.db, null, `query($id: ID!, $head: String!) { model(id: $id) { annotations(head: $head) { evidence { value } } } }`, { id: modelId, head: HEAD });
    expect(read.data!.model.annotations[0].evidence.map((e) => e.value)).toEqual(links.map((l) => l[3]));
  });
});
