// The names of head labels, with no server imports so pages can offer them too: the built-in
// taxonomy everyone shares and the shape of a team label's name (./taxonomy checks and stores them).

/** Shared labels (Elhage et al. 2021 §§ induction heads, copying; Olsson et al. 2022; Wang et al. 2022 inhibition). */
export const BUILTIN_LABELS = Object.freeze([
  "previous-token",
  "induction",
  "duplicate-token",
  "copying",
  "positional",
  "skip-trigram",
  "inhibition",
  "unknown",
] as const);

/** Kebab-case label names, 2–40 characters. */
export const LABEL_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
