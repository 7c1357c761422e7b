// Where the password policy (lib/auth/password-policy.ts) meets better-auth: the endpoints that set
// a password and the body field that carries it. Rule: a refused password answers 400 with the
// policy's message and code WEAK_PASSWORD before better-auth hashes it or writes anything.
import { APIError } from "better-auth/api";
import { endpointStringField } from "./endpoint-field";
import { passwordProblem } from "./password-policy";

/** better-auth endpoint → the body field holding the password it sets. */
const NEW_PASSWORD_FIELDS: Readonly<Record<string, string>> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

/** Throws a 400 APIError naming the rule when the request to `path` sets a password the policy refuses. */
export function assertAcceptablePassword(path: string, body: unknown): void {
  const password = endpointStringField(NEW_PASSWORD_FIELDS, path, body);
  if (!password) return;
  const problem = passwordProblem(password.value);
  if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "WEAK_PASSWORD" });
}
