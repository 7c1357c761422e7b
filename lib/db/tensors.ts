// The one place weights are serialised to and from the database (DESIGN §4). A tensor is stored as
// its raw little-endian bytes (F32, F16 or BF16) in TensorChunk rows of at most CHUNK_BYTES, with
// its sha256, so one tensor — or one head's slice of it — loads without reading the rest.
// Rules: an upload's bytes are staged outside any transaction (./staging.ts) and become visible in
// ONE short transaction at the end (any failure leaves no row behind: the staging area is deleted);
// bytes stream through one reused 8 MiB buffer (a 400 MB model is never held twice); the same file
// content uploaded again to a team by someone who can read the first copy returns that model, and
// to anyone else is an ordinary new upload (no existence oracle).
import { createHash } from "node:crypto";
import { authorize, type Actor, type Visibility } from "@/lib/auth/policy";
import type { FloatDtype } from "@/lib/engine/io/safetensors";
import { decodeStoredTensor, type StoredTensorBytes } from "@/lib/engine/io/stored-tensor";
import type { Tensor } from "@/lib/engine/tensor/tensor";
import { TOKEN_SAMPLE_SIZE } from "@/lib/engine/io/tokenizer";
import { modelResource, readableModelsWhere, teamResource } from "./access";
import { audit } from "./audit";
import type { Db, DbOrTx, Tx } from "./client";
import { BadInputError, NotFoundError } from "./errors";
import type { Prisma } from "./generated/client";
import { MODEL_SUMMARY, VERSION_SUMMARY, type ModelSummary, type ModelVersionSummary } from "./models";
import { attachStagedTensors, beginStaging, CHUNK_BYTES, discardStagedUpload, stageTensors, type UploadTensor } from "./staging";

export { CHUNK_BYTES, type UploadTensor } from "./staging";
export type { StoredTensorBytes } from "@/lib/engine/io/stored-tensor";

/** The final transaction of an upload moves staged rows and writes a few more: no network wait inside. */
export const UPLOAD_COMMIT_TIMEOUT_MS = 60_000;

export interface UploadTokenizer {
  kind: "hf" | "vocab";
  /** The tokenizer.json object (hf) or the array of token strings (vocab). */
  data: Prisma.InputJsonValue;
  vocabSize: number;
  /** Text of the first token ids (lib/engine/io/tokenizer's `tokenSample`), shown without re-parsing. */
  sample: string[];
}

export interface ModelUpload {
  teamId: string;
  name: string;
  /** The model config inferred and validated by lib/engine/io (n_layers, n_heads, d_model, …). */
  config: Prisma.InputJsonObject;
  /** The safetensors `__metadata__` map. */
  metadata?: Record<string, string>;
  /** The file's first bytes as sent (length + JSON header), kept for downloads (lib/db/weights-file.ts). */
  fileHeader?: Uint8Array;
  /** Weight processing applied on load (recorded with every result). */
  processing?: Prisma.InputJsonObject;
  visibility?: Visibility;
  /** The tensors in file order; consumed exactly once. */
  tensors: AsyncIterable<UploadTensor> | Iterable<UploadTensor>;
  tokenizer?: UploadTokenizer | null;
  /**
   * sha256 (hex) of the whole file. A string when known up front (the duplicate check then happens
   * before anything is read); a promise or function when it is known only once the stream has ended.
   */
  contentHash: string | Promise<string> | (() => string | Promise<string>);
}

export interface UploadResult {
  model: ModelSummary;
  version: ModelVersionSummary;
  /** True when the team already had a model with this content: nothing was written. */
  duplicate: boolean;
}

const HEX64 = /^[0-9a-f]{64}$/;

async function resolveHash(hash: ModelUpload["contentHash"]): Promise<string> {
  const value = await (typeof hash === "function" ? hash() : hash);
  if (!HEX64.test(value)) throw new BadInputError("The content hash must be a lowercase hex sha256.", "contentHash");
  return value;
}

/**
 * Chunks fetched per query when reading a tensor: 2 (≤ 16 MiB, 22 MB as base64). One query for a
 * whole 77 MB W_E held its base64 text, the Buffers and PGlite's result at once, grew PGlite's
 * WebAssembly heap (which never shrinks) by the whole text, and blocked the event loop for seconds
 * (long enough for keep-alive sockets to be reset under clients that were mid-request).
 */
export const CHUNKS_PER_QUERY = 2;

/** The chunks of a tensor overlapping bytes [begin, end), in order, CHUNKS_PER_QUERY per query (base64 for speed, see insertChunk). */
async function* selectChunks(db: DbOrTx, tensorId: string, begin: number, end: number): AsyncGenerator<{ offset: number; bytes: Buffer }> {
  let index = Math.floor(begin / CHUNK_BYTES);
  for (;;) {
    const rows = await db.$queryRaw<{ index: number; offset: number; b64: string }[]>`
      SELECT "index", "offset", encode("bytes", 'base64') AS b64 FROM "TensorChunk"
      WHERE "tensorId" = ${tensorId} AND "index" >= ${index} AND "offset" < ${end}
      ORDER BY "index" LIMIT ${CHUNKS_PER_QUERY}`;
    for (const r of rows) yield { offset: Number(r.offset), bytes: Buffer.from(r.b64, "base64") };
    if (rows.length < CHUNKS_PER_QUERY) return;
    index = Number(rows[rows.length - 1].index) + 1;
  }
}

/**
 * The team's model with this content that the actor may read, with its latest version, or null.
 * A copy the actor cannot read is not a duplicate: the upload proceeds as if it did not exist.
 */
async function readableDuplicate(db: DbOrTx, actor: Actor, teamId: string, contentHash: string): Promise<UploadResult | null> {
  const model = await db.model.findFirst({
    where: { AND: [readableModelsWhere(actor), { teamId, contentHash }] },
    select: MODEL_SUMMARY,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (!model) return null;
  const version = await db.modelVersion.findFirstOrThrow({ where: { modelId: model.id }, select: VERSION_SUMMARY, orderBy: { number: "desc" } });
  return { model, version, duplicate: true };
}

/** Serialises uploads of the same content to a team (two concurrent copies become one model). */
async function lockContent(tx: Tx, teamId: string, contentHash: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`model-content:${teamId}:${contentHash}`}))`;
}

/**
 * Stages `tensors`, awaits `finish` (which may wait for the end of a network stream), then runs
 * `commit` with the staging area in one short transaction; the staging area is deleted whatever
 * happens (a no-op when commit attached it).
 */
async function withStagedTensors<T>(
  db: Db,
  tensors: ModelUpload["tensors"],
  finish: () => Promise<string>,
  commit: (tx: Tx, staged: { uploadId: string; count: number; bytes: number; contentHash: string }) => Promise<T>,
): Promise<T> {
  const uploadId = await beginStaging(db);
  try {
    const written = await stageTensors(db, uploadId, tensors);
    const contentHash = await finish();
    return await db.$transaction((tx) => commit(tx, { uploadId, ...written, contentHash }), { timeout: UPLOAD_COMMIT_TIMEOUT_MS, maxWait: UPLOAD_COMMIT_TIMEOUT_MS });
  } finally {
    await discardStagedUpload(db, uploadId);
  }
}

/**
 * Creates a model (version 1) from an upload, all-or-nothing, for an EDITOR or OWNER of the team.
 * Consumes `upload.tensors` once. The same content already in the team, readable by the actor →
 * that model, `duplicate: true`.
 */
export async function createModelFromUpload(db: Db, actor: Actor | null, upload: ModelUpload): Promise<UploadResult> {
  authorize(actor, "model:create", await teamResource(db, actor, upload.teamId), "team");
  const name = upload.name.trim();
  if (name.length < 1 || name.length > 120) throw new BadInputError("A model name is 1 to 120 characters.", "name");
  if (typeof upload.contentHash === "string") {
    const duplicate = await readableDuplicate(db, actor, upload.teamId, await resolveHash(upload.contentHash));
    if (duplicate) return duplicate;
  }
  return withStagedTensors(db, upload.tensors, () => resolveHash(upload.contentHash), async (tx, staged) => {
    const { contentHash } = staged;
    await lockContent(tx, upload.teamId, contentHash);
    authorize(actor, "model:create", await teamResource(tx, actor, upload.teamId), "team");
    const duplicate = await readableDuplicate(tx, actor, upload.teamId, contentHash);
    if (duplicate) return duplicate;
    const tokenizer = upload.tokenizer ? await createTokenizer(tx, upload.tokenizer) : null;
    const model = await tx.model.create({
      data: { teamId: upload.teamId, name, visibility: upload.visibility ?? "TEAM", config: upload.config, contentHash, tokenizerId: tokenizer?.id ?? null, createdById: actor.userId },
      select: { id: true },
    });
    const version = await tx.modelVersion.create({
      data: { modelId: model.id, number: 1, contentHash, config: upload.config, processing: upload.processing ?? {}, metadata: upload.metadata ?? {}, byteLength: BigInt(staged.bytes),
        fileHeader: upload.fileHeader ? Buffer.from(upload.fileHeader) : null },
      select: VERSION_SUMMARY,
    });
    await attachStagedTensors(tx, staged.uploadId, version.id);
    await audit(tx, actor, "model.upload", "model", model.id, { name, teamId: upload.teamId, contentHash, tensors: staged.count, bytes: staged.bytes });
    const saved = await tx.model.findUniqueOrThrow({ where: { id: model.id }, select: MODEL_SUMMARY });
    return { model: saved, version, duplicate: false };
  });
}

async function createTokenizer(tx: Tx, t: UploadTokenizer): Promise<{ id: string }> {
  if (t.kind !== "hf" && t.kind !== "vocab") throw new BadInputError(`Tokenizer kind is "hf" or "vocab", not ${JSON.stringify(t.kind)}.`, "tokenizer");
  if (!Number.isInteger(t.vocabSize) || t.vocabSize < 1) throw new BadInputError("A tokenizer's vocabulary size is a positive integer.", "tokenizer");
  if (!Array.isArray(t.sample) || t.sample.length > Math.min(TOKEN_SAMPLE_SIZE, t.vocabSize) || t.sample.some((x) => typeof x !== "string")) {
    throw new BadInputError(`A tokenizer's sample is at most ${TOKEN_SAMPLE_SIZE} token strings.`, "tokenizer");
  }
  const sha256 = createHash("sha256").update(JSON.stringify(t.data)).digest("hex");
  return tx.tokenizer.create({ data: { kind: t.kind, data: t.data, vocabSize: t.vocabSize, sample: t.sample, sha256 }, select: { id: true } });
}

export interface StoredTensorInfo {
  id: string;
  name: string;
  dtype: FloatDtype;
  shape: number[];
  sha256: string;
  byteLength: number;
  chunkCount: number;
}

const INFO = { id: true, name: true, dtype: true, shape: true, sha256: true, byteLength: true, chunkCount: true } as const;

/** The tensors stored for a version (no bytes). Callers authorize the model first. */
export async function listTensors(db: DbOrTx, versionId: string): Promise<StoredTensorInfo[]> {
  const rows = await db.tensor.findMany({ where: { versionId }, select: INFO, orderBy: { name: "asc" } });
  return rows.map((r) => ({ ...r, dtype: r.dtype as FloatDtype }));
}

export interface ReadTensorOptions {
  /** Read only `[index0]` along the first axis (e.g. one head of W_Q [n_heads, d_model, d_head]). */
  index0?: number;
}

/**
 * Reads one stored tensor's bytes as stored, fetching only the chunks it needs: with `index0`, only
 * the bytes of that slice. Callers authorize the model first. Throws NotFoundError for an unknown
 * name, RangeError for a bad index.
 */
export async function readStoredTensorBytes(db: DbOrTx, versionId: string, name: string, options: ReadTensorOptions = {}): Promise<StoredTensorBytes> {
  const info = await db.tensor.findUnique({ where: { versionId_name: { versionId, name } }, select: INFO });
  if (!info) throw new NotFoundError(`No tensor ${name} in this model version.`);
  let begin = 0;
  let end = info.byteLength;
  let shape = info.shape;
  if (options.index0 !== undefined) {
    const [n0, ...rest] = info.shape;
    if (!Number.isInteger(options.index0) || options.index0 < 0 || options.index0 >= (n0 ?? 0)) {
      throw new RangeError(`readStoredTensor: index ${options.index0} out of range for ${name} [${info.shape.join(", ")}]`);
    }
    const sliceBytes = info.byteLength / n0;
    begin = options.index0 * sliceBytes;
    end = begin + sliceBytes;
    shape = rest;
  }
  const bytes = new Uint8Array(end - begin);
  let copied = 0;
  for await (const chunk of selectChunks(db, info.id, begin, end)) {
    const from = Math.max(begin, chunk.offset);
    const to = Math.min(end, chunk.offset + chunk.bytes.length);
    if (to <= from) continue;
    bytes.set(chunk.bytes.subarray(from - chunk.offset, to - chunk.offset), from - begin);
    copied += to - from;
  }
  if (copied !== bytes.length) throw new Error(`readStoredTensor: ${name} is missing stored bytes (${copied} of ${bytes.length})`);
  return { dtype: info.dtype as FloatDtype, shape, bytes };
}

/** Reads one stored tensor as Float32 (readStoredTensorBytes, then decodeStoredTensor). */
export async function readStoredTensor(db: DbOrTx, versionId: string, name: string, options: ReadTensorOptions = {}): Promise<Tensor<Float32Array>> {
  return decodeStoredTensor(name, await readStoredTensorBytes(db, versionId, name, options));
}

/** Every stored tensor of a version, by name (for loading a whole model into the engine). */
export async function readStoredTensors(db: DbOrTx, versionId: string): Promise<Map<string, Tensor<Float32Array>>> {
  const out = new Map<string, Tensor<Float32Array>>();
  for (const info of await listTensors(db, versionId)) out.set(info.name, await readStoredTensor(db, versionId, info.name));
  return out;
}

/** Every stored tensor of a version as stored (not widened), by name: what an analysis child is sent. */
export async function readAllStoredTensorBytes(db: DbOrTx, versionId: string): Promise<Map<string, StoredTensorBytes>> {
  const out = new Map<string, StoredTensorBytes>();
  for (const info of await listTensors(db, versionId)) out.set(info.name, await readStoredTensorBytes(db, versionId, info.name));
  return out;
}

/** One tensor (or one `index0` slice) of a model the actor may read; version defaults to the latest. */
export async function readTensorForActor(
  db: DbOrTx,
  actor: Actor | null,
  input: { modelId: string; version?: number; name: string } & ReadTensorOptions,
): Promise<Tensor<Float32Array>> {
  const model = await db.model.findUnique({ where: { id: input.modelId }, select: MODEL_SUMMARY });
  if (!model) throw new NotFoundError("No model with that id.");
  authorize(actor, "model:read", await modelResource(db, actor, model), "model");
  const version = await db.modelVersion.findFirst({
    where: { modelId: model.id, ...(input.version !== undefined ? { number: input.version } : {}) },
    select: { id: true },
    orderBy: { number: "desc" },
  });
  if (!version) throw new NotFoundError("No such version of this model.");
  return readStoredTensor(db, version.id, input.name, { index0: input.index0 });
}

/** The next version of an existing model (e.g. a training checkpoint); `contentHash` is the file's sha256. */
export interface VersionUpload {
  config: Prisma.InputJsonObject;
  metadata?: Record<string, string>;
  processing?: Prisma.InputJsonObject;
  tensors: AsyncIterable<UploadTensor> | Iterable<UploadTensor>;
  contentHash: string;
}

/**
 * Adds version max(number) + 1 to a model, all-or-nothing (one transaction), for an actor who may
 * update the model (EDITOR or OWNER of its team). Used by training jobs to save checkpoints.
 */
export async function addModelVersion(db: Db, actor: Actor | null, modelId: string, upload: VersionUpload): Promise<ModelVersionSummary> {
  const contentHash = await resolveHash(upload.contentHash);
  const modelFor = async (client: DbOrTx) => {
    const model = await client.model.findUnique({ where: { id: modelId }, select: MODEL_SUMMARY });
    if (!model) throw new NotFoundError("No model with that id.");
    authorize(actor, "model:update", await modelResource(client, actor, model), "model");
  };
  await modelFor(db);
  return withStagedTensors(db, upload.tensors, async () => contentHash, async (tx, staged) => {
    await modelFor(tx);
    const last = await tx.modelVersion.findFirst({ where: { modelId }, select: { number: true }, orderBy: { number: "desc" } });
    const number = (last?.number ?? 0) + 1;
    const version = await tx.modelVersion.create({
      data: { modelId, number, contentHash, config: upload.config, processing: upload.processing ?? {}, metadata: upload.metadata ?? {}, byteLength: BigInt(staged.bytes) },
      select: VERSION_SUMMARY,
    });
    await attachStagedTensors(tx, staged.uploadId, version.id);
    await audit(tx, actor, "model.version", "model", modelId, { number, contentHash, tensors: staged.count, bytes: staged.bytes });
    return version;
  });
}
