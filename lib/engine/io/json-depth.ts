/**
 * Nesting bounds for JSON read from files, checked on the text before `JSON.parse` builds anything:
 * a 1 MB header of `[[[[…]]]]` then costs one linear scan instead of a million nested arrays (and
 * never reaches code that recurses over the parsed value).
 */

/** Deepest nesting of a safetensors header: object → entry → shape (3); a little slack. */
export const MAX_HEADER_DEPTH = 8;
/** Deepest nesting of a `__metadata__` JSON string (TL config, decision-transformer spec: about 4). */
export const MAX_METADATA_JSON_DEPTH = 16;

/**
 * The first nesting depth above `max` reached in `text` (arrays and objects; brackets inside
 * strings do not count), or undefined when the text stays within `max`. Linear, no recursion.
 */
export function jsonDepthBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
