// Issue 7's "done when" for uploads, over a real HTTP server (node:http around the route handler, on
// the test database): the crashing header (blocks.30000000.attn.b_O), 50 000 tensors, NUL in a
// tensor name, in metadata and in the form's name field, a lone surrogate in a vocabulary and a
// multipart body without its closing boundary each answer 4xx within a second, the server keeps
// answering, and no table's row count changes. After an early error on a keep-alive connection the
// next request is answered promptly (the issue saw a ~6 s stall, reproduced here: the error answer
// now closes its connection, so the client's next request goes out on a fresh one at once).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { rawSafetensors } from "@/tests/helpers/safetensors-builder";
import { BOUNDARY, multipartBody, type RawPart } from "./multipart";
import { tinyModel } from "./tiny-model";
import { timeBoundMs } from "@/tests/helpers/time-bound";

const t = useTestDatabase();
let editor: Actor;
let teamSlug: string;
let server: http.Server;
let base: string;
let connections = 0;

beforeAll(async () => {
  editor = await createTestUser(t.db, "http-uploader");
  teamSlug = (await t.db.team.create({ data: { name: "Http", slug: "http", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }] } } })).slug;
  server = http.createServer((req, res) => {
    void (async () => {
      const request = new Request(`http://localhost${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "POST" ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
        duplex: "half",
      } as RequestInit);
      const response = req.url === "/api/models" ? await handleModelUpload(request, { db: t.db, getActor: async () => editor, maxBytes: 16 * 1024 * 1024 }) : Response.json({ ok: true });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Answer { status: number; body: string; ms: number; connection?: string }

function post(path: string, body: Uint8Array | undefined, agent: http.Agent): Promise<Answer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, {
      method: body ? "POST" : "GET",
      agent,
      headers: body ? { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(body.length) } : {},
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - start, connection: res.headers.connection }));
    });
    req.on("error", reject);
    req.end(body ? Buffer.from(body) : undefined);
  });
}

const f32 = (shape: number[], begin: number) => ({ dtype: "F32", shape, data_offsets: [begin, begin + 4 * shape.reduce((a, b) => a * b, 1)] });

function fileOf(header: Record<string, unknown>): Uint8Array {
  const end = Math.max(0, ...Object.values(header).map((v) => (v as { data_offsets?: number[] }).data_offsets?.[1] ?? 0));
  return rawSafetensors(JSON.stringify(header), new Uint8Array(end));
}

const form = (file: Uint8Array, extra: RawPart[] = [{ name: "name", data: "probe" }], open = false) =>
  multipartBody([...extra, { name: "team", data: teamSlug }, { name: "file", filename: "m.safetensors", data: file }], { open });

const many: Record<string, unknown> = {};
for (let i = 0; i < 50_000; i++) many[`t${i}`] = { dtype: "F32", shape: [0], data_offsets: [0, 0] };

const CASES: { label: string; body: () => Uint8Array; message: RegExp }[] = [
  { label: "the crashing header (blocks.30000000.attn.b_O)", body: () => form(fileOf({ "embed.W_E": f32([4, 2], 0), "pos_embed.W_pos": f32([3, 2], 32), "blocks.30000000.attn.b_O": f32([2], 56) })), message: /MAX_LAYERS/ },
  { label: "a 50 000-tensor header", body: () => form(rawSafetensors(JSON.stringify(many))), message: /50000 entries.*MAX_TENSORS/ },
  { label: "a NUL in a tensor name", body: () => form(fileOf({ "embed.W_E\u0000": f32([4, 2], 0) })), message: /NUL character/ },
  { label: "a NUL in metadata", body: () => form(fileOf({ __metadata__: { note: "a\u0000b" }, "embed.W_E": f32([4, 2], 0) })), message: /__metadata__\.note.*NUL character/ },
  { label: "a NUL in the form's name field", body: () => form(tinyModel(), [{ name: "name", data: "bad\u0000name" }]), message: /name contains a NUL character/ },
  { label: "a lone surrogate in a vocabulary", body: () => form(tinyModel(), [{ name: "tokenizer", filename: "vocab.json", data: '["a", "\\ud800", "c", "d", "e"]' }]), message: /vocabulary entry 1 .*unpaired surrogate/ },
  { label: "a multipart body without its closing boundary", body: () => form(tinyModel(), undefined, true), message: /./ },
];

describe("upload done-when over HTTP", () => {
  for (const c of CASES) {
    it(`answers ${c.label} with 4xx within a second, keeps answering, changes no row`, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const before = await tableRowCounts(t.db);
        const answer = await post("/api/models", c.body(), agent);
        expect(answer.status, answer.body).toBeGreaterThanOrEqual(400);
        expect(answer.status, answer.body).toBeLessThan(500);
        expect((JSON.parse(answer.body) as { error: { message: string } }).error.message).toMatch(c.message);
        expect(answer.ms).toBeLessThan(timeBoundMs(1000));
        const next = await post("/health", undefined, agent);
        expect(next.status).toBe(200);
        expect(await tableRowCounts(t.db)).toEqual(before);
      } finally {
        agent.destroy();
      }
    });
  }

  it("answers the next request of a keep-alive agent promptly after an early upload error (it stalled 6 s)", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // The header is refused before the 4 MiB of tensor data is read: the rest of the body is unread.
      const big = rawSafetensors(JSON.stringify({ "blocks.30000000.attn.b_O": f32([1024, 1024], 0) }), new Uint8Array(4 * 1024 * 1024));
      const opened = connections;
      const warm = await post("/health", undefined, agent);
      const first = await post("/api/models", form(big), agent);
      expect(warm.status).toBe(200);
      expect(first.status).toBe(400);
      // The error answer closes its connection (the unread body would stall it); the agent opens a new one.
      expect(first.connection).toBe("close");
      const second = await post("/health", undefined, agent);
      const third = await post("/api/models", form(tinyModel(), [{ name: "name", data: "after the error" }]), agent);
      expect(second.status).toBe(200);
      expect(third.status).toBe(201);
      expect(second.ms).toBeLessThan(timeBoundMs(500));
      expect(connections - opened).toBe(2); // the warm-up and the error on one, the rest on a fresh one
    } finally {
      agent.destroy();
    }
  });
});
