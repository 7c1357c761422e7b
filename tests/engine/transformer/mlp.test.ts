import { describe, expect, it } from "vitest";
import { loadModel, validateModelHeader } from "@/lib/engine/transformer/weights";
import { runWithCache } from "@/lib/engine/transformer/forward";
import { activation, erf } from "@/lib/engine/transformer/mlp";
import { ACT_FNS } from "@/lib/engine/transformer/mlp-config";
import { pathExpansion, termLogits } from "@/lib/engine/transformer/path-expansion";
import { parseSafetensorsHeader } from "@/lib/engine/io/safetensors";
import "@/lib/engine/linalg/kernels-ts";
import { buildSafetensors } from "@/tests/helpers/safetensors-builder";
import { expectClose, F32 } from "@/tests/helpers/tolerance";
import { faultOf, fileOf, validate } from "./files";
import { erfSeries, randomTensors, referenceAct, referenceForward, type FixtureConfig } from "./fixtures";

const base: FixtureConfig = { n_layers: 2, n_heads: 2, d_model: 12, d_head: 3, d_vocab: 17, n_ctx: 10, d_mlp: 20, act_fn: "gelu" };
const tokens = [3, 7, 7, 1, 16, 0, 3, 7, 9];
const metaOf = (c: FixtureConfig, extra: Record<string, unknown> = {}) => ({
  config: JSON.stringify({ act_fn: c.act_fn, d_mlp: c.d_mlp, gated_mlp: !!c.gated, attn_only: false, ...extra }),
});

const headerOf = (t: ReturnType<typeof randomTensors>, metadata: Record<string, string>) => validate(fileOf(t, metadata));

describe("activations", () => {
  it("erf agrees with its float64 Maclaurin series to 2e-7 over [-6, 6]", () => {
    for (let x = -6; x <= 6; x += 0.037) expect(Math.abs(erf(x) - erfSeries(x))).toBeLessThan(2e-7);
  });
  it("every act_fn matches its textbook formula", () => {
    for (const act of ACT_FNS) {
      const f = activation(act);
      const name = act === "gelu_fast" ? "gelu_new" : act; // gelu_fast is gelu_new's formula written differently
      for (let x = -5; x <= 5; x += 0.13) expect(Math.abs(f(x) - referenceAct(name, x))).toBeLessThan(1e-6);
    }
  });
});

describe("models with MLP blocks: forward pass against an independent float64 reference", () => {
  const cases: [string, FixtureConfig][] = [];
  for (const act of ["relu", "gelu", "gelu_new", "silu"] as const) {
    cases.push([`${act}, no LayerNorm`, { ...base, act_fn: act, biases: true }]);
    cases.push([`${act}, LayerNorm`, { ...base, act_fn: act, biases: true, ln: true }]);
  }
  cases.push(["gated silu with LayerNorm", { ...base, act_fn: "silu", gated: true, ln: true }]);
  cases.push(["gated gelu without LayerNorm, 1 layer", { ...base, n_layers: 1, act_fn: "gelu", gated: true }]);
  cases.push(["shortformer gelu with LayerNorm", { ...base, act_fn: "gelu", ln: true, shortformer: true }]);
  let seed = 10;
  for (const [name, c] of cases) {
    const s = seed++;
    it(`logits equal the reference within 1e-4 relative (${name}), loaded raw and with fold_ln + centring`, async () => {
      const t = randomTensors(c, s);
      const metadata = metaOf(c, { positional_embedding_type: c.shortformer ? "shortformer" : "standard" });
      const ref = referenceForward(c, t, tokens);
      const worst = Math.max(...ref.logits.flat().map(Math.abs));
      for (const processing of [{ fold_ln: false }, { fold_ln: true, center_writing_weights: true, fold_value_biases: true }]) {
        const model = loadModel(t, { metadata, processing });
        expect(model.config.d_mlp).toBe(c.d_mlp);
        const cache = await runWithCache(model, tokens);
        expectClose(cache.logits.data, ref.logits.flat(), { abs: 1e-4 * worst, rel: 1e-4 }, `${name} logits (${JSON.stringify(processing)})`);
        expect(cache.mlp_out.every((m) => m !== null)).toBe(true);
      }
    });
  }

  it("keeps ln2 unfolded for a gated MLP (no bias exists for W_gate to absorb ln2.b) and still matches", async () => {
    const c: FixtureConfig = { ...base, act_fn: "gelu", gated: true, ln: true };
    const model = loadModel(randomTensors(c, 3), { metadata: metaOf(c) });
    expect(model.config.normalization_type).toBe("LNPre");
    expect(model.weights.blocks[0].ln2).not.toBeNull();
    expect(model.weights.blocks[0].ln1).toBeNull();
  });

  it("the path expansion with one term per MLP adds up to the logits", async () => {
    const c: FixtureConfig = { ...base, act_fn: "gelu_new", biases: true, ln: true };
    const model = loadModel(randomTensors(c, 4), { metadata: metaOf(c) });
    const cache = await runWithCache(model, tokens);
    const terms = await pathExpansion(model, cache);
    expect(terms.filter((x) => x.kind === "mlp").map((x) => x.name)).toEqual(["mlp.0", "mlp.1"]);
    const sum = new Float32Array(cache.logits.data.length);
    for (const term of terms) (await termLogits(model, cache, term)).forEach((v, i) => (sum[i] += v));
    expectClose(sum, cache.logits.data, F32, "sum of term logits");
  });
});

describe("validation of MLP tensors (all-or-nothing, named faults)", () => {
  const t = () => randomTensors({ ...base, ln: true }, 1);
  const meta = metaOf(base);
  it("infers d_mlp, act_fn and gating from shapes and metadata", () => {
    const { config } = headerOf(t(), meta);
    expect(config).toMatchObject({ d_mlp: 20, act_fn: "gelu", gated_mlp: false, normalization_type: "LN" });
  });
  const faults: [string, (x: ReturnType<typeof t>) => Record<string, string> | void, string, string | undefined][] = [
    ["a layer without its MLP", (x) => void delete x["blocks.1.mlp.W_out"], "missing blocks.1.mlp.W_out", "blocks.1.mlp.W_out"],
    ["W_gate in one layer only", (x) => void (x["blocks.0.mlp.W_gate"] = x["blocks.0.mlp.W_in"]), "missing blocks.1.mlp.W_gate", "blocks.1.mlp.W_gate"],
    ["LayerNorm without ln2", (x) => void delete x["blocks.0.ln2.b"], "missing blocks.0.ln2.b", "blocks.0.ln2.b"],
    ["a W_in of another width", (x) => void (x["blocks.1.mlp.W_in"] = { data: new Float32Array(12 * 7), shape: [12, 7] }),
      "blocks.1.mlp.W_in has shape [12, 7] but d_mlp is 20 from blocks.0.mlp.W_in", "blocks.1.mlp.W_in"],
    ["a W_out with the wrong d_model", (x) => void (x["blocks.0.mlp.W_out"] = { data: new Float32Array(20 * 5), shape: [20, 5] }),
      "blocks.0.mlp.W_out has shape [20, 5] but d_model is 12 from embed.W_E", "blocks.0.mlp.W_out"],
    ["no act_fn", () => ({ config: JSON.stringify({ d_mlp: 20 }) }), "the file has MLP weights but __metadata__.config.act_fn is missing (one of relu, gelu, gelu_new, gelu_fast, silu)", undefined],
    ["an unknown act_fn", () => ({ config: JSON.stringify({ act_fn: "solu_ln" }) }), `__metadata__.config.act_fn must be one of relu, gelu, gelu_new, gelu_fast, silu, got "solu_ln"`, undefined],
    ["attn_only true with MLPs", () => ({ config: JSON.stringify({ act_fn: "gelu", attn_only: true }) }), "__metadata__.config.attn_only is true but the file has MLP weights (blocks.0.mlp.W_in)", "blocks.0.mlp.W_in"],
    ["d_mlp disagreeing", () => ({ config: JSON.stringify({ act_fn: "gelu", d_mlp: 64 }) }), "__metadata__.config.d_mlp is 64 but the tensor shapes give 20", undefined],
    ["gated_mlp claimed without W_gate", () => ({ config: JSON.stringify({ act_fn: "gelu", gated_mlp: true }) }), "__metadata__.config.gated_mlp is true but the file has no blocks.0.mlp.W_gate", "blocks.0.mlp.W_gate"],
  ];
  for (const [what, edit, message, tensor] of faults) {
    it(`refuses ${what}, naming the fault`, () => {
      const x = t();
      const m = edit(x) ?? meta;
      const e = faultOf(() => headerOf(x, m));
      expect(e.message).toBe(message);
      expect(e.tensor).toBe(tensor);
    });
  }
  it("refuses ln2 in an attention-only model and attn_only false without MLPs", () => {
    const x = randomTensors({ ...base, d_mlp: undefined, ln: true }, 1);
    x["blocks.0.ln2.w"] = x["blocks.0.ln1.w"];
    expect(faultOf(() => headerOf(x, {})).message).toBe("blocks.0.ln2.w is present but the model has no MLP (missing blocks.0.mlp.W_in)");
    const y = randomTensors({ ...base, d_mlp: undefined }, 1);
    expect(faultOf(() => headerOf(y, { config: JSON.stringify({ attn_only: false }) })).tensor).toBe("blocks.0.mlp.W_in");
  });
  it("refuses a d_mlp above MAX_D_MLP before allocating anything", () => {
    const x = t();
    const header = buildSafetensors({ ...Object.fromEntries(Object.entries(x).map(([k, v]) => [k, { shape: [...v.shape], data: v.data }])) }, { metadata: meta });
    const parsed = parseSafetensorsHeader(header, header.length);
    const huge = new Map(parsed.tensors);
    for (const l of [0, 1]) {
      huge.set(`blocks.${l}.mlp.W_in`, { ...huge.get(`blocks.${l}.mlp.W_in`)!, shape: [12, 1 << 20] });
    }
    expect(faultOf(() => validateModelHeader({ ...parsed, tensors: huge })).message).toBe("blocks.0.mlp.W_in gives d_mlp 1048576; it must be 1 to 131072 (MAX_D_MLP)");
  });
});
