/**
 * The engine's one error type for faults of an input file (a safetensors header, a model's tensor
 * set, a tokenizer). Rule: its message was written for whoever supplied the file and names the
 * field or tensor at fault, so the edges (upload route, GraphQL, CLI) may show it verbatim; every
 * other error the engine throws (RangeError, TypeError of an invariant) is a bug and is masked.
 */
export class ModelFormatError extends Error {
  /** The tensor at fault, when one is. */
  readonly tensor?: string;
  constructor(message: string, tensor?: string) {
    super(message);
    this.name = "ModelFormatError";
    this.tensor = tensor;
  }
}

/**
 * Names the first character of `text` that a database text column cannot hold: a NUL, or half of a
 * surrogate pair without its other half (not encodable as UTF-8). Undefined when the text is clean.
 */
export function unstorableCharacter(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return `a NUL character at index ${i}`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `an unpaired surrogate at index ${i}`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `an unpaired surrogate at index ${i}`;
  }
  return undefined;
}

/**
 * A short description of any JSON value for an error message, without recursion (JSON.stringify of
 * a 100 000-deep array overflows the stack): primitives and flat arrays of primitives as JSON cut
 * to `max` characters, anything else as its kind and size.
 */
export function describeValue(value: unknown, max = 60): string {
  const cut = (s: string) => (s.length > max ? `${s.slice(0, max)}…` : s);
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) {
    const flat = value.length <= 16 && value.every((v) => v === null || typeof v !== "object");
    return flat ? cut(JSON.stringify(value)) : `an array of ${value.length} items`;
  }
  if (typeof value === "object" && value !== null) return "an object";
  return cut(JSON.stringify(value) ?? String(value));
}
