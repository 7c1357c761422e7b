/**
 * The configuration of an attention-only transformer, in TransformerLens's HookedTransformerConfig
 * keys, inferred from tensor shapes and checked against a `config` JSON in the safetensors
 * `__metadata__` when one is there.
 * Rule: a config that leaves this module is consistent with every tensor shape it was built from;
 * every inconsistency is a SafetensorsError naming the tensor (and both shapes) at fault.
 */
import { describeValue } from "../io/format-error";
import { parseMetadataJson, SafetensorsError } from "../io/safetensors";
import { dtShapes, type DTSpec } from "./dt-config";
import { inferMlpConfig, MLP_LAYER_NAME, mlpAxisNames, mlpExpectedShape, type ActFn } from "./mlp-config";
import { parseVocabSegments, type VocabSegment } from "./vocab-segments";

export type PositionalEmbeddingType = "standard" | "shortformer";
/** TL's normalization_type restricted to what an attention-only model can hold: LN, LNPre (LN without w/b, as after fold_ln) or none. */
export type NormalizationType = "LN" | "LNPre" | null;

/** Model shape in TL config keys, plus `biases` (the file holds at least one b_* tensor). */
export interface AttnOnlyConfig {
  n_layers: number;
  n_heads: number;
  d_model: number;
  d_head: number;
  d_vocab: number;
  n_ctx: number;
  /** "standard": W_pos added to the residual stream; "shortformer": added only to every layer's Q and K inputs. */
  positional_embedding_type: PositionalEmbeddingType;
  normalization_type: NormalizationType;
  /** LayerNorm epsilon (TL default 1e-5). */
  eps: number;
  biases: boolean;
  /** Width of the unembedding when it differs from d_vocab (TL `d_vocab_out`): a DT's action head. */
  d_vocab_out?: number;
  /** MLP hidden width (TL `d_mlp`); present only for a model with MLP blocks (TL attn_only false). */
  d_mlp?: number;
  /** MLP activation (TL `act_fn`); present with d_mlp. */
  act_fn?: ActFn;
  /** MLPs read `act(x W_gate) * (x W_in)` (TL `gated_mlp`); present with d_mlp. */
  gated_mlp?: boolean;
}

/** True when the model has no MLP blocks (TL `attn_only`): the paper's setting, where its analyses are complete. */
export function isAttentionOnly(config: Pick<AttnOnlyConfig, "d_mlp">): boolean {
  return config.d_mlp === undefined;
}

/** Most layers a model may have (GPT-3 has 96): bounds every per-layer loop before it runs. */
export const MAX_LAYERS = 256;
/** Most heads per layer (GPT-3 has 96). */
export const MAX_HEADS = 256;

/** Names matching no TL weight of an attention-only model get listed here, not refused. */
const LAYER_NAME = /^blocks\.(\d+)\.(attn\.(W_Q|W_K|W_V|W_O|b_Q|b_K|b_V|b_O)|ln1\.(w|b))$/;
const GLOBAL_NAMES = new Set(["embed.W_E", "pos_embed.W_pos", "unembed.W_U", "unembed.b_U", "ln_final.w", "ln_final.b"]);

const fmt = (s: readonly number[]) => `[${s.join(", ")}]`;

/** True for every TL weight name this module knows (global, attention, LayerNorm, MLP). */
const isKnownName = (name: string) => GLOBAL_NAMES.has(name) || LAYER_NAME.test(name) || MLP_LAYER_NAME.test(name);

/** Expected shape of every TL weight name, given the sizes. */
function expectedShape(name: string, c: Omit<AttnOnlyConfig, "positional_embedding_type" | "normalization_type" | "eps" | "biases">): number[] {
  const { n_heads: H, d_model: D, d_head: E, d_vocab: V, n_ctx: T } = c;
  const mlp = MLP_LAYER_NAME.exec(name);
  if (mlp) return mlpExpectedShape(mlp[3] ?? mlp[4], D, c.d_mlp ?? 0);
  if (name === "embed.W_E") return [V, D];
  if (name === "pos_embed.W_pos") return [T, D];
  if (name === "unembed.W_U") return [D, c.d_vocab_out ?? V];
  if (name === "unembed.b_U") return [c.d_vocab_out ?? V];
  if (name === "ln_final.w" || name === "ln_final.b") return [D];
  const m = LAYER_NAME.exec(name);
  if (!m) throw new Error(`expectedShape: not a weight name: ${name}`);
  const w = m[3] ?? m[4];
  if (w === "W_O") return [H, E, D];
  if (w === "b_O" || w === "w" || w === "b") return [D];
  if (w.startsWith("b_")) return [H, E];
  return [H, D, E];
}

/** Why a size has the value it has, for error messages: "d_head is 16 from blocks.0.attn.W_Q". */
interface Source { value: number; from: string }

function requireShape(shapes: ReadonlyMap<string, readonly number[]>, name: string, rank: number): readonly number[] {
  const s = shapes.get(name);
  if (!s) throw new SafetensorsError(`missing ${name}`, name);
  if (s.length !== rank) throw new SafetensorsError(`${name} has shape ${fmt(s)} but must have rank ${rank}`, name);
  return s;
}

/** Parses and type-checks the metadata `config` JSON (TL keys; unknown keys ignored). */
function parseMetadataConfig(metadata: Readonly<Record<string, string>>): Record<string, unknown> | undefined {
  const raw = metadata.config;
  if (raw === undefined) return undefined;
  const cfg = parseMetadataJson(raw, "config");
  if (typeof cfg !== "object" || cfg === null || Array.isArray(cfg)) throw new SafetensorsError(`__metadata__.config must be a JSON object`);
  return cfg as Record<string, unknown>;
}

/**
 * Infers the config from tensor shapes (TL state-dict names) and metadata, checking every shape.
 * Sizes come from: d_vocab, d_model ← embed.W_E; n_ctx ← pos_embed.W_pos; n_heads, d_head ←
 * blocks.0.attn.W_Q; n_layers ← the highest block index + 1. Returns the unknown names as warnings.
 */
export function inferConfig(
  fileShapes: ReadonlyMap<string, readonly number[]>,
  metadata: Readonly<Record<string, string>> = {},
): { config: AttnOnlyConfig; warnings: string[]; dt?: DTSpec; segments?: VocabSegment[] } {
  const warnings: string[] = [];
  // A decision transformer's typed embeddings stand in as one stacked embed.W_E (./dt-config.ts).
  const dt = dtShapes(fileShapes, metadata);
  const shapes = dt?.shapes ?? fileShapes;
  let maxLayer = -1;
  for (const name of shapes.keys()) {
    const m = LAYER_NAME.exec(name) ?? MLP_LAYER_NAME.exec(name);
    if (m) maxLayer = Math.max(maxLayer, Number(m[1]));
    else if (!GLOBAL_NAMES.has(name)) warnings.push(`unknown tensor ${name} ignored`);
  }
  // Bound before anything is built per layer: a 4 KB header may name blocks.30000000.
  if (maxLayer >= MAX_LAYERS) {
    throw new SafetensorsError(`blocks.${maxLayer} names layer ${maxLayer}, but a model has at most ${MAX_LAYERS} layers (MAX_LAYERS)`, `blocks.${maxLayer}`);
  }
  const W_E = requireShape(shapes, "embed.W_E", 2);
  const W_pos = requireShape(shapes, "pos_embed.W_pos", 2);
  const src: Record<string, Source> = {
    d_vocab: { value: W_E[0], from: "embed.W_E" },
    d_model: { value: W_E[1], from: "embed.W_E" },
    n_ctx: { value: W_pos[0], from: "pos_embed.W_pos" },
    n_layers: { value: maxLayer + 1, from: maxLayer >= 0 ? `blocks.${maxLayer}` : "the absence of blocks.* tensors" },
  };
  if (dt) {
    src.d_vocab = { value: W_E[0], from: "the typed rows of embed.W_E_state, embed.W_E_action and embed.W_E_rtg" };
    src.d_model = { value: W_E[1], from: "embed.W_E_state" };
    src.d_vocab_out = { value: dt.spec.actions.labels.length, from: "embed.W_E_action" };
  }
  if (maxLayer >= 0) {
    const W_Q = requireShape(shapes, "blocks.0.attn.W_Q", 3);
    if (W_Q[0] > MAX_HEADS) throw new SafetensorsError(`blocks.0.attn.W_Q has ${W_Q[0]} heads, more than the ${MAX_HEADS}-head limit (MAX_HEADS)`, "blocks.0.attn.W_Q");
    src.n_heads = { value: W_Q[0], from: "blocks.0.attn.W_Q" };
    src.d_head = { value: W_Q[2], from: "blocks.0.attn.W_Q" };
  } else {
    // A 0-layer model has no heads; TL still records sizes, take them from the metadata or 1.
    src.n_heads = { value: 1, from: "default (0 layers)" };
    src.d_head = { value: 1, from: "default (0 layers)" };
  }
  const sizes = Object.fromEntries(Object.entries(src).map(([k, s]) => [k, s.value])) as Record<string, number>;
  for (const [k, s] of Object.entries(src)) {
    if (s.value < 1 && k !== "n_layers") throw new SafetensorsError(`${k} is ${s.value} from ${s.from}; it must be at least 1`, s.from);
  }

  const hasLN = [...shapes.keys()].some((n) => n.startsWith("ln_final.") || /^blocks\.\d+\.ln[12]\./.test(n));
  const required = ["unembed.W_U"];
  for (let l = 0; l < sizes.n_layers; l++) for (const w of ["W_Q", "W_K", "W_V", "W_O"]) required.push(`blocks.${l}.attn.${w}`);
  if (hasLN) {
    for (let l = 0; l < sizes.n_layers; l++) required.push(`blocks.${l}.ln1.w`, `blocks.${l}.ln1.b`);
    required.push("ln_final.w", "ln_final.b");
  }
  for (const name of required) if (!shapes.has(name)) throw new SafetensorsError(`missing ${name}`, name);
  const meta = parseMetadataConfig(metadata);
  const { mlp, d_mlpFrom } = inferMlpConfig(shapes, sizes.n_layers, hasLN, meta);
  if (mlp) src.d_mlp = { value: mlp.d_mlp, from: d_mlpFrom };

  const shapeCfg = { ...sizes, d_mlp: mlp?.d_mlp } as unknown as AttnOnlyConfig;
  for (const [name, shape] of shapes) {
    if (!isKnownName(name)) continue;
    const want = expectedShape(name, shapeCfg);
    if (shape.length === want.length && shape.every((d, i) => d === want[i])) continue;
    // Name the first size that disagrees and where that size came from.
    const axisNames = axisNamesOf(name);
    let why = "";
    for (let i = 0; i < Math.min(shape.length, want.length); i++) {
      if (shape[i] !== want[i]) {
        const axis = axisNames[i] === "d_vocab_out" && !dt ? "d_vocab" : axisNames[i];
        why = ` but ${axis} is ${src[axis].value} from ${src[axis].from}`;
        break;
      }
    }
    if (!why) why = ` but must have shape ${fmt(want)}`;
    throw new SafetensorsError(`${name} has shape ${fmt(shape)}${why}`, name);
  }

  const biases = [...shapes.keys()].some((n) => /(^|\.)b_[QKVOU]$/.test(n));
  const config: AttnOnlyConfig = {
    n_layers: sizes.n_layers,
    n_heads: sizes.n_heads,
    d_model: sizes.d_model,
    d_head: sizes.d_head,
    d_vocab: sizes.d_vocab,
    n_ctx: sizes.n_ctx,
    positional_embedding_type: "standard",
    normalization_type: hasLN ? "LN" : null,
    eps: 1e-5,
    biases,
    ...(dt ? { d_vocab_out: sizes.d_vocab_out } : {}),
    ...(mlp ?? {}),
  };
  applyMetadataConfig(config, meta, hasLN);
  if (dt && metadata.vocab_segments !== undefined) {
    throw new SafetensorsError("__metadata__.vocab_segments is for token models: a decision transformer's token groups come from __metadata__.decision_transformer");
  }
  const segments = parseVocabSegments(metadata.vocab_segments, config.d_vocab);
  return { config, warnings, ...(dt ? { dt: dt.spec } : {}), ...(segments ? { segments } : {}) };
}

function axisNamesOf(name: string): string[] {
  const mlp = MLP_LAYER_NAME.exec(name);
  if (mlp) return mlpAxisNames(mlp[3] ?? mlp[4]);
  if (name === "embed.W_E") return ["d_vocab", "d_model"];
  if (name === "pos_embed.W_pos") return ["n_ctx", "d_model"];
  if (name === "unembed.W_U") return ["d_model", "d_vocab_out"];
  if (name === "unembed.b_U") return ["d_vocab_out"];
  if (/W_O$/.test(name)) return ["n_heads", "d_head", "d_model"];
  if (/W_[QKV]$/.test(name)) return ["n_heads", "d_model", "d_head"];
  if (/b_[QKV]$/.test(name)) return ["n_heads", "d_head"];
  return ["d_model"];
}

/** Checks the metadata config's sizes against the shapes and takes its non-shape settings. */
function applyMetadataConfig(config: AttnOnlyConfig, meta: Record<string, unknown> | undefined, hasLN: boolean): void {
  if (!meta) return;
  for (const k of ["n_layers", "n_heads", "d_model", "d_head", "d_vocab", "n_ctx"] as const) {
    if (meta[k] === undefined || meta[k] === null) continue;
    // A DT's TL config names the action head's width d_vocab; here d_vocab counts its typed rows.
    if (k === "d_vocab" && config.d_vocab_out !== undefined) continue;
    if (config.n_layers === 0 && (k === "n_heads" || k === "d_head")) {
      if (Number.isInteger(meta[k]) && (meta[k] as number) >= 1) config[k] = meta[k] as number;
      continue;
    }
    if (meta[k] !== config[k]) {
      throw new SafetensorsError(`__metadata__.config.${k} is ${describeValue(meta[k])} but the tensor shapes give ${config[k]}`);
    }
  }
  const pos = meta.positional_embedding_type;
  if (pos !== undefined) {
    if (pos !== "standard" && pos !== "shortformer") {
      throw new SafetensorsError(`__metadata__.config.positional_embedding_type must be "standard" or "shortformer", got ${describeValue(pos)}`);
    }
    config.positional_embedding_type = pos;
  }
  const norm = meta.normalization_type;
  if (norm !== undefined) {
    if (norm !== null && norm !== "LN" && norm !== "LNPre") {
      throw new SafetensorsError(`__metadata__.config.normalization_type must be null, "LN" or "LNPre", got ${describeValue(norm)}`);
    }
    if (norm === "LN" && !hasLN) throw new SafetensorsError(`__metadata__.config.normalization_type is "LN" but the file has no ln1/ln_final weights (missing ln_final.w)`, "ln_final.w");
    if (norm !== "LN" && hasLN) throw new SafetensorsError(`__metadata__.config.normalization_type is ${describeValue(norm)} but the file has LayerNorm weights`);
    config.normalization_type = norm;
  }
  if (meta.eps !== undefined) {
    if (typeof meta.eps !== "number" || !(meta.eps > 0)) throw new SafetensorsError(`__metadata__.config.eps must be a positive number, got ${describeValue(meta.eps)}`);
    config.eps = meta.eps;
  }
}
