// Request body limits for every route handler. Rule: a body is bounded before it is parsed and,
// where the route allows, before any authentication work — a declared Content-Length over the
// limit is refused unread (413), and a body without one is read only up to the limit, then the
// reading stops and the request is refused. Nothing here buffers more than `limit` bytes.

const KiB = 1024;
const MiB = 1024 * KiB;

/** Largest body each JSON route accepts (uploads have their own limits in lib/upload/limits.ts). */
export const BODY_LIMITS = {
  /** POST /api/graphql: operations and variables (the app's largest is a few KB). */
  graphql: 1 * MiB,
  /** /api/auth/*: sign-in, sign-up, password change forms. */
  auth: 64 * KiB,
} as const;

/** A body over its route's limit; `status` is 413. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number, readonly declared?: number) {
    super(declared !== undefined ? `the request body is ${declared} bytes, more than the ${limit}-byte limit` : `the request body is larger than the ${limit}-byte limit`);
    this.name = "BodyTooLargeError";
  }
}

/** The declared Content-Length, or undefined when absent or not a non-negative integer. */
export function declaredLength(request: Request): number | undefined {
  const raw = request.headers.get("content-length");
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

/** Throws BodyTooLargeError when the request declares a body longer than `limit` (nothing is read). */
export function checkDeclaredLength(request: Request, limit: number): void {
  const declared = declaredLength(request);
  if (declared !== undefined && declared > limit) throw new BodyTooLargeError(limit, declared);
}

/**
 * The body's bytes, at most `limit` of them: throws BodyTooLargeError (and cancels the stream) as
 * soon as more arrive, so a client sending without Content-Length cannot make it buffer more.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array> {
  checkDeclaredLength(request, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    pieces.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * The same request with its body read (bounded by `limit`) and held, for handlers that read the
 * body themselves (better-auth, Apollo). GET/HEAD requests pass through unchanged.
 */
export async function withBoundedBody(request: Request, limit: number): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readBoundedBody(request, limit);
  return new Request(request.url, { method: request.method, headers: request.headers, body: body as Uint8Array<ArrayBuffer>, signal: request.signal });
}

/** The JSON answer to a body over its limit, in the route's error shape. */
export function bodyTooLargeResponse(error: BodyTooLargeError, shape: "error" | "graphql" = "error"): Response {
  const body = shape === "graphql" ? { errors: [{ message: error.message, extensions: { code: "PAYLOAD_TOO_LARGE" } }] } : { error: { message: error.message } };
  return Response.json(body, { status: 413 });
}
