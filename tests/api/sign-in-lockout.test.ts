// The per-account sign-in lockout (lib/auth/lockout.ts through lib/auth/hooks): 120 wrong passwords
// for one email stop answering 401 after MAX_FAILED_SIGN_INS, the right password is then refused
// with 429 and a clear message, another account is unaffected, and once the lock has passed (an
// injected clock) the right password signs in again. The counters are rows, shared by instances.
// Dead counters (window and lock both over) are swept at most once per THROTTLE_SWEEP_INTERVAL_MS,
// at most MAX_THROTTLE_ROWS_SWEPT at a time, never on every failure.
import { beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/auth/auth";
import {
  FAILED_SIGN_IN_WINDOW_MS,
  MAX_FAILED_SIGN_INS,
  MAX_THROTTLE_ROWS_SWEPT,
  SIGN_IN_LOCKOUT_MS,
  THROTTLE_SWEEP_INTERVAL_MS,
  sweepDeadThrottles,
} from "@/lib/auth/lockout";
import { TEST_AUTH_SECRET, useTestDatabase } from "../helpers/db";
import { authPost } from "../helpers/auth-requests";

const t = useTestDatabase();
const PASSWORD = "purple elephants juggle";
let clock = new Date("2026-12-04T12:00:00Z");
let auth: Auth;
/** A second app instance on the same database (its own better-auth, same clock). */
let other: Auth;

const signIn = (via: Auth, email: string, password: string) => via.handler(authPost("/sign-in/email", { email, password }));

beforeAll(async () => {
  // Per-address rate limits off: this is about the per-account count (all requests share one address).
  const options = { secret: TEST_AUTH_SECRET, baseURL: "http://localhost:3000", now: () => clock, rateLimit: false };
  auth = createAuth(t.db, options);
  other = createAuth(t.db, options);
  for (const email of ["ada@example.org", "bob@example.org"]) {
    expect((await auth.handler(authPost("/sign-up/email", { email, password: PASSWORD, name: email }))).status).toBe(200);
  }
});

describe("the sign-in lockout", () => {
  it("answers 429 instead of 401 after MAX_FAILED_SIGN_INS failures, for the right password too, until the lock passes", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) {
      // Alternate instances: the count is shared through the database.
      const response = await signIn(i % 2 ? other : auth, "Ada@Example.org", `wrong guess number ${i}`);
      statuses.push(response.status);
    }
    expect(statuses.slice(0, MAX_FAILED_SIGN_INS)).toEqual(Array(MAX_FAILED_SIGN_INS).fill(401));
    expect(statuses.slice(MAX_FAILED_SIGN_INS)).toEqual(Array(120 - MAX_FAILED_SIGN_INS).fill(429));

    const right = await signIn(auth, "ada@example.org", PASSWORD);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ code: "ACCOUNT_LOCKED", message: "Too many failed sign-ins for this account. Try again in 15 minutes." });
    expect(Number(right.headers.get("retry-after"))).toBe(SIGN_IN_LOCKOUT_MS / 1000);
    expect(right.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(false);

    // Another account is not locked.
    expect((await signIn(auth, "bob@example.org", PASSWORD)).status).toBe(200);

    // A minute before the end it is still locked; just after, the right password works.
    clock = new Date(clock.getTime() + SIGN_IN_LOCKOUT_MS - 60_000);
    expect((await signIn(other, "ada@example.org", PASSWORD)).status).toBe(429);
    clock = new Date(clock.getTime() + 60_001);
    expect((await signIn(other, "ada@example.org", PASSWORD)).status).toBe(200);
    // …and the success cleared the counter: a new failure starts again from one.
    expect((await signIn(auth, "ada@example.org", "one more wrong guess")).status).toBe(401);
    expect(await t.db.signInThrottle.findUnique({ where: { email: "ada@example.org" } })).toMatchObject({ failures: 1, lockedUntil: null });
  });

  it("counts failures within the window only", async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i++) expect((await signIn(auth, "bob@example.org", `bad ${i}`)).status).toBe(401);
    clock = new Date(clock.getTime() + FAILED_SIGN_IN_WINDOW_MS + 1);
    // The window has passed: this failure is the first of a new window, not the tenth.
    expect((await signIn(auth, "bob@example.org", "bad again")).status).toBe(401);
    expect((await signIn(auth, "bob@example.org", PASSWORD)).status).toBe(200);
  });

  it("locks an email with no account the same way (no account enumeration)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILED_SIGN_INS; i++) statuses.push((await signIn(auth, "nobody@example.org", `guess ${i}`)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, MAX_FAILED_SIGN_INS)).toEqual(Array(MAX_FAILED_SIGN_INS).fill(401));
  });
});

describe("the sweep of dead counters", () => {
  /** Counter rows named `prefix-<i>@example.org`, all with the given window start and lock. */
  const addCounters = (prefix: string, count: number, windowStart: Date, lockedUntil: Date | null) =>
    t.db.signInThrottle.createMany({ data: Array.from({ length: count }, (_, i) => ({ email: `${prefix}-${i}@example.org`, failures: 3, windowStart, lockedUntil })) });
  const emailsStartingWith = async (prefix: string) =>
    (await t.db.signInThrottle.findMany({ where: { email: { startsWith: prefix } }, select: { email: true }, orderBy: { email: "asc" } })).map((r) => r.email);

  it("deletes counters whose window and lock are over on a failed sign-in, keeps live ones, and runs at most once per interval", async () => {
    clock = new Date(clock.getTime() + THROTTLE_SWEEP_INTERVAL_MS);
    const longAgo = new Date(clock.getTime() - FAILED_SIGN_IN_WINDOW_MS - 1);
    await addCounters("dead", 2, longAgo, null);
    await addCounters("deadlock", 1, longAgo, new Date(clock.getTime() - 1));
    await addCounters("stilllocked", 1, longAgo, new Date(clock.getTime() + 60_000));
    await addCounters("inwindow", 1, new Date(clock.getTime() - 1_000), null);

    expect((await signIn(auth, "sweeper@example.org", "wrong")).status).toBe(401);
    expect(await emailsStartingWith("dead")).toEqual([]);
    expect(await emailsStartingWith("stilllocked")).toEqual(["stilllocked-0@example.org"]);
    expect(await emailsStartingWith("inwindow")).toEqual(["inwindow-0@example.org"]);

    // Within the interval, failures (on either instance: same process, same database) do not sweep.
    await addCounters("later", 1, longAgo, null);
    clock = new Date(clock.getTime() + THROTTLE_SWEEP_INTERVAL_MS - 1);
    expect((await signIn(other, "sweeper@example.org", "wrong")).status).toBe(401);
    expect(await emailsStartingWith("later")).toEqual(["later-0@example.org"]);
    // Once it has passed, the next failure sweeps again.
    clock = new Date(clock.getTime() + 1);
    expect((await signIn(auth, "sweeper@example.org", "wrong")).status).toBe(401);
    expect(await emailsStartingWith("later")).toEqual([]);
    // The sweeper's own counter kept counting through all this.
    expect(await t.db.signInThrottle.findUnique({ where: { email: "sweeper@example.org" } })).toMatchObject({ failures: 3 });
  });

  it("deletes at most MAX_THROTTLE_ROWS_SWEPT rows per sweep, and a full sweep lets the next one run at once", async () => {
    // Earlier tests' counters are dead by now: one sweep clears them (fewer than the bound).
    clock = new Date(clock.getTime() + THROTTLE_SWEEP_INTERVAL_MS);
    expect(await sweepDeadThrottles(t.db, clock)).toBeLessThan(MAX_THROTTLE_ROWS_SWEPT);
    clock = new Date(clock.getTime() + THROTTLE_SWEEP_INTERVAL_MS);
    await addCounters("flood", MAX_THROTTLE_ROWS_SWEPT + 1, new Date(clock.getTime() - FAILED_SIGN_IN_WINDOW_MS - 1), null);
    expect(await sweepDeadThrottles(t.db, clock)).toBe(MAX_THROTTLE_ROWS_SWEPT);
    expect(await emailsStartingWith("flood")).toHaveLength(1);
    expect(await sweepDeadThrottles(t.db, clock)).toBe(1);
    expect(await emailsStartingWith("flood")).toEqual([]);
    // That sweep was not full: the next within the interval does nothing.
    await addCounters("after", 1, new Date(clock.getTime() - FAILED_SIGN_IN_WINDOW_MS - 1), null);
    expect(await sweepDeadThrottles(t.db, clock)).toBe(0);
    expect(await emailsStartingWith("after")).toEqual(["after-0@example.org"]);
  });
});
