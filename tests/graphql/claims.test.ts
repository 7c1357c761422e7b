// Executable claims over GraphQL on the induction-2l demo file (lib/collab/claims, claim-store):
// the numbers a claim shows are the engine's own head report of the file (computed here directly
// with headReport), and after a version whose layer-1 W_Q is zero (so layer-1 attention is exactly
// uniform and the induction stripe has a closed form) the claim flips and its author is notified.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_OPTIONS } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { addModelVersion, createModelFromUpload } from "@/lib/db/tensors";
import { headReport, type HeadReportJson } from "@/lib/engine/circuits/report";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
const FILE = path.join(demoModelsDir(), "induction-2l", "model.safetensors");
let author: Actor, viewer: Actor, outsider: Actor;
let modelId: string, annotationId: string;
let direct: HeadReportJson;

const CLAIM_FIELDS = "id description status version current { status value threshold modelVersion engineVersion message } written { status value threshold modelVersion }";
const ADD = `mutation($a: ID!, $spec: JSON!) { addClaim(annotationId: $a, spec: $spec) { ok error { message inputErrors { path message } } claim { ${CLAIM_FIELDS} } } }`;
interface Evaluation { status: string; value: number | null; threshold: number | null; modelVersion: number; message?: string | null }
interface ClaimOut { id: string; version: number; description: string; status: string; current: Evaluation | null; written: Evaluation | null }
type AddOut = { addClaim: { ok: boolean; error: { message: string; inputErrors: { path: string[] }[] } | null; claim: ClaimOut | null } };

const stripe = { metric: "inductionStripe", head: "1.0", comparator: ">=", threshold: { value: 0.5 } };
const kComp = { metric: "kComposition", from: "0.0", to: "1.0", comparator: ">=", threshold: { baselineStds: 3 } };

beforeAll(async () => {
  [author, viewer, outsider] = await Promise.all(["author", "viewer", "outsider"].map((n) => createTestUser(t.db, n)));
  const teamId = await createTeamWith(t.db, "Claims", [[author, "EDITOR"], [viewer, "VIEWER"]]);
  const upload = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
  modelId = (await createModelFromUpload(t.db, author, { teamId, name: "induction", config: upload.config as unknown as Prisma.InputJsonObject, metadata: upload.metadata, tensors: upload.tensors, contentHash: upload.contentHash })).model.id;
  const a = await gql<{ createAnnotation: { annotation: { id: string } } }>(t.db, author, `mutation($m: ID!) { createAnnotation(input: { modelId: $m, head: "1.0", label: "induction", confidence: 0.9 }) { annotation { id } } }`, { m: modelId });
  annotationId = a.data!.createAnnotation.annotation.id;
  direct = await headReport(await loadModelFile(FILE), { ...HEAD_REPORT_OPTIONS, kernels: tsKernels });
});

describe("claims", () => {
  it("evaluates a claim when written with the engine's own numbers, keeping them as the written evaluation", async () => {
    const expectedStripe = direct.heads.find((h) => h.name === "1.0")!.inductionStripe;
    expect(expectedStripe).toBeGreaterThan(0.5); // the demo's induction head, per the engine's report of the file
    const r = await gql<AddOut>(t.db, author, ADD, { a: annotationId, spec: stripe });
    expect(r.errors).toBeUndefined();
    const claim = r.data!.addClaim.claim!;
    expect(claim).toMatchObject({ description: "inductionStripe(1.0) ≥ 0.5", status: "PASS", current: { status: "PASS", threshold: 0.5, modelVersion: 1 }, written: { status: "PASS", modelVersion: 1 } });
    expect(claim.current!.value).toBeCloseTo(expectedStripe, 12);

    const k = (await gql<AddOut>(t.db, author, ADD, { a: annotationId, spec: kComp })).data!.addClaim.claim!;
    const baseline = direct.compositionBaseline!;
    expect(k.description).toBe("kComposition(0.0 → 1.0) ≥ baselineMean + 3·baselineStd");
    expect(k.current!.value).toBeCloseTo(direct.composition.K[0][0][1][0], 12);
    expect(k.current!.threshold).toBeCloseTo(baseline.mean + 3 * baseline.std, 12);
    expect(k.status).toBe(direct.composition.K[0][0][1][0] >= baseline.mean + 3 * baseline.std ? "PASS" : "FAIL");
  });

  it("refuses malformed specs naming the field, code-like input, heads outside the model, and non-editors", async () => {
    for (const [spec, field] of [
      [{ ...stripe, metric: "eval" }, "metric"],
      [{ ...stripe, head: "1.9" }, "spec"],
      [{ ...stripe, threshold: { value: "process.exit()" } }, "threshold"],
      [{ ...kComp, from: "1.0", to: "0.1" }, "to"],
      [{ ...stripe, repeatLength: 1_000_000 }, "repeatLength"],
      [{ ...stripe, extra: 1 }, ""],
    ] as const) {
      const r = await gql<AddOut>(t.db, author, ADD, { a: annotationId, spec });
      expect(r.data!.addClaim.ok, JSON.stringify(spec)).toBe(false);
      if (field) expect(r.data!.addClaim.error!.inputErrors.flatMap((e) => e.path).join("/") || r.data!.addClaim.error!.message, JSON.stringify(spec)).toContain(field);
    }
    expect(codes(await gql(t.db, viewer, ADD, { a: annotationId, spec: stripe }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(t.db, outsider, ADD, { a: annotationId, spec: stripe }))).toEqual(["NOT_FOUND"]);
    expect(codes(await gql(t.db, null, ADD, { a: annotationId, spec: stripe }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("re-evaluates on a new model version: the claim that passed on v1 fails on v2, keeps its written numbers, and notifies its author once", async () => {
    const upload = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
    const tensors = upload.tensors.map((x) => (x.name === "blocks.1.attn.W_Q" ? { ...x, chunks: [new Uint8Array(x.shape.reduce((a, b) => a * b, 4))] } : x));
    await addModelVersion(t.db, author, modelId, { config: upload.config as unknown as Prisma.InputJsonObject, metadata: upload.metadata, tensors, contentHash: createHash("sha256").update("v2: layer-1 W_Q zero").digest("hex") });
    // Zero W_Q ⇒ every layer-1 score is 0 ⇒ uniform causal attention, so the stripe of n = 2L = 24
    // tokens (queries q = L−1 … n−1 attending to q−L+1 with weight 1/(q+1)) is Σ 1/(q+1) / (n−L+1).
    const L = 12;
    let uniformStripe = 0;
    for (let q = L - 1; q < 2 * L; q++) uniformStripe += 1 / (q + 1);
    uniformStripe /= L + 1;

    const read = await gql<{ annotation: { claims: ClaimOut[] } }>(t.db, viewer, `{ annotation(id: "${annotationId}") { claims { ${CLAIM_FIELDS} } } }`);
    expect(read.errors).toBeUndefined();
    const claim = read.data!.annotation.claims.find((c) => c.description.startsWith("inductionStripe"))!;
    expect(claim).toMatchObject({ status: "FAIL", current: { status: "FAIL", modelVersion: 2 }, written: { status: "PASS", modelVersion: 1 } });
    expect(claim.current!.value).toBeCloseTo(uniformStripe, 5);
    const notes = await gql<{ notifications: { kind: string; data: Record<string, unknown> }[] }>(t.db, author, "{ notifications { kind data } }");
    // (The kComposition claim may flip too: with W_Q zero, 1.0's W_QK is zero and has no finite score.)
    const failing = notes.data!.notifications.filter((n) => n.kind === "claim-failing" && n.data.claimId === claim.id);
    expect(failing).toEqual([{ kind: "claim-failing", data: expect.objectContaining({ claimId: claim.id, annotationId, modelVersion: 2, claim: "inductionStripe(1.0) ≥ 0.5" }) }]);
    // Reading again (or asking for a re-evaluation) finds nothing stale: no second notification.
    const again = await gql<{ reevaluateClaims: ClaimOut[] }>(t.db, viewer, `mutation { reevaluateClaims(modelId: "${modelId}") { ${CLAIM_FIELDS} } }`);
    expect(again.data!.reevaluateClaims.find((c) => c.id === claim.id)).toMatchObject({ status: "FAIL", version: claim.version });
    const notesAfter = await gql<{ notifications: { kind: string }[] }>(t.db, author, "{ notifications { kind } }");
    expect(notesAfter.data!.notifications).toHaveLength(notes.data!.notifications.length);
    expect((await gql(t.db, viewer, "{ notifications { kind } }")).data).toEqual({ notifications: [] });
  });
});
