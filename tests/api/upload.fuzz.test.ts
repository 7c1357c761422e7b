// Property-based fuzzing of POST /api/models (issue 7 item 9) through the real route handler on the
// test database: hostile multipart framing (no closing boundary, a wrong boundary, duplicate parts,
// NUL in field names, huge part headers, cut bodies, byte edits) and hostile model bytes
// (tests/helpers/fuzz-safetensors.ts). Every refused case answers 4xx with a JSON message — never
// 5xx — and leaves the row count of every table unchanged, within PER_CASE_MS and adding less than
// MAX_CASE_MEMORY_BYTES to peak RSS and to live memory (tests/helpers/memory-bound.ts).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { handleModelUpload } from "@/lib/upload/handler";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { assemble, fuzzRuns, hostileSafetensors } from "@/tests/helpers/fuzz-safetensors";
import { BOUNDARY, multipartBody, type RawPart } from "./multipart";
import { tinyModel } from "./tiny-model";
import { expectMemoryBounded, memoryMark, mib } from "@/tests/helpers/memory-bound";
import { timeBoundMs } from "@/tests/helpers/time-bound";

const t = useTestDatabase();
let editor: Actor;
let teamSlug: string;
/** One statement counting the rows of every table (all at once: 1 000 cases × 40 tables is too many round trips). */
let countAll: string;

const MAX_BYTES = 1024 * 1024;
/** Longest one case may take through the handler and database (the slowest seen here is far below). */
const PER_CASE_MS = 2000;

beforeAll(async () => {
  editor = await createTestUser(t.db, "fuzzer");
  teamSlug = (await t.db.team.create({ data: { name: "Fuzz", slug: "fuzz", memberships: { create: [{ userId: editor.userId, role: "EDITOR" }] } } })).slug;
  const tables = await t.db.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`);
  countAll = `SELECT ${tables.map(({ tablename }, i) => `(SELECT count(*) FROM "${tablename}") AS c${i}`).join(", ")}`;
});

async function rowCounts(): Promise<string> {
  const [row] = await t.db.$queryRawUnsafe<Record<string, bigint | number>[]>(countAll);
  return Object.values(row).map(String).join(",");
}

const enc = new TextEncoder();

interface UploadCase {
  label: string;
  body: Uint8Array;
  /** The Content-Type's boundary (may differ from the body's). */
  boundary?: string;
  contentType?: string;
}

const fields = (): RawPart[] => [{ name: "name", data: "fuzzed" }, { name: "team", data: teamSlug }];
const filePart = (data: Uint8Array): RawPart => ({ name: "file", filename: "m.safetensors", data });

/** Hostile framing around a valid model (built after beforeAll: the form names the test's team). */
const framingCase = (): fc.Arbitrary<UploadCase> => fc.oneof(
  fc.constant<UploadCase>({ label: "no closing boundary", body: multipartBody([...fields(), filePart(tinyModel())], { open: true }) }),
  fc.nat({ max: 1 }).map((cut): UploadCase => {
    const body = multipartBody([...fields(), filePart(tinyModel())]);
    return { label: "closing boundary cut", body: body.subarray(0, body.length - 4 - cut * 6) };
  }),
  fc.constantFrom("other-boundary", BOUNDARY.slice(0, -1), `${BOUNDARY}x`, "").map((b): UploadCase => ({ label: `wrong boundary ${JSON.stringify(b)}`, body: multipartBody([...fields(), filePart(tinyModel())]), boundary: b })),
  fc.constantFrom("name", "team", "file", "tokenizer").map((dup): UploadCase => {
    const parts = [...fields(), { name: "tokenizer", filename: "t.json", data: "[]" }, filePart(tinyModel())];
    const twice = parts.find((p) => p.name === dup)!;
    return { label: `duplicate ${dup}`, body: multipartBody([twice, ...parts]) };
  }),
  fc.constantFrom("na\u0000me", "\u0000", "file\u0000", "team\u0000x").map((name): UploadCase => ({ label: "NUL in a field name", body: multipartBody([{ name, data: "x" }, ...fields(), filePart(tinyModel())]) })),
  fc.integer({ min: 1000, max: 200_000 }).map((n): UploadCase => {
    const huge = enc.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\nX-Padding: ${"p".repeat(n)}\r\n\r\nx\r\n`);
    const rest = multipartBody([{ name: "team", data: teamSlug }, filePart(tinyModel())]);
    const body = new Uint8Array(huge.length + rest.length);
    body.set(huge);
    body.set(rest, huge.length);
    return { label: `a ${n}-byte part header`, body };
  }),
  fc.integer({ min: 100, max: 3000 }).map((n): UploadCase => ({ label: `${n} part headers`, body: multipartBody([{ name: "name", disposition: `form-data; name="name"\r\n${"X-A: b\r\n".repeat(n)}`.trimEnd(), data: "x" }, filePart(tinyModel())]) })),
  fc.constantFrom("text/plain", "multipart/form-data", "multipart/form-data; boundary=", "application/json", "multipart/mixed; boundary=" + BOUNDARY).map((contentType): UploadCase => ({ label: `content type ${contentType}`, body: multipartBody([...fields(), filePart(tinyModel())]), contentType })),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 4 })).map(([cut, flips]): UploadCase => {
    const full = multipartBody([...fields(), filePart(tinyModel())]);
    const body = full.slice(0, Math.max(1, Math.floor(cut * full.length)));
    // Flips land in the framing before the file's data (the first 400 bytes) as often as anywhere.
    for (const [p, mask] of flips) body[Math.floor((p < 0.5 ? p * 2 * Math.min(400, body.length) : p * body.length)) % body.length] ^= mask;
    return { label: "cut and flipped", body };
  }),
);

/** A well-framed form carrying hostile model bytes. */
const modelCase = (): fc.Arbitrary<UploadCase> => hostileSafetensors.map((file): UploadCase => ({ label: "hostile model bytes", body: multipartBody([...fields(), filePart(file)]) }));

function request(c: UploadCase): Request {
  return new Request("http://localhost:3000/api/models", {
    method: "POST",
    body: c.body as Uint8Array<ArrayBuffer>,
    headers: { "content-type": c.contentType ?? `multipart/form-data; boundary=${c.boundary ?? BOUNDARY}` },
  });
}

const stats = { cases: 0, accepted: 0, slowest: 0, largestGrowth: 0, statuses: new Map<number, number>() };

async function refusedCleanly(c: UploadCase): Promise<void> {
  const before = await rowCounts();
  const memory = memoryMark();
  const start = performance.now();
  const response = await handleModelUpload(request(c), { db: t.db, getActor: async () => editor, maxBytes: MAX_BYTES, idleTimeoutMs: 5000 });
  const text = await response.text();
  const ms = performance.now() - start;
  expectMemoryBounded(memory, stats, c.label);
  stats.cases++;
  stats.slowest = Math.max(stats.slowest, ms);
  stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
  if (response.status < 300) {
    stats.accepted++; // a mutation that left a valid model: stored, nothing to compare
    return;
  }
  const where = `${c.label}: ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeGreaterThanOrEqual(400);
  expect(response.status, where).toBeLessThan(500);
  const body = JSON.parse(text) as { error?: { message?: unknown } };
  expect(typeof body.error?.message, where).toBe("string");
  expect((body.error!.message as string).length, where).toBeGreaterThan(0);
  expect(await rowCounts(), where).toBe(before);
  expect(ms, where).toBeLessThan(timeBoundMs(PER_CASE_MS));
}

describe("upload route fuzz", () => {
  it("stores the unmutated form (the mutations start from a valid upload)", async () => {
    const response = await handleModelUpload(request({ label: "valid", body: multipartBody([...fields(), filePart(tinyModel())]) }), { db: t.db, getActor: async () => editor, maxBytes: MAX_BYTES });
    expect(response.status).toBe(201);
  });

  it("answers 400 to a body cut inside the closing boundary (busboy's \"Unexpected end of form\" was a 500)", async () => {
    const body = multipartBody([...fields(), filePart(tinyModel())]);
    for (const cut of [4, 10]) await refusedCleanly({ label: `cut ${cut}`, body: body.subarray(0, body.length - cut) });
    expect(stats.statuses.get(400)).toBe(2);
  });

  it("stores a zero-byte tensor whose offset lies inside an earlier tensor (the stream position moved back: a 500)", async () => {
    const file = tinyModel();
    const n = Number(new DataView(file.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n))) as Record<string, unknown>;
    header["extra.empty"] = { dtype: "F32", shape: [0], data_offsets: [40, 40] };
    const response = await handleModelUpload(request({ label: "zero-byte inside", body: multipartBody([...fields(), filePart(assemble(JSON.stringify(header), file.subarray(8 + n)))]) }), { db: t.db, getActor: async () => editor, maxBytes: MAX_BYTES });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { warnings: string[] }).warnings).toContain("unknown tensor extra.empty ignored");
    stats.statuses.clear();
  });

  it("hostile multipart framing: 400 cases", async () => {
    await fc.assert(fc.asyncProperty(framingCase(), refusedCleanly), fuzzRuns(400));
  });

  it("hostile model bytes in a valid form: 600 cases, then reports the counts", async () => {
    const start = performance.now();
    await fc.assert(fc.asyncProperty(modelCase(), refusedCleanly), fuzzRuns(600));
    console.info(
      `[upload fuzz] ${stats.cases} cases (${stats.accepted} accepted), statuses ${JSON.stringify(Object.fromEntries(stats.statuses))}, slowest ${stats.slowest.toFixed(0)} ms, largest memory growth ${mib(stats.largestGrowth)}, model cases at ${(600 / ((performance.now() - start) / 1000)).toFixed(0)}/s`,
    );
    expect(stats.cases).toBe(1002);
  });
});
