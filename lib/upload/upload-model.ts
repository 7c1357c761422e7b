// POST /api/models, the work behind the route: multipart in, one stored model out.
// Form order: `name`, `team` and `tokenizer` come before `file` (browsers and curl keep the order
// they are given), so the team is authorised and the tokenizer checked against d_vocab as soon as
// the file's header has been read — before any tensor data is stored.
// Rule: all-or-nothing — lib/db's createModelFromUpload stages the tensors outside any transaction
// and makes them visible in one short transaction only after the whole file has streamed,
// validated and hashed (and no stray part follows); any fault discards the staged rows and
// surfaces as an UploadError naming the tensor or form field. Every wait for the client is
// bounded by the idle timeout (./idle.ts).
import type { Readable } from "node:stream";
import { z } from "zod";
import { authorize, requireActor, type Actor } from "@/lib/auth/policy";
import { teamResource } from "@/lib/db/access";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getTeamForActor } from "@/lib/db/teams";
import { createModelFromUpload } from "@/lib/db/tensors";
import { NotFoundError } from "@/lib/db/errors";
import { ModelFormatError, unstorableCharacter } from "@/lib/engine/io/format-error";
import { parseTokenizer, tokenSample } from "@/lib/engine/io/tokenizer";
import type { AttnOnlyConfig } from "@/lib/engine/transformer/config";
import { storedConfig, type StoredModelConfig } from "@/lib/engine/transformer/stored-config";
import { validateModelHeader } from "@/lib/engine/transformer/weights";
import { ByteReader } from "./byte-reader";
import { toUploadError, UploadError } from "./errors";
import { MAX_TOKENIZER_BYTES } from "./limits";
import { multipartParts, type FilePart, type Part } from "./multipart";
import { finishFile, readHeader, streamTensors } from "./safetensors-stream";

export interface UploadResult {
  id: string;
  name: string;
  /** The TL config, `attn_only`, and a decision transformer's typed-input summary (stored-config.ts). */
  config: StoredModelConfig;
  /** Tensors the engine does not use (listed, not refused). */
  warnings: string[];
  /** True when the team already had a model with exactly this content (nothing new was stored). */
  duplicate: boolean;
}

export interface UploadDeps {
  db: Db;
  actor: Actor | null;
  /** Largest safetensors file accepted, in bytes. */
  maxBytes: number;
  /** Longest wait for the client's next bytes before a 408 (lib/upload/limits.ts). */
  idleTimeoutMs: number;
}

interface FormFields {
  name?: string;
  team?: string;
  tokenizer?: string;
}

/** A text field the database can store: no NUL, no unpaired surrogate (named in the message). */
function storable(field: string) {
  return z.string().superRefine((value, ctx) => {
    const bad = unstorableCharacter(value);
    if (bad) ctx.addIssue({ code: "custom", message: `${field} contains ${bad}` });
  });
}

const nameSchema = storable("name").pipe(z.string().trim().min(1, "name must not be empty").max(120, "name is at most 120 characters"));
const teamSchema = storable("team").pipe(z.string().trim().min(1, "team must not be empty").max(200, "team is at most 200 characters"));

function parseField(schema: z.ZodType<string>, value: string, field: string): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UploadError(400, parsed.error.issues[0]?.message ?? `invalid ${field}`, { field });
  return parsed.data;
}

async function readSmallFile(stream: Readable, limit: number, field: string, idleTimeoutMs: number): Promise<string> {
  const reader = new ByteReader(stream as AsyncIterable<Uint8Array>, idleTimeoutMs);
  const bytes = new Uint8Array(Math.min(limit + 1, 1024 * 1024));
  const pieces: Buffer[] = [];
  for (;;) {
    const n = await reader.readInto(bytes);
    if (reader.position > limit) {
      stream.destroy();
      throw new UploadError(413, `${field} is larger than the ${limit}-byte limit`, { field });
    }
    if (n === 0) break;
    pieces.push(Buffer.from(bytes.subarray(0, n)));
  }
  return Buffer.concat(pieces).toString("utf8");
}

/** Records one part that precedes the file (a text field or the tokenizer). */
async function takePart(form: FormFields, part: Part, idleTimeoutMs: number): Promise<void> {
  const field = part.name;
  if (part.kind === "file" ? field !== "tokenizer" : field !== "name" && field !== "team") {
    throw new UploadError(400, `unexpected form field ${field} (expected name, team, tokenizer, file)`, { field });
  }
  if (form[field as keyof FormFields] !== undefined) throw new UploadError(400, `${field} given twice`, { field });
  if (part.kind === "file") form.tokenizer = await readSmallFile(part.stream, MAX_TOKENIZER_BYTES, "tokenizer", idleTimeoutMs);
  else form[field as "name" | "team"] = parseField(field === "name" ? nameSchema : teamSchema, part.value, field);
}

/** The team's id, once the actor is known to be allowed to upload to it (EDITOR or OWNER). */
async function uploadTeamId(db: Db, actor: Actor, ref: string): Promise<string> {
  let teamId: string;
  try {
    teamId = (await getTeamForActor(db, actor, ref)).id;
  } catch (error) {
    if (error instanceof NotFoundError) throw new UploadError(404, `no team ${ref}`, { field: "team" });
    throw error;
  }
  authorize(actor, "model:create", await teamResource(db, actor, teamId), "team");
  return teamId;
}

function defaultName(filename: string): string {
  const bad = unstorableCharacter(filename);
  if (bad) throw new UploadError(400, `the file name contains ${bad}: send a name field`, { field: "file" });
  return filename.replace(/\.safetensors$/i, "").trim().slice(0, 120) || "model";
}

/** The tokenizer as stored, checked against the model's d_vocab by lib/engine/io/tokenizer. */
function tokenizerFor(text: string | undefined, config: AttnOnlyConfig) {
  if (text === undefined) return null;
  let tokenizer;
  try {
    tokenizer = parseTokenizer(text, config.d_vocab);
  } catch (error) {
    if (error instanceof ModelFormatError) throw new UploadError(400, error.message, { field: "tokenizer" });
    throw error;
  }
  if (tokenizer.kind === "ids") return null;
  return { kind: tokenizer.kind, data: JSON.parse(text) as Prisma.InputJsonValue, vocabSize: tokenizer.size, sample: tokenSample(tokenizer) };
}

/** Reads the multipart request, stores the model, and returns what the route answers (the handler has checked the declared size). */
export async function uploadModelFromRequest(request: Request, deps: UploadDeps): Promise<UploadResult> {
  const { db, actor, maxBytes, idleTimeoutMs } = deps;
  requireActor(actor);
  const parts = multipartParts(request, { maxFileBytes: Math.max(maxBytes, MAX_TOKENIZER_BYTES), maxParts: 8, idleTimeoutMs });
  try {
    const form: FormFields = {};
    for (;;) {
      const { value: part, done } = await parts.next();
      if (done) throw new UploadError(400, "no file part: send the safetensors file as the form field `file`", { field: "file" });
      if (part.kind === "file" && part.name === "file") return await storeFile(db, actor, form, part, deps, parts);
      await takePart(form, part, idleTimeoutMs);
    }
  } catch (error) {
    throw toUploadError(error) ?? error;
  } finally {
    await parts.return(undefined);
  }
}

async function storeFile(
  db: Db,
  actor: Actor,
  form: FormFields,
  file: FilePart,
  { maxBytes, idleTimeoutMs }: UploadDeps,
  rest: AsyncGenerator<Part>,
): Promise<UploadResult> {
  if (form.team === undefined) throw new UploadError(400, "the team field is required and must come before the file", { field: "team" });
  const teamId = await uploadTeamId(db, actor, form.team);
  const name = form.name ?? defaultName(file.filename);
  const reader = new ByteReader(file.stream as AsyncIterable<Uint8Array>, idleTimeoutMs);
  const { header, headerBytes } = await readHeader(reader, maxBytes);
  const validated = validateModelHeader(header);
  const { warnings } = validated;
  const config = storedConfig(validated);
  const tokenizer = tokenizerFor(form.tokenizer, config);
  const result = await createModelFromUpload(db, actor, {
    teamId,
    name,
    config: config as unknown as Prisma.InputJsonObject,
    metadata: { ...header.metadata },
    fileHeader: headerBytes,
    tensors: streamTensors(reader, header),
    tokenizer,
    // Called once every tensor is staged, before the commit: the commit waits for the end of the
    // file (no trailing bytes) and of the form (nothing after the file).
    contentHash: async () => {
      const { sha256 } = await finishFile(reader, header);
      const after = await rest.next();
      if (!after.done) {
        throw new UploadError(400, `form field ${after.value.name} comes after the file: send name, team and tokenizer first`, { field: after.value.name });
      }
      return sha256;
    },
  });
  return { id: result.model.id, name: result.model.name, config, warnings, duplicate: result.duplicate };
}
