// Staging of an upload's tensors (DESIGN §4). Rule: bytes that arrive over the network are never
// written inside a transaction — each chunk is its own short statement, so an upload holds no
// connection (and, on embedded PGlite, blocks no other request) while it waits for the client.
// Staged tensors belong to a StagedUpload and to no version, so no reader can see them; the
// upload's final transaction moves them to the new version (`attachStagedTensors`, one UPDATE).
// A failed or aborted upload deletes its StagedUpload, which cascades to everything it staged;
// one that died with its process is removed by `sweepStaleUploads` (at start-up and before each
// new upload).
import { createHash } from "node:crypto";
import type { FloatDtype } from "@/lib/engine/io/safetensors";
import type { Db, DbOrTx, Tx } from "./client";
import { BadInputError } from "./errors";

/** Largest chunk stored: 8 MiB (a multiple of every item size, so no element straddles two chunks). */
export const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * A staged upload untouched this long is abandoned (its process died mid-upload): 15 minutes, far
 * beyond the upload idle timeout (lib/upload/limits.ts), so no live upload is ever swept.
 * $CIRCUITBOARD_STAGED_STALE_MS overrides it (tests).
 */
export const STALE_STAGED_UPLOAD_MS = 15 * 60 * 1000;

const ITEM_BYTES: Record<FloatDtype, number> = { F32: 4, F16: 2, BF16: 2 };

/** One tensor of an upload; `chunks` yields its bytes in order, in pieces of any size. */
export interface UploadTensor {
  name: string;
  dtype: FloatDtype;
  shape: readonly number[];
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

function staleAfterMs(): number {
  const raw = Number(process.env.CIRCUITBOARD_STAGED_STALE_MS);
  return Number.isSafeInteger(raw) && raw > 0 ? raw : STALE_STAGED_UPLOAD_MS;
}

function checkShape(t: UploadTensor): number {
  if (!t.name || t.name.length > 200) throw new BadInputError(`A tensor name is 1 to 200 characters (got ${JSON.stringify(t.name)}).`, "file");
  if (!(t.dtype in ITEM_BYTES)) throw new BadInputError(`tensor ${t.name}: dtype ${t.dtype} is not F32, F16 or BF16`, "file");
  let n = 1;
  for (const d of t.shape) {
    if (!Number.isInteger(d) || d < 0 || d > 2 ** 31 - 1) throw new BadInputError(`tensor ${t.name}: shape [${t.shape.join(", ")}] has an invalid dimension`, "file");
    n *= d;
  }
  const bytes = n * ITEM_BYTES[t.dtype];
  if (bytes > 2 ** 31 - 1) throw new BadInputError(`tensor ${t.name}: ${bytes} bytes is more than one tensor may hold (2 GiB)`, "file");
  return bytes;
}

/**
 * Chunk bytes cross the driver as base64 text decoded by the database: PGlite 0.5 serialises a
 * bytea parameter about 10× slower (≈ 2 s per 8 MiB, measured here) and parses a bytea result
 * ≈ 10× slower than base64 text; on Postgres the two are about even. One code path for both.
 */
async function insertChunk(db: DbOrTx, tensorId: string, index: number, offset: number, bytes: Uint8Array): Promise<void> {
  const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  await db.$executeRaw`INSERT INTO "TensorChunk" ("tensorId", "index", "offset", "bytes") VALUES (${tensorId}, ${index}, ${offset}, decode(${b64}, 'base64'))`;
}

/**
 * Writes one tensor's bytes as ≤ CHUNK_BYTES chunks through one reused buffer, hashing as it goes,
 * each chunk its own statement. Throws BadInputError naming the tensor when the bytes do not match
 * its shape × dtype.
 */
async function stageTensor(db: Db, uploadId: string, t: UploadTensor, buffer: Uint8Array): Promise<number> {
  const expected = checkShape(t);
  const tensor = await db.tensor.create({
    data: { stagedUploadId: uploadId, name: t.name, dtype: t.dtype, shape: [...t.shape], sha256: "", byteLength: expected, chunkCount: 0 },
    select: { id: true },
  });
  const sha = createHash("sha256");
  let filled = 0;
  let written = 0;
  let index = 0;
  const flush = async () => {
    const bytes = buffer.subarray(0, filled);
    sha.update(bytes);
    // The insert is awaited before the buffer is refilled, so the driver never sees it change.
    await insertChunk(db, tensor.id, index, written, bytes);
    await db.stagedUpload.update({ where: { id: uploadId }, data: { touchedAt: new Date() }, select: { id: true } });
    written += filled;
    filled = 0;
    index++;
  };
  for await (const piece of t.chunks) {
    if (written + filled + piece.length > expected) {
      throw new BadInputError(`tensor ${t.name}: more bytes than its shape [${t.shape.join(", ")}] × ${t.dtype} (${expected})`, "file");
    }
    let at = 0;
    while (at < piece.length) {
      const n = Math.min(piece.length - at, CHUNK_BYTES - filled);
      buffer.set(piece.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === CHUNK_BYTES) await flush();
    }
  }
  if (filled > 0) await flush();
  if (written !== expected) {
    throw new BadInputError(`tensor ${t.name}: ${written} bytes where its shape [${t.shape.join(", ")}] × ${t.dtype} needs ${expected}`, "file");
  }
  await db.tensor.update({ where: { id: tensor.id }, data: { sha256: sha.digest("hex"), chunkCount: index }, select: { id: true } });
  return written;
}

/** A new, empty staging area (after sweeping abandoned ones). */
export async function beginStaging(db: Db): Promise<string> {
  await sweepStaleUploads(db);
  return (await db.stagedUpload.create({ data: {}, select: { id: true } })).id;
}

/** Stages every tensor (names must be unique); returns their count and bytes. Consumes `tensors` once. */
export async function stageTensors(db: Db, uploadId: string, tensors: AsyncIterable<UploadTensor> | Iterable<UploadTensor>): Promise<{ count: number; bytes: number }> {
  const buffer = new Uint8Array(CHUNK_BYTES);
  const seen = new Set<string>();
  let bytes = 0;
  for await (const t of tensors) {
    if (seen.has(t.name)) throw new BadInputError(`tensor ${t.name} appears twice`, "file");
    seen.add(t.name);
    bytes += await stageTensor(db, uploadId, t, buffer);
  }
  return { count: seen.size, bytes };
}

/** Inside the final transaction: the staged tensors become the version's, and the staging area goes. */
export async function attachStagedTensors(tx: Tx, uploadId: string, versionId: string): Promise<void> {
  await tx.tensor.updateMany({ where: { stagedUploadId: uploadId }, data: { versionId, stagedUploadId: null } });
  await tx.stagedUpload.deleteMany({ where: { id: uploadId } });
}

/** Deletes a staging area and all it staged (a no-op once attached). Never throws: the sweep retries. */
export async function discardStagedUpload(db: Db, uploadId: string): Promise<void> {
  try {
    await db.stagedUpload.deleteMany({ where: { id: uploadId } });
  } catch (error) {
    console.error(`[db] could not discard staged upload ${uploadId}; the stale-upload sweep will`, error);
  }
}

/** Deletes staging areas untouched for `olderThanMs` (default STALE_STAGED_UPLOAD_MS); returns how many. */
export async function sweepStaleUploads(db: Db, olderThanMs: number = staleAfterMs()): Promise<number> {
  const { count } = await db.stagedUpload.deleteMany({ where: { touchedAt: { lt: new Date(Date.now() - olderThanMs) } } });
  return count;
}
