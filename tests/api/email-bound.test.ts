// The email bound (lib/auth/email-rules.ts through lib/auth/hooks): an email of MAX_EMAIL_LENGTH
// characters signs up and in; one character more answers 400 EMAIL_TOO_LONG naming the field on
// sign-up and sign-in, and nothing is written (no user, no sign-in counter).
import { beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/auth/auth";
import { MAX_EMAIL_LENGTH } from "@/lib/auth/email-rules";
import { TEST_AUTH_SECRET, useTestDatabase } from "../helpers/db";
import { authPost } from "../helpers/auth-requests";

const t = useTestDatabase();
const PASSWORD = "purple elephants juggle";
const DOMAIN = "@example.org";
/** A well-formed email of exactly `length` characters. */
const emailOfLength = (length: number) => "a".repeat(length - DOMAIN.length) + DOMAIN;
let auth: Auth;

beforeAll(() => {
  auth = createAuth(t.db, { secret: TEST_AUTH_SECRET, baseURL: "http://localhost:3000", rateLimit: false });
});

describe("the email bound", () => {
  it("accepts an email of MAX_EMAIL_LENGTH characters on sign-up and sign-in", async () => {
    const email = emailOfLength(MAX_EMAIL_LENGTH);
    expect(email).toHaveLength(MAX_EMAIL_LENGTH);
    expect((await auth.handler(authPost("/sign-up/email", { email, password: PASSWORD, name: "Long" }))).status).toBe(200);
    expect((await auth.handler(authPost("/sign-in/email", { email, password: PASSWORD }))).status).toBe(200);
  });

  it("refuses MAX_EMAIL_LENGTH + 1 characters with 400 naming the field, writing nothing", async () => {
    const email = emailOfLength(MAX_EMAIL_LENGTH + 1);
    const users = await t.db.user.count();
    for (const [path, body] of [
      ["/sign-up/email", { email, password: PASSWORD, name: "Longer" }],
      ["/sign-in/email", { email, password: PASSWORD }],
    ] as const) {
      const response = await auth.handler(authPost(path, body));
      expect(response.status, path).toBe(400);
      expect(await response.json()).toMatchObject({ code: "EMAIL_TOO_LONG", message: `email: at most ${MAX_EMAIL_LENGTH} characters (MAX_EMAIL_LENGTH)` });
    }
    expect(await t.db.user.count()).toBe(users);
    // The refused sign-in was not counted as a failure (no counter under the cut key either).
    expect(await t.db.signInThrottle.count()).toBe(0);
  });
});
