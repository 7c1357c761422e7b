// The password policy at better-auth's endpoints (lib/auth/password-rules via lib/auth/hooks): a
// sign-up or password change with a common or trivial password answers 400 with the rule's message
// and code WEAK_PASSWORD, and writes nothing; an ordinary passphrase goes through.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { authPost, sessionCookie } from "../helpers/auth-requests";

const t = useTestDatabase();
async function refusal(response: Response): Promise<{ status: number; message: string; code: string }> {
  const body = (await response.json()) as { message: string; code: string };
  return { status: response.status, message: body.message, code: body.code };
}

describe("the password policy on sign-up", () => {
  const cases: [string, RegExp][] = [
    ["password", /at least 10 characters/],
    ["        ", /at least 10 characters/],
    ["            ", /only spaces/],
    ["aaaaaaaaaaaa", /short pattern repeated/],
    ["1234567890", /simple sequence/],
    ["password123", /most common/],
    ["correct horse battery staple", /most common/],
  ];
  for (const [password, rule] of cases) {
    it(`refuses ${JSON.stringify(password)} with 400 naming the rule, creating no account`, async () => {
      const email = `weak-${cases.findIndex((c) => c[0] === password)}@example.org`;
      const response = await t.auth.handler(authPost("/sign-up/email", { email, password, name: "Weak" }));
      const { status, message, code } = await refusal(response);
      expect(status).toBe(400);
      expect(message).toMatch(rule);
      expect(code).toMatch(/WEAK_PASSWORD|PASSWORD_TOO_SHORT/);
      expect(await t.db.user.count({ where: { email } })).toBe(0);
    });
  }

  it("accepts an ordinary passphrase", async () => {
    const response = await t.auth.handler(authPost("/sign-up/email", { email: "fine@example.org", password: "purple elephants juggle", name: "Fine" }));
    expect(response.status).toBe(200);
  });
});

describe("the password policy on password change", () => {
  it("refuses a common new password with 400 and keeps the old one", async () => {
    const signIn = await t.auth.handler(authPost("/sign-in/email", { email: "fine@example.org", password: "purple elephants juggle" }));
    expect(signIn.status).toBe(200);
    const cookie = sessionCookie(signIn);
    const before = await t.db.account.findFirstOrThrow({ where: { user: { email: "fine@example.org" } } });
    const response = await t.auth.handler(authPost("/change-password", { currentPassword: "purple elephants juggle", newPassword: "Password2024!" }, { cookie }));
    const { status, message, code } = await refusal(response);
    expect({ status, code }).toEqual({ status: 400, code: "WEAK_PASSWORD" });
    expect(message).toMatch(/most common/);
    const after = await t.db.account.findFirstOrThrow({ where: { id: before.id } });
    expect(after.password).toBe(before.password);
    expect(await t.db.session.count({ where: { userId: before.userId } })).toBeGreaterThan(0);
  });
});
