// The bounds of a search across heads (./head-search-filter checks them), with no server imports
// so the search page's form can quote them too.

/** Largest page of heads one search returns (`first`). */
export const MAX_HEAD_SEARCH_FIRST = 50;
/** Longest annotation text a search looks for. */
export const MAX_SEARCH_TEXT_CHARS = 200;
/** Largest |score bound| of a score range (every report score lies in [−1, 1]; this keeps input finite). */
export const MAX_SEARCH_SCORE_BOUND = 1e6;
/** Largest |multiple| of the baseline's standard deviation a partner K-composition filter may name. */
export const MAX_SEARCH_SIGMA = 100;
/** Characters of annotation text a hit quotes. */
export const SNIPPET_CHARS = 160;
