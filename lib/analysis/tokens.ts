// Token text for analysis results and prompts: the model's uploaded tokenizer (lib/engine/io/tokenizer),
// or ids shown as numbers when there is none. Rule: the caller has authorized the model; a parsed
// tokenizer is kept per tokenizer row (a few at a time), since parsing a 50k vocabulary costs
// tens of milliseconds.
import type { Db } from "@/lib/db/client";
import type { ModelSummary } from "@/lib/db/models";
import { idTokenizer, parseTokenizer, type ModelTokenizer } from "@/lib/engine/io/tokenizer";

const TOKENIZER_CACHE_ENTRIES = 8;
const tokenizers = new Map<string, Promise<ModelTokenizer>>();

/** The tokenizer of an authorized model (ids as text when it has none). */
export function tokenizerOf(db: Db, model: Pick<ModelSummary, "tokenizer" | "config">): Promise<ModelTokenizer> {
  const t = model.tokenizer;
  const config = model.config as Record<string, unknown> | null;
  const d_vocab = typeof config?.d_vocab === "number" ? config.d_vocab : (t?.vocabSize ?? 0);
  if (!t) return Promise.resolve(idTokenizer(d_vocab));
  let p = tokenizers.get(t.id);
  if (!p) {
    p = db.tokenizer.findUnique({ where: { id: t.id }, select: { data: true } }).then((row) => (row ? parseTokenizer(row.data, d_vocab) : idTokenizer(d_vocab)));
    p.catch(() => tokenizers.delete(t.id));
    tokenizers.set(t.id, p);
    while (tokenizers.size > TOKENIZER_CACHE_ENTRIES) tokenizers.delete(tokenizers.keys().next().value as string);
  }
  return p;
}

/** { id, text } of a token id. */
export const tokenOf = (tok: ModelTokenizer, id: number) => ({ id, text: tok.tokenString(id) });
