// A model version's weights as one safetensors file, for download (GET /api/models/<id>/weights).
// Rules: the actor must be able to read the model (anyone else: NotFound, as for every model read);
// the version number is bounded before any query; bytes stream one stored chunk (≤ 8 MiB) at a
// time, so a large model is never held in memory. When the upload's header was kept and every
// tensor it names is stored back to back, the file is the uploaded one byte for byte (its sha256 is
// the version's contentHash); otherwise (older rows, training checkpoints, files with TL buffers or
// gaps, which are not stored) it is a canonical file of the stored tensors in name order.
import type { Actor } from "@/lib/auth/policy";
import { parseSafetensorsHeader } from "@/lib/engine/io/safetensors";
import type { DbOrTx } from "./client";
import { BadInputError, NotFoundError } from "./errors";
import { getModelForActor } from "./models";
import { listTensors, type StoredTensorInfo } from "./tensors";

/** The largest version number there can be (ModelVersion.number is a Postgres int4). */
export const MAX_VERSION_NUMBER = 2_147_483_647;

export interface WeightsFile {
  /** A file name for Content-Disposition: the model's name and the version number. */
  filename: string;
  versionNumber: number;
  byteLength: number;
  /** True when the bytes are the uploaded file's (then `contentHash` is their sha256). */
  exact: boolean;
  contentHash: string | null;
  body: ReadableStream<Uint8Array>;
}

/** The file's first bytes and the tensors in data order. */
interface Layout {
  head: Uint8Array;
  tensors: StoredTensorInfo[];
  exact: boolean;
}

/** The uploaded header, when it describes exactly the stored tensors laid out without gaps. */
function exactLayout(fileHeader: Uint8Array, stored: StoredTensorInfo[]): Layout | null {
  const header = parseSafetensorsHeader(fileHeader);
  if (header.skipped.length > 0 || header.tensors.size !== stored.length || header.dataStart !== fileHeader.length) return null;
  const byName = new Map(stored.map((t) => [t.name, t]));
  const entries = [...header.tensors.values()].sort((a, b) => a.begin - b.begin);
  let at = 0;
  const ordered: StoredTensorInfo[] = [];
  for (const entry of entries) {
    const info = byName.get(entry.name);
    if (!info || entry.begin !== at || entry.end - entry.begin !== info.byteLength) return null;
    ordered.push(info);
    at = entry.end;
  }
  return { head: fileHeader, tensors: ordered, exact: true };
}

/** A safetensors header (spec: u64 LE length, JSON, padded with spaces to 8 bytes) for the stored tensors. */
function canonicalLayout(metadata: Record<string, string>, stored: StoredTensorInfo[]): Layout {
  const json: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) json.__metadata__ = metadata;
  let at = 0;
  for (const t of stored) {
    json[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + t.byteLength] };
    at += t.byteLength;
  }
  const text = JSON.stringify(json);
  const length = new TextEncoder().encode(text).length;
  const encoded = new TextEncoder().encode(text + " ".repeat((8 - (length % 8)) % 8));
  const head = new Uint8Array(8 + encoded.length);
  new DataView(head.buffer).setBigUint64(0, BigInt(encoded.length), true);
  head.set(encoded, 8);
  return { head, tensors: stored, exact: false };
}

function stringMetadata(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A download name: the model name reduced to letters, digits, '-', '_' and '.', plus the version. */
function fileNameOf(modelName: string, versionNumber: number): string {
  const base = modelName.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "").slice(0, 100) || "model";
  return `${base}-v${versionNumber}.safetensors`;
}

/** Streams the layout: the header, then each tensor's chunks in order, checking none is missing. */
function streamLayout(db: DbOrTx, layout: Layout): ReadableStream<Uint8Array> {
  const steps: { tensor: StoredTensorInfo; index: number }[] = layout.tensors.flatMap((tensor) => Array.from({ length: tensor.chunkCount }, (_, index) => ({ tensor, index })));
  let next = -1;
  let tensorBytes = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (next === -1) {
        next = 0;
        controller.enqueue(layout.head);
        return;
      }
      const step = steps[next];
      if (!step) {
        controller.close();
        return;
      }
      const row = await db.tensorChunk.findUnique({ where: { tensorId_index: { tensorId: step.tensor.id, index: step.index } }, select: { bytes: true } });
      if (!row) throw new Error(`weights file: chunk ${step.index} of ${step.tensor.name} is gone (the model was deleted during the download)`);
      tensorBytes = step.index === 0 ? row.bytes.length : tensorBytes + row.bytes.length;
      const last = step.index === step.tensor.chunkCount - 1;
      if (last && tensorBytes !== step.tensor.byteLength) throw new Error(`weights file: ${step.tensor.name} has ${tensorBytes} stored bytes, not ${step.tensor.byteLength}`);
      next += 1;
      controller.enqueue(new Uint8Array(row.bytes));
    },
  }, { highWaterMark: 1 });
}

/**
 * The safetensors file of version `versionNumber` (default: the latest) of a model the actor may
 * read. BadInputError for a version number that is not an integer in 1…MAX_VERSION_NUMBER;
 * NotFoundError for a model the actor may not read or a version it does not have.
 */
export async function openWeightsFileForActor(db: DbOrTx, actor: Actor | null, modelId: string, versionNumber?: number): Promise<WeightsFile> {
  if (versionNumber !== undefined && (!Number.isInteger(versionNumber) || versionNumber < 1 || versionNumber > MAX_VERSION_NUMBER)) {
    throw new BadInputError(`version must be an integer from 1 to ${MAX_VERSION_NUMBER}.`, "version");
  }
  const model = await getModelForActor(db, actor, modelId);
  const version = await db.modelVersion.findFirst({
    where: { modelId: model.id, ...(versionNumber !== undefined ? { number: versionNumber } : {}) },
    select: { id: true, number: true, contentHash: true, metadata: true, fileHeader: true },
    orderBy: { number: "desc" },
  });
  if (!version) throw new NotFoundError(versionNumber === undefined ? "This model has no version." : `This model has no version ${versionNumber}.`);
  const stored = await listTensors(db, version.id);
  const layout = (version.fileHeader && exactLayout(new Uint8Array(version.fileHeader), stored)) || canonicalLayout(stringMetadata(version.metadata), stored);
  return {
    filename: fileNameOf(model.name, version.number),
    versionNumber: version.number,
    byteLength: layout.head.length + layout.tensors.reduce((n, t) => n + t.byteLength, 0),
    exact: layout.exact,
    contentHash: layout.exact ? version.contentHash : null,
    body: streamLayout(db, layout),
  };
}
