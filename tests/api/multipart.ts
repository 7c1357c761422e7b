// Hand-framed multipart/form-data bodies for POST /api/models tests: exact bytes (so a test can
// break the framing, set a part's charset, or cut the body short), and a request whose body is
// sent piece by piece under the test's control (to pause or abort an upload halfway).

export const BOUNDARY = "----circuitboard-framed-boundary";

export interface RawPart {
  name: string;
  filename?: string;
  /** The part's Content-Type (e.g. "text/plain; charset=utf-16le"). */
  contentType?: string;
  /** Replaces the whole Content-Disposition value (e.g. to send an RFC 5987 `filename*`). */
  disposition?: string;
  data: Uint8Array | string;
}

const enc = new TextEncoder();

function concat(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The body of a multipart form with these parts, closed by the final boundary unless `open`. */
export function multipartBody(parts: RawPart[], options: { boundary?: string; open?: boolean } = {}): Uint8Array {
  const boundary = options.boundary ?? BOUNDARY;
  const pieces: Uint8Array[] = [];
  for (const p of parts) {
    const disposition = p.disposition ?? `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ""}`;
    const type = p.contentType ?? (p.filename !== undefined ? "application/octet-stream" : undefined);
    pieces.push(enc.encode(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ""}\r\n`));
    pieces.push(typeof p.data === "string" ? enc.encode(p.data) : p.data);
    pieces.push(enc.encode("\r\n"));
  }
  if (!options.open) pieces.push(enc.encode(`--${boundary}--\r\n`));
  return concat(pieces);
}

/** A POST /api/models request with exactly these body bytes. */
export function rawUploadRequest(body: Uint8Array, headers: Record<string, string> = {}, boundary = BOUNDARY): Request {
  return new Request("http://localhost:3000/api/models", {
    method: "POST",
    body: body as Uint8Array<ArrayBuffer>,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...headers },
  });
}

/** UTF-16LE bytes of a JS string, lone surrogates included (what TextEncoder cannot produce). */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[2 * i] = text.charCodeAt(i) & 0xff;
    out[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

export interface ControlledRequest {
  request: Request;
  /** Resolves once the server has pulled the first `bytes` bytes (everything sent up to the pause). */
  paused: Promise<void>;
  /** Sends the rest of the body and closes it. */
  resume(): void;
  /** Fails the body stream, as a client that disconnects does. */
  abort(reason?: string): void;
}

/**
 * A request that sends the first `pauseAt` bytes of `body`, then waits for `resume()` or
 * `abort()` — an upload stalled or cut off halfway.
 */
export function controlledRequest(body: Uint8Array, pauseAt: number, headers: Record<string, string> = {}): ControlledRequest {
  let release: (go: boolean) => void = () => {};
  const gate = new Promise<boolean>((resolve) => {
    release = resolve;
  });
  let reachedPause: () => void = () => {};
  const paused = new Promise<void>((resolve) => {
    reachedPause = resolve;
  });
  let sent = 0;
  const PIECE = 64 * 1024;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === pauseAt) {
        reachedPause();
        if (!(await gate)) {
          controller.error(new Error("the client went away"));
          return;
        }
      }
      if (sent >= body.length) {
        controller.close();
        return;
      }
      const end = Math.min(body.length, sent < pauseAt ? Math.min(pauseAt, sent + PIECE) : sent + PIECE);
      controller.enqueue(body.slice(sent, end));
      sent = end;
    },
  });
  const request = new Request("http://localhost:3000/api/models", {
    method: "POST",
    body: stream,
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    duplex: "half",
  } as RequestInit);
  return { request, paused, resume: () => release(true), abort: () => release(false) };
}
