// The one error rule of the GraphQL API. A message reaches the client only when someone wrote it
// for the client: the data layer's typed errors (lib/db/errors.ts) keep their code (UNAUTHENTICATED,
// FORBIDDEN, NOT_FOUND, CONFLICT, BAD_USER_INPUT); zod errors and the engine's ModelFormatError
// (a stored file the engine refuses) become BAD_USER_INPUT; GraphQLErrors raised here carry a code;
// everything else — RangeError and TypeError of engine invariants, V8's own errors — is logged and
// masked as "Internal server error". Mutations report user-fixable failures as data (`MutationError`, see payload.ts).
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { GraphQLError } from "graphql";
import { ZodError } from "zod";
import { ModelFormatError } from "@/lib/engine/io/format-error";

/** The codes a client can act on (Apollo's own parse/validation codes pass through unchanged). */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  /** A per-user quota is used up (lib/db/errors QuotaError), e.g. concurrent jobs. */
  QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One input field's problem, `path` in the mutation's input object (e.g. ["name"]). */
export interface InputError {
  path: string[];
  message: string;
}

/** The `error` of a mutation payload: something the user can fix and retry. */
export interface MutationError {
  message: string;
  inputErrors: InputError[];
}

/** A BAD_USER_INPUT error naming the input fields at fault. */
export function badUserInput(message: string, inputErrors: InputError[] = []): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, inputErrors } });
}

/** zod issues as input errors, paths stringified so the client can match them to form fields. */
function inputErrorsOf(error: ZodError): InputError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
}

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/**
 * The code a known error stands for, or undefined for an unexpected one. The data layer's typed
 * errors (lib/db/errors.ts) are recognised by their `code` property, so this file does not
 * depend on their classes.
 */
function classify(error: unknown): { code: ErrorCode; message: string; inputErrors?: InputError[] } | undefined {
  if (error instanceof ZodError) {
    return { code: ErrorCode.BAD_USER_INPUT, message: describeZodError(error), inputErrors: inputErrorsOf(error) };
  }
  if (error instanceof ModelFormatError) return { code: ErrorCode.BAD_USER_INPUT, message: error.message };
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    const code = error.code;
    if (code === ErrorCode.NOT_FOUND || code === ErrorCode.FORBIDDEN || code === ErrorCode.UNAUTHENTICATED
      || code === ErrorCode.CONFLICT || code === ErrorCode.BAD_USER_INPUT || code === ErrorCode.QUOTA_EXCEEDED) {
      // BadInputError names the input field at fault.
      const field = "field" in error && typeof error.field === "string" ? error.field : undefined;
      return { code, message: error.message, ...(field ? { inputErrors: [{ path: [field], message: error.message }] } : {}) };
    }
  }
  return undefined;
}

/**
 * For mutation payloads: a user-fixable error (zod, ModelFormatError, BAD_USER_INPUT, CONFLICT) as
 * `{ message, inputErrors }`; undefined for access failures and unexpected errors, which the caller
 * rethrows so they reach the client as GraphQLErrors (or masked).
 */
export function toMutationError(error: unknown): MutationError | undefined {
  if (error instanceof GraphQLError) {
    const code = error.extensions.code;
    if (code !== ErrorCode.BAD_USER_INPUT && code !== ErrorCode.CONFLICT) return undefined;
    const inputErrors = (error.extensions.inputErrors as InputError[] | undefined) ?? [];
    return { message: error.message, inputErrors };
  }
  const known = classify(error);
  if (!known || (known.code !== ErrorCode.BAD_USER_INPUT && known.code !== ErrorCode.CONFLICT)) return undefined;
  return { message: known.message, inputErrors: known.inputErrors ?? [] };
}

/**
 * A data error thrown outside a resolver (building the context: an expired API token; a plugin: a
 * token's missing scope) as a GraphQLError with its code and HTTP status, so the client gets e.g.
 * 401 "token expired" rather than Apollo's masked 500; an unexpected error is returned unchanged
 * (to be masked by formatError).
 */
export function codedError(error: unknown): unknown {
  const known = classify(error);
  if (!known) return error;
  const status = error instanceof Error && "status" in error && typeof error.status === "number" ? error.status : 400;
  return new GraphQLError(known.message, { extensions: { code: known.code, http: { status } } });
}

/** Logs an unexpected error once, server-side, with the operation path for context. */
function logUnexpected(error: unknown, where: string): void {
  console.error(`[graphql] unexpected error at ${where}:`, error);
}

/**
 * Apollo's `formatError`: errors that already carry a client code pass through (stack traces
 * dropped); known raw errors get their code; unexpected ones are logged and masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...formatted, extensions };
  const original = unwrapResolverError(error);
  const known = classify(original);
  if (known) {
    return {
      ...formatted,
      message: known.message,
      extensions: { code: known.code, ...(known.inputErrors ? { inputErrors: known.inputErrors } : {}) },
    };
  }
  logUnexpected(original, formatted.path?.join(".") ?? "request");
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * For lookups that answer null rather than NOT_FOUND (`model(id)`, `team(id)`): a missing row and a
 * row the actor may not see both read as null, so existence never leaks; other errors propagate.
 */
export async function nullIfNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}
