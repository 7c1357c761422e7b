// Bounded polling for tests: read a value until a predicate holds or a deadline passes, and fail
// with what was awaited and the last value read, not with the test runner's timeout.

/** Pause between two reads unless a caller asks for another. */
export const POLL_MS = 100;
/** How long `until` waits unless a caller says. */
export const UNTIL_MS = 60_000;

/** The first value of `read()` for which `ok` holds; throws naming `what` and the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = UNTIL_MS, what = "a condition", pollMs = POLL_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
