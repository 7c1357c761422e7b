// The upload route's one error type. Rule: every failure the client can act on is an UploadError
// with an HTTP status (4xx) and a message written for the client, naming the tensor or form field
// at fault; the route turns it into `{ error: { message, tensor?, field? } }`. Anything else is a
// bug: logged, answered with a fixed 500.
import { ModelFormatError } from "@/lib/engine/io/format-error";
import { SafetensorsError } from "@/lib/engine/io/safetensors";

export interface UploadErrorBody {
  error: { message: string; tensor?: string; field?: string };
}

export class UploadError extends Error {
  readonly status: number;
  readonly tensor?: string;
  readonly field?: string;
  constructor(status: number, message: string, where: { tensor?: string; field?: string } = {}) {
    super(message);
    this.name = "UploadError";
    this.status = status;
    this.tensor = where.tensor;
    this.field = where.field;
  }

  body(): UploadErrorBody {
    return {
      error: {
        message: this.message,
        ...(this.tensor !== undefined ? { tensor: this.tensor } : {}),
        ...(this.field !== undefined ? { field: this.field } : {}),
      },
    };
  }
}

/**
 * The engine's file-format errors, the only engine errors written for the client: a fault of the
 * safetensors framing is 400; a well-formed file that is not a valid model (or tokenizer) is 422.
 * Anything else (a RangeError or TypeError of an engine invariant) is not mapped: it is a bug,
 * logged and answered with a masked 500.
 */
export function toUploadError(error: unknown, field = "file"): UploadError | undefined {
  if (error instanceof UploadError) return error;
  if (error instanceof SafetensorsError) return new UploadError(400, error.message, { tensor: error.tensor, field });
  if (error instanceof ModelFormatError) return new UploadError(422, error.message, { tensor: error.tensor, field });
  return undefined;
}
