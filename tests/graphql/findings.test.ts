// Findings over GraphQL on the induction-2l demo file (lib/findings): figures frozen from the pinned
// version hold the engine's own numbers (computed here directly from the file with lib/engine), read
// the same after a new version whose layer-1 W_Q is zero (layer-1 attention then is exactly uniform
// causal, a closed form `current` is checked against) and say that the newest version differs;
// stale edits answer CONFLICT with the current finding; share links open signed out and die when
// revoked; an export imports back with the same figures and values; hostile imports name the field.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HEAD_REPORT_OPTIONS } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { demoModelsDir, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { addModelVersion, createModelFromUpload } from "@/lib/db/tensors";
import { circuitTopK, fullOV } from "@/lib/engine/circuits/qk-ov";
import { headReport, type HeadReportJson } from "@/lib/engine/circuits/report";
import { loadModelFile } from "@/lib/engine/io/model-file";
import { tsKernels } from "@/lib/engine/linalg/kernels-ts";
import { runWithCache } from "@/lib/engine/transformer/forward";
import type { AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { liftAnalysisRateLimit } from "./circuits-setup";
import { createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

liftAnalysisRateLimit();
const t = useTestDatabase();
const FILE = path.join(demoModelsDir(), "induction-2l", "model.safetensors");
const TOKENS = [3, 7, 1, 9, 3, 7, 1, 9];
let editor: Actor, viewer: Actor, outsider: Actor;
let teamId: string, modelId: string, otherModelId: string;
let direct: HeadReportJson, file: AttnOnlyModel;

const FIGURE = "key kind params status value engineVersion";
const FINDING = `id title body visibility version modelVersion canEdit figures { ${FIGURE} }`;
interface Figure { key: string; kind: string; params: Record<string, unknown>; status: string; value: Record<string, unknown> | null; engineVersion: string | null }
interface FindingOut { id: string; title: string; body: string; visibility: string; version: number; modelVersion: number; canEdit: boolean; figures: Figure[] }
type Payload<K extends string> = Record<K, { ok: boolean; error: { message: string; inputErrors: { path: string[]; message: string }[] } | null; finding: FindingOut | null }>;

const CREATE = `mutation($m: ID!, $t: String!, $b: String) { createFinding(input: { modelId: $m, title: $t, body: $b }) { ok error { message } finding { ${FINDING} } } }`;
const ADD = `mutation($f: ID!, $k: FindingFigureKind!, $p: JSON!, $v: Int) { addFindingFigure(input: { findingId: $f, kind: $k, params: $p, expectedVersion: $v }) { ok error { message inputErrors { path message } } finding { ${FINDING} } } }`;
const READ = `query($id: ID!) { finding(id: $id) { ${FINDING} } }`;

async function upload(author: Actor, team: string, name: string): Promise<string> {
  const u = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
  return (await createModelFromUpload(t.db, author, { teamId: team, name, config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors: u.tensors, contentHash: u.contentHash })).model.id;
}

async function newFinding(title = "1.0 is an induction head"): Promise<FindingOut> {
  const r = await gql<Payload<"createFinding">>(t.db, editor, CREATE, { m: modelId, t: title, b: "See **fig-1**." });
  expect(r.errors).toBeUndefined();
  return r.data!.createFinding.finding!;
}

async function addFigure(findingId: string, kind: string, params: unknown): Promise<FindingOut> {
  const r = await gql<Payload<"addFindingFigure">>(t.db, editor, ADD, { f: findingId, k: kind, p: params });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  expect(r.data!.addFindingFigure.error).toBeNull();
  return r.data!.addFindingFigure.finding!;
}

/** One head's pattern [q][k] of a layer, from the engine's forward pass of the file. */
async function directPattern(model: AttnOnlyModel, layer: number, head: number, tokens: number[]): Promise<number[][]> {
  const cache = await runWithCache(model, tokens, { kernels: tsKernels, unembed: false, logProbs: false });
  const data = cache.pattern[layer].data as Float32Array;
  const n = tokens.length;
  return Array.from({ length: n }, (_, q) => Array.from(data.subarray(head * n * n + q * n, head * n * n + (q + 1) * n)));
}

beforeAll(async () => {
  [editor, viewer, outsider] = await Promise.all(["f-editor", "f-viewer", "f-outsider"].map((n) => createTestUser(t.db, n)));
  teamId = await createTeamWith(t.db, "Findings", [[editor, "EDITOR"], [viewer, "VIEWER"]]);
  modelId = await upload(editor, teamId, "induction");
  // The same bytes in another team are another model (in one team they would be the same model).
  otherModelId = await upload(editor, await createTeamWith(t.db, "Findings import", [[editor, "EDITOR"], [viewer, "VIEWER"]]), "induction copy");
  file = await loadModelFile(FILE);
  direct = await headReport(file, { ...HEAD_REPORT_OPTIONS, kernels: tsKernels });
});

describe("findings", () => {
  let findingId: string;
  let frozen: Figure[];

  it("freezes each figure kind with the engine's own numbers from the pinned version", async () => {
    findingId = (await newFinding()).id;
    await addFigure(findingId, "HEAD_CARD", { head: "1.0" });
    await addFigure(findingId, "COMPOSITION", { mode: "K" });
    await addFigure(findingId, "ATTENTION", { head: "1.0", tokens: TOKENS });
    const f = await addFigure(findingId, "OV_TABLE", { head: "1.0", topK: 5 });
    expect(f.version).toBe(5);
    expect(f.figures.map((x) => [x.key, x.kind, x.status])).toEqual([["fig-1", "HEAD_CARD", "FROZEN"], ["fig-2", "COMPOSITION", "FROZEN"], ["fig-3", "ATTENTION", "FROZEN"], ["fig-4", "OV_TABLE", "FROZEN"]]);
    frozen = f.figures;

    const head = direct.heads.find((h) => h.name === "1.0")!;
    const card = frozen[0].value as { scores: Record<string, number>; repeatLength: number };
    expect(card.scores.induction).toBeCloseTo(head.induction, 12);
    expect(card.scores.inductionStripe).toBeCloseTo(head.inductionStripe, 12);
    expect(card.scores.ovCopying).toBeCloseTo(head.ovCopying!, 12);
    expect(card.repeatLength).toBe(direct.probes.repeatLength);

    const comp = frozen[1].value as { heads: string[]; scores: number[][]; baseline: { mean: number } };
    const H = direct.config.n_heads;
    expect(comp.heads).toHaveLength(direct.config.n_layers * H);
    expect(comp.scores[0][H]).toBeCloseTo(direct.composition.K[0][0][1][0], 12); // 0.0 → 1.0
    expect(comp.baseline.mean).toBeCloseTo(direct.compositionBaseline!.mean, 12);

    const att = frozen[2].value as { tokens: { id: number }[]; pattern: number[][] };
    expect(att.tokens.map((x) => x.id)).toEqual(TOKENS);
    const pattern = await directPattern(file, 1, 0, TOKENS);
    att.pattern.forEach((row, q) => row.forEach((v, k) => expect(v).toBeCloseTo(pattern[q][k], 6)));

    const ov = frozen[3].value as { top: { source: { id: number }; output: { id: number }; value: number }[] };
    const top = await circuitTopK(await fullOV(file.weights, 1, 0, { kernels: tsKernels }), 5, { kernels: tsKernels });
    expect(ov.top.map((e) => [e.source.id, e.output.id])).toEqual(top.entries.map((e) => [e.row, e.col]));
    ov.top.forEach((e, i) => expect(e.value).toBeCloseTo(top.entries[i].value, 5));
  });

  it("refuses hostile figure params naming the field, and non-editors", async () => {
    for (const [kind, params, field] of [
      ["HEAD_CARD", { head: "9.9" }, "params.head"],
      ["HEAD_CARD", { head: "1.0; drop" }, "params.head"],
      ["COMPOSITION", { mode: "X" }, "params.mode"],
      ["OV_TABLE", { head: "1.0", topK: 51 }, "params.topK"],
      ["ATTENTION", { head: "1.0", tokens: Array(129).fill(1) }, "params.tokens"],
      ["ATTENTION", { head: "1.0", prompt: "x".repeat(2001) }, "params.prompt"],
      ["ATTENTION", { head: "1.0", tokens: [1_000_000] }, "params.tokens"],
      ["HEAD_CARD", { head: "1.0", extra: 1 }, "params"],
    ] as const) {
      const r = await gql<Payload<"addFindingFigure">>(t.db, editor, ADD, { f: findingId, k: kind, p: params });
      expect(r.data!.addFindingFigure.ok, JSON.stringify(params)).toBe(false);
      expect(r.data!.addFindingFigure.error!.inputErrors.map((e) => e.path.join(".")).join(" "), JSON.stringify(params)).toContain(field);
    }
    expect(codes(await gql(t.db, viewer, ADD, { f: findingId, k: "HEAD_CARD", p: { head: "1.0" } }))).toEqual(["NOT_FOUND"]); // a DRAFT is its author's alone
    expect(codes(await gql(t.db, outsider, ADD, { f: findingId, k: "HEAD_CARD", p: { head: "1.0" } }))).toEqual(["NOT_FOUND"]);
  });

  it("bounds titles, bodies and pages (bound + 1 refused naming the field), renders hostile Markdown inert, and refuses to share a draft", async () => {
    const long = await gql<Payload<"createFinding">>(t.db, editor, CREATE, { m: modelId, t: "x".repeat(201) });
    expect(long.data!.createFinding.ok).toBe(false);
    expect(codes(await gql(t.db, viewer, `query($m: ID!) { findings(modelId: $m, first: 51) { id } }`, { m: modelId }))).toEqual(["BAD_USER_INPUT"]);
    expect((await gql(t.db, viewer, `query($m: ID!) { findings(modelId: $m, first: 50) { id } }`, { m: modelId })).errors).toBeUndefined();
    const tooLong = await gql<Payload<"createFinding">>(t.db, editor, CREATE, { m: modelId, t: "ok", b: "x".repeat(20_001) });
    expect(tooLong.data!.createFinding.ok).toBe(false);
    const hostile = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> <svg onload=alert(1)>";
    const made = await gql<{ createFinding: { finding: { id: string; bodyHtml: string } } }>(t.db, editor, `mutation($m: ID!, $b: String) { createFinding(input: { modelId: $m, title: "hostile", body: $b }) { finding { id bodyHtml } } }`, { m: modelId, b: hostile });
    const html = made.data!.createFinding.finding.bodyHtml;
    for (const bad of ["<script", "javascript:", "onerror", "onload", "<svg", "<img"]) expect(html, bad).not.toContain(bad);
    const share = await gql<{ createShareLink: { ok: boolean; error: { inputErrors: { path: string[] }[] } } }>(t.db, editor, `mutation($f: ID!) { createShareLink(findingId: $f) { ok error { inputErrors { path } } } }`, { f: made.data!.createFinding.finding.id });
    expect(share.data!.createShareLink).toMatchObject({ ok: false, error: { inputErrors: [{ path: ["findingId"] }] } });
  });

  it("refuses an edit against a stale version with CONFLICT carrying the current finding", async () => {
    const UPDATE = `mutation($id: ID!, $v: Int!, $t: String) { updateFinding(input: { id: $id, expectedVersion: $v, title: $t }) { ok finding { version title } } }`;
    const ok = await gql<{ updateFinding: { finding: { version: number } } }>(t.db, editor, UPDATE, { id: findingId, v: 5, t: "Head 1.0 induces" });
    expect(ok.data!.updateFinding.finding.version).toBe(6);
    const stale = await gql(t.db, editor, UPDATE, { id: findingId, v: 5, t: "lost edit" });
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors![0].extensions!.current).toMatchObject({ id: findingId, version: 6, title: "Head 1.0 induces" });
    const staleAdd = await gql(t.db, editor, ADD, { f: findingId, k: "HEAD_CARD", p: { head: "0.0" }, v: 5 });
    expect(codes(staleAdd)).toEqual(["CONFLICT"]);
    expect((await gql<{ finding: FindingOut }>(t.db, editor, READ, { id: findingId })).data!.finding).toMatchObject({ version: 6, title: "Head 1.0 induces" });
  });

  it("shows a DRAFT to its author only, a TEAM finding to the team, a PUBLIC one signed out", async () => {
    expect((await gql(t.db, viewer, READ, { id: findingId })).data).toEqual({ finding: null });
    const VIS = `mutation($id: ID!, $v: FindingVisibility!) { setFindingVisibility(id: $id, visibility: $v) { ok finding { visibility } } }`;
    expect(codes(await gql(t.db, viewer, VIS, { id: findingId, v: "TEAM" }))).toEqual(["NOT_FOUND"]);
    expect((await gql<{ setFindingVisibility: { ok: boolean } }>(t.db, editor, VIS, { id: findingId, v: "TEAM" })).data!.setFindingVisibility.ok).toBe(true);
    expect((await gql<{ finding: FindingOut }>(t.db, viewer, READ, { id: findingId })).data!.finding.canEdit).toBe(false);
    expect((await gql(t.db, outsider, READ, { id: findingId })).data).toEqual({ finding: null });
    expect(codes(await gql(t.db, null, READ, { id: findingId }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(t.db, viewer, VIS, { id: findingId, v: "PUBLIC" }))).toEqual(["FORBIDDEN"]);
    await gql(t.db, editor, VIS, { id: findingId, v: "PUBLIC" });
    const anon = await gql<{ finding: FindingOut & { model: unknown } }>(t.db, null, `query($id: ID!) { finding(id: $id) { id model { id } figures { key value current { differs } } } }`, { id: findingId });
    expect(anon.errors).toBeUndefined();
    expect(anon.data!.finding.model).toBeNull();
    expect(anon.data!.finding.figures.map((f) => f.value)).toEqual(frozen.map((f) => f.value));
    const list = await gql<{ findings: { id: string }[] }>(t.db, null, `query($m: ID!) { findings(modelId: $m) { id } }`, { m: modelId });
    expect(list.data!.findings.map((f) => f.id)).toEqual([findingId]);
  });

  it("opens a share link signed out; revoked and unknown tokens answer NOT_FOUND alike", async () => {
    const share = await gql<{ createShareLink: { ok: boolean; token: string; link: { id: string } } }>(t.db, editor, `mutation($f: ID!) { createShareLink(findingId: $f) { ok token link { id } } }`, { f: findingId });
    const { token, link } = share.data!.createShareLink;
    expect(token).toMatch(/^cbs_[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.findingShareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
    const OPEN = `query($t: String!) { sharedFinding(token: $t) { id figures { key value current { differs } } export(format: JSON) } }`;
    const opened = await gql<{ sharedFinding: { id: string; figures: (Figure & { current: unknown })[]; export: string } }>(t.db, null, OPEN, { t: token });
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.sharedFinding.figures.map((f) => f.value)).toEqual(frozen.map((f) => f.value));
    expect(opened.data!.sharedFinding.figures.map((f) => f.current)).toEqual(frozen.map(() => null)); // the holder may not read the model
    expect(JSON.parse(opened.data!.sharedFinding.export).figures.map((f: Figure) => f.value)).toEqual(frozen.map((f) => f.value));
    await gql(t.db, editor, `mutation($id: ID!) { revokeShareLink(id: $id) { ok } }`, { id: link.id });
    const revoked = await gql(t.db, null, OPEN, { t: token });
    const unknown = await gql(t.db, null, OPEN, { t: `cbs_${"A".repeat(43)}` });
    expect(codes(revoked)).toEqual(["NOT_FOUND"]);
    expect(codes(unknown)).toEqual(["NOT_FOUND"]);
    expect(revoked.errors![0].message).toBe(unknown.errors![0].message);
  });

  it("reads the same frozen numbers after a new model version, and says where the newest version differs", async () => {
    const u = uploadFromSafetensors(new Uint8Array(readFileSync(FILE)));
    const tensors = u.tensors.map((x) => (x.name === "blocks.1.attn.W_Q" ? { ...x, chunks: [new Uint8Array(x.shape.reduce((a, b) => a * b, 4))] } : x));
    await addModelVersion(t.db, editor, modelId, { config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata, tensors, contentHash: createHash("sha256").update("findings v2: layer-1 W_Q zero").digest("hex") });
    type Current = { differs: boolean | null; latestVersion: number; status: string; value: Record<string, unknown> };
    const r = await gql<{ finding: Omit<FindingOut, "figures"> & { figures: (Figure & { current: Current })[] } }>(
      t.db, viewer, `query($id: ID!) { finding(id: $id) { modelVersion figures { ${FIGURE} current { status differs latestVersion value } } } }`, { id: findingId });
    expect(r.errors).toBeUndefined();
    const f = r.data!.finding;
    expect(f.modelVersion).toBe(1);
    expect(f.figures.map((x) => x.value)).toEqual(frozen.map((x) => x.value));
    const byKey = Object.fromEntries(f.figures.map((x) => [x.key, x.current]));
    expect(byKey["fig-1"]).toMatchObject({ status: "READY", latestVersion: 2, differs: true });
    expect(byKey["fig-3"]).toMatchObject({ status: "READY", latestVersion: 2, differs: true });
    // Zero W_Q: layer-1 attention is uniform over the causal prefix, 1/(q+1).
    (byKey["fig-3"].value.pattern as number[][]).forEach((row, q) => row.forEach((v, k) => expect(v).toBeCloseTo(k <= q ? 1 / (q + 1) : 0, 6)));
    // The OV circuit does not read W_Q: the newest version agrees.
    expect(byKey["fig-4"]).toMatchObject({ status: "READY", latestVersion: 2, differs: false });
  });

  it("round-trips an export through importFinding, and refuses hostile imports naming the field", async () => {
    const exp = await gql<{ exportFinding: string }>(t.db, viewer, `query($id: ID!) { exportFinding(id: $id, format: JSON) }`, { id: findingId });
    const json = exp.data!.exportFinding;
    const IMPORT = `mutation($m: ID!, $j: String!) { importFinding(modelId: $m, json: $j) { ok error { message inputErrors { path message } } finding { ${FINDING} } } }`;
    const imported = await gql<Payload<"importFinding">>(t.db, editor, IMPORT, { m: otherModelId, j: json });
    expect(imported.data!.importFinding.error).toBeNull();
    const copy = imported.data!.importFinding.finding!;
    expect(copy).toMatchObject({ title: "Head 1.0 induces", visibility: "DRAFT", modelVersion: 1 });
    expect(copy.figures.map((x) => [x.key, x.kind, x.params, x.value, x.engineVersion])).toEqual(frozen.map((x) => [x.key, x.kind, x.params, x.value, x.engineVersion]));

    const doc = JSON.parse(json);
    const hostile: [unknown, string][] = [
      [{ ...doc, figures: [{ ...doc.figures[0], kind: "SCRIPT" }] }, "figures.0.kind"],
      [{ ...doc, figures: [{ ...doc.figures[0], params: { head: "7.7" } }] }, "figures.0.params.head"],
      [{ ...doc, figures: [{ ...doc.figures[0], value: { ...doc.figures[0].value, head: "x.y" } }] }, "figures.0.value.head"],
      [{ ...doc, figures: Array.from({ length: 21 }, (_, i) => ({ ...doc.figures[0], key: `k${i}` })) }, "figures"],
      [{ ...doc, finding: { ...doc.finding, body: "x".repeat(20_001) } }, "finding.body"],
      [{ ...doc, extra: true }, ""],
    ];
    for (const [bad, field] of hostile) {
      const r = await gql<Payload<"importFinding">>(t.db, editor, IMPORT, { m: otherModelId, j: JSON.stringify(bad) });
      expect(r.data!.importFinding.ok, field).toBe(false);
      const err = r.data!.importFinding.error!;
      expect(err.inputErrors.map((e) => e.path.join(".")).join(" ") + " " + err.message, field).toContain(field);
    }
    const tooBig = await gql<Payload<"importFinding">>(t.db, editor, IMPORT, { m: otherModelId, j: " ".repeat(4 * 1024 * 1024 + 1) });
    expect(tooBig.data!.importFinding.error!.inputErrors[0].path).toEqual(["json"]);
    expect(codes(await gql(t.db, viewer, IMPORT, { m: otherModelId, j: json }))).toEqual(["FORBIDDEN"]);
  });

  it("exports Markdown with the figures' frozen data as tables", async () => {
    const md = (await gql<{ exportFinding: string }>(t.db, viewer, `query($id: ID!) { exportFinding(id: $id, format: MARKDOWN) }`, { id: findingId })).data!.exportFinding;
    expect(md).toContain("# Head 1.0 induces");
    expect(md).toContain("### fig-1 — HEAD_CARD");
    const induction = (frozen[0].value as { scores: { induction: number } }).scores.induction;
    expect(md).toContain(`| induction | ${induction.toPrecision(4)} |`);
  });
});
