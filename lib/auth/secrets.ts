// Secrets handed to a user once (API tokens, invitation links) and their stored form.
// Rule: only the sha256 of a secret is ever stored; the secret itself exists in one response.
import { createHash, randomBytes } from "node:crypto";

/** Prefix of API tokens, so a leaked token is recognisable (e.g. by secret scanners). */
export const API_TOKEN_PREFIX = "cb_";
/** Prefix of invitation secrets. */
export const INVITATION_PREFIX = "cbi_";
/** Prefix of finding share-link tokens. */
export const SHARE_LINK_PREFIX = "cbs_";

/** A new secret: `prefix` + 32 random bytes in base64url (43 characters). */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * sha256 of a secret, hex: the only form stored. A 256-bit random secret needs no slow hash, and
 * lookups are by this digest through a unique index, so no secret is ever compared byte by byte.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The part of a token shown in lists ("cb_AbCdEf12"): enough to tell tokens apart, useless to an attacker. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, API_TOKEN_PREFIX.length + 8);
}
