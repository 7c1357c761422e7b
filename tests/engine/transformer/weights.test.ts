import { describe, expect, it } from "vitest";
import { loadModel } from "@/lib/engine/transformer/weights";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { rawSafetensors } from "@/tests/helpers/safetensors-builder";
import { randomTensors, type FixtureConfig } from "./fixtures";
import { faultOf, fileOf, validate } from "./files";

const cfg: FixtureConfig = { n_layers: 2, n_heads: 2, d_model: 8, d_head: 4, d_vocab: 11, n_ctx: 6 };

describe("validateModelHeader", () => {
  it("infers every size from the shapes alone", () => {
    const { config, warnings } = validate(fileOf(randomTensors(cfg)));
    expect(config).toEqual({
      n_layers: 2, n_heads: 2, d_model: 8, d_head: 4, d_vocab: 11, n_ctx: 6,
      positional_embedding_type: "standard", normalization_type: null, eps: 1e-5, biases: false,
    });
    expect(warnings).toEqual([]);
  });

  it("takes shortformer positions from the metadata config and notices biases and LayerNorm", () => {
    const t = randomTensors({ ...cfg, biases: true, ln: true });
    const meta = { config: JSON.stringify({ n_layers: 2, d_model: 8, positional_embedding_type: "shortformer", normalization_type: "LN", d_mlp: null }) };
    const { config } = validate(fileOf(t, meta, "F16"));
    expect(config.positional_embedding_type).toBe("shortformer");
    expect(config.normalization_type).toBe("LN");
    expect(config.biases).toBe(true);
  });

  it("names a missing W_O", () => {
    const t = randomTensors(cfg);
    delete t["blocks.1.attn.W_O"];
    const e = faultOf(() => validate(fileOf(t)));
    expect(e.message).toBe("missing blocks.1.attn.W_O");
    expect(e.tensor).toBe("blocks.1.attn.W_O");
  });

  it("names a W_Q with the wrong d_head and where d_head came from", () => {
    const t = randomTensors(cfg);
    t["blocks.1.attn.W_Q"] = { data: new Float32Array(2 * 8 * 3), shape: [2, 8, 3] };
    const e = faultOf(() => validate(fileOf(t)));
    expect(e.message).toBe("blocks.1.attn.W_Q has shape [2, 8, 3] but d_head is 4 from blocks.0.attn.W_Q");
    expect(e.tensor).toBe("blocks.1.attn.W_Q");
  });

  it("names a W_U whose vocabulary disagrees with W_E", () => {
    const t = randomTensors(cfg);
    t["unembed.W_U"] = { data: new Float32Array(8 * 10), shape: [8, 10] };
    expect(faultOf(() => validate(fileOf(t))).message).toBe("unembed.W_U has shape [8, 10] but d_vocab is 11 from embed.W_E");
  });

  it("refuses a metadata config that disagrees with the shapes, naming the key and both values", () => {
    const meta = { config: JSON.stringify({ n_heads: 4 }) };
    expect(faultOf(() => validate(fileOf(randomTensors(cfg), meta))).message).toBe("__metadata__.config.n_heads is 4 but the tensor shapes give 2");
    const bad = { config: JSON.stringify({ positional_embedding_type: "rotary" }) };
    expect(faultOf(() => validate(fileOf(randomTensors(cfg), bad))).message).toMatch(/positional_embedding_type must be "standard" or "shortformer", got "rotary"/);
    expect(faultOf(() => validate(fileOf(randomTensors(cfg), { config: "{" }))).message).toMatch(/^__metadata__.config is not valid JSON/);
  });

  it("refuses metadata claiming LayerNorm when the file has no LayerNorm weights", () => {
    const meta = { config: JSON.stringify({ normalization_type: "LN" }) };
    expect(faultOf(() => validate(fileOf(randomTensors(cfg), meta))).tensor).toBe("ln_final.w");
  });

  it("lists unknown tensors as warnings and drops TL's attn.mask and attn.IGNORE buffers", () => {
    const t = randomTensors({ ...cfg, n_layers: 1 });
    const entries = Object.entries(t);
    const header: Record<string, unknown> = {};
    const chunks: number[] = [];
    let off = 0;
    for (const [k, v] of entries) {
      header[k] = { dtype: "F32", shape: v.shape, data_offsets: [off, off + v.data.length * 4] };
      chunks.push(...new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength));
      off += v.data.length * 4;
    }
    header["blocks.0.attn.mask"] = { dtype: "BOOL", shape: [6, 6], data_offsets: [off, off + 36] };
    header["blocks.0.attn.IGNORE"] = { dtype: "F32", shape: [], data_offsets: [off + 36, off + 40] };
    header["blocks.0.attn.W_unknown"] = { dtype: "F32", shape: [1], data_offsets: [off + 40, off + 44] };
    const file = rawSafetensors(JSON.stringify(header), new Uint8Array([...chunks, ...new Array(44).fill(0)]));
    const { config, warnings } = validate(file);
    expect(config.n_layers).toBe(1);
    expect(warnings).toEqual(["unknown tensor blocks.0.attn.W_unknown ignored"]);
    const { header: h, tensors } = readSafetensors(file);
    const model = loadModel(tensors, { metadata: h.metadata });
    expect(model.warnings).toEqual(["unknown tensor blocks.0.attn.W_unknown ignored"]);
  });
});

describe("loadModel", () => {
  it("fills absent biases with zeros in TL shapes and records that nothing was processed on a model without LayerNorm", () => {
    const model = loadModel(randomTensors(cfg));
    expect(model.weights.blocks[1].b_Q.shape).toEqual([2, 4]);
    expect(model.weights.blocks[1].b_O.data.every((v) => v === 0)).toBe(true);
    expect(model.weights.b_U.shape).toEqual([11]);
    expect(model.processing).toEqual({ fold_ln: false, center_writing_weights: false, center_unembed: false, fold_value_biases: false });
  });

  it("builds a 0-layer (bigram) model", () => {
    const t = randomTensors({ ...cfg, n_layers: 0 });
    const model = loadModel(t);
    expect(model.config.n_layers).toBe(0);
    expect(model.weights.blocks).toEqual([]);
  });
});
