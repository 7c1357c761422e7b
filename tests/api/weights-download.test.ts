// GET /api/models/<id>/weights (lib/download/handler.ts): a reader gets the uploaded file back byte
// for byte, with its sha256 and a download name; anyone who may not read the model gets the same 404
// as for a model that does not exist; a version that is not one integer in 1…MAX_VERSION_NUMBER is a
// 400 naming `version`; a version stored without its upload header (a training checkpoint) comes
// back as a valid safetensors file of the stored tensors.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { getModelForActor } from "@/lib/db/models";
import { MAX_VERSION_NUMBER } from "@/lib/db/weights-file";
import { addModelVersion } from "@/lib/db/tensors";
import { handleWeightsDownload, SIGN_IN_TO_DOWNLOAD } from "@/lib/download/handler";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith } from "@/tests/graphql/fixtures";
import { tinyModel, tinyTensors, uploadRequest } from "./tiny-model";

const t = useTestDatabase();
let editor: Actor, viewer: Actor, outsider: Actor, teamId: string;
let teamModel: string, privateModel: string;
const uploaded = tinyModel({ dtype: "F16", metadata: { format: "pt", note: "kept as sent" } });

async function upload(file: Uint8Array, name: string): Promise<string> {
  const response = await handleModelUpload(uploadRequest({ file, name, team: teamId }), { db: t.db, getActor: async () => editor, maxBytes: 1 << 24 });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function download(actor: Actor | null, modelId: string, query = ""): Promise<Response> {
  return handleWeightsDownload(new Request(`http://localhost:3000/api/models/${modelId}/weights${query}`), modelId, { db: t.db, getActor: async () => actor });
}

beforeAll(async () => {
  editor = await createTestUser(t.db, "dl-editor");
  viewer = await createTestUser(t.db, "dl-viewer");
  outsider = await createTestUser(t.db, "dl-outsider");
  teamId = await createTeamWith(t.db, "Download lab", [[editor, "EDITOR"], [viewer, "VIEWER"]]);
  await createTeamWith(t.db, "Elsewhere", [[outsider, "OWNER"]]);
  teamModel = await upload(uploaded, "Tiny model (F16) ü");
  privateModel = await upload(tinyModel({ metadata: { secret: "yes" } }), "private one");
  await t.db.model.update({ where: { id: privateModel }, data: { visibility: "PRIVATE" } });
});

describe("GET /api/models/<id>/weights", () => {
  it("gives a VIEWER of the team the uploaded file byte for byte, with its sha256, length and a download name", async () => {
    const response = await download(viewer, teamModel);
    expect(response.status).toBe(200);
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(body).equals(Buffer.from(uploaded))).toBe(true);
    const sha = createHash("sha256").update(uploaded).digest("hex");
    expect(response.headers.get("x-content-sha256")).toBe(sha);
    expect(response.headers.get("content-length")).toBe(String(uploaded.length));
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="Tiny-model-F16-u-v1.safetensors"; filename*=UTF-8''Tiny-model-F16-u-v1.safetensors`);
    expect((await download(viewer, teamModel, "?version=1")).status).toBe(200);
  });

  it("answers 404 to a non-member and to a team member who may not read a PRIVATE model, as for a model that does not exist; 401 signed out", async () => {
    const missing = await download(viewer, "c".repeat(25));
    expect(missing.status).toBe(404);
    const missingBody = await missing.json();
    for (const [actor, id] of [[outsider, teamModel], [viewer, privateModel], [outsider, privateModel]] as const) {
      const response = await download(actor, id);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(missingBody);
    }
    expect((await download(viewer, "../../etc/passwd")).status).toBe(404);
    expect((await download(null, teamModel)).status).toBe(401);
    // The uploader (EDITOR) reads its PRIVATE model, and gets its file.
    const own = await download(editor, privateModel);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(Buffer.from(tinyModel({ metadata: { secret: "yes" } })))).toBe(true);
  });

  it("refuses a signed-out visitor with 401 and a message saying why, also for a PUBLIC model they may browse, the same for every id", async () => {
    const publicModel = await upload(tinyModel({ metadata: { note: "public" } }), "public one");
    await t.db.model.update({ where: { id: publicModel }, data: { visibility: "PUBLIC" } });
    // The visitor may browse it (model:read) …
    expect((await getModelForActor(t.db, null, publicModel)).id).toBe(publicModel);
    const answers = [];
    for (const id of [publicModel, teamModel, privateModel, "c".repeat(25)]) {
      const response = await download(null, id);
      expect(response.status, id).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="circuitboard"');
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      answers.push(await response.json());
    }
    // … but not download it, and the answer says so without telling one id from another.
    expect(answers[0]).toEqual({ error: { message: SIGN_IN_TO_DOWNLOAD } });
    expect(SIGN_IN_TO_DOWNLOAD).toMatch(/sign in.*API token.*Public models can be browsed signed out, but not downloaded/i);
    for (const a of answers) expect(a).toEqual(answers[0]);
    // A signed-in non-member downloads the PUBLIC model.
    const outsiderGets = await download(outsider, publicModel);
    expect(outsiderGets.status).toBe(200);
    expect(Buffer.from(await outsiderGets.arrayBuffer()).equals(Buffer.from(tinyModel({ metadata: { note: "public" } })))).toBe(true);
  });

  it("refuses hostile version values with 400 naming version before looking anything up, and a version the model lacks with 404", async () => {
    const hostile = ["0", "-1", "1.5", "1e3", "01", "abc", "", " 1", "0x1", String(MAX_VERSION_NUMBER + 1), "9".repeat(400)];
    for (const v of hostile) {
      const response = await download(viewer, teamModel, `?version=${encodeURIComponent(v)}`);
      expect(response.status, `version=${JSON.stringify(v)}`).toBe(400);
      expect(await response.json()).toEqual({ error: { message: `version must be one integer from 1 to ${MAX_VERSION_NUMBER}.`, field: "version" } });
    }
    expect((await download(viewer, teamModel, "?version=1&version=1")).status).toBe(400);
    // Refused before the actor is even looked up: signed out, still 400.
    expect((await download(null, teamModel, "?version=0")).status).toBe(400);
    const absent = await download(viewer, teamModel, `?version=${MAX_VERSION_NUMBER}`);
    expect(absent.status).toBe(404);
    expect(await absent.json()).toEqual({ error: { message: `This model has no version ${MAX_VERSION_NUMBER}.` } });
  });

  it("serves a version stored without its upload header (a checkpoint) as a safetensors file of the stored tensors in name order", async () => {
    const tensors = tinyTensors();
    const names = Object.keys(tensors).sort();
    const data = names.map((n) => new Uint8Array(Float32Array.from(tensors[n].data).buffer));
    await addModelVersion(t.db, editor, teamModel, {
      config: (await t.db.model.findUniqueOrThrow({ where: { id: teamModel } })).config as Record<string, number>,
      metadata: { step: "100" },
      tensors: names.map((name, i) => ({ name, dtype: "F32", shape: tensors[name].shape, chunks: [data[i]] })),
      contentHash: "0".repeat(64),
    });
    const response = await download(viewer, teamModel, "?version=2");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-sha256")).toBeNull();
    const file = new Uint8Array(await response.arrayBuffer());
    // Read by hand (safetensors spec: u64 LE header length, JSON, data).
    const n = Number(new DataView(file.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> & { __metadata__: unknown };
    expect(header.__metadata__).toEqual({ step: "100" });
    expect(Object.keys(header).filter((k) => k !== "__metadata__")).toEqual(names);
    let at = 0;
    names.forEach((name, i) => {
      expect(header[name]).toEqual({ dtype: "F32", shape: tensors[name].shape, data_offsets: [at, at + data[i].length] });
      expect(Buffer.from(file.subarray(8 + n + at, 8 + n + at + data[i].length)).equals(Buffer.from(data[i]))).toBe(true);
      at += data[i].length;
    });
    expect(file.length).toBe(8 + n + at);
    expect(response.headers.get("content-length")).toBe(String(file.length));
    // The latest is now version 2.
    expect((await download(viewer, teamModel)).headers.get("content-disposition")).toContain("-v2.safetensors");
  });
});
