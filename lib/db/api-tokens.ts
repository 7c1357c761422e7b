// API tokens for scripts (`Authorization: Bearer cb_…`). Rules: a token's secret is returned once, by
// `createApiToken`, and stored only as its sha256; a revoked token never authenticates again; every
// token expires (DEFAULT_TOKEN_LIFETIME_DAYS unless asked, never more than MAX_TOKEN_LIFETIME_DAYS),
// and an expired one is refused as UNAUTHENTICATED ("token expired"), not silently signed out;
// scopes (lib/auth/scopes.ts) say what it may do.
import { forgetToken, type ActorLookup } from "@/lib/auth/actor-cache";
import { authorize, type Actor } from "@/lib/auth/policy";
import { assertScope, DEFAULT_TOKEN_SCOPES, TOKEN_SCOPES, type TokenScope } from "@/lib/auth/scopes";
import { API_TOKEN_PREFIX, displayPrefix, hashSecret, newSecret } from "@/lib/auth/secrets";
import { audit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { BadInputError, NotFoundError, UnauthenticatedError } from "./errors";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  scopes: TokenScope[];
}

/** Lifetime of a token created without `expiresInDays`. */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;
/** Longest lifetime a token may be given. */
export const MAX_TOKEN_LIFETIME_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

const SUMMARY = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, expiresAt: true, scopes: true } as const;

export interface CreateApiTokenInput {
  name: string;
  /** Whole days until the token expires, 1 to MAX_TOKEN_LIFETIME_DAYS (default DEFAULT_TOKEN_LIFETIME_DAYS). */
  expiresInDays?: number;
  /** What the token may do (default DEFAULT_TOKEN_SCOPES); a token creating a token grants only scopes it holds. */
  scopes?: readonly TokenScope[];
}

/** Creates a token for the actor's own account; `secret` is shown to the user once and never again. */
export async function createApiToken(db: Db, actor: Actor | null, input: CreateApiTokenInput): Promise<{ token: ApiTokenSummary; secret: string }> {
  authorize(actor, "account:manageTokens", { kind: "account", userId: actor?.userId ?? "" }, "account");
  const name = input.name.trim();
  if (!name || name.length > 100) throw new BadInputError("A token name is 1 to 100 characters.", "name");
  const days = input.expiresInDays ?? DEFAULT_TOKEN_LIFETIME_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_LIFETIME_DAYS) {
    throw new BadInputError(`expiresInDays: a token lives 1 to ${MAX_TOKEN_LIFETIME_DAYS} whole days.`, "expiresInDays");
  }
  const wanted = new Set(input.scopes ?? DEFAULT_TOKEN_SCOPES);
  const scopes = TOKEN_SCOPES.filter((scope) => wanted.has(scope));
  if (!scopes.includes("READ")) throw new BadInputError("scopes: every token has READ.", "scopes");
  for (const scope of scopes) assertScope(actor, scope, "granting it to a new token");
  const secret = newSecret(API_TOKEN_PREFIX);
  const token = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: actor.userId, name, prefix: displayPrefix(secret), tokenHash: hashSecret(secret), expiresAt: new Date(Date.now() + days * DAY_MS), scopes },
      select: SUMMARY,
    });
    await audit(tx, actor, "apiToken.create", "apiToken", row.id, { name, scopes });
    return row;
  });
  return { token, secret };
}

/** The actor's own tokens, newest first (revoked ones included, marked). */
export async function listApiTokensForActor(db: DbOrTx, actor: Actor | null): Promise<ApiTokenSummary[]> {
  authorize(actor, "account:manageTokens", { kind: "account", userId: actor?.userId ?? "" }, "account");
  return db.apiToken.findMany({ where: { userId: actor.userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: SUMMARY });
}

/** Revokes one of the actor's tokens (idempotent); another account's token is NotFound. */
export async function revokeApiToken(db: Db, actor: Actor | null, tokenId: string): Promise<ApiTokenSummary> {
  authorize(actor, "account:manageTokens", { kind: "account", userId: actor?.userId ?? "" }, "account");
  const { tokenHash, ...row } = await db.$transaction(async (tx) => {
    const existing = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.userId }, select: { ...SUMMARY, tokenHash: true } });
    if (!existing) throw new NotFoundError("No API token with that id.");
    if (existing.revokedAt) return existing;
    const updated = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() }, select: { ...SUMMARY, tokenHash: true } });
    await audit(tx, actor, "apiToken.revoke", "apiToken", tokenId, { name: updated.name });
    return updated;
  });
  // After the commit, so the next request with this token reads the revocation from the database.
  forgetToken(tokenHash);
  return row;
}

/** Refuses an expired token: UNAUTHENTICATED, saying so (a script should not read it as signed out). */
function assertTokenNotExpired(expiresAt: Date, now = Date.now()): void {
  if (expiresAt.getTime() <= now) {
    throw new UnauthenticatedError(`API token expired at ${expiresAt.toISOString()}: create a new one under Settings.`);
  }
}

/**
 * The actor a bearer secret stands for and the token's expiry, or null when it is unknown or
 * revoked; throws UnauthenticatedError when it expired. Records its use.
 */
export async function findActorByApiToken(db: Db, secret: string): Promise<ActorLookup | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, revokedAt: true, lastUsedAt: true, expiresAt: true, scopes: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!row || row.revokedAt) return null;
  assertTokenNotExpired(row.expiresAt);
  // lastUsedAt at minute resolution: a script's burst of requests costs one write, not one each.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { actor: { userId: row.user.id, email: row.user.email, name: row.user.name, via: "token", tokenId: row.id, scopes: row.scopes }, expiresAt: row.expiresAt };
}
