// Per-account sign-in lockout: after MAX_FAILED_SIGN_INS failed sign-ins for one email within
// FAILED_SIGN_IN_WINDOW_MS, every sign-in for that email — with the right password too — is refused
// with 429 until SIGN_IN_LOCKOUT_MS have passed since the last counted failure. Rule: the counters
// live in the database (SignInThrottle), so all app instances share them, and the count is one
// atomic upsert, so concurrent failures cannot slip past the limit; attempts refused while locked
// are not counted (the lock ends on time); a successful sign-in clears the email's counter; unknown
// emails are counted like known ones, so the answers do not tell whether an account exists.
// Counters whose window and lock are both over are swept at most once per
// THROTTLE_SWEEP_INTERVAL_MS per process and database, MAX_THROTTLE_ROWS_SWEPT rows at a time, so a
// flood of failed sign-ins does not turn into a table scan and a delete on every failure.
import { APIError } from "better-auth/api";
import type { Db } from "@/lib/db/client";
import { MAX_EMAIL_LENGTH } from "./email-rules";

/** Failed sign-ins for one email, within the window, that lock it. */
export const MAX_FAILED_SIGN_INS = 10;
/** The window failures are counted in: 15 minutes. */
export const FAILED_SIGN_IN_WINDOW_MS = 15 * 60_000;
/** How long a locked email refuses sign-in: 15 minutes. */
export const SIGN_IN_LOCKOUT_MS = 15 * 60_000;
/** Least time between two sweeps of dead counters by one process over one database: a minute. */
export const THROTTLE_SWEEP_INTERVAL_MS = 60_000;
/** Most dead counters one sweep deletes; a sweep that reaches it lets the next failure sweep again. */
export const MAX_THROTTLE_ROWS_SWEPT = 1_000;

/** When this process last swept each database's dead counters (by the lockout's clock). */
const lastSweep = new WeakMap<Db, number>();

/** The key an email is counted under: trimmed, lower-cased (as better-auth stores it) and bounded (hooks refuse a longer one first). */
export function throttleKey(email: string): string {
  return email.trim().toLowerCase().slice(0, MAX_EMAIL_LENGTH);
}

/** When the email's lock ends, or null when it may sign in now. */
export async function lockedUntil(db: Db, email: string, now: Date): Promise<Date | null> {
  const row = await db.signInThrottle.findUnique({ where: { email: throttleKey(email) }, select: { lockedUntil: true } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one failed sign-in for the email; locks it when this failure reaches the limit. */
export async function recordFailedSignIn(db: Db, email: string, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  const windowStart = new Date(now.getTime() - FAILED_SIGN_IN_WINDOW_MS);
  const lockEnd = new Date(now.getTime() + SIGN_IN_LOCKOUT_MS);
  // One statement: a counter whose window has passed starts again at 1.
  const [row] = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "SignInThrottle" ("email", "failures", "windowStart", "lockedUntil")
    VALUES (${throttleKey(email)}, 1, ${now}, ${MAX_FAILED_SIGN_INS <= 1 ? lockEnd : null})
    ON CONFLICT ("email") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStart" <= ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" <= ${windowStart} THEN ${now} ELSE "SignInThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN "SignInThrottle"."windowStart" > ${windowStart} AND "SignInThrottle"."failures" + 1 >= ${MAX_FAILED_SIGN_INS} THEN ${lockEnd}
        ELSE "SignInThrottle"."lockedUntil" END
    RETURNING "failures", "lockedUntil"`;
  await sweepDeadThrottles(db, now);
  return { failures: row.failures, lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null };
}

/**
 * Deletes up to MAX_THROTTLE_ROWS_SWEPT counters whose window and lock are both over, unless this
 * process swept the database less than THROTTLE_SWEEP_INTERVAL_MS ago; returns how many it deleted.
 */
export async function sweepDeadThrottles(db: Db, now: Date): Promise<number> {
  const last = lastSweep.get(db);
  // A clock that went back (tests inject one) sweeps rather than waiting for it to catch up.
  if (last !== undefined && now.getTime() >= last && now.getTime() - last < THROTTLE_SWEEP_INTERVAL_MS) return 0;
  lastSweep.set(db, now.getTime());
  const windowStart = new Date(now.getTime() - FAILED_SIGN_IN_WINDOW_MS);
  const deleted = await db.$executeRaw`
    DELETE FROM "SignInThrottle" WHERE "email" IN (
      SELECT "email" FROM "SignInThrottle"
      WHERE "windowStart" < ${windowStart} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})
      LIMIT ${MAX_THROTTLE_ROWS_SWEPT})`;
  if (deleted >= MAX_THROTTLE_ROWS_SWEPT) lastSweep.delete(db);
  return deleted;
}

/** Forgets the email's failures (after a successful sign-in). */
export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { email: throttleKey(email) } });
}

/** The 429 a locked email's sign-in gets, saying when to try again. */
export function lockedOutError(until: Date, now: Date): APIError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new APIError(
    "TOO_MANY_REQUESTS",
    { message: `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, code: "ACCOUNT_LOCKED" },
    { "Retry-After": String(seconds) },
  );
}
