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
  const fault = jsonTextBeyond(text, { depth: max });
  return fault?.reached;
}

/** Bounds on a JSON text: nesting depth, and optionally how many strings (keys too) and containers. */
export interface JsonTextBounds {
  depth: number;
  strings?: number;
  containers?: number;
}

/** The first bound a JSON text passes and the count that passed it. */
export interface JsonTextFault {
  bound: keyof JsonTextBounds;
  reached: number;
}

/**
 * Scans `text` once (brackets and quotes inside strings do not count) and returns the first bound
 * it passes, or undefined: a 63 MB `["","",…]` is then refused before JSON.parse builds 21 million
 * values (1.7 s) and anything walks them, and a `[[],[],…]` (15 s and 1.3 GB in JSON.parse alone).
 */
export function jsonTextBeyond(text: string, bounds: JsonTextBounds): JsonTextFault | undefined {
  const maxStrings = bounds.strings ?? Infinity, maxContainers = bounds.containers ?? Infinity;
  let depth = 0, strings = 0, containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
      if (++strings > maxStrings) return { bound: "strings", reached: strings };
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > bounds.depth) return { bound: "depth", reached: depth };
      if (++containers > maxContainers) return { bound: "containers", reached: containers };
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
