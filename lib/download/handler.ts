// The weights download (GET /api/models/<id>/weights?version=N): the safetensors file of a model
// version (default: the latest) for any signed-in reader of the model (lib/db/weights-file.ts).
// 401 signed out — also for a PUBLIC model, which a visitor may browse but not download: a download
// streams the whole file, so it is made by an account (docs/PUBLIC-ACCESS.md); the same answer for
// every id, so it reveals nothing. 404 for a model the actor may not read or a version it lacks, 400
// for a version that is not one decimal integer from 1 to MAX_VERSION_NUMBER (checked before any query).
// `X-Content-SHA256` is sent when the bytes are the uploaded file's. Dependencies are passed in so
// tests run it on their own database (as lib/upload/handler.ts).
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { isDataError, BadInputError } from "@/lib/db/errors";
import { MAX_VERSION_NUMBER, openWeightsFileForActor } from "@/lib/db/weights-file";

export interface DownloadDeps {
  db: Db;
  getActor: (request: Request) => Promise<Actor | null>;
}

/** Model ids are cuids; anything else cannot name a model. */
const MODEL_ID = /^[a-z0-9]{8,64}$/i;
/** At most 10 digits, no sign, no leading zero: the number is bounded before it is parsed. */
const VERSION = /^[1-9][0-9]{0,9}$/;

function fail(status: number, message: string, field?: string): Response {
  return Response.json({ error: { message, ...(field ? { field } : {}) } }, { status });
}

/** What a signed-out visitor hears, whether or not the model is PUBLIC (and whether or not it exists). */
export const SIGN_IN_TO_DOWNLOAD = "Downloading weights needs an account: sign in, or send an API token (Authorization: Bearer). Public models can be browsed signed out, but not downloaded.";

function signInToDownload(): Response {
  const response = fail(401, SIGN_IN_TO_DOWNLOAD);
  response.headers.set("www-authenticate", 'Bearer realm="circuitboard"');
  return response;
}

/** The version asked for: undefined for the latest, or a number in 1…MAX_VERSION_NUMBER. */
export function versionParam(params: URLSearchParams): number | undefined {
  const values = params.getAll("version");
  if (values.length === 0) return undefined;
  const n = values.length === 1 && VERSION.test(values[0]) ? Number(values[0]) : NaN;
  if (!(n <= MAX_VERSION_NUMBER)) throw new BadInputError(`version must be one integer from 1 to ${MAX_VERSION_NUMBER}.`, "version");
  return n;
}

export async function handleWeightsDownload(request: Request, modelId: string, deps: DownloadDeps): Promise<Response> {
  try {
    const version = versionParam(new URL(request.url).searchParams);
    const actor = await deps.getActor(request);
    if (!actor) return signInToDownload();
    if (!MODEL_ID.test(modelId)) return fail(404, "No model with that id.");
    const file = await openWeightsFileForActor(deps.db, actor, modelId, version);
    const headers: Record<string, string> = {
      "content-type": "application/octet-stream",
      "content-length": String(file.byteLength),
      "content-disposition": `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "cache-control": "private, no-store",
    };
    if (file.contentHash) headers["x-content-sha256"] = file.contentHash;
    return new Response(file.body, { headers });
  } catch (error) {
    if (isDataError(error)) return fail(error.status, error.message, error instanceof BadInputError ? error.field : undefined);
    throw error;
  }
}
