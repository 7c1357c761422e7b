// Token text for analysis results and prompts: the model's uploaded tokenizer (lib/engine/io/tokenizer),
// or ids shown as numbers when there is none. Rule: the caller has authorized the model; a parsed
// tokenizer is kept per tokenizer row (a few at a time), since parsing a 50k vocabulary costs
// tens of milliseconds.
import type { Db } from "@/lib/db/client";
import type { ModelSummary } from "@/lib/db/models";
import { idTokenizer, parseTokenizer, type ModelTokenizer } from "@/lib/engine/io/tokenizer";
import { segmentsOf } from "./token-groups";
import { segmentLookup } from "@/lib/engine/transformer/vocab-segments";

/** A tokenizer that also names each id's vocab segment, for a model with `vocab_segments`. */
export type SegmentedTokenizer = ModelTokenizer & { readonly segmentOf?: (id: number) => string | null };

/** `tok` with the config's segments attached (the cached tokenizer itself stays shared and unchanged). */
function withSegments(tok: ModelTokenizer, config: unknown): SegmentedTokenizer {
  const segments = segmentsOf(config);
  return segments ? Object.create(tok, { segmentOf: { value: segmentLookup(segments) } }) : tok;
}

const TOKENIZER_CACHE_ENTRIES = 8;
const tokenizers = new Map<string, Promise<ModelTokenizer>>();

/** The tokenizer of an authorized model (ids as text when it has none), naming segments when the model has them. */
export async function tokenizerOf(db: Db, model: Pick<ModelSummary, "tokenizer" | "config">): Promise<SegmentedTokenizer> {
  return withSegments(await parsedTokenizerOf(db, model), model.config);
}

function parsedTokenizerOf(db: Db, model: Pick<ModelSummary, "tokenizer" | "config">): Promise<ModelTokenizer> {
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

/** { id, text } of a token id, and its `segment` when the model has vocab segments. */
export const tokenOf = (tok: SegmentedTokenizer, id: number) => (tok.segmentOf ? { id, text: tok.tokenString(id), segment: tok.segmentOf(id) } : { id, text: tok.tokenString(id) });
