// Which analysis failures a client may read. Rule: only errors written for the client — the
// engine's ModelFormatError family (a file or input fault naming the field), our data errors
// (BadInputError, NotFoundError, …) and zod's validation errors — are stored on a FAILED job or
// shown verbatim; anything else (a V8 RangeError such as "Maximum call stack size exceeded", an
// engine invariant's TypeError) is logged with an id and shown as "internal error (logged as <id>)".
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { isDataError } from "../db/errors";
import { ModelFormatError } from "../engine/io/format-error";

/** True for an error whose message was written for the client. */
export function isClientError(error: unknown): error is Error {
  return error instanceof ModelFormatError || isDataError(error) || error instanceof ZodError;
}

/** The message a client may see for `error`; any other error is logged (under `where`) and masked. */
export function clientMessage(error: unknown, where: string): string {
  if (isClientError(error)) return error.message;
  const id = randomUUID().slice(0, 8);
  console.error(`[${where}] internal error ${id}:`, error);
  return `internal error (logged as ${id})`;
}
