// The shape of an analysis kind as the circuit and forward-run kinds declare it: a name, zod params
// and a compute function from an engine model to a JSON-serialisable result (cached as it is).
// Rule: compute only calls the engine function that defines the analysis; it never reads the
// database, the tokenizer or the request.
import type { z } from "zod";
import type { Kernels } from "@/lib/engine/linalg/kernels";
import type { AttnOnlyModel } from "@/lib/engine/transformer/weights";

/** What a computation may use besides the model: the kernels and a progress callback. */
export interface KindContext {
  readonly kernels: Kernels;
  /** Fraction done in [0, 1]. */
  progress?(fraction: number): void;
}

export interface KindSpec<P> {
  readonly kind: string;
  readonly params: z.ZodType<P>;
  compute(model: AttnOnlyModel, params: P, ctx: KindContext): Promise<unknown>;
}

/** Declares a kind (typed params ↔ compute). */
export function kindSpec<S extends z.ZodType>(spec: { kind: string; params: S; compute(model: AttnOnlyModel, params: z.output<S>, ctx: KindContext): Promise<unknown> }): KindSpec<z.output<S>> {
  return spec as KindSpec<z.output<S>>;
}

/** "L.H" of a head. */
export const headName = (layer: number, head: number): string => `${layer}.${head}`;

/** The head's layer weights, after checking (layer, head) against the model (RangeError naming both). */
export function headIn(model: AttnOnlyModel, layer: number, head: number): AttnOnlyModel["weights"]["blocks"][number] {
  const { n_layers, n_heads } = model.config;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < n_layers && Number.isInteger(head) && head >= 0 && head < n_heads)) {
    throw new RangeError(`head ${layer}.${head} does not exist: the model has ${n_layers} layers of ${n_heads} heads`);
  }
  return model.weights.blocks[layer];
}
