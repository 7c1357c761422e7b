import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { readStoredTensor } from "@/lib/db/tensors";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { expectClose } from "@/tests/helpers/tolerance";
import { dtFile, dtMetadata, dtModelTensors, DT_CFG, geluFile, geluMetadata, geluTensors, GELU_CFG } from "./mlp-dt-models";
import { uploadRequest, type FormInput } from "./tiny-model";

const t = useTestDatabase();
let editor: Actor;
let team: string;

interface Body {
  id: string;
  config: Record<string, unknown>;
  error: { message: string; tensor?: string; field?: string };
}

async function upload(input: FormInput) {
  const response = await handleModelUpload(uploadRequest({ team, ...input }), { db: t.db, getActor: async () => editor, maxBytes: 64 * 1024 * 1024 });
  return { status: response.status, body: (await response.json()) as Body };
}

async function expectRefused(file: Uint8Array, want: { status: number; message: RegExp; tensor?: string }) {
  const before = await tableRowCounts(t.db);
  const { status, body } = await upload({ file, name: "bad" });
  expect({ status, message: body.error?.message }).toEqual({ status: want.status, message: expect.stringMatching(want.message) });
  if (want.tensor) expect(body.error.tensor).toBe(want.tensor);
  expect(await tableRowCounts(t.db)).toEqual(before);
}

beforeAll(async () => {
  editor = await createTestUser(t.db, "mlp-editor");
  const row = await t.db.team.create({ data: { name: "MLP uploads", slug: "mlp-uploads", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }] } } });
  team = row.slug;
});

describe("POST /api/models: models with MLP blocks and decision transformers (DT-FORMAT.md)", () => {
  it("stores a 1-layer GELU token model with MLP and LayerNorm, its config naming the MLP and attn_only false", async () => {
    const { status, body } = await upload({ file: geluFile(), name: "gelu-1l" });
    expect(status).toBe(201);
    const { n_layers, n_heads, d_model, d_head, d_vocab, n_ctx, d_mlp } = GELU_CFG;
    expect(body.config).toMatchObject({ n_layers, n_heads, d_model, d_head, d_vocab, n_ctx, d_mlp, act_fn: "gelu", gated_mlp: false, attn_only: false, normalization_type: "LN" });
    const model = await t.db.model.findUniqueOrThrow({ where: { id: body.id }, include: { versions: true } });
    expect(model.config).toMatchObject({ d_mlp, attn_only: false });
    const W_out = await readStoredTensor(t.db, model.versions[0].id, "blocks.0.mlp.W_out");
    expect(W_out.shape).toEqual([d_mlp, d_model]);
    expectClose(W_out.data, geluTensors()["blocks.0.mlp.W_out"].data, { abs: 0, rel: 0 }, "stored W_out");
  });

  it("stores a decision transformer with MLPs and LN, recording its typed inputs in the config", async () => {
    const { status, body } = await upload({ file: dtFile(), name: "dt" });
    expect(status).toBe(201);
    expect(body.config).toMatchObject({
      n_layers: DT_CFG.n_layers, d_model: DT_CFG.d_model, d_mlp: DT_CFG.d_mlp, act_fn: "gelu", attn_only: false, d_vocab_out: 3,
      decision_transformer: { token_order: ["rtg", "state", "action"], n_state_features: 12, n_actions: 3, action_labels: ["left", "right", "forward"], padding_row: true, max_timestep: 15, rtg: { min: -1, max: 1 }, grid: { width: 2, height: 2, channels: ["object", "color", "state"] } },
    });
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: body.id } });
    const W_time = await readStoredTensor(t.db, version.id, "embed.W_time");
    expectClose(W_time.data, dtModelTensors()["embed.W_time"].data, { abs: 0, rel: 0 }, "stored W_time");
  });

  it("an attention-only model's config says attn_only true", async () => {
    const tensors = geluTensors(9);
    for (const k of Object.keys(tensors)) if (/mlp\.|ln2\./.test(k)) delete tensors[k];
    const { n_layers, n_heads, d_model, d_head, d_vocab, n_ctx } = GELU_CFG;
    const { status, body } = await upload({ file: geluFile(tensors, { config: JSON.stringify({ n_layers, n_heads, d_model, d_head, d_vocab, n_ctx }) }), name: "attn-only" });
    expect(status).toBe(201);
    expect(body.config).toMatchObject({ attn_only: true });
    expect(body.config.d_mlp).toBeUndefined();
  });
});

describe("POST /api/models: malformed MLP models and DTs answer 400 naming the tensor, and write nothing", () => {
  it("a missing blocks.0.mlp.W_out", async () => {
    const tensors = geluTensors();
    delete tensors["blocks.0.mlp.W_out"];
    await expectRefused(geluFile(tensors), { status: 400, message: /missing blocks\.0\.mlp\.W_out/, tensor: "blocks.0.mlp.W_out" });
  });

  it("a W_out of the wrong shape names d_mlp and where it came from", async () => {
    const tensors = geluTensors();
    tensors["blocks.0.mlp.W_out"] = { shape: [GELU_CFG.d_mlp! + 1, GELU_CFG.d_model], data: new Float32Array((GELU_CFG.d_mlp! + 1) * GELU_CFG.d_model) };
    await expectRefused(geluFile(tensors), { status: 400, message: /blocks\.0\.mlp\.W_out has shape \[17, 8\] but d_mlp is 16 from blocks\.0\.mlp\.W_in/, tensor: "blocks.0.mlp.W_out" });
  });

  it("an MLP model without act_fn in its metadata", async () => {
    const cfg = JSON.parse(geluMetadata().config);
    delete cfg.act_fn;
    await expectRefused(geluFile(geluTensors(), { config: JSON.stringify(cfg) }), { status: 400, message: /act_fn is missing/ });
  });

  it("a DT with a huge n_actions is refused from the header, before its data is read", async () => {
    const tensors = dtModelTensors();
    const rows = 5000;
    tensors["embed.W_E_action"] = { shape: [rows, DT_CFG.d_model], data: new Float32Array(rows * DT_CFG.d_model) };
    const meta = dtMetadata(DT_CFG);
    const spec = JSON.parse(meta.decision_transformer);
    delete spec.actions.labels;
    await expectRefused(dtFile(tensors, { ...meta, decision_transformer: JSON.stringify(spec) }), { status: 400, message: /embed\.W_E_action has 5000 rows: it must hold 1 to 1024 actions/, tensor: "embed.W_E_action" });
  });

  it("a DT with W_time past MAX_TIMESTEPS, a state grid that does not cover n_features, and a missing W_E_rtg", async () => {
    const big = dtModelTensors();
    big["embed.W_time"] = { shape: [100002, 1], data: new Float32Array(100002) };
    await expectRefused(dtFile(big), { status: 400, message: /embed\.W_time/, tensor: "embed.W_time" });
    const meta = dtMetadata(DT_CFG);
    const spec = JSON.parse(meta.decision_transformer);
    spec.state.grid.width = 3;
    await expectRefused(dtFile(dtModelTensors(), { ...meta, decision_transformer: JSON.stringify(spec) }), { status: 400, message: /decision_transformer\.state\.grid covers 3×2×3 = 18 features but n_features is 12/ });
    const missing = dtModelTensors();
    delete missing["embed.W_E_rtg"];
    await expectRefused(dtFile(missing), { status: 400, message: /missing embed\.W_E_rtg/, tensor: "embed.W_E_rtg" });
  });

  it("a DT whose action head is narrower than its actions", async () => {
    const tensors = dtModelTensors();
    tensors["unembed.W_U"] = { shape: [DT_CFG.d_model, 2], data: new Float32Array(DT_CFG.d_model * 2) };
    await expectRefused(dtFile(tensors), { status: 400, message: /unembed\.W_U has shape \[16, 2\] but d_vocab_out is 3/, tensor: "unembed.W_U" });
  });
});
