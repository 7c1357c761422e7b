// The named bounds of findings (issue 9 item 5). Every number or text a caller sends about a
// finding — title, body, figure count, prompt, tokens, topK, page size, import size — is checked
// against one of these before any work is done (zod at the edge, lib/findings).
import { MAX_MARKDOWN_CHARS } from "@/lib/collab/markdown";

/** Longest title (characters). */
export const MAX_FINDING_TITLE_CHARS = 200;
/** Longest Markdown body (characters): the Markdown renderer's own bound. */
export const MAX_FINDING_BODY_CHARS = MAX_MARKDOWN_CHARS;
/** Most figures in one finding. */
export const MAX_FIGURES_PER_FINDING = 20;
/** Longest figure key ("fig-1"): letters, digits, "-" and "_". */
export const MAX_FIGURE_KEY_CHARS = 40;
/** Most findings one `findings` page answers. */
export const MAX_FINDINGS_PAGE = 50;
/** Longest prompt of an ATTENTION figure (characters, before tokenizing). */
export const MAX_FIGURE_PROMPT_CHARS = 2_000;
/** Most tokens of an ATTENTION figure (its frozen pattern holds tokens² numbers). */
export const MAX_FIGURE_TOKENS = 128;
/** Most entries of an OV_TABLE figure. */
export const MAX_FIGURE_TOP_K = 50;
/** Most heads (n_layers·n_heads) of a model a COMPOSITION figure freezes: (heads)² numbers. */
export const MAX_COMPOSITION_HEADS = 256;
/** Longest importFinding document (characters of JSON). */
export const MAX_IMPORT_CHARS = 4 * 1024 * 1024;
/** Most live share links of one finding. */
export const MAX_SHARE_LINKS_PER_FINDING = 20;
/** Two frozen numbers closer than this (absolute, or relative to the larger) count as equal in `current.differs`. */
export const FIGURE_VALUE_TOLERANCE = 1e-6;
