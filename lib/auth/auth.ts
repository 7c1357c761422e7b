// Accounts and sessions through better-auth (email + password; it hashes passwords with scrypt).
// Rule: session cookies are HttpOnly and SameSite=Lax, and Secure exactly when the public URL
// ($BETTER_AUTH_URL) is https (or $CIRCUITBOARD_SECURE_COOKIES=1) — not merely when NODE_ENV is
// production, which would break sign-in on a plain-http embedded install reached by a LAN address;
// the only origins trusted for cookie-carrying writes are the request's own and $CIRCUITBOARD_TRUSTED_ORIGINS;
// the Session table holds only the SHA-256 of each session token (./hashed-session-tokens).
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { dataDir, getDb, type Db } from "@/lib/db/client";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { extraTrustedOrigins, requestOrigins } from "@/lib/http/origin";
import { forgetUser } from "./actor-cache";
import { ENDPOINTS_NEEDING_LISTED_TOKENS, withHashedSessionTokens } from "./hashed-session-tokens";
import { authHooks } from "./hooks";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";

export interface AuthOptions {
  /** Signs session cookies; ≥ 32 random characters. Defaults to `authSecret()`. */
  secret?: string;
  /** The public URL of the app; when absent it is taken from each request. */
  baseURL?: string;
  /** The clock of the sign-in lockout (tests inject one). */
  now?: () => Date;
  /** better-auth's per-address rate limits (default on; the test harness, whose requests all share one address, turns them off). */
  rateLimit?: boolean;
}

/** Where better-auth's endpoints live: app/api/auth/[...all]/route.ts. */
export const AUTH_BASE_PATH = "/api/auth";

/**
 * $BETTER_AUTH_SECRET, else a random secret kept in the data directory (created on first use), so
 * sessions survive restarts of an embedded install without any set-up. Several app instances
 * sharing one Postgres need the same $BETTER_AUTH_SECRET.
 */
export function authSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir(), "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(file, "utf8").trim();
  }
}

/** A better-auth instance over the given client (tests make one per database). */
export function createAuth(db: Db, options: AuthOptions = {}) {
  const baseURL = options.baseURL ?? (process.env.BETTER_AUTH_URL?.trim() || undefined);
  return betterAuth({
    appName: "Circuitboard",
    basePath: AUTH_BASE_PATH,
    baseURL,
    secret: options.secret ?? authSecret(),
    // Session.token holds the SHA-256 of the cookie's token, never the token (./hashed-session-tokens).
    database: withHashedSessionTokens(prismaAdapter(db, { provider: "postgresql", transaction: true })),
    disabledPaths: ENDPOINTS_NEEDING_LISTED_TOKENS,
    emailAndPassword: { enabled: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    // Same-origin requests are trusted whatever host or port the app is served on.
    trustedOrigins: (request?: Request) => [...(request ? requestOrigins(request) : []), ...extraTrustedOrigins()],
    telemetry: { enabled: false },
    // Account rules at the endpoints (lib/auth/hooks.ts): the password policy, the per-account
    // sign-in lockout, and a password change revoking other sessions and tokens.
    hooks: authHooks(db, options.now),
    // Per client address and endpoint (sign-in, sign-up, change-password: 3 per 10 s; others 100 per
    // 10 s), counted in the RateLimit table so all instances share the counts. The address is the
    // one the auth route resolved (lib/http/client-address), never a header a client can set.
    rateLimit: { enabled: options.rateLimit ?? true, storage: "database" },
    // A deleted session (sign-out, revoke-sessions) must stop authenticating at once, not after the
    // actor cache's TTL: forget every cached credential of its account.
    databaseHooks: { session: { delete: { after: async (session) => forgetUser(session.userId) } } },
    advanced: {
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      useSecureCookies: baseURL ? baseURL.startsWith("https://") : process.env.CIRCUITBOARD_SECURE_COOKIES === "1",
      // better-auth turns the origin (CSRF) check off under test runners by default; keep it on so
      // tests exercise what production runs.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { __circuitboardAuth?: Promise<Auth> };

/** The app's better-auth instance over `getDb()`. */
export function getAuth(): Promise<Auth> {
  globalForAuth.__circuitboardAuth ??= getDb().then((db) => createAuth(db));
  globalForAuth.__circuitboardAuth.catch(() => {
    globalForAuth.__circuitboardAuth = undefined;
  });
  return globalForAuth.__circuitboardAuth;
}
