// Size and time limits of POST /api/models. Rule: one place decides them, read from the environment
// once per request so tests and deployments can change them without code; the declared size is
// checked before the actor is resolved (no database work for a body that will be refused).
import { declaredLength } from "@/lib/http/body-limit";
import { UploadError } from "./errors";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Default largest safetensors upload: 2 GiB (ARENA's attn_only_2L is 334 MB). */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * GiB;
/** Largest tokenizer part (HF tokenizer.json files of 50k-token vocabularies are a few MB). */
export const MAX_TOKENIZER_BYTES = 64 * MiB;
/** Room for the multipart framing and the small text fields beside the file and tokenizer. */
export const FORM_OVERHEAD_BYTES = 1 * MiB;
/** A client that sends nothing for this long is cut off (408); $CIRCUITBOARD_UPLOAD_IDLE_MS overrides it. */
export const UPLOAD_IDLE_TIMEOUT_MS = 30_000;

function positiveIntegerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** $CIRCUITBOARD_MAX_UPLOAD_BYTES when set to a positive integer, else DEFAULT_MAX_UPLOAD_BYTES. */
export function maxUploadBytes(): number {
  return positiveIntegerFromEnv("CIRCUITBOARD_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES);
}

/** $CIRCUITBOARD_UPLOAD_IDLE_MS when set to a positive integer, else UPLOAD_IDLE_TIMEOUT_MS. */
export function uploadIdleTimeoutMs(): number {
  return positiveIntegerFromEnv("CIRCUITBOARD_UPLOAD_IDLE_MS", UPLOAD_IDLE_TIMEOUT_MS);
}

/** 413 when the request declares more bytes than a file of `maxBytes` with a tokenizer can need. */
export function checkUploadLength(request: Request, maxBytes: number): void {
  const limit = maxBytes + MAX_TOKENIZER_BYTES + FORM_OVERHEAD_BYTES;
  const declared = declaredLength(request);
  if (declared !== undefined && declared > limit) throw new UploadError(413, `the upload is ${declared} bytes, more than the ${maxBytes}-byte limit`, { field: "file" });
}
