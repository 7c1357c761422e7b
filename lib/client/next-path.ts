// The `?next=` of the sign-in and sign-up pages: where to go after signing in. Rule: only a path on
// this site is accepted — it starts with one "/", then no "/" or "\" (a protocol-relative "//host"
// or "/\host", which browsers read as another site), no backslash, whitespace or control character
// anywhere, at most MAX_NEXT_PATH_LENGTH characters — and, resolved against any origin, it stays on
// that origin; so the parameter can never send a user to another site.
import { z } from "zod";

/** The longest `next` accepted. */
export const MAX_NEXT_PATH_LENGTH = 2048;

/** The request header proxy.ts stamps with the page's own path and query (where a sign-in returns to). */
export const REQUEST_PATH_HEADER = "x-circuitboard-path";

const PROBE_ORIGIN = "http://next-path.invalid";

function staysOnOrigin(path: string): boolean {
  try {
    return new URL(path, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

const NextPath = z
  .string()
  .max(MAX_NEXT_PATH_LENGTH)
  .regex(/^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/)
  .refine(staysOnOrigin);

/** `value` when it is a same-site path (the rule above), else null. */
export function safeNextPath(value: unknown): string | null {
  const parsed = NextPath.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The validated `next` of a page's search parameters, or null. */
export function nextPathFrom(searchParams: Record<string, string | string[] | undefined>): string | null {
  return safeNextPath(searchParams.next);
}

/** The sign-in (or sign-up) page that returns to `next` afterwards; `next` is validated here too. */
export function authHref(mode: "sign-in" | "sign-up", next: string | null | undefined): string {
  const safe = safeNextPath(next);
  // The auth pages themselves are no place to come back to.
  const useful = safe && !/^\/sign-(in|up)(?:[/?#]|$)/.test(safe) ? safe : null;
  return useful ? `/${mode}?next=${encodeURIComponent(useful)}` : `/${mode}`;
}
