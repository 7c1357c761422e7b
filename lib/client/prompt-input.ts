// What the prompt explorer runs: a prompt's text, or token ids pasted as "1, 2 3". Pure, shared by
// the form and the page's URL (?prompt=… or ?tokens=1,2,3), so every run has its own link.
// Rule: ids are parsed with bounds before any request: at most MAX_PASTED_TOKENS of them, each an
// integer in [0, MAX_TOKEN_ID]; the server checks them against the model's n_ctx and d_vocab.

/** More ids than any model's n_ctx we accept (the API refuses anything above the model's own). */
export const MAX_PASTED_TOKENS = 8192;
/** Largest id we send (the API checks ids against d_vocab). */
export const MAX_TOKEN_ID = 2 ** 31 - 1;
/** Longest prompt text kept in a URL (the API's own limit is 100 000 characters). */
export const MAX_PROMPT_CHARS = 100_000;

export type RunInput = { prompt: string; tokens?: undefined } | { tokens: number[]; prompt?: undefined };

/** Parses pasted ids ("1, 2 3" or "[1,2,3]"); a message naming the first bad entry otherwise. */
export function parseTokenIds(text: string): { ok: true; tokens: number[] } | { ok: false; message: string } {
  const parts = text.replace(/^\s*\[|\]\s*$/g, "").split(/[\s,]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return { ok: false, message: "Paste at least one token id." };
  if (parts.length > MAX_PASTED_TOKENS) return { ok: false, message: `At most ${MAX_PASTED_TOKENS} token ids (got ${parts.length}).` };
  const tokens: number[] = [];
  for (const [i, p] of parts.entries()) {
    if (!/^\d{1,10}$/.test(p) || Number(p) > MAX_TOKEN_ID) return { ok: false, message: `Token ${i + 1} (“${p.slice(0, 20)}”) is not an id between 0 and ${MAX_TOKEN_ID}.` };
    tokens.push(Number(p));
  }
  return { ok: true, tokens };
}

/** The run a URL's search parameters ask for, or null (nothing to run, or ids that do not parse). */
export function runInputFromParams(params: URLSearchParams): RunInput | null {
  const tokens = params.get("tokens");
  if (tokens !== null) {
    const parsed = parseTokenIds(tokens);
    return parsed.ok ? { tokens: parsed.tokens } : null;
  }
  const prompt = params.get("prompt");
  return prompt && prompt.length <= MAX_PROMPT_CHARS ? { prompt } : null;
}

/** The search string for a run ("?tokens=1,2,3" or "?prompt=…"). */
export function runInputSearch(input: RunInput): string {
  const params = new URLSearchParams(input.tokens ? { tokens: input.tokens.join(",") } : { prompt: input.prompt ?? "" });
  return `?${params.toString()}`;
}
