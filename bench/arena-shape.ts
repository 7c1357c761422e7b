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

/** One tensor of the random model: its TL name, shape and the scale of its uniform[-.5, .5) values. */
export interface ArenaTensorSpec { name: string; shape: number[]; scale: number }

/** The tensors of a random attention-only model of shape `s`, in file order (tensor i is seeded seed + i). */
export function arenaTensorSpecs(s: ArenaShape): ArenaTensorSpec[] {
  const { n_layers: L, n_heads: H, d_model: D, d_head: E, d_vocab: V, n_ctx: T } = s;
  const sc = 0.8 / Math.sqrt(D) * Math.sqrt(12); // uniform[-.5,.5) has std 1/√12: TL's init std 0.8/√d_model
  const specs: ArenaTensorSpec[] = [
    { name: "embed.W_E", shape: [V, D], scale: sc }, { name: "pos_embed.W_pos", shape: [T, D], scale: sc },
    { name: "unembed.W_U", shape: [D, V], scale: sc }, { name: "unembed.b_U", shape: [V], scale: 0.01 },
  ];
  for (let l = 0; l < L; l++) {
    for (const w of ["W_Q", "W_K", "W_V"]) specs.push({ name: `blocks.${l}.attn.${w}`, shape: [H, D, E], scale: sc });
    specs.push({ name: `blocks.${l}.attn.W_O`, shape: [H, E, D], scale: sc });
    for (const b of ["b_Q", "b_K", "b_V"]) specs.push({ name: `blocks.${l}.attn.${b}`, shape: [H, E], scale: 0.01 });
    specs.push({ name: `blocks.${l}.attn.b_O`, shape: [D], scale: 0.01 });
  }
  return specs;
}

/** TL state-dict tensors of a seeded random attention-only model of shape `s`. */
export function randomArenaTensors(s: ArenaShape, seed: number): Record<string, Tensor> {
  const t: Record<string, Tensor> = {};
  for (const [i, { name, shape, scale }] of arenaTensorSpecs(s).entries()) {
    const d = randomF32(shape.reduce((a, b) => a * b, 1), seed + i);
    for (let j = 0; j < d.length; j++) d[j] *= scale;
    t[name] = { data: d, shape };
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
