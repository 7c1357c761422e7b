// better-auth's before/after hooks: where Circuitboard's own account rules meet its endpoints.
// Rule: each rule lives in its own module (credential-revocation, password-rules, …); this file only routes an
// endpoint path to them, so lib/auth/auth.ts stays configuration.
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Db } from "@/lib/db/client";
import { PASSWORD_CHANGE_PATHS, revokeCredentialsAfterPasswordChange, withOtherSessionsRevoked } from "./credential-revocation";
import { assertAcceptablePassword } from "./password-rules";

/** The id of the account a successful endpoint answered about (its `user.id`), if any. */
function returnedUserId(returned: unknown): string | null {
  if (!returned || typeof returned !== "object" || isAPIError(returned) || returned instanceof Response) return null;
  const user = (returned as { user?: { id?: unknown } }).user;
  return typeof user?.id === "string" ? user.id : null;
}

/** The `hooks` option of createAuth over `db`. */
export function authHooks(db: Db) {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path) assertAcceptablePassword(ctx.path, ctx.body);
      if (ctx.path && PASSWORD_CHANGE_PATHS.has(ctx.path)) return { context: { body: withOtherSessionsRevoked(ctx.body) } };
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path && PASSWORD_CHANGE_PATHS.has(ctx.path)) {
        const userId = returnedUserId(ctx.context.returned);
        if (userId) await revokeCredentialsAfterPasswordChange(db, userId);
      }
    }),
  };
}
