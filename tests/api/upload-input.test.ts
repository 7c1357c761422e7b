// POST /api/models refuses what the database cannot store or should not look at, before doing the
// work: NUL and unpaired surrogates in the form fields (400 naming the field), a declared body over
// the limit (413 before the actor is even looked up); and its duplicate check is no existence
// oracle — identical bytes to a model the uploader cannot read answer exactly as a fresh upload.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { setModelVisibility } from "@/lib/db/models";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { multipartBody, rawUploadRequest, utf16le, type RawPart } from "./multipart";
import { tinyModel, uploadRequest } from "./tiny-model";

const t = useTestDatabase();
let owner: Actor, author: Actor, other: Actor;
let teamSlug: string;

const MAX_BYTES = 1024 * 1024;

beforeAll(async () => {
  owner = await createTestUser(t.db, "owner");
  author = await createTestUser(t.db, "author");
  other = await createTestUser(t.db, "other");
  const team = await t.db.team.create({
    data: { name: "Oracle", slug: "oracle", memberships: { create: [{ userId: owner.userId, role: "OWNER" }, { userId: author.userId, role: "EDITOR" }, { userId: other.userId, role: "EDITOR" }] } },
  });
  teamSlug = team.slug;
});

interface Answer {
  status: number;
  body: { id?: string; name?: string; config?: unknown; warnings?: string[]; duplicate?: boolean; error?: { message: string; field?: string } };
}

async function send(actor: Actor, request: Request): Promise<Answer> {
  const response = await handleModelUpload(request, { db: t.db, getActor: async () => actor, maxBytes: MAX_BYTES });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

function form(parts: RawPart[], file = tinyModel()): Request {
  return rawUploadRequest(multipartBody([...parts, { name: "file", filename: "m.safetensors", data: file }]));
}

describe("form fields the database cannot store", () => {
  const cases: { label: string; parts: () => RawPart[]; field: string; message: RegExp }[] = [
    { label: "a NUL in the name", parts: () => [{ name: "name", data: "bad\u0000name" }, { name: "team", data: teamSlug }], field: "name", message: /name contains a NUL character at index 3/ },
    { label: "a NUL in the team", parts: () => [{ name: "team", data: `${teamSlug}\u0000` }], field: "team", message: /team contains a NUL character at index 6/ },
    {
      label: "an unpaired surrogate in the name (sent as UTF-16)",
      parts: () => [{ name: "name", contentType: "text/plain; charset=utf-16le", data: utf16le("x\ud800y") }, { name: "team", data: teamSlug }],
      field: "name",
      message: /name contains an unpaired surrogate at index 1/,
    },
    {
      label: "an unpaired low surrogate in the team (sent as UTF-16)",
      parts: () => [{ name: "team", contentType: "text/plain; charset=utf-16le", data: utf16le("\udc00") }],
      field: "team",
      message: /team contains an unpaired surrogate at index 0/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.label} with 400 naming the field, storing nothing`, async () => {
      const before = await tableRowCounts(t.db);
      const { status, body } = await send(author, form(c.parts()));
      expect({ status, field: body.error?.field }).toEqual({ status: 400, field: c.field });
      expect(body.error?.message).toMatch(c.message);
      expect(await tableRowCounts(t.db)).toEqual(before);
    });
  }

  it("refuses a file name with a NUL (RFC 5987 encoded; a raw one is malformed framing) when it would name the model", async () => {
    const file: RawPart = { name: "file", filename: "", disposition: `form-data; name="file"; filename*=utf-8''a%00b.safetensors`, data: tinyModel() };
    const request = rawUploadRequest(multipartBody([{ name: "team", data: teamSlug }, file]));
    const { status, body } = await send(author, request);
    expect({ status, field: body.error?.field }).toEqual({ status: 400, field: "file" });
    expect(body.error?.message).toMatch(/file name contains a NUL character/);
  });
});

describe("bounds before work", () => {
  it("refuses a declared body over the limit with 413 before resolving the actor", async () => {
    let looked = 0;
    const request = uploadRequest({ file: tinyModel(), team: teamSlug }, { "content-length": String(1024 ** 3) });
    const response = await handleModelUpload(request, { db: t.db, getActor: async () => (looked++, author), maxBytes: MAX_BYTES });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Answer["body"]).error?.message).toMatch(/1073741824 bytes, more than the 1048576-byte limit/);
    expect(looked).toBe(0);
  });
});

describe("the duplicate check sees only models the uploader can read", () => {
  it("answers identical bytes to a PRIVATE model the uploader cannot read exactly as a fresh upload", async () => {
    const bytes = tinyModel({ metadata: { secret: "yes" } });
    const first = await send(author, uploadRequest({ file: bytes, name: "secret", team: teamSlug }));
    expect(first.status).toBe(201);
    await setModelVisibility(t.db, author, first.body.id!, "PRIVATE");

    // A fresh upload of other bytes, as the reference for what "fresh" looks like.
    const fresh = await send(other, uploadRequest({ file: tinyModel({ metadata: { secret: "no" } }), name: "mine", team: teamSlug }));
    const probe = await send(other, uploadRequest({ file: bytes, name: "probe", team: teamSlug }));
    const shape = (a: Answer) => ({ status: a.status, keys: Object.keys(a.body).sort(), duplicate: a.body.duplicate, warnings: a.body.warnings, config: a.body.config });
    expect(shape(probe)).toEqual(shape(fresh));
    expect(probe.body.id).not.toBe(first.body.id);
    expect(probe.body.name).toBe("probe");

    // The prober's own copy is now readable to them: a repeat is their duplicate, not the secret one.
    const again = await send(other, uploadRequest({ file: bytes, name: "probe again", team: teamSlug }));
    expect(again).toMatchObject({ status: 200, body: { id: probe.body.id, duplicate: true } });
    // The owner reads both and is pointed at the first.
    const byOwner = await send(owner, uploadRequest({ file: bytes, name: "owner's", team: teamSlug }));
    expect(byOwner).toMatchObject({ status: 200, body: { id: first.body.id, duplicate: true } });
  });

  it("makes one model of two concurrent identical uploads by one uploader", async () => {
    const bytes = tinyModel({ metadata: { concurrent: "yes" } });
    const [a, b] = await Promise.all([0, 1].map((i) => send(author, uploadRequest({ file: bytes, name: `race ${i}`, team: teamSlug }))));
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
  });
});
