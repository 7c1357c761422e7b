import { describe, expect, it } from "vitest";
import { idTokenizer, parseTokenizer, TokenizerError } from "@/lib/engine/io/tokenizer";
import { ModelFormatError } from "@/lib/engine/io/format-error";

// A minimal Hugging Face tokenizer.json written by hand (WordLevel model, whitespace pre-tokenizer),
// following the tokenizers library's serialisation format.
const wordLevel = {
  version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null,
  pre_tokenizer: { type: "Whitespace" }, post_processor: null, decoder: null,
  model: { type: "WordLevel", vocab: { "[UNK]": 0, hello: 1, world: 2, "!": 3 }, unk_token: "[UNK]" },
};

describe("parseTokenizer", () => {
  it("loads a Hugging Face tokenizer.json and encodes, decodes and names tokens", () => {
    const tok = parseTokenizer(JSON.stringify(wordLevel), 6);
    expect(tok.kind).toBe("hf");
    expect(tok.size).toBe(4);
    expect(tok.encode("hello world !")).toEqual([1, 2, 3]);
    expect(() => tok.encode("hello moon")).toThrow('tokenizer: "moon" (token 1) has no id in tokenizer.json');
    expect(tok.decode([1, 2])).toMatch(/^hello ?world$/);
    expect(tok.tokenString(2)).toBe("world");
    expect(tok.tokenString(5)).toBe("5");
  });

  it("refuses a tokenizer.json with ids beyond d_vocab, naming both numbers", () => {
    expect(() => parseTokenizer(wordLevel, 3)).toThrow("tokenizer: tokenizer.json has token ids up to 3 but the model's d_vocab is 3");
  });

  it("reads a character-level vocabulary array: longest match, concatenating decode", () => {
    const tok = parseTokenizer('["a", "b", "c", " "]', 4);
    expect(tok.kind).toBe("vocab");
    expect(tok.encode("ab ca")).toEqual([0, 1, 3, 2, 0]);
    expect(tok.decode([2, 0, 1])).toBe("cab");
    expect(tok.tokenString(3)).toBe(" ");
  });

  it("reads a word-level vocabulary: whitespace between words skipped, decode joins with spaces", () => {
    const tok = parseTokenizer(["the", "cat", "sat", "there"], 4);
    expect(tok.encode("there the cat  sat")).toEqual([3, 0, 1, 2]);
    expect(tok.decode([0, 1, 2])).toBe("the cat sat");
    expect(() => tok.encode("the dog")).toThrow(/no vocabulary entry matches the text at position 4 \("dog"\)/);
  });

  it("refuses a vocabulary whose length is not d_vocab, naming both numbers", () => {
    const err = (() => {
      try {
        parseTokenizer('["a", "b"]', 5);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TokenizerError);
    expect(err).toBeInstanceOf(ModelFormatError);
    expect((err as Error).message).toBe("tokenizer: vocabulary has 2 entries but the model's d_vocab is 5");
  });

  it("refuses invalid JSON, non-string entries and unknown shapes", () => {
    expect(() => parseTokenizer("[1,", 2)).toThrow(/^tokenizer: not valid JSON/);
    expect(() => parseTokenizer("[1, 2]", 2)).toThrow("tokenizer: vocabulary entry 0 is 1, not a string");
    expect(() => parseTokenizer('{"vocab": {}}', 2)).toThrow(/expected a JSON array vocabulary or a Hugging Face tokenizer.json/);
  });

  it("without a tokenizer shows ids as strings and reads ids back", () => {
    const tok = parseTokenizer(undefined, 10);
    expect(tok.kind).toBe("ids");
    expect(tok.tokenString(7)).toBe("7");
    expect(tok.encode("1, 2 9")).toEqual([1, 2, 9]);
    expect(tok.decode([3, 4])).toBe("3 4");
    expect(() => idTokenizer(10).encode("10")).toThrow('tokenizer: "10" (item 0) is not a token id in [0, 10)');
  });
});
