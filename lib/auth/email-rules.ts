// Where the email bound meets better-auth: the endpoints that take an email and the body field that
// carries it. Rule: an email longer than MAX_EMAIL_LENGTH answers 400 naming the field, code
// EMAIL_TOO_LONG, before better-auth looks it up, hashes a password or writes anything.
import { APIError } from "better-auth/api";
import { endpointStringField } from "./endpoint-field";

/** Longest email accepted (RFC 5321's limit on a forward path), in UTF-16 code units. */
export const MAX_EMAIL_LENGTH = 320;

/** better-auth endpoint → the body field holding the email it reads. */
const EMAIL_FIELDS: Readonly<Record<string, string>> = {
  "/sign-up/email": "email",
  "/sign-in/email": "email",
  "/change-email": "newEmail",
  "/request-password-reset": "email",
  "/send-verification-email": "email",
};

/** Throws a 400 APIError naming the field when the request to `path` carries an email past the bound. */
export function assertEmailWithinBound(path: string, body: unknown): void {
  const email = endpointStringField(EMAIL_FIELDS, path, body);
  if (!email || email.value.length <= MAX_EMAIL_LENGTH) return;
  throw new APIError("BAD_REQUEST", { message: `${email.field}: at most ${MAX_EMAIL_LENGTH} characters (MAX_EMAIL_LENGTH)`, code: "EMAIL_TOO_LONG" });
}
