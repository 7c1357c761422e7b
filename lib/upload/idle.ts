// The upload idle timeout. Rule: every wait for the client's next bytes goes through
// `beforeIdleTimeout`, so a client that stops sending is refused with 408 after the idle timeout
// (lib/upload/limits.ts) — time the server spends storing what it got does not count.
import { UploadError } from "./errors";

/** `promise`, or a 408 UploadError when it has not settled within `ms`. */
export async function beforeIdleTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UploadError(408, `the upload was cut off: no data arrived for ${ms / 1000} s`, { field: "file" })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
