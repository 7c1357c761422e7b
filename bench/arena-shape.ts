/**
 * A random model of ARENA's `attn_only_2L` shape (2 layers × 12 heads, d_model 768, d_head 64,
 * d_vocab 50278, n_ctx 2048, shortformer, biases), as TL-named tensors: the one definition shared
 * by bench/analyze.ts (in memory) and bench/arena-vs-torch.ts (written to a temporary F32 file).
 * Weights are uniform with TL's init std 0.8/√d_model; biases small. Bench-only.
 */
import { writeFile } from "node:fs/promises";
import { writeSafetensors } from "@/lib/engine/io/safetensors-writer";
import { type Tensor } from "@/lib/engine/tensor/tensor";
import { randomF32 } from "./timing";

export const ARENA_SHAPE = { n_layers: 2, n_heads: 12, d_model: 768, d_head: 64, d_vocab: 50278, n_ctx: 2048 };
export type ArenaShape = typeof ARENA_SHAPE;

/** TL state-dict tensors of a seeded random attention-only model of shape `s`. */
export function randomArenaTensors(s: ArenaShape, seed: number): Record<string, Tensor> {
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V, n_ctx: T } = s;
  let k = seed;
  const r = (shape: number[], scale: number): Tensor => {
    const d = randomF32(shape.reduce((a, b) => a * b, 1), k++);
    for (let i = 0; i < d.length; i++) d[i] *= scale;
    return { data: d, shape };
  };
  const sc = 0.8 / Math.sqrt(D) * Math.sqrt(12); // uniform[-.5,.5) has std 1/√12: TL's init std 0.8/√d_model
  const t: Record<string, Tensor> = { "embed.W_E": r([V, D], sc), "pos_embed.W_pos": r([T, D], sc), "unembed.W_U": r([D, V], sc), "unembed.b_U": r([V], 0.01) };
  for (let l = 0; l < L; l++) {
    for (const w of ["W_Q", "W_K", "W_V"]) t[`blocks.${l}.attn.${w}`] = r([H, D, E], sc);
    t[`blocks.${l}.attn.W_O`] = r([H, E, D], sc);
    for (const b of ["b_Q", "b_K", "b_V"]) t[`blocks.${l}.attn.${b}`] = r([H, E], 0.01);
    t[`blocks.${l}.attn.b_O`] = r([D], 0.01);
  }
  return t;
}

/** The TL config of shape `s` as the model file's `__metadata__.config`. */
export const arenaConfig = (s: ArenaShape) => ({ ...s, positional_embedding_type: "shortformer" as const });

/** Writes the random ARENA-shape model as an F32 safetensors file at `path`; returns its size in bytes. */
export async function writeArenaFile(path: string, seed = 1, s: ArenaShape = ARENA_SHAPE): Promise<number> {
  const bytes = writeSafetensors(randomArenaTensors(s, seed), { config: arenaConfig(s) });
  await writeFile(path, bytes);
  return bytes.length;
}
