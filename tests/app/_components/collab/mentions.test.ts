// @mention suggestions while typing a comment.
import { describe, expect, it } from "vitest";
import { insertMention, memberHandle, mentionAt, mentionSuggestions } from "@/app/_components/collab/mentions";

const members = [{ id: "u1", name: "Alice Able" }, { id: "u2", name: "Bob" }, { id: "u3", name: "alfred" }];

describe("mentions", () => {
  it("uses the name without spaces as the handle, as the server matches it", () => {
    expect(memberHandle(members[0])).toBe("AliceAble");
  });

  it("finds the @part before the caret, but not inside an email address", () => {
    expect(mentionAt("hi @al", 6)).toEqual({ start: 3, query: "al" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("mail bob@al", 11)).toBeNull();
    expect(mentionAt("hi @al there", 12)).toBeNull();
  });

  it("suggests members by handle or name prefix, case-insensitively, never oneself", () => {
    expect(mentionSuggestions(members, "al", null).map((m) => m.id)).toEqual(["u1", "u3"]);
    expect(mentionSuggestions(members, "AL", "u1").map((m) => m.id)).toEqual(["u3"]);
  });

  it("replaces the @part with the full handle and a space, caret after it", () => {
    expect(insertMention("hi @al!", 3, 6, members[0])).toEqual({ text: "hi @AliceAble !", caret: 14 });
  });
});
