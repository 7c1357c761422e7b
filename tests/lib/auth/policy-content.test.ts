// The collaboration rules of lib/auth/policy.ts (its header), as a hand-written matrix over roles
// and authorship for content (annotations, comments) on a TEAM model and on a public team's model.
import { describe, expect, it } from "vitest";
import { can, type Action, type Actor, type ContentResource, type Role } from "@/lib/auth/policy";

const me: Actor = { userId: "me", email: "me@x", name: "me", via: "session" };
const content = (role: Role | null, mine: boolean, teamIsPublic = false): ContentResource => ({
  kind: "content",
  authorId: mine ? "me" : "someone-else",
  model: { kind: "model", teamId: "t", teamIsPublic, visibility: "TEAM", createdById: "x", role },
});

type Row = Record<"content:read" | "annotation:edit" | "comment:edit" | "content:delete", boolean>;
const EXPECTED: [string, ContentResource, Row][] = [
  ["OWNER, someone else's", content("OWNER", false), { "content:read": true, "annotation:edit": true, "comment:edit": false, "content:delete": true }],
  ["OWNER, own", content("OWNER", true), { "content:read": true, "annotation:edit": true, "comment:edit": true, "content:delete": true }],
  ["EDITOR, someone else's", content("EDITOR", false), { "content:read": true, "annotation:edit": true, "comment:edit": false, "content:delete": false }],
  ["EDITOR, own", content("EDITOR", true), { "content:read": true, "annotation:edit": true, "comment:edit": true, "content:delete": true }],
  ["VIEWER, own (demoted author)", content("VIEWER", true), { "content:read": true, "annotation:edit": false, "comment:edit": false, "content:delete": false }],
  ["non-member, TEAM model", content(null, true), { "content:read": false, "annotation:edit": false, "comment:edit": false, "content:delete": false }],
  ["non-member, public team", content(null, true, true), { "content:read": true, "annotation:edit": false, "comment:edit": false, "content:delete": false }],
];

describe("policy on annotations and comments", () => {
  it("follows the hand-written matrix for every role and authorship", () => {
    for (const [who, resource, row] of EXPECTED) {
      for (const [action, allowed] of Object.entries(row) as [Action, boolean][]) expect(can(me, action, resource), `${who}: ${action}`).toBe(allowed);
    }
  });

  it("allows nothing to the signed-out, and no model or team action on content", () => {
    for (const [, resource] of EXPECTED) {
      for (const action of ["content:read", "annotation:edit", "comment:edit", "content:delete"] as const) expect(can(null, action, resource)).toBe(false);
      for (const action of ["model:read", "model:delete", "team:manageMembers"] as const) expect(can(me, action, resource)).toBe(false);
    }
  });

  it("lets only an account read its own notifications", () => {
    expect(can(me, "account:readNotifications", { kind: "account", userId: "me" })).toBe(true);
    expect(can(me, "account:readNotifications", { kind: "account", userId: "other" })).toBe(false);
  });
});
