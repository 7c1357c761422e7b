/**
 * The random ARENA-shape model (./arena-shape.ts: same tensors, names, order and init scales) written
 * straight to disk as an F16 safetensors file (184 MB), plus a JSON-array tokenizer of d_vocab
 * distinct token strings: what the browser test of an ARENA-shape upload (tests/e2e/arena-upload)
 * and bench/arena-rss.ts upload. Rule: the file is streamed tensor by tensor in 1 Mi-element
 * chunks, so the writing process never holds the model (neither F32 nor F16) in memory.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { ARENA_SHAPE, arenaConfig, arenaTensorSpecs, type ArenaShape, type ArenaTensorSpec } from "./arena-shape";
import { mulberry32 } from "./timing";

/** Elements generated and encoded per write. */
const CHUNK_ELEMENTS = 1 << 20;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * float32 → IEEE binary16 bits with round-to-nearest-even (F. Giesen, "float_to_half_fast3_rtne";
 * subnormals through the 0.5f magic add). Overflow → ±Inf, NaN → quiet NaN.
 */
export function f32ToF16Bits(x: number): number {
  f32[0] = x;
  let f = u32[0];
  const sign = (f >>> 16) & 0x8000;
  f &= 0x7fffffff;
  if (f >= 0x47800000) return sign | (f > 0x7f800000 ? 0x7e00 : 0x7c00);
  if (f < 0x38800000) {
    u32[0] = f;
    f32[0] += 0.5; // denorm magic: ((127 - 15) + (23 - 10) + 1) << 23
    return sign | ((u32[0] - 0x3f000000) & 0xffff);
  }
  const mantOdd = (f >>> 13) & 1;
  return sign | ((f - (112 << 23) + 0xfff + mantOdd) >>> 13);
}

/** The safetensors header bytes (length prefix included) for `specs` in F16, padded to 8 bytes. */
function headerBytes(specs: ArenaTensorSpec[], config: object): Buffer {
  const header: Record<string, unknown> = { __metadata__: { config: JSON.stringify(config) } };
  let offset = 0;
  for (const t of specs) {
    const bytes = 2 * t.shape.reduce((a, b) => a * b, 1);
    header[t.name] = { dtype: "F16", shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const out = Buffer.alloc(8 + Buffer.byteLength(json));
  out.writeBigUInt64LE(BigInt(Buffer.byteLength(json)), 0);
  out.write(json, 8);
  return out;
}

/**
 * Writes the seeded random ARENA-shape model as F16 safetensors at `path` (weights uniform with
 * TL's init std, the seeded generator and scales of randomArenaTensors) and resolves its size in bytes.
 */
export async function writeArenaF16File(path: string, seed = 1, s: ArenaShape = ARENA_SHAPE): Promise<number> {
  const specs = arenaTensorSpecs(s);
  const out = createWriteStream(path);
  const write = async (b: Buffer) => {
    if (!out.write(b)) await once(out, "drain");
  };
  const head = headerBytes(specs, arenaConfig(s));
  await write(head);
  let total = head.length;
  for (const [i, t] of specs.entries()) {
    const next = mulberry32(seed + i);
    let left = t.shape.reduce((a, b) => a * b, 1);
    while (left > 0) {
      const n = Math.min(left, CHUNK_ELEMENTS);
      const chunk = new Uint16Array(n); // little-endian host (safetensors is little-endian)
      for (let j = 0; j < n; j++) chunk[j] = f32ToF16Bits(next() * t.scale);
      await write(Buffer.from(chunk.buffer));
      total += chunk.byteLength;
      left -= n;
    }
  }
  out.end();
  await once(out, "finish");
  return total;
}

/** A JSON-array tokenizer of `d_vocab` distinct, printable token strings ("t0", "t1", …); resolves its path. */
export async function writeArenaTokenizer(path: string, s: ArenaShape = ARENA_SHAPE): Promise<string> {
  await writeFile(path, JSON.stringify(Array.from({ length: s.d_vocab }, (_, i) => `t${i}`)));
  return path;
}
