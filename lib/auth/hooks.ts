// better-auth's before/after hooks: where Circuitboard's own account rules meet its endpoints.
// Rule: each rule lives in its own module (credential-revocation, email-rules, password-rules,
// lockout); this file only routes an endpoint path to them, so lib/auth/auth.ts stays configuration.
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Db } from "@/lib/db/client";
import { type ChangedAccount, PASSWORD_CHANGE_PATHS, revokeCredentialsAfterPasswordChange, withOtherSessionsRevoked } from "./credential-revocation";
import { assertEmailWithinBound } from "./email-rules";
import { clearFailedSignIns, lockedOutError, lockedUntil, recordFailedSignIn } from "./lockout";
import { assertAcceptablePassword } from "./password-rules";

const SIGN_IN_PATH = "/sign-in/email";

/** The account a successful endpoint answered about (its `user`), if any. */
function returnedUser(returned: unknown): ChangedAccount | null {
  if (!returned || typeof returned !== "object" || isAPIError(returned) || returned instanceof Response) return null;
  const user = (returned as { user?: { id?: unknown; email?: unknown; name?: unknown } }).user;
  if (typeof user?.id !== "string") return null;
  return { id: user.id, email: typeof user.email === "string" ? user.email : "", name: typeof user.name === "string" ? user.name : "" };
}

/** The `email` string of a request body, if it has one. */
function bodyEmail(body: unknown): string | null {
  const email = body && typeof body === "object" ? (body as Record<string, unknown>).email : undefined;
  return typeof email === "string" && email.trim() ? email : null;
}

/** The `hooks` option of createAuth over `db`; `now` is the clock (tests inject one). */
export function authHooks(db: Db, now: () => Date = () => new Date()) {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (!ctx.path) return;
      assertEmailWithinBound(ctx.path, ctx.body);
      if (ctx.path === SIGN_IN_PATH) {
        const email = bodyEmail(ctx.body);
        const at = now();
        const until = email ? await lockedUntil(db, email, at) : null;
        if (until) throw lockedOutError(until, at);
      }
      assertAcceptablePassword(ctx.path, ctx.body);
      if (PASSWORD_CHANGE_PATHS.has(ctx.path)) return { context: { body: withOtherSessionsRevoked(ctx.body) } };
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (!ctx.path) return;
      const returned = ctx.context.returned;
      if (ctx.path === SIGN_IN_PATH) {
        const email = bodyEmail(ctx.body);
        if (!email) return;
        if (isAPIError(returned) && returned.statusCode === 401) await recordFailedSignIn(db, email, now());
        else if (returnedUser(returned)) await clearFailedSignIns(db, email);
      }
      if (PASSWORD_CHANGE_PATHS.has(ctx.path)) {
        const user = returnedUser(returned);
        if (user) await revokeCredentialsAfterPasswordChange(db, user);
      }
    }),
  };
}
