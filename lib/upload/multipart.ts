// Streaming multipart/form-data for route handlers: busboy over Readable.fromWeb(request.body),
// exposed as an async iterator of parts in the order the client sent them.
// Rule: nothing is buffered beyond busboy's own small buffers — a file part is a Readable the
// caller consumes (backpressure reaches the socket); a file part the caller skips is drained; a
// file over `maxFileBytes` fails with 413 rather than being silently truncated.
import busboy from "busboy";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { UploadError } from "./errors";
import { beforeIdleTimeout } from "./idle";

export type FieldPart = { kind: "field"; name: string; value: string };
export type FilePart = { kind: "file"; name: string; filename: string; mimeType: string; stream: Readable };
export type Part = FieldPart | FilePart;

export interface MultipartLimits {
  /** Largest file part accepted, in bytes. */
  maxFileBytes: number;
  /** Largest text field, in bytes (default 64 KiB). */
  maxFieldBytes?: number;
  /** Most parts accepted (default 16). */
  maxParts?: number;
  /** Longest wait for the next part before a 408 (see ./idle.ts; default: none). */
  idleTimeoutMs?: number;
}

function tooLarge(what: string, limit: number, field: string): UploadError {
  return new UploadError(413, `${what} is larger than the ${limit}-byte limit`, { field });
}

/**
 * Iterates the parts of a multipart request. Consume each file part's `stream` before asking for the
 * next part (or it is drained for you). Breaking out of the loop aborts the rest of the body.
 */
export async function* multipartParts(request: Request, limits: MultipartLimits): AsyncGenerator<Part, void, undefined> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new UploadError(415, `expected a multipart/form-data body, got ${contentType || "no content type"}`);
  }
  if (!request.body) throw new UploadError(400, "the request has no body");
  const maxFieldBytes = limits.maxFieldBytes ?? 64 * 1024;
  let bb: busboy.Busboy;
  try {
    bb = busboy({
      headers: { "content-type": contentType },
      limits: { fileSize: limits.maxFileBytes, fieldSize: maxFieldBytes, parts: limits.maxParts ?? 16 },
    });
  } catch (e) {
    throw new UploadError(400, `malformed multipart body: ${(e as Error).message}`);
  }

  const queue: Part[] = [];
  let failure: Error | undefined;
  let finished = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // The file part being read: a failure of the body (the client went away, a framing error) must
  // reach its reader, which is waiting on the part's stream rather than on this generator.
  let activeFile: Readable | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    if (activeFile && !activeFile.destroyed && !activeFile.readableEnded) activeFile.destroy(failure);
    notify();
  };

  bb.on("field", (name, value, info) => {
    if (info.valueTruncated) fail(tooLarge(`field ${name}`, maxFieldBytes, name));
    else queue.push({ kind: "field", name, value });
    notify();
  });
  bb.on("file", (name, stream, info) => {
    // Readers see a failure through their async iterator; this listener only keeps an abandoned
    // part (the caller stopped at an earlier error and we tear busboy down) from crashing the process.
    stream.on("error", () => {});
    stream.on("limit", () => {
      const err = tooLarge(`file ${name}`, limits.maxFileBytes, name);
      fail(err);
      stream.destroy(err);
    });
    activeFile = stream;
    queue.push({ kind: "file", name, filename: info.filename ?? "", mimeType: info.mimeType, stream });
    notify();
  });
  bb.on("partsLimit", () => fail(new UploadError(413, `more than ${limits.maxParts ?? 16} form parts`)));
  bb.on("error", (e: unknown) => fail(new UploadError(400, `malformed multipart body: ${(e as Error).message}`)));
  bb.on("close", () => {
    finished = true;
    notify();
  });

  const source = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>);
  source.on("error", (e) => fail(new UploadError(400, `the upload was interrupted: ${e.message}`)));
  source.pipe(bb);

  let current: FilePart | undefined;
  try {
    for (;;) {
      // A file part the caller did not read would stall busboy: drain it.
      if (current && !current.stream.readableEnded && !current.stream.destroyed) current.stream.resume();
      current = undefined;
      if (failure) throw failure;
      const next = queue.shift();
      if (next) {
        if (next.kind === "file") current = next;
        yield next;
        continue;
      }
      if (finished) return;
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      await (limits.idleTimeoutMs ? beforeIdleTimeout(woken, limits.idleTimeoutMs) : woken);
    }
  } finally {
    if (!finished) {
      source.unpipe(bb);
      source.destroy();
      bb.destroy();
    }
  }
}
