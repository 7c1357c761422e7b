// The typed errors of the data layer. Rule: a message in one of these classes was written for the
// person at the client and may be shown verbatim; the GraphQL layer maps each class to one code
// (NotFoundError → NOT_FOUND, ForbiddenError → FORBIDDEN, UnauthenticatedError → UNAUTHENTICATED,
// ConflictError → CONFLICT, BadInputError → BAD_USER_INPUT). Anything else is a bug and is masked.

/** The common base: `code` is the GraphQL extensions code, `status` the HTTP status for routes. */
export abstract class DataError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

/** The row does not exist, or the actor may not know that it exists (a private model). */
export class NotFoundError extends DataError {
  override name = "NotFoundError";
  readonly code = "NOT_FOUND";
  readonly status = 404;
}

/** The actor can see the resource but not do this to it (a VIEWER trying to rename a model). */
export class ForbiddenError extends DataError {
  override name = "ForbiddenError";
  readonly code = "FORBIDDEN";
  readonly status = 403;
}

/** No signed-in account (no session cookie, no valid API token). */
export class UnauthenticatedError extends DataError {
  override name = "UnauthenticatedError";
  readonly code = "UNAUTHENTICATED";
  readonly status = 401;
}

/** The write collides with the current state (a taken slug, a stale version, the last owner leaving). */
export class ConflictError extends DataError {
  override name = "ConflictError";
  readonly code = "CONFLICT";
  readonly status = 409;
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

/** The input is invalid in a way the user can fix; `field` names the input at fault when there is one. */
export class BadInputError extends DataError {
  override name = "BadInputError";
  readonly code = "BAD_USER_INPUT";
  readonly status = 400;
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

export function isDataError(error: unknown): error is DataError {
  return error instanceof DataError;
}

/** The actor has used up a quota (e.g. concurrent jobs); retry once something finished. */
export class QuotaError extends DataError {
  override name = "QuotaError";
  readonly code = "QUOTA_EXCEEDED";
  readonly status = 429;
}
