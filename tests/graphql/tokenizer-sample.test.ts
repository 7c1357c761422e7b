// TokenizerSummary.sample reads the token texts stored at upload (lib/engine/io/tokenizer's
// tokenSample), never re-parsing the tokenizer.json; a row stored before samples existed is parsed
// once and its sample saved.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createModelFromUpload } from "@/lib/db/tensors";
import { TOKEN_SAMPLE_SIZE } from "@/lib/engine/io/tokenizer";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { gql } from "./harness";

const t = useTestDatabase();
let member: Actor;
let teamId: string;

beforeAll(async () => {
  member = await createTestUser(t.db, "reader");
  teamId = (await t.db.team.create({ data: { name: "Tok", slug: "tok", memberships: { create: [{ userId: member.userId, role: "EDITOR" }] } } })).id;
});

async function modelWithVocab(name: string, vocab: string[], sample: string[]): Promise<{ modelId: string; tokenizerId: string }> {
  const { model } = await createModelFromUpload(t.db, member, {
    teamId, name, config: {}, tensors: [],
    contentHash: createHash("sha256").update(name).digest("hex"),
    tokenizer: { kind: "vocab", data: vocab, vocabSize: vocab.length, sample },
  });
  return { modelId: model.id, tokenizerId: model.tokenizer!.id };
}

const SAMPLE = "query($id: ID!, $first: Int) { model(id: $id) { tokenizer { sample(first: $first) { id text } } } }";

describe("TokenizerSummary.sample", () => {
  it("answers from the stored sample even when the stored tokenizer.json no longer parses", async () => {
    const vocab = ["alpha", "beta", "gamma"];
    const { modelId, tokenizerId } = await modelWithVocab("stored", vocab, vocab);
    // A file the engine would refuse (2 entries for a vocabulary of 3): the resolver must not read it.
    await t.db.tokenizer.update({ where: { id: tokenizerId }, data: { data: ["only", "two"] } });
    const result = await gql<{ model: { tokenizer: { sample: { id: number; text: string }[] } } }>(t.db, member, SAMPLE, { id: modelId, first: 2 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.model.tokenizer.sample).toEqual([{ id: 0, text: "alpha" }, { id: 1, text: "beta" }]);
  });

  it("parses a row stored without a sample once, saves the sample, and answers the same", async () => {
    const vocab = Array.from({ length: TOKEN_SAMPLE_SIZE + 5 }, (_, i) => `t${i}`);
    const { modelId, tokenizerId } = await modelWithVocab("legacy", vocab, []);
    const result = await gql<{ model: { tokenizer: { sample: { id: number; text: string }[] } } }>(t.db, member, SAMPLE, { id: modelId, first: 3 });
    expect(result.data?.model.tokenizer.sample).toEqual([{ id: 0, text: "t0" }, { id: 1, text: "t1" }, { id: 2, text: "t2" }]);
    const row = await t.db.tokenizer.findUniqueOrThrow({ where: { id: tokenizerId } });
    expect(row.sample).toEqual(vocab.slice(0, TOKEN_SAMPLE_SIZE));
  });

  it("refuses a stored sample longer than TOKEN_SAMPLE_SIZE", async () => {
    const vocab = Array.from({ length: TOKEN_SAMPLE_SIZE + 1 }, (_, i) => `u${i}`);
    await expect(modelWithVocab("too long", vocab, vocab)).rejects.toThrow(`at most ${TOKEN_SAMPLE_SIZE} token strings`);
  });
});
