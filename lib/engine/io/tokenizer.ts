/**
 * Tokenizers for uploaded models: a Hugging Face `tokenizer.json` (through @huggingface/tokenizers,
 * pure JS, so this also runs in the browser), a JSON array vocabulary (`vocab[id]` is the token's
 * text), or none (ids shown as strings).
 * Rule: a tokenizer never yields an id outside [0, d_vocab): a vocabulary's length must equal
 * d_vocab and a tokenizer.json's ids must all be below it, or parsing fails naming both numbers.
 */
import { Tokenizer } from "@huggingface/tokenizers";
import { describeValue, ModelFormatError, unstorableCharacter } from "./format-error";
import { jsonTextBeyond } from "./json-depth";

/** Largest vocabulary accepted (Gemma's 256k tokens fit). */
export const MAX_VOCAB = 1 << 20;
/** Longest token text, in UTF-16 code units (bounds the longest-match search of `encode`). */
export const MAX_TOKEN_LENGTH = 1024;
/** Deepest nesting of a tokenizer.json accepted (real ones nest about 6 deep). */
export const MAX_TOKENIZER_DEPTH = 64;
/** Most strings a tokenizer.json may hold (keys and values; merges of a 250k vocabulary fit). */
export const MAX_TOKENIZER_STRINGS = 8 * MAX_VOCAB;
/** Most arrays and objects a tokenizer.json may hold (merges of a 1M vocabulary as [a, b] pairs fit). */
export const MAX_TOKENIZER_CONTAINERS = 2 * MAX_VOCAB;
/** Token ids whose text is kept with a stored tokenizer (the most a model overview shows). */
export const TOKEN_SAMPLE_SIZE = 100;

export interface ModelTokenizer {
  /** "hf" (tokenizer.json), "vocab" (JSON array) or "ids" (no tokenizer). */
  readonly kind: "hf" | "vocab" | "ids";
  /** Number of ids the tokenizer knows. */
  readonly size: number;
  /** Text → token ids (no special tokens added). */
  encode(text: string): number[];
  /** Token ids → text. */
  decode(ids: readonly number[]): string;
  /** The text shown for one token id; the id itself when the tokenizer has no entry for it. */
  tokenString(id: number): string;
}

/** Thrown for an unusable tokenizer file; the message names what is wrong. */
export class TokenizerError extends ModelFormatError {
  constructor(message: string) {
    super(message);
    this.name = "TokenizerError";
  }
}

/** No tokenizer: ids are shown as their decimal strings; encode reads comma- or space-separated ids. */
export function idTokenizer(d_vocab: number): ModelTokenizer {
  return {
    kind: "ids",
    size: d_vocab,
    encode(text) {
      const parts = text.split(/[\s,]+/).filter((s) => s.length > 0);
      return parts.map((s, i) => {
        const id = Number(s);
        if (!Number.isInteger(id) || id < 0 || id >= d_vocab) throw new TokenizerError(`tokenizer: "${s}" (item ${i}) is not a token id in [0, ${d_vocab})`);
        return id;
      });
    },
    decode: (ids) => ids.map(String).join(" "),
    tokenString: (id) => String(id),
  };
}

/**
 * A JSON array vocabulary. encode: longest match at each position, whitespace between tokens that
 * no token covers is skipped. decode: tokens concatenated when the vocabulary is character-level
 * or its tokens carry their own whitespace, else joined with single spaces (word-level).
 */
export function vocabTokenizer(vocab: readonly string[], d_vocab: number): ModelTokenizer {
  if (vocab.length > MAX_VOCAB) throw new TokenizerError(`tokenizer: vocabulary has ${vocab.length} entries, more than the ${MAX_VOCAB}-entry limit (MAX_VOCAB)`);
  if (vocab.length !== d_vocab) throw new TokenizerError(`tokenizer: vocabulary has ${vocab.length} entries but the model's d_vocab is ${d_vocab}`);
  const ids = new Map<string, number>();
  let maxLen = 1;
  for (let i = 0; i < vocab.length; i++) {
    const t: unknown = vocab[i];
    if (typeof t !== "string") throw new TokenizerError(`tokenizer: vocabulary entry ${i} is ${describeValue(t)}, not a string`);
    checkTokenText(t, `vocabulary entry ${i}`);
    if (!ids.has(t)) ids.set(t, i);
    maxLen = Math.max(maxLen, t.length);
  }
  const concat = vocab.every((t) => [...t].length <= 1) || vocab.some((t) => /\s/.test(t));
  return {
    kind: "vocab",
    size: vocab.length,
    encode(text) {
      const out: number[] = [];
      let i = 0;
      while (i < text.length) {
        let found = -1, len = 0;
        for (let l = Math.min(maxLen, text.length - i); l >= 1; l--) {
          const id = ids.get(text.slice(i, i + l));
          if (id !== undefined) {
            found = id;
            len = l;
            break;
          }
        }
        if (found < 0) {
          if (/\s/.test(text[i])) {
            i++;
            continue;
          }
          throw new TokenizerError(`tokenizer: no vocabulary entry matches the text at position ${i} ("${text.slice(i, i + 10)}")`);
        }
        out.push(found);
        i += len;
      }
      return out;
    },
    decode: (list) => list.map((id) => vocab[id] ?? String(id)).join(concat ? "" : " "),
    tokenString: (id) => vocab[id] ?? String(id),
  };
}

function checkTokenText(text: string, where: string): void {
  if (text.length > MAX_TOKEN_LENGTH) throw new TokenizerError(`tokenizer: ${where} is ${text.length} characters, more than the ${MAX_TOKEN_LENGTH}-character limit (MAX_TOKEN_LENGTH)`);
  const bad = unstorableCharacter(text);
  if (bad) throw new TokenizerError(`tokenizer: ${where} ${JSON.stringify(text.slice(0, 40))} contains ${bad}`);
}

const tooManyStrings = () => new TokenizerError(`tokenizer: tokenizer.json holds more than ${MAX_TOKENIZER_STRINGS} strings (MAX_TOKENIZER_STRINGS)`);
const tooManyContainers = () => new TokenizerError(`tokenizer: tokenizer.json holds more than ${MAX_TOKENIZER_CONTAINERS} arrays and objects (MAX_TOKENIZER_CONTAINERS)`);

/**
 * Walks a tokenizer.json without recursion, refusing nesting deeper than MAX_TOKENIZER_DEPTH, more
 * than MAX_TOKENIZER_STRINGS strings or MAX_TOKENIZER_CONTAINERS arrays and objects, and strings
 * (keys too) a database cannot store. Strings are checked where they are met and only containers
 * are stacked, their paths kept 4 levels deep: stacking every value with its path made a 63 MB
 * `["",…]` cost 87 s and 4.4 GB here before the string bound was reached.
 */
function checkTokenizerJson(json: unknown): void {
  /** A container waiting to be walked; its path is spelled out only when something in it is refused. */
  type Pending = { value: object; depth: number; parent: Pending | null; key: string | number | null };
  const stack: Pending[] = [];
  let strings = 0, containers = 0;
  /** The path of a container: keys of its first 4 levels, as `tokenizer.json.model.vocab[3]`. */
  const pathOf = (c: Pending | null): string => {
    const chain: Pending[] = [];
    for (let at = c; at !== null && at.parent !== null; at = at.parent) chain.push(at);
    let path = "tokenizer.json";
    for (let i = chain.length - 1; i >= 0 && chain[i].depth <= 4; i--) {
      const key = chain[i].key;
      path += typeof key === "number" ? `[${key}]` : `.${String(key).slice(0, 40)}`;
    }
    return path;
  };
  /** Counts and checks one string; `where` names it only when it is refused. */
  const checkString = (s: string, where: () => string) => {
    if (++strings > MAX_TOKENIZER_STRINGS) throw tooManyStrings();
    const bad = unstorableCharacter(s);
    if (bad) throw new TokenizerError(`tokenizer: ${where()} ${JSON.stringify(s.slice(0, 40))} contains ${bad}`);
  };
  /** A value met at `key` of container `parent` (null: the root). */
  const visit = (value: unknown, depth: number, parent: Pending | null, key: string | number | null) => {
    if (typeof value === "string") checkString(value, () => pathOf(parent === null ? null : { value: parent.value, depth, parent, key }));
    else if (typeof value === "object" && value !== null) {
      if (++containers > MAX_TOKENIZER_CONTAINERS) throw tooManyContainers();
      stack.push({ value, depth, parent, key });
    }
  };
  visit(json, 0, null, null);
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value, depth } = entry;
    if (depth >= MAX_TOKENIZER_DEPTH) throw new TokenizerError(`tokenizer: ${pathOf(entry).slice(0, 200)} nests deeper than ${MAX_TOKENIZER_DEPTH} levels (MAX_TOKENIZER_DEPTH)`);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], depth + 1, entry, i);
    } else {
      for (const k in value) {
        if (!Object.hasOwn(value, k)) continue;
        checkString(k, () => `a key of ${pathOf(entry)}`);
        visit((value as Record<string, unknown>)[k], depth + 1, entry, k);
      }
    }
  }
}

/** An id a tokenizer.json declares: an integer in [0, below), or a TokenizerError naming where. */
function checkDeclaredId(id: unknown, below: number, where: string): void {
  if (!Number.isInteger(id) || (id as number) < 0 || (id as number) >= below) {
    throw new TokenizerError(`tokenizer: tokenizer.json ${where} has id ${describeValue(id)}, not a token id in [0, ${below})`);
  }
}

/**
 * Checks every id a tokenizer.json declares (model.vocab values, added_tokens ids) against d_vocab
 * before the library sees them: it stores tokens at `vocab[id]`, so one id of 934 387 476 made a
 * sparse array that get_vocab then walked for 100 s.
 */
function checkDeclaredIds(json: Record<string, unknown>, d_vocab: number): void {
  const model = json.model;
  if (typeof model !== "object" || model === null || Array.isArray(model)) throw new TokenizerError(`tokenizer: tokenizer.json model must be an object, got ${describeValue(model)}`);
  const declared = (model as { vocab?: unknown }).vocab;
  const declaredSize = Array.isArray(declared) ? declared.length : declared && typeof declared === "object" ? Object.keys(declared).length : 0;
  if (declaredSize > MAX_VOCAB) throw new TokenizerError(`tokenizer: tokenizer.json model.vocab has ${declaredSize} entries, more than the ${MAX_VOCAB}-entry limit (MAX_VOCAB)`);
  const type = (model as { type?: unknown }).type;
  if (Array.isArray(declared)) {
    // The library reads an array vocabulary as Unigram's [token, score] pairs; any other type would
    // read it as an object, the array's items becoming ids.
    if (type !== undefined && type !== "Unigram") throw new TokenizerError(`tokenizer: tokenizer.json model.vocab of a ${describeValue(type)} model must be an object of token ids, got an array`);
    declared.forEach((entry: unknown, i) => {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== "string" || typeof entry[1] !== "number" || !Number.isFinite(entry[1])) {
        throw new TokenizerError(`tokenizer: tokenizer.json model.vocab[${i}] must be a [token, score] pair, got ${describeValue(entry)}`);
      }
    });
  } else if (declared && typeof declared === "object") {
    let maxId = -1;
    for (const [token, id] of Object.entries(declared)) {
      checkDeclaredId(id, MAX_VOCAB, `model.vocab entry ${JSON.stringify(token.slice(0, 40))}`);
      maxId = Math.max(maxId, id as number);
    }
    if (maxId >= d_vocab) throw new TokenizerError(`tokenizer: tokenizer.json has token ids up to ${maxId} but the model's d_vocab is ${d_vocab}`);
  }
  const added = json.added_tokens;
  if (added === undefined || added === null) return;
  if (!Array.isArray(added)) throw new TokenizerError(`tokenizer: tokenizer.json added_tokens must be an array, got ${describeValue(added)}`);
  added.forEach((t: unknown, i) => checkDeclaredId(typeof t === "object" && t !== null ? (t as { id?: unknown }).id : undefined, d_vocab, `added_tokens[${i}]`));
}

/** A Hugging Face tokenizer.json (object). Every id it can produce must be below d_vocab. */
export function hfTokenizer(json: Record<string, unknown>, d_vocab: number, config: Record<string, unknown> = {}): ModelTokenizer {
  checkTokenizerJson(json);
  checkDeclaredIds(json, d_vocab);
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(json, config);
  } catch (e) {
    throw new TokenizerError(`tokenizer: tokenizer.json could not be loaded (${(e as Error).message})`);
  }
  const vocab = library("list its vocabulary", () => tok.get_vocab(true));
  let maxId = -1;
  for (const id of vocab.values()) if (id > maxId) maxId = id;
  if (maxId >= d_vocab) throw new TokenizerError(`tokenizer: tokenizer.json has token ids up to ${maxId} but the model's d_vocab is ${d_vocab}`);
  const tokenizer: ModelTokenizer = {
    kind: "hf",
    size: maxId + 1,
    encode(text) {
      const { ids, tokens } = library("encode text", () => tok.encode(text, { add_special_tokens: false }));
      const bad = ids.findIndex((id) => !Number.isInteger(id));
      if (bad >= 0) throw new TokenizerError(`tokenizer: "${tokens[bad]}" (token ${bad}) has no id in tokenizer.json`);
      return ids;
    },
    decode: (ids) => library("decode token ids", () => tok.decode([...ids])),
    tokenString: (id) => library("name a token", () => tok.id_to_token(id)) ?? String(id),
  };
  // A file whose normalizer, pre-tokenizer or decoder the library cannot run is refused now, at
  // upload, rather than failing every later analysis that shows text.
  library("encode text", () => tok.encode("Hello world 123", { add_special_tokens: false }));
  tokenizer.decode([0, maxId]);
  return tokenizer;
}

/**
 * Runs a call into @huggingface/tokenizers: the library trusts tokenizer.json, so a hostile file's
 * normalizer or decoder fails inside it with TypeErrors; those are faults of the file, reported as
 * a TokenizerError naming what failed. (A TokenizerError thrown inside passes unchanged.)
 */
function library<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof TokenizerError) throw e;
    throw new TokenizerError(`tokenizer: tokenizer.json cannot ${what} (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Parses an uploaded tokenizer (text or already-parsed JSON): an array is a vocabulary, an object
 * with a `model` field is a tokenizer.json. `undefined`/null gives the id tokenizer.
 */
export function parseTokenizer(input: string | unknown, d_vocab: number): ModelTokenizer {
  if (input === undefined || input === null) return idTokenizer(d_vocab);
  let json: unknown = input;
  if (typeof input === "string") {
    // Bound the nesting on the text: JSON.parse of a 1 MB `[[[[…]]]]` alone takes a third of a second.
    // Count strings and containers the same way: JSON.parse of 21 million of them takes seconds and gigabytes.
    const fault = jsonTextBeyond(input, { depth: MAX_TOKENIZER_DEPTH, strings: MAX_TOKENIZER_STRINGS, containers: MAX_TOKENIZER_CONTAINERS });
    if (fault?.bound === "depth") throw new TokenizerError(`tokenizer: the JSON nests ${fault.reached} levels deep, more than the ${MAX_TOKENIZER_DEPTH}-level limit (MAX_TOKENIZER_DEPTH)`);
    if (fault?.bound === "strings") throw tooManyStrings();
    if (fault) throw tooManyContainers();
    try {
      json = JSON.parse(input);
    } catch (e) {
      throw new TokenizerError(`tokenizer: not valid JSON (${(e as Error).message})`);
    }
  }
  if (Array.isArray(json)) return vocabTokenizer(json as string[], d_vocab);
  if (typeof json === "object" && json !== null && "model" in json) return hfTokenizer(json as Record<string, unknown>, d_vocab);
  throw new TokenizerError("tokenizer: expected a JSON array vocabulary or a Hugging Face tokenizer.json object (with a \"model\" field)");
}

/** The text of ids 0 … min(TOKEN_SAMPLE_SIZE, size) − 1, as `tokenString` gives it (stored at upload). */
export function tokenSample(tokenizer: ModelTokenizer): string[] {
  return Array.from({ length: Math.min(TOKEN_SAMPLE_SIZE, tokenizer.size) }, (_, id) => tokenizer.tokenString(id));
}
