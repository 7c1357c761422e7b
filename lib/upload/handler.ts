// The request → response half of POST /api/models, with its dependencies passed in so tests can
// call it on their own database. Rule: the only statuses are 201/200 with the model, the
// UploadError's or data error's 4xx with `{ error: { message, tensor?, field? } }` (403 for a
// cookie-carrying upload from a foreign origin, lib/http/origin), or a logged 500.
import type { Actor } from "@/lib/auth/policy";
import { assertScope } from "@/lib/auth/scopes";
import type { Db } from "@/lib/db/client";
import { isDataError } from "@/lib/db/errors";
import { crossOriginRefusal } from "@/lib/http/origin";
import { UploadError } from "./errors";
import { checkUploadLength, uploadIdleTimeoutMs } from "./limits";
import { uploadModelFromRequest, type UploadResult } from "./upload-model";

export interface UploadHandlerDeps {
  db: Db;
  /** Resolves the acting account from the request (session cookie or Bearer token). */
  getActor(request: Request): Promise<Actor | null>;
  maxBytes: number;
  /** Longest wait for the client's next bytes (default: lib/upload/limits' uploadIdleTimeoutMs()). */
  idleTimeoutMs?: number;
  /**
   * Runs after the upload committed, before the response (the route starts the model's head report
   * here). It must not throw: the model is stored whatever it does.
   */
  afterCommit?(result: UploadResult, actor: Actor | null): Promise<unknown>;
}

/**
 * Every error answer closes the connection: it is usually sent before the body was read (a refused
 * header, a bad field), and a keep-alive client's next request would wait behind the unread rest of
 * this one (6 s here). Closing lets the client open a fresh connection at once.
 */
const CLOSE = { connection: "close" };

export async function handleModelUpload(request: Request, deps: UploadHandlerDeps): Promise<Response> {
  const refusal = crossOriginRefusal(request);
  if (refusal !== null) return Response.json({ error: { message: refusal } }, { status: 403 });
  try {
    // Bounds before work: a declared size over the limit is refused before the actor is looked up.
    checkUploadLength(request, deps.maxBytes);
    const actor = await deps.getActor(request);
    assertScope(actor, "WRITE", "uploading a model");
    const result = await uploadModelFromRequest(request, { db: deps.db, actor, maxBytes: deps.maxBytes, idleTimeoutMs: deps.idleTimeoutMs ?? uploadIdleTimeoutMs() });
    await deps.afterCommit?.(result, actor);
    return Response.json(result, { status: result.duplicate ? 200 : 201 });
  } catch (error) {
    if (error instanceof UploadError) return Response.json(error.body(), { status: error.status, headers: CLOSE });
    if (isDataError(error)) {
      const field = "field" in error && typeof error.field === "string" ? error.field : undefined;
      return Response.json({ error: { message: error.message, ...(field ? { field } : {}) } }, { status: error.status, headers: CLOSE });
    }
    console.error("[api/models] upload failed:", error);
    return Response.json({ error: { message: "Internal server error" } }, { status: 500, headers: CLOSE });
  }
}
