// Weight storage (lib/db/tensors.ts): chunking, read-back, widening, duplicates and all-or-nothing uploads.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { BadInputError } from "@/lib/db/errors";
import { createTeam } from "@/lib/db/teams";
import { CHUNK_BYTES, CHUNKS_PER_QUERY, addModelVersion, createModelFromUpload, listTensors, readStoredTensor, readTensorForActor, type ModelUpload, type UploadTensor } from "@/lib/db/tensors";
import { createTestUser, tableRowCounts, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
let owner: Actor;
let teamId: string;

beforeAll(async () => {
  owner = await createTestUser(t.db, "owner");
  teamId = (await createTeam(t.db, owner, { name: "Tensor lab" })).id;
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const bytesOf = (a: Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Yields `bytes` in pieces of `piece` bytes (deliberately not a divisor of the chunk size). */
function* pieces(bytes: Uint8Array, piece: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, Math.min(bytes.length, at + piece));
}

function upload(name: string, tensors: UploadTensor[], contentHash: ModelUpload["contentHash"]): ModelUpload {
  return { teamId, name, config: { n_layers: 0 }, tensors, contentHash };
}

const hashOfText = (text: string) => createHash("sha256").update(text).digest("hex");

describe("createModelFromUpload and readStoredTensor", () => {
  it("splits a 12 MiB tensor into an 8 MiB and a 4 MiB chunk and reads it back bit for bit", async () => {
    // [3, 1024, 1024] F32 = 12 MiB; values i·0.5 − 1000 are exact in float32.
    const values = new Float32Array(3 * 1024 * 1024).map((_, i) => (i % 100_000) * 0.5 - 1000);
    const raw = bytesOf(values);
    const result = await createModelFromUpload(t.db, owner, upload("big", [{ name: "W_E", dtype: "F32", shape: [3, 1024, 1024], chunks: pieces(raw, 1_000_003) }], hashOfText("big")));
    expect(result.duplicate).toBe(false);

    const [info] = await listTensors(t.db, result.version.id);
    expect(info).toMatchObject({ name: "W_E", dtype: "F32", shape: [3, 1024, 1024], byteLength: 12 * 1024 * 1024, chunkCount: 2 });
    expect(info.sha256).toBe(sha256(raw));
    const chunks = await t.db.tensorChunk.findMany({ where: { tensorId: info.id }, orderBy: { index: "asc" } });
    expect(chunks.map((c) => [c.index, c.offset, c.bytes.length])).toEqual([[0, 0, CHUNK_BYTES], [1, CHUNK_BYTES, 4 * 1024 * 1024]]);

    const back = await readStoredTensor(t.db, result.version.id, "W_E");
    expect(back.shape).toEqual([3, 1024, 1024]);
    expect(sha256(bytesOf(back.data))).toBe(sha256(raw));
  });

  it("reads one slice along the first axis, including a slice that straddles two chunks", async () => {
    // [5, 1024, 512] F32: slice k holds 2 MiB at offset 2k MiB, so slice 3 spans [6, 8) MiB and slice 4 [8, 10).
    const values = new Float32Array(5 * 1024 * 512).map((_, i) => i);
    const { version } = await createModelFromUpload(t.db, owner, upload("sliced", [{ name: "blocks.0.attn.W_Q", dtype: "F32", shape: [5, 1024, 512], chunks: [bytesOf(values)] }], hashOfText("sliced")));
    for (const head of [0, 3, 4]) {
      const slice = await readStoredTensor(t.db, version.id, "blocks.0.attn.W_Q", { index0: head });
      expect(slice.shape).toEqual([1024, 512]);
      expect(slice.data[0]).toBe(head * 1024 * 512);
      expect(slice.data[slice.data.length - 1]).toBe((head + 1) * 1024 * 512 - 1);
    }
    await expect(readStoredTensor(t.db, version.id, "blocks.0.attn.W_Q", { index0: 5 })).rejects.toThrow(/index 5 out of range for blocks\.0\.attn\.W_Q \[5, 1024, 512\]/);
  });

  it("reads a tensor of more chunks than one query fetches (CHUNKS_PER_QUERY) whole and by slice, bit for bit", async () => {
    // F16 values i mod 2048 (exact), CHUNKS_PER_QUERY + 1 full chunks and a partial one, so the read takes at least two queries.
    const rows = CHUNKS_PER_QUERY + 2;
    const perRow = Math.round((CHUNK_BYTES / 2) * ((CHUNKS_PER_QUERY + 1.5) / rows));
    const bits = new Uint16Array(rows * perRow).map((_, i) => (i % 2048 === 0 ? 0 : 0x3c00 + (i % 1024))); // 0 and 1 + k/1024
    const raw = new Uint8Array(bits.buffer);
    const { version } = await createModelFromUpload(t.db, owner, upload("many-chunks", [{ name: "embed.W_E", dtype: "F16", shape: [rows, perRow], chunks: pieces(raw, 3_000_001) }], hashOfText("many-chunks")));
    const [info] = await listTensors(t.db, version.id);
    expect(info.chunkCount).toBe(Math.ceil(raw.length / CHUNK_BYTES));
    expect(info.chunkCount).toBeGreaterThan(CHUNKS_PER_QUERY + 1);
    const expected = Float32Array.from(bits, (b) => (b === 0 ? 0 : 1 + (b - 0x3c00) / 1024));
    const back = await readStoredTensor(t.db, version.id, "embed.W_E");
    expect(back.shape).toEqual([rows, perRow]);
    expect(sha256(bytesOf(back.data))).toBe(sha256(bytesOf(expected)));
    const last = await readStoredTensor(t.db, version.id, "embed.W_E", { index0: rows - 1 });
    expect(sha256(bytesOf(last.data))).toBe(sha256(bytesOf(expected.subarray((rows - 1) * perRow))));
  });

  it("widens F16 and BF16 exactly (hand-decoded bit patterns)", async () => {
    // F16: 0x3C00 = 1, 0xC000 = −2, 0x3555 = 1365/4096 = 0.333251953125, 0x0001 = 2^−24.
    const f16 = new Uint8Array(new Uint16Array([0x3c00, 0xc000, 0x3555, 0x0001]).buffer);
    // BF16: 0x3F80 = 1, 0x4049 = 3.140625, 0xC2F7 = −123.5.
    const bf16 = new Uint8Array(new Uint16Array([0x3f80, 0x4049, 0xc2f7]).buffer);
    const { version } = await createModelFromUpload(t.db, owner, upload("halves", [
      { name: "a", dtype: "F16", shape: [4], chunks: [f16] },
      { name: "b", dtype: "BF16", shape: [3], chunks: [bf16] },
    ], hashOfText("halves")));
    expect(Array.from((await readStoredTensor(t.db, version.id, "a")).data)).toEqual([1, -2, 0.333251953125, 2 ** -24]);
    expect(Array.from((await readStoredTensor(t.db, version.id, "b")).data)).toEqual([1, 3.140625, -123.5]);
  });

  it("recognises the same content uploaded twice and writes nothing the second time", async () => {
    const data = bytesOf(new Float32Array([1, 2, 3, 4]));
    const first = await createModelFromUpload(t.db, owner, upload("twice", [{ name: "x", dtype: "F32", shape: [4], chunks: [data] }], hashOfText("twice")));
    const before = await tableRowCounts(t.db);
    // Hash known only after the stream: the duplicate is found at the end and the writes rolled back.
    const second = await createModelFromUpload(t.db, owner, upload("twice again", [{ name: "x", dtype: "F32", shape: [4], chunks: [data] }], () => hashOfText("twice")));
    expect(second.duplicate).toBe(true);
    expect(second.model.id).toBe(first.model.id);
    expect(second.model.name).toBe("twice");
    // Hash known up front: recognised before reading anything.
    const third = await createModelFromUpload(t.db, owner, upload("thrice", [], hashOfText("twice")));
    expect(third).toMatchObject({ duplicate: true, model: { id: first.model.id } });
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("leaves every table's row count unchanged when the stream fails after 8 MiB were written", async () => {
    const before = await tableRowCounts(t.db);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(CHUNK_BYTES + 16);
      throw new Error("connection reset by the client");
    }
    await expect(createModelFromUpload(t.db, owner, { ...upload("broken", [
      { name: "ok", dtype: "F32", shape: [2], chunks: [bytesOf(new Float32Array([1, 2]))] },
      { name: "W_U", dtype: "F32", shape: [4, 1024, 1024], chunks: failing() },
    ], hashOfText("broken")), tokenizer: { kind: "vocab", data: ["a", "b"], vocabSize: 2, sample: ["a", "b"] } })).rejects.toThrow("connection reset by the client");
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("refuses a tensor whose bytes do not match its shape, naming it, and leaves no row behind", async () => {
    const before = await tableRowCounts(t.db);
    const short = createModelFromUpload(t.db, owner, upload("short", [{ name: "blocks.0.attn.W_O", dtype: "F32", shape: [2, 3], chunks: [new Uint8Array(20)] }], hashOfText("short")));
    await expect(short).rejects.toThrow(BadInputError);
    await expect(short).rejects.toThrow("tensor blocks.0.attn.W_O: 20 bytes where its shape [2, 3] × F32 needs 24");
    const long = createModelFromUpload(t.db, owner, upload("long", [{ name: "W_pos", dtype: "F16", shape: [2], chunks: [new Uint8Array(6)] }], hashOfText("long")));
    await expect(long).rejects.toThrow("tensor W_pos: more bytes than its shape [2] × F16 (4)");
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("serves one tensor to a reader of the model and hides it from an outsider", async () => {
    const { model } = await createModelFromUpload(t.db, owner, upload("readable", [{ name: "W_E", dtype: "F32", shape: [2, 2], chunks: [bytesOf(new Float32Array([1, 2, 3, 4]))] }], hashOfText("readable")));
    const row = await readTensorForActor(t.db, owner, { modelId: model.id, name: "W_E", index0: 1 });
    expect(Array.from(row.data)).toEqual([3, 4]);
    const outsider = await createTestUser(t.db, "outsider");
    await expect(readTensorForActor(t.db, outsider, { modelId: model.id, name: "W_E" })).rejects.toThrow("No model with that id.");
  });

  it("adds numbered versions to a model all-or-nothing, for editors only", async () => {
    const { model } = await createModelFromUpload(t.db, owner, upload("versioned", [{ name: "W_E", dtype: "F32", shape: [2], chunks: [bytesOf(new Float32Array([1, 2]))] }], hashOfText("v1")));
    const v2 = await addModelVersion(t.db, owner, model.id, { config: { step: 2 }, tensors: [{ name: "W_E", dtype: "F32", shape: [2], chunks: [bytesOf(new Float32Array([3, 4]))] }], contentHash: hashOfText("v2") });
    expect(v2).toMatchObject({ number: 2, contentHash: hashOfText("v2"), config: { step: 2 } });
    expect(Number(v2.byteLength)).toBe(8);
    expect(Array.from((await readTensorForActor(t.db, owner, { modelId: model.id, name: "W_E" })).data)).toEqual([3, 4]);
    expect(Array.from((await readTensorForActor(t.db, owner, { modelId: model.id, version: 1, name: "W_E" })).data)).toEqual([1, 2]);

    const viewer = await createTestUser(t.db, "viewer");
    await t.db.membership.create({ data: { teamId, userId: viewer.userId, role: "VIEWER" } });
    const before = await tableRowCounts(t.db);
    await expect(addModelVersion(t.db, viewer, model.id, { config: {}, tensors: [], contentHash: hashOfText("v3") })).rejects.toThrow("Your role does not allow model:update on this model.");
    await expect(addModelVersion(t.db, owner, model.id, { config: {}, tensors: [{ name: "W_E", dtype: "F32", shape: [2], chunks: [new Uint8Array(4)] }], contentHash: hashOfText("v3") })).rejects.toThrow("tensor W_E: 4 bytes where its shape [2] × F32 needs 8");
    expect(await tableRowCounts(t.db)).toEqual(before);
  });
});
