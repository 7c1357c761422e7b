// lib/collab/comments.ts's input bounds with the hostile value: a body of MAX_COMMENT_CHARS + 1
// characters is refused with its message, and a text with MAX_MENTIONS + 1 distinct @handles
// notifies only the first MAX_MENTIONS.
import { describe, expect, it } from "vitest";
import { createCommentSchema, MAX_COMMENT_CHARS, MAX_MENTIONS, mentionHandles, updateCommentSchema } from "@/lib/collab/comments";

const thread = { modelId: "m1", target: "HEAD", targetId: "0.1" } as const;

describe("comment bounds", () => {
  it(`accepts a body of MAX_COMMENT_CHARS (${MAX_COMMENT_CHARS}) characters and refuses one more, on create and edit`, () => {
    expect(createCommentSchema.safeParse({ ...thread, body: "x".repeat(MAX_COMMENT_CHARS) }).success).toBe(true);
    for (const r of [createCommentSchema.safeParse({ ...thread, body: "x".repeat(MAX_COMMENT_CHARS + 1) }), updateCommentSchema.safeParse({ id: "c1", version: 1, body: "x".repeat(MAX_COMMENT_CHARS + 1) })]) {
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.message)).toEqual([`A comment is at most ${MAX_COMMENT_CHARS} characters.`]);
    }
  });

  it(`reads at most MAX_MENTIONS (${MAX_MENTIONS}) distinct handles from a text with one more`, () => {
    const handles = Array.from({ length: MAX_MENTIONS + 1 }, (_, i) => `user${i}`);
    const found = mentionHandles(handles.map((h) => `@${h}`).join(" "));
    expect(found).toEqual(handles.slice(0, MAX_MENTIONS));
    // Repeats do not use up the bound.
    expect(mentionHandles("@ada @ada @Ada @bob")).toEqual(["ada", "bob"]);
  });
});
