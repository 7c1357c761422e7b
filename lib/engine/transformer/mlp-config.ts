/**
 * The MLP part of a model's config (TL `d_mlp`, `act_fn`, `gated_mlp`, `attn_only`), inferred from
 * `blocks.{l}.mlp.*` / `blocks.{l}.ln2.*` tensors and checked against the metadata config
 * (../../../DT-FORMAT.md, "Tensors" and "`__metadata__`").
 * Rule (all-or-nothing, as for LayerNorm): a model has MLPs in every layer or in none; W_gate in every
 * layer or in none; ln2 in every layer exactly when it has MLPs and LayerNorm weights; act_fn named in
 * the metadata and supported. Every fault is a SafetensorsError naming the tensor or field.
 */
import { describeValue } from "../io/format-error";
import { SafetensorsError } from "../io/safetensors";

/** Activation functions the forward pass implements (TL `act_fn` names). */
export const ACT_FNS = ["relu", "gelu", "gelu_new", "gelu_fast", "silu"] as const;
export type ActFn = (typeof ACT_FNS)[number];

/** MLP settings of a model with MLP blocks, in TL config keys. */
export interface MlpConfig {
  d_mlp: number;
  act_fn: ActFn;
  gated_mlp: boolean;
}

/** Largest hidden width accepted (GPT-3 has 49152): bounds the per-position MLP buffers. */
export const MAX_D_MLP = 1 << 17;

/** blocks.{l}.mlp.* and blocks.{l}.ln2.* names. */
export const MLP_LAYER_NAME = /^blocks\.(\d+)\.(mlp\.(W_in|b_in|W_gate|W_out|b_out)|ln2\.(w|b))$/;

/** Expected shape of an MLP tensor name (`w` the matched weight: W_in, b_in, …, w/b of ln2). */
export function mlpExpectedShape(w: string, d_model: number, d_mlp: number): number[] {
  if (w === "W_in" || w === "W_gate") return [d_model, d_mlp];
  if (w === "b_in") return [d_mlp];
  if (w === "W_out") return [d_mlp, d_model];
  return [d_model];
}

/** Axis names of an MLP tensor, for error messages. */
export function mlpAxisNames(w: string): string[] {
  if (w === "W_in" || w === "W_gate") return ["d_model", "d_mlp"];
  if (w === "b_in") return ["d_mlp"];
  if (w === "W_out") return ["d_mlp", "d_model"];
  return ["d_model"];
}

/**
 * Checks the MLP tensors of an n_layers model and returns its MLP config (null when attention-only).
 * `hasLN`: the file holds LayerNorm weights (then ln2 is required in every layer with an MLP).
 */
export function inferMlpConfig(
  shapes: ReadonlyMap<string, readonly number[]>,
  n_layers: number,
  hasLN: boolean,
  meta: Record<string, unknown> | undefined,
): { mlp: MlpConfig | null; d_mlpFrom: string } {
  const names = [...shapes.keys()].filter((n) => MLP_LAYER_NAME.test(n));
  const mlpNames = names.filter((n) => n.includes(".mlp."));
  const ln2Names = names.filter((n) => n.includes(".ln2."));
  if (mlpNames.length === 0) {
    if (ln2Names.length > 0) throw new SafetensorsError(`${ln2Names[0]} is present but the model has no MLP (missing blocks.0.mlp.W_in)`, ln2Names[0]);
    if (meta?.attn_only === false) throw new SafetensorsError(`__metadata__.config.attn_only is false but the file has no MLP weights (missing blocks.0.mlp.W_in)`, "blocks.0.mlp.W_in");
    if (meta && typeof meta.d_mlp === "number" && meta.d_mlp > 0 && meta.attn_only !== true) {
      throw new SafetensorsError(`__metadata__.config.d_mlp is ${meta.d_mlp} but the file has no MLP weights (missing blocks.0.mlp.W_in)`, "blocks.0.mlp.W_in");
    }
    return { mlp: null, d_mlpFrom: "" };
  }
  if (meta?.attn_only === true) throw new SafetensorsError(`__metadata__.config.attn_only is true but the file has MLP weights (${mlpNames[0]})`, mlpNames[0]);
  const gated = mlpNames.some((n) => n.endsWith(".W_gate"));
  const required: string[] = [];
  for (let l = 0; l < n_layers; l++) {
    required.push(`blocks.${l}.mlp.W_in`, `blocks.${l}.mlp.W_out`);
    if (gated) required.push(`blocks.${l}.mlp.W_gate`);
    if (hasLN) required.push(`blocks.${l}.ln2.w`, `blocks.${l}.ln2.b`);
  }
  for (const name of required) if (!shapes.has(name)) throw new SafetensorsError(`missing ${name}`, name);
  const W_in = shapes.get("blocks.0.mlp.W_in")!;
  if (W_in.length !== 2) throw new SafetensorsError(`blocks.0.mlp.W_in has shape [${W_in.join(", ")}] but must have rank 2`, "blocks.0.mlp.W_in");
  const d_mlp = W_in[1];
  if (d_mlp < 1 || d_mlp > MAX_D_MLP) throw new SafetensorsError(`blocks.0.mlp.W_in gives d_mlp ${d_mlp}; it must be 1 to ${MAX_D_MLP} (MAX_D_MLP)`, "blocks.0.mlp.W_in");
  if (!meta || meta.act_fn === undefined || meta.act_fn === null) {
    throw new SafetensorsError(`the file has MLP weights but __metadata__.config.act_fn is missing (one of ${ACT_FNS.join(", ")})`);
  }
  if (!(ACT_FNS as readonly unknown[]).includes(meta.act_fn)) {
    throw new SafetensorsError(`__metadata__.config.act_fn must be one of ${ACT_FNS.join(", ")}, got ${describeValue(meta.act_fn)}`);
  }
  if (meta.gated_mlp !== undefined && meta.gated_mlp !== null && meta.gated_mlp !== gated) {
    throw new SafetensorsError(`__metadata__.config.gated_mlp is ${describeValue(meta.gated_mlp)} but the file ${gated ? "has" : "has no"} blocks.0.mlp.W_gate`, "blocks.0.mlp.W_gate");
  }
  if (meta.d_mlp !== undefined && meta.d_mlp !== null && meta.d_mlp !== d_mlp) {
    throw new SafetensorsError(`__metadata__.config.d_mlp is ${describeValue(meta.d_mlp)} but the tensor shapes give ${d_mlp}`);
  }
  return { mlp: { d_mlp, act_fn: meta.act_fn as ActFn, gated_mlp: gated }, d_mlpFrom: "blocks.0.mlp.W_in" };
}
