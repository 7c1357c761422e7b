// POST /api/models cannot hold the database: bytes are staged outside any transaction, an upload
// that stalls is cut off by the idle timeout, aborted or failed uploads leave no row behind, and
// other requests are served while uploads are in flight — on embedded PGlite (one connection) and
// on Postgres (a pool), whichever this run uses (scripts/test-integration.mjs runs both).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { sweepStaleUploads } from "@/lib/db/staging";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { gql } from "@/tests/graphql/harness";
import { buildSafetensors } from "@/tests/helpers/safetensors-builder";
import { controlledRequest, multipartBody } from "./multipart";
import { tinyModel, tinyTensors } from "./tiny-model";

const t = useTestDatabase();
let editor: Actor;
let teamSlug: string;

beforeAll(async () => {
  editor = await createTestUser(t.db, "stager");
  teamSlug = (await t.db.team.create({ data: { name: "Staging", slug: "staging", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }] } } })).slug;
});

function formBytes(file: Uint8Array, name: string): Uint8Array {
  return multipartBody([{ name: "name", data: name }, { name: "team", data: teamSlug }, { name: "file", filename: "m.safetensors", data: file }]);
}

function send(request: Request, idleTimeoutMs = 60_000) {
  return handleModelUpload(request, { db: t.db, getActor: async () => editor, maxBytes: 64 * 1024 * 1024, idleTimeoutMs });
}

/** A model whose W_E holds `rows` × 64 F32 values: big enough that half of it spans stored chunks. */
function biggerModel(rows: number, seed: number): Uint8Array {
  const W_E = { shape: [rows, 64], data: Float32Array.from({ length: rows * 64 }, (_, i) => ((i * 31 + seed) % 97) / 97 - 0.5) };
  // d_model 64 must agree everywhere: rebuild the other tensors at that width with zeros.
  const out: ReturnType<typeof tinyTensors> = { "embed.W_E": W_E, "pos_embed.W_pos": { shape: [4, 64], data: new Float32Array(256) } };
  for (const l of [0, 1]) {
    for (const w of ["W_Q", "W_K", "W_V"]) out[`blocks.${l}.attn.${w}`] = { shape: [2, 64, 3], data: new Float32Array(384) };
    out[`blocks.${l}.attn.W_O`] = { shape: [2, 3, 64], data: new Float32Array(384) };
  }
  out["unembed.W_U"] = { shape: [64, rows], data: new Float32Array(64 * rows) };
  return buildSafetensors(out);
}

/** Milliseconds `run` takes. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe("uploads stage outside transactions", () => {
  it("keeps answering other queries while ten uploads stall halfway, then leaves no row once they are aborted", async () => {
    const before = await tableRowCounts(t.db);
    // The first is bigger than one 8 MiB storage chunk, so half of it has reached the database.
    const files = Array.from({ length: 10 }, (_, i) => (i === 0 ? biggerModel(40_000, i) : tinyModel({ metadata: { copy: String(i) } })));
    const uploads = files.map((file, i) => {
      const body = formBytes(file, `stalled ${i}`);
      const controlled = controlledRequest(body, Math.floor(body.length / 2));
      return { ...controlled, response: send(controlled.request) };
    });
    await Promise.all(uploads.map((u) => u.paused));
    // Give the server time to stage what it has received.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await t.db.stagedUpload.count()).toBe(10);

    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      latencies.push(await timed(async () => {
        const result = await gql(t.db, editor, "{ models(first: 5) { edges { node { id } } } }");
        expect(result.errors).toBeUndefined();
      }));
    }
    // Measured ≈ 10–40 ms a query here; a held transaction would block them for the upload timeout.
    expect(Math.max(...latencies)).toBeLessThan(5_000);

    for (const u of uploads) u.abort();
    const responses = await Promise.all(uploads.map((u) => u.response));
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/interrupted/);
    }
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("cuts off a client that stops sending after the idle timeout (408), leaving no row", async () => {
    const before = await tableRowCounts(t.db);
    const body = formBytes(tinyModel({ metadata: { stalls: "yes" } }), "stalls");
    const controlled = controlledRequest(body, Math.floor(body.length / 2));
    const started = performance.now();
    const response = await send(controlled.request, 300);
    const elapsed = performance.now() - started;
    controlled.abort();
    expect(response.status).toBe(408);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/no data arrived for 0.3 s/);
    expect(elapsed).toBeLessThan(10_000);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });

  it("stores a stalled upload normally once the client resumes", async () => {
    const body = formBytes(tinyModel({ metadata: { resumes: "yes" } }), "resumes");
    const controlled = controlledRequest(body, Math.floor(body.length / 2));
    const response = send(controlled.request);
    await controlled.paused;
    controlled.resume();
    expect((await response).status).toBe(201);
    expect(await t.db.stagedUpload.count()).toBe(0);
  });
});

describe("sweepStaleUploads", () => {
  it("removes staging areas untouched for longer than the limit with their tensors and chunks, and keeps fresh ones", async () => {
    const before = await tableRowCounts(t.db);
    const stale = await t.db.stagedUpload.create({ data: { touchedAt: new Date(Date.now() - 60 * 60 * 1000) } });
    const fresh = await t.db.stagedUpload.create({ data: {} });
    for (const upload of [stale, fresh]) {
      const tensor = await t.db.tensor.create({ data: { stagedUploadId: upload.id, name: "W_E", dtype: "F32", shape: [1], sha256: "", byteLength: 4, chunkCount: 1 } });
      await t.db.tensorChunk.create({ data: { tensorId: tensor.id, index: 0, offset: 0, bytes: new Uint8Array(4) } });
    }
    expect(await sweepStaleUploads(t.db, 10 * 60 * 1000)).toBe(1);
    expect(await t.db.stagedUpload.findUnique({ where: { id: stale.id } })).toBeNull();
    expect(await t.db.tensor.count({ where: { stagedUploadId: fresh.id } })).toBe(1);
    expect(await sweepStaleUploads(t.db, 0)).toBe(1);
    expect(await tableRowCounts(t.db)).toEqual(before);
  });
});
