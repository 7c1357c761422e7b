/**
 * A transformer's weights in TransformerLens names and shapes (attention-only, or with MLP blocks per
 * DT-FORMAT.md), assembled from named tensors (a safetensors file) and validated against the
 * inferred config. The type keeps its historical name `AttnOnlyModel`; `isAttentionOnly(config)` tells.
 * Rule: an `AttnOnlyModel` always has every tensor in its TL shape (absent biases are zeros, so
 * analyses never branch on them) and records the weight processing applied to it.
 */
import { zeros, type Tensor } from "../tensor/tensor";
import type { SafetensorsHeader } from "../io/safetensors";
import { inferConfig, type AttnOnlyConfig } from "./config";
import { dtRows, type DTRows, type DTSpec } from "./dt-config";
import type { VocabSegment } from "./vocab-segments";
import { processWeights, type ProcessingFlags, type ProcessingOptions } from "./processing";

/** One attention layer (TL `blocks.{l}`). Row-vector convention: q = x @ W_Q[h] + b_Q[h]. */
export interface LayerWeights {
  /** [n_heads, d_model, d_head] */
  W_Q: Tensor; W_K: Tensor; W_V: Tensor;
  /** [n_heads, d_head, d_model] */
  W_O: Tensor;
  /** [n_heads, d_head] (zeros when the file has none) */
  b_Q: Tensor; b_K: Tensor; b_V: Tensor;
  /** [d_model], added once per layer (TL `b_O`) */
  b_O: Tensor;
  /** ln1 weight and bias [d_model] when normalization_type is "LN", else null. */
  ln1: { w: Tensor; b: Tensor } | null;
  /** ln2 weight and bias [d_model] (read by the MLP) when the model has MLPs and unfolded LayerNorm weights. */
  ln2?: { w: Tensor; b: Tensor } | null;
  /** The MLP block (TL `blocks.{l}.mlp`), absent or null for an attention-only model. */
  mlp?: MlpWeights | null;
}

/** One MLP block (TL `MLP` / `GatedMLP`), row convention: out = act(x W_in + b_in) W_out + b_out. */
export interface MlpWeights {
  /** [d_model, d_mlp] */
  W_in: Tensor;
  /** [d_model, d_mlp] for a gated MLP, else null. */
  W_gate: Tensor | null;
  /** [d_mlp] (zeros when the file has none) */
  b_in: Tensor;
  /** [d_mlp, d_model] */
  W_out: Tensor;
  /** [d_model] (zeros when the file has none) */
  b_out: Tensor;
}

export interface AttnOnlyWeights {
  /** [d_vocab, d_model] */
  W_E: Tensor;
  /** [n_ctx, d_model] */
  W_pos: Tensor;
  blocks: LayerWeights[];
  /** ln_final weight and bias [d_model] when normalization_type is "LN", else null. */
  ln_final: { w: Tensor; b: Tensor } | null;
  /** [d_model, d_vocab] */
  W_U: Tensor;
  /** [d_vocab] (zeros when the file has none) */
  b_U: Tensor;
}

/**
 * What a decision transformer adds (DT-FORMAT.md): its spec, where its typed rows sit in `W_E`
 * (state features, actions, the RTG direction stacked), and W_time [max_timestep + 1, d_model].
 */
export interface DecisionTransformerParts {
  readonly spec: DTSpec;
  readonly rows: DTRows;
  readonly W_time: Tensor;
}

/** A loaded model: config, TL-shaped weights, the processing flags applied, and load warnings. */
export interface AttnOnlyModel {
  readonly config: AttnOnlyConfig;
  readonly weights: AttnOnlyWeights;
  /** Present for a decision transformer: then `weights.W_E` holds its typed rows and `W_U` is the action head. */
  readonly dt?: DecisionTransformerParts;
  /** A token model's `__metadata__.vocab_segments` (./vocab-segments.ts), when the file has them. */
  readonly segments?: readonly VocabSegment[];
  /** TL weight-processing flags actually applied; record them with every result. */
  readonly processing: ProcessingFlags;
  readonly warnings: readonly string[];
}

/**
 * Validates a model from its safetensors header alone (before any data is read): TL names, the
 * config inferred from shapes and checked against `__metadata__.config`, missing tensors named.
 * TL buffers (attn.mask, attn.IGNORE) are already set aside by the header parser.
 */
export function validateModelHeader(header: SafetensorsHeader): ReturnType<typeof inferConfig> {
  const shapes = new Map<string, readonly number[]>();
  for (const [name, e] of header.tensors) shapes.set(name, e.shape);
  return inferConfig(shapes, header.metadata);
}

export interface LoadModelOptions {
  /** The safetensors `__metadata__` (its `config` JSON sets the positional kind and is checked). */
  metadata?: Readonly<Record<string, string>>;
  /** TL weight processing; default fold_ln only (exact: outputs unchanged). See processing.ts. */
  processing?: ProcessingOptions;
}

/**
 * Builds an AttnOnlyModel from named Float32 tensors (e.g. `loadSafetensorsFile(...).tensors`).
 * Throws a SafetensorsError naming the tensor for any missing or mis-shaped weight.
 */
export function loadModel(
  tensors: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  opts: LoadModelOptions = {},
): AttnOnlyModel {
  const map: ReadonlyMap<string, Tensor> = tensors instanceof Map ? tensors : new Map(Object.entries(tensors));
  const shapes = new Map<string, readonly number[]>();
  for (const [name, t] of map) {
    if (/^blocks\.\d+\.attn\.(mask|IGNORE)$/.test(name)) continue;
    shapes.set(name, t.shape);
  }
  const { config, warnings, dt, segments } = inferConfig(shapes, opts.metadata ?? {});
  const { n_heads: H, d_model: D, d_head: E } = config;
  const V = config.d_vocab_out ?? config.d_vocab;
  const get = (name: string) => (name === "embed.W_E" && dt ? stackTypedRows(map, config.d_vocab, D) : map.get(name)!);
  const opt = (name: string, shape: number[]) => map.get(name) ?? zeros(shape);
  const hasLN = config.normalization_type === "LN";
  const blocks: LayerWeights[] = [];
  for (let l = 0; l < config.n_layers; l++) {
    const p = `blocks.${l}.`;
    blocks.push({
      W_Q: get(p + "attn.W_Q"), W_K: get(p + "attn.W_K"), W_V: get(p + "attn.W_V"), W_O: get(p + "attn.W_O"),
      b_Q: opt(p + "attn.b_Q", [H, E]), b_K: opt(p + "attn.b_K", [H, E]), b_V: opt(p + "attn.b_V", [H, E]),
      b_O: opt(p + "attn.b_O", [D]),
      ln1: hasLN ? { w: get(p + "ln1.w"), b: get(p + "ln1.b") } : null,
      ...(config.d_mlp === undefined ? {} : {
        ln2: hasLN ? { w: get(p + "ln2.w"), b: get(p + "ln2.b") } : null,
        mlp: {
          W_in: get(p + "mlp.W_in"), W_gate: config.gated_mlp ? get(p + "mlp.W_gate") : null,
          b_in: opt(p + "mlp.b_in", [config.d_mlp]), W_out: get(p + "mlp.W_out"), b_out: opt(p + "mlp.b_out", [D]),
        },
      }),
    });
  }
  const weights: AttnOnlyWeights = {
    W_E: get("embed.W_E"),
    W_pos: get("pos_embed.W_pos"),
    blocks,
    ln_final: hasLN ? { w: get("ln_final.w"), b: get("ln_final.b") } : null,
    W_U: get("unembed.W_U"),
    b_U: opt("unembed.b_U", [V]),
  };
  const dtParts = dt ? { dt: { spec: dt, rows: dtRows(dt), W_time: get("embed.W_time") } } : {};
  return processWeights({ config, weights, processing: NO_PROCESSING, warnings, ...dtParts, ...(segments ? { segments } : {}) }, opts.processing);
}

/** A DT's W_E_state, W_E_action and W_E_rtg stacked into one [rows, d_model] tensor (./dt-config.ts). */
function stackTypedRows(map: ReadonlyMap<string, Tensor>, rows: number, D: number): Tensor {
  const data = new Float32Array(rows * D);
  let off = 0;
  for (const name of ["embed.W_E_state", "embed.W_E_action", "embed.W_E_rtg"]) {
    const t = map.get(name)!;
    data.set(t.data, off);
    off += t.data.length;
  }
  return { data, shape: [rows, D] };
}

/** Flags of a model as loaded, before any processing. */
export const NO_PROCESSING: ProcessingFlags = Object.freeze({
  fold_ln: false,
  center_writing_weights: false,
  center_unembed: false,
  fold_value_biases: false,
});
