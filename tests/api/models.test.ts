import { beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/policy";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import { createTeam } from "@/lib/db/teams";
import { readStoredTensor } from "@/lib/db/tensors";
import { handleModelUpload } from "@/lib/upload/handler";
import { signUpWithCookie } from "@/tests/helpers/auth-requests";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { buildSafetensors, rawSafetensors } from "@/tests/helpers/safetensors-builder";
import { expectClose } from "@/tests/helpers/tolerance";
import { gql } from "@/tests/graphql/harness";
import { fileBytes, streamedRequest, wideModel } from "./streamed-request";
import { SIZES, tinyModel, tinyTensors, uploadRequest, type FormInput } from "./tiny-model";

const t = useTestDatabase();

/** A hand-written Hugging Face tokenizer.json (WordLevel model), in the tokenizers library's format. */
function wordLevel(vocab: Record<string, number>) {
  return {
    version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null,
    pre_tokenizer: { type: "Whitespace" }, post_processor: null, decoder: null,
    model: { type: "WordLevel", vocab, unk_token: Object.keys(vocab)[0] },
  };
}
let editor: Actor, viewer: Actor, outsider: Actor;
let teamId: string;
let teamSlug: string;

const MAX_BYTES = 64 * 1024 * 1024;

/** Either answer of the route: the model, or `{ error }`. */
interface UploadBody {
  id: string;
  name: string;
  config: Record<string, unknown>;
  warnings: string[];
  duplicate: boolean;
  error: { message: string; tensor?: string; field?: string };
}

async function upload(actor: Actor | null, input: FormInput, maxBytes = MAX_BYTES) {
  const response = await handleModelUpload(uploadRequest(input), { db: t.db, getActor: async () => actor, maxBytes });
  return { status: response.status, body: (await response.json()) as UploadBody };
}

/** The expected config, written from SIZES (not from the code under test). */
function expectedConfig(overrides: Record<string, unknown> = {}) {
  return { ...SIZES, positional_embedding_type: "standard", normalization_type: null, eps: 1e-5, biases: false, attn_only: true, ...overrides };
}

beforeAll(async () => {
  editor = await createTestUser(t.db, "editor");
  viewer = await createTestUser(t.db, "viewer");
  outsider = await createTestUser(t.db, "outsider");
  const team = await t.db.team.create({
    data: { name: "Uploads", slug: "uploads", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }, { userId: viewer.userId, role: "VIEWER" }] } },
  });
  teamId = team.id;
  teamSlug = team.slug;
});

describe("POST /api/models: valid uploads", () => {
  it("stores a valid F32 model and answers 201 with its config; the stored weights read back exactly", async () => {
    const { status, body } = await upload(editor, { file: tinyModel(), name: "tiny f32", team: teamSlug });
    expect(status).toBe(201);
    expect(body).toMatchObject({ name: "tiny f32", duplicate: false, warnings: [] });
    expect(body.config).toEqual(expectedConfig());

    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: body.id } });
    expect(await t.db.tensor.count({ where: { versionId: version.id } })).toBe(Object.keys(tinyTensors()).length);
    const W_O = await readStoredTensor(t.db, version.id, "blocks.1.attn.W_O");
    expect(W_O.shape).toEqual([SIZES.n_heads, SIZES.d_head, SIZES.d_model]);
    expectClose(W_O.data, tinyTensors()["blocks.1.attn.W_O"].data, { abs: 0, rel: 0 }, "stored W_O");
  });

  it("recognises the same content uploaded again: 200 with the existing model and duplicate: true, nothing new stored", async () => {
    const first = await upload(editor, { file: tinyModel(), name: "tiny again", team: teamSlug });
    const before = await tableRowCounts(t.db);
    const again = await upload(editor, { file: tinyModel(), name: "tiny once more", team: teamId });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("stores a valid F16 model with the same config, keeping F16 bytes and widening exactly on read", async () => {
    const { status, body } = await upload(editor, { file: tinyModel({ dtype: "F16" }), name: "tiny f16", team: teamSlug });
    expect(status).toBe(201);
    expect(body.config).toEqual(expectedConfig());
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: body.id } });
    const stored = await t.db.tensor.findFirstOrThrow({ where: { versionId: version.id, name: "embed.W_E" } });
    expect(stored.dtype).toBe("F16");
    // The pattern's values are multiples of 1/16 in [-0.5, 0.5]: exact in F16.
    const W_E = await readStoredTensor(t.db, version.id, "embed.W_E");
    expectClose(W_E.data, tinyTensors()["embed.W_E"].data, { abs: 0, rel: 0 }, "F16 W_E");
  });

  it("reads biases and shortformer metadata into the config, and stores a vocabulary tokenizer", async () => {
    const metadata = { config: JSON.stringify({ ...SIZES, positional_embedding_type: "shortformer" }) };
    const vocab = JSON.stringify(["a", "b", "c", "d", "e"]);
    const { status, body } = await upload(editor, { file: tinyModel({ biases: true, metadata }), name: "shortformer", team: teamSlug, tokenizer: vocab });
    expect(status).toBe(201);
    expect(body.config).toEqual(expectedConfig({ positional_embedding_type: "shortformer", biases: true }));
    const model = await t.db.model.findUniqueOrThrow({ where: { id: body.id }, include: { tokenizer: true } });
    expect(model.tokenizer).toMatchObject({ kind: "vocab", vocabSize: 5, data: ["a", "b", "c", "d", "e"] });
  });

  it("stores a Hugging Face tokenizer.json whose tokens then read as text over GraphQL", async () => {
    const tokenizer = JSON.stringify(wordLevel({ "[UNK]": 0, the: 1, cat: 2, sat: 3, down: 4 }));
    const { status, body } = await upload(editor, { file: tinyModel({ metadata: { tokenizer: "hf" } }), name: "with hf tokenizer", team: teamSlug, tokenizer });
    expect(status).toBe(201);
    const result = await gql<{ model: { tokenizer: { kind: string; vocabSize: number; sample: { id: number; text: string }[] } } }>(
      t.db, editor, "query($id: ID!) { model(id: $id) { tokenizer { kind vocabSize sample(first: 100) { id text } } } }", { id: body.id });
    expect(result.errors).toBeUndefined();
    expect(result.data?.model.tokenizer).toEqual({
      kind: "hf",
      vocabSize: 5,
      sample: ["[UNK]", "the", "cat", "sat", "down"].map((text, id) => ({ id, text })),
    });
  });

  it("drops TL's attn.mask/IGNORE buffers and lists unknown tensors as warnings", async () => {
    const tensors = {
      ...tinyTensors(),
      "blocks.0.attn.IGNORE": { shape: [], data: [-100000] },
      "extra.thing": { shape: [2], data: [1, 2] },
    };
        const { status, body } = await upload(editor, { file: buildSafetensors(tensors), name: "with buffers", team: teamSlug });
    expect(status).toBe(201);
    expect(body.warnings).toEqual(["unknown tensor extra.thing ignored"]);
    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: body.id } });
    expect(await t.db.tensor.count({ where: { versionId: version.id, name: "blocks.0.attn.IGNORE" } })).toBe(0);
  });

  it("names the model after the file when no name is sent", async () => {
    const file = tinyModel({ metadata: { note: "unnamed" } });
    const { status, body } = await upload(editor, { file, filename: "induction-2l.safetensors", team: teamSlug });
    expect(status).toBe(201);
    expect(body.name).toBe("induction-2l");
  });
});

/** Sends a bad upload and checks the status, the message, the tensor/field named, and that no row was left. */
async function expectRefused(actor: Actor | null, input: FormInput, want: { status: number; message: RegExp; tensor?: string; field?: string }, maxBytes = MAX_BYTES) {
  const before = await tableRowCounts(t.db);
  const { status, body } = await upload(actor, input, maxBytes);
  expect({ status, message: body.error?.message }).toEqual({ status: want.status, message: expect.stringMatching(want.message) });
  if (want.tensor !== undefined) expect(body.error.tensor).toBe(want.tensor);
  if (want.field !== undefined) expect(body.error.field).toBe(want.field);
  expect(await tableRowCounts(t.db)).toEqual(before);
}

function withHeaderLength(file: Uint8Array, n: bigint): Uint8Array {
  const copy = file.slice();
  new DataView(copy.buffer).setBigUint64(0, n, true);
  return copy;
}

describe("POST /api/models: every bad file gets a 4xx naming the fault and leaves no row behind", () => {
  it("a truncated file names the tensor whose data is cut short", async () => {
    const file = tinyModel();
    await expectRefused(editor, { file: file.subarray(0, file.length - 10), team: teamSlug }, { status: 400, message: /file truncated: tensor unembed\.W_U/, tensor: "unembed.W_U" });
  });

  it("a file cut inside its header is refused", async () => {
    await expectRefused(editor, { file: tinyModel().subarray(0, 40), team: teamSlug }, { status: 400, message: /truncated/ });
  });

  it("a header length of 2^40 bytes is refused before anything is read", async () => {
    await expectRefused(editor, { file: withHeaderLength(tinyModel(), 2n ** 40n), team: teamSlug }, { status: 400, message: /header length 1099511627776 bytes exceeds/ });
  });

  it("a tensor claiming 2^40 bytes of data is refused with 413 naming it", async () => {
    const header = JSON.stringify({ "embed.W_E": { dtype: "F32", shape: [2 ** 18, 2 ** 20], data_offsets: [0, 2 ** 40] } });
    await expectRefused(editor, { file: rawSafetensors(header, new Uint8Array(16)), team: teamSlug }, { status: 413, message: /1099511627776/, tensor: "embed.W_E" });
  });

  it("overlapping data offsets name both tensors", async () => {
    const header = JSON.stringify({
      "embed.W_E": { dtype: "F32", shape: [2, 2], data_offsets: [0, 16] },
      "pos_embed.W_pos": { dtype: "F32", shape: [2, 2], data_offsets: [8, 24] },
    });
    await expectRefused(editor, { file: rawSafetensors(header, new Uint8Array(24)), team: teamSlug }, { status: 400, message: /pos_embed\.W_pos.*overlap embed\.W_E/, tensor: "pos_embed.W_pos" });
  });

  it("a NaN inside a tensor names the tensor and the flat index", async () => {
    const tensors = tinyTensors();
    const data = Array.from(tensors["blocks.0.attn.W_Q"].data);
    data[7] = NaN;
    tensors["blocks.0.attn.W_Q"] = { ...tensors["blocks.0.attn.W_Q"], data };
        await expectRefused(editor, { file: buildSafetensors(tensors), team: teamSlug }, { status: 400, message: /tensor blocks\.0\.attn\.W_Q: non-finite value NaN at flat index 7/, tensor: "blocks.0.attn.W_Q" });
  });

  it("a missing W_O is named", async () => {
    const tensors = tinyTensors();
    delete tensors["blocks.1.attn.W_O"];
        await expectRefused(editor, { file: buildSafetensors(tensors), team: teamSlug }, { status: 400, message: /missing blocks\.1\.attn\.W_O/, tensor: "blocks.1.attn.W_O" });
  });

  it("a W_Q with the wrong d_head is named with the d_head it should have", async () => {
    const tensors = tinyTensors();
    const shape = [SIZES.n_heads, SIZES.d_model, SIZES.d_head + 1];
    tensors["blocks.1.attn.W_Q"] = { shape, data: new Array(shape[0] * shape[1] * shape[2]).fill(0.25) };
        await expectRefused(editor, { file: buildSafetensors(tensors), team: teamSlug }, { status: 400, message: /blocks\.1\.attn\.W_Q has shape \[2, 6, 4\] but d_head is 3/, tensor: "blocks.1.attn.W_Q" });
  });

  it("a vocabulary of the wrong length names the tokenizer and d_vocab", async () => {
    const vocab = JSON.stringify(["a", "b", "c", "d"]);
    await expectRefused(editor, { file: tinyModel(), team: teamSlug, tokenizer: vocab }, { status: 400, message: /vocabulary has 4 entries but the model's d_vocab is 5/, field: "tokenizer" });
  });

  it("a tokenizer.json with ids beyond d_vocab is refused naming both numbers", async () => {
    const tokenizer = JSON.stringify(wordLevel({ a: 0, b: 1, c: 2, d: 3, e: 4, f: 5 }));
    await expectRefused(editor, { file: tinyModel(), team: teamSlug, tokenizer }, { status: 400, message: /token ids up to 5 but the model's d_vocab is 5/, field: "tokenizer" });
  });

  it("an unsupported dtype is refused by name", async () => {
    const header = JSON.stringify({ "embed.W_E": { dtype: "I64", shape: [1], data_offsets: [0, 8] } });
    await expectRefused(editor, { file: rawSafetensors(header, new Uint8Array(8)), team: teamSlug }, { status: 400, message: /dtype I64 is not supported/, tensor: "embed.W_E" });
  });

  it("bytes after the last tensor are refused", async () => {
    const file = tinyModel();
    const longer = new Uint8Array(file.length + 4);
    longer.set(file);
    await expectRefused(editor, { file: longer, team: teamSlug }, { status: 400, message: /4 bytes after the last tensor/ });
  });

  it("a file over the size limit is refused with 413", async () => {
    const file = tinyModel();
    await expectRefused(editor, { file, team: teamSlug }, { status: 413, message: /limit/, field: "file" }, file.length - 1);
  });
});

describe("POST /api/models: form and access", () => {
  it("refuses a signed-out upload with 401, a VIEWER with 403 and a non-member with 404", async () => {
    await expectRefused(null, { file: tinyModel(), team: teamSlug }, { status: 401, message: /Sign in/ });
    await expectRefused(viewer, { file: tinyModel(), team: teamSlug }, { status: 403, message: /model:create/ });
    await expectRefused(outsider, { file: tinyModel(), team: teamSlug }, { status: 404, message: /no team uploads/, field: "team" });
  });

  it("needs the team before the file, and nothing after it", async () => {
    await expectRefused(editor, { file: tinyModel({ metadata: { n: "1" } }) }, { status: 400, message: /team field is required/, field: "team" });
    await expectRefused(editor, { file: tinyModel({ metadata: { n: "2" } }), team: teamSlug, order: ["file", "team"] }, { status: 400, message: /team field is required/, field: "team" });
    await expectRefused(editor, { file: tinyModel({ metadata: { n: "3" } }), team: teamSlug, name: "late", order: ["team", "file", "name"] }, { status: 400, message: /name comes after the file/, field: "name" });
  });

  it("refuses a body that is not multipart, and a form with no file", async () => {
    const notMultipart = await handleModelUpload(new Request("http://localhost/api/models", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }), { db: t.db, getActor: async () => editor, maxBytes: MAX_BYTES });
    expect(notMultipart.status).toBe(415);
    await expectRefused(editor, { team: teamSlug, name: "nothing" }, { status: 400, message: /no file part/, field: "file" });
  });
});

// Authentication as every route does it: the better-auth session cookie or an API token sent as
// `Authorization: Bearer`, resolved by lib/auth's getActor (not a stub).
let cookie: string;
let cookieActor: Actor;
let cookieTeamSlug: string;

function sendWithHeaders(file: Uint8Array, headers: Record<string, string>) {
  return handleModelUpload(uploadRequest({ file, team: cookieTeamSlug }, headers), {
    db: t.db,
    getActor: (request) => getActor(request, { db: t.db, auth: t.auth }),
    maxBytes: 1024 * 1024,
  });
}

beforeAll(async () => {
  ({ cookie, actor: cookieActor } = await signUpWithCookie(t, { email: "uploader@example.org", password: "purple elephants juggle", name: "Uploader" }));
  cookieTeamSlug = (await createTeam(t.db, cookieActor, { name: "Cookie Lab" })).slug;
});

describe("POST /api/models authentication (session cookie or Bearer token, through the real getActor)", () => {
  it("accepts the session cookie", async () => {
    const response = await sendWithHeaders(tinyModel({ metadata: { via: "cookie" } }), { cookie });
    expect(response.status).toBe(201);
    const model = await t.db.model.findUniqueOrThrow({ where: { id: ((await response.json()) as { id: string }).id } });
    expect(model.createdById).toBe(cookieActor.userId);
  });

  it("accepts a Bearer API token, and refuses it with 401 once revoked, storing nothing", async () => {
    const { token, secret } = await createApiToken(t.db, cookieActor, { name: "script" });
    const accepted = await sendWithHeaders(tinyModel({ metadata: { via: "token" } }), { authorization: `Bearer ${secret}` });
    expect(accepted.status).toBe(201);

    await revokeApiToken(t.db, cookieActor, token.id);
    const before = await tableRowCounts(t.db);
    const refused = await sendWithHeaders(tinyModel({ metadata: { via: "revoked token" } }), { authorization: `Bearer ${secret}` });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Sign in or send an API token/);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("refuses a READ-only token with 403 naming the WRITE scope, storing nothing", async () => {
    const { secret } = await createApiToken(t.db, cookieActor, { name: "reader", scopes: ["READ"] });
    const before = await tableRowCounts(t.db);
    const refused = await sendWithHeaders(tinyModel({ metadata: { via: "read-only token" } }), { authorization: `Bearer ${secret}` });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/WRITE scope/);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("refuses a made-up token even next to a valid cookie (a Bearer header is decisive)", async () => {
    const response = await sendWithHeaders(tinyModel({ metadata: { via: "forged" } }), { cookie, authorization: "Bearer cb_forged" });
    expect(response.status).toBe(401);
  });
});

// A model bigger than one 8 MiB storage chunk, generated while it is sent (the test never holds the
// file): checks the stream survives piece and chunk boundaries byte for byte.
describe("POST /api/models with a streamed multi-chunk file", () => {
  it("stores a 10 MiB W_E across storage chunks and reads back the values either side of each boundary", async () => {
    // W_E [20480, 128] F32 = 10 MiB: two 8 MiB storage chunks, ten 1 MiB upload pieces.
    const model = wideModel(128, 20480);
    expect(fileBytes(model)).toBeGreaterThan(20 * 2 ** 20);
    const response = await handleModelUpload(streamedRequest(model, teamSlug), { db: t.db, getActor: async () => editor, maxBytes: 2 ** 31 });
    const body = (await response.json()) as { id: string; config: { d_vocab: number; d_model: number } };
    expect(response.status).toBe(201);
    expect(body.config).toMatchObject({ d_vocab: 20480, d_model: 128 });

    const version = await t.db.modelVersion.findFirstOrThrow({ where: { modelId: body.id } });
    const stored = await t.db.tensor.findFirstOrThrow({ where: { versionId: version.id, name: "embed.W_E" } });
    expect(stored.chunkCount).toBe(2);
    const W_E = await readStoredTensor(t.db, version.id, "embed.W_E");
    const chunkElements = (8 * 2 ** 20) / 4;
    const pieceElements = 2 ** 20 / 4;
    for (const i of [0, pieceElements - 1, pieceElements, chunkElements - 1, chunkElements, W_E.data.length - 1]) {
      expect(W_E.data[i], `W_E flat index ${i}`).toBe(model.value(i));
    }
    // Bigger than the tiny models, so one row of it is a real check of the layout: row 1 starts at 128.
    expect(Array.from(W_E.data.subarray(128, 131))).toEqual([model.value(128), model.value(129), model.value(130)]);
  });
});
