// Streams one safetensors file from the network as validated tensors.
// Rule: the header is read from the first bytes and fully validated (lib/engine/io, plus the size
// limit) before any tensor byte is accepted; tensor data then flows through one small reused buffer,
// checked finite piece by piece, to whoever consumes `streamTensors` (lib/db's chunk storage), so a
// 400 MB file is never held in memory at all, let alone twice. Every fault names the tensor.
import {
  parseSafetensorsHeader,
  readTensor,
  safetensorsHeaderLength,
  type FloatDtype,
  type SafetensorsEntry,
  type SafetensorsHeader,
} from "@/lib/engine/io/safetensors";
import type { ByteReader } from "./byte-reader";
import { UploadError } from "./errors";

/** Bytes checked and handed on at a time (a multiple of every item size). */
export const PIECE_BYTES = 1024 * 1024;

export type LoadableEntry = SafetensorsEntry & { dtype: FloatDtype };

/** One tensor as lib/db's `createModelFromUpload` consumes it. */
export interface StreamedTensor {
  name: string;
  dtype: FloatDtype;
  shape: readonly number[];
  chunks: AsyncIterable<Uint8Array>;
}

function truncated(reader: ByteReader, header?: SafetensorsHeader, entry?: SafetensorsEntry): UploadError {
  if (!header || !entry) {
    return new UploadError(400, `file truncated: it ended after ${reader.position} bytes, inside the safetensors header`, { field: "file" });
  }
  return new UploadError(
    400,
    `file truncated: tensor ${entry.name} needs data bytes [${entry.begin}, ${entry.end}) but the file ended at data byte ${reader.position - header.dataStart}`,
    { tensor: entry.name, field: "file" },
  );
}

/**
 * Reads and validates the header from the first bytes of the stream, and returns it with those
 * bytes as sent (`headerBytes`: the 8-byte length and the JSON, kept so a download can give the
 * file back). A header longer than the upload limit, or one whose tensors need more bytes than the
 * limit, is refused with 413 before any tensor data is read.
 */
export async function readHeader(reader: ByteReader, maxBytes: number): Promise<{ header: SafetensorsHeader; headerBytes: Uint8Array }> {
  const lengthBytes = new Uint8Array(8);
  if ((await reader.readInto(lengthBytes)) < 8) throw truncated(reader);
  const n = safetensorsHeaderLength(lengthBytes);
  if (8 + n > maxBytes) throw new UploadError(413, `safetensors header claims ${n} bytes, more than the ${maxBytes}-byte upload limit`, { field: "file" });
  const prefix = new Uint8Array(8 + n);
  prefix.set(lengthBytes);
  if ((await reader.readInto(prefix.subarray(8))) < n) throw truncated(reader);
  const header = parseSafetensorsHeader(prefix);
  const last = [...header.tensors.values(), ...header.skipped].reduce<SafetensorsEntry | undefined>((m, e) => (!m || e.end > m.end ? e : m), undefined);
  if (last && header.dataStart + last.end > maxBytes) {
    throw new UploadError(
      413,
      `safetensors header claims ${header.dataStart + last.end} bytes (tensor ${last.name} ends at data byte ${last.end}), more than the ${maxBytes}-byte upload limit`,
      { tensor: last.name, field: "file" },
    );
  }
  return { header, headerBytes: prefix };
}

/** Throws naming the tensor and the flat index of its first NaN/±Infinity in this piece, if any. */
function checkFinite(entry: LoadableEntry, piece: Uint8Array, offset: number): void {
  const itemSize = entry.dtype === "F32" ? 4 : 2;
  const values = readTensor({ name: entry.name, dtype: entry.dtype, shape: [piece.length / itemSize], begin: 0, end: piece.length }, piece, { checkFinite: false }).data;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) {
      throw new UploadError(400, `tensor ${entry.name}: non-finite value ${v} at flat index ${offset / itemSize + i}`, { tensor: entry.name, field: "file" });
    }
  }
}

/**
 * The loadable tensors in data-section order, each yielding its bytes in finite-checked pieces of
 * at most PIECE_BYTES (one reused buffer: consume each piece before pulling the next). TL buffers
 * (`blocks.{l}.attn.mask/IGNORE`) and gaps are read for the hash and dropped. Consume every
 * tensor's chunks in order: the stream has one position.
 */
export async function* streamTensors(reader: ByteReader, header: SafetensorsHeader): AsyncGenerator<StreamedTensor> {
  const entries: SafetensorsEntry[] = [...header.tensors.values(), ...header.skipped].sort((a, b) => a.begin - b.begin);
  const largest = Math.max(4, ...entries.map((e) => e.end - e.begin));
  const buffer = new Uint8Array(Math.min(PIECE_BYTES, largest));
  let at = 0; // position within the data section
  for (const entry of entries) {
    if (entry.begin > at) {
      if ((await reader.skip(entry.begin - at)) < entry.begin - at) throw truncated(reader, header, entry);
      at = entry.begin;
    }
    const size = entry.end - entry.begin;
    const loadable = header.tensors.get(entry.name);
    if (!loadable) {
      if ((await reader.skip(size)) < size) throw truncated(reader, header, entry);
      at = Math.max(at, entry.end);
      continue;
    }
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let offset = 0; offset < size; offset += buffer.length) {
        const piece = buffer.subarray(0, Math.min(buffer.length, size - offset));
        if ((await reader.readInto(piece)) < piece.length) throw truncated(reader, header, entry);
        checkFinite(loadable!, piece, offset);
        yield piece;
      }
    }
    yield { name: loadable.name, dtype: loadable.dtype, shape: loadable.shape, chunks: chunks() };
    // A zero-byte tensor may sit at an offset inside an earlier tensor (it overlaps nothing): the
    // position never moves back.
    at = Math.max(at, entry.end);
    // The consumer must have drained the tensor; a skipped one would desynchronise the stream.
    if (reader.position !== header.dataStart + at) throw new Error(`streamTensors: tensor ${entry.name} was not consumed`);
  }
}

/** After the last tensor: refuses trailing bytes, then returns the whole file's sha256 (hex). */
export async function finishFile(reader: ByteReader, header: SafetensorsHeader): Promise<{ sha256: string; byteLength: number }> {
  const dataEnd = [...header.tensors.values(), ...header.skipped].reduce((m, e) => Math.max(m, e.end), 0);
  const extra = await reader.rest();
  if (extra > 0) {
    throw new UploadError(400, `file has ${extra} bytes after the last tensor's data (its data section should end at byte ${dataEnd})`, { field: "file" });
  }
  return { sha256: reader.digest(), byteLength: reader.position };
}
