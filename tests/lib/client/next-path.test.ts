// The `?next=` parameter of the auth pages must only ever lead to a page of this site.
import { describe, expect, it } from "vitest";
import { authHref, MAX_NEXT_PATH_LENGTH, nextPathFrom, safeNextPath } from "@/lib/client/next-path";

describe("nextPathFrom", () => {
  it("accepts a path on this site, with its query string", () => {
    expect(nextPathFrom({ next: "/teams/join?token=cbi_abc" })).toBe("/teams/join?token=cbi_abc");
    expect(nextPathFrom({ next: "/models/abc123/heads/1.4" })).toBe("/models/abc123/heads/1.4");
    expect(nextPathFrom({ next: "/" })).toBe("/");
  });

  it("refuses anything that could leave the site", () => {
    const hostile = [
      "https://evil.example/",
      "http://evil.example",
      "//evil.example/x",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/models\\..\\..\\evil",
      "\\/evil.example",
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "models",
      " /models",
      "/a b",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\u0000/evil.example",
      "/x\u007f",
      "",
    ];
    for (const next of hostile) expect(nextPathFrom({ next }), JSON.stringify(next)).toBeNull();
  });

  it("refuses a missing, repeated, non-string or oversized parameter (the bound + 1)", () => {
    expect(nextPathFrom({})).toBeNull();
    expect(nextPathFrom({ next: ["/a", "/b"] })).toBeNull();
    expect(safeNextPath(42)).toBeNull();
    expect(safeNextPath(`/${"a".repeat(MAX_NEXT_PATH_LENGTH - 1)}`)).toHaveLength(MAX_NEXT_PATH_LENGTH);
    expect(safeNextPath(`/${"a".repeat(MAX_NEXT_PATH_LENGTH)}`)).toBeNull();
  });
});

describe("authHref", () => {
  it("carries a same-site path, encoded", () => {
    expect(authHref("sign-in", "/models/abc/heads/1.4?x=1&y=2")).toBe("/sign-in?next=%2Fmodels%2Fabc%2Fheads%2F1.4%3Fx%3D1%26y%3D2");
    expect(authHref("sign-up", "/models")).toBe("/sign-up?next=%2Fmodels");
  });

  it("drops a hostile or useless next", () => {
    expect(authHref("sign-in", "//evil.example")).toBe("/sign-in");
    expect(authHref("sign-in", "https://evil.example")).toBe("/sign-in");
    expect(authHref("sign-in", null)).toBe("/sign-in");
    expect(authHref("sign-up", "/sign-in?next=%2Fmodels")).toBe("/sign-up");
    expect(authHref("sign-in", "/sign-up")).toBe("/sign-in");
  });
});
