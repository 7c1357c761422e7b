// Which queries a live activity event makes stale.
import { describe, expect, it } from "vitest";
import { activityInvalidations } from "@/lib/client/live";
import { queryKeys } from "@/lib/client/query-keys";

describe("activityInvalidations", () => {
  it("refreshes the model's collaboration queries for annotation and vote events, and the taxonomy only for label events", () => {
    for (const kind of ["ANNOTATION", "VOTE"] as const) expect(activityInvalidations({ modelId: "m", kind })).toEqual([queryKeys.collab("m")]);
    expect(activityInvalidations({ modelId: "m", kind: "LABEL" })).toEqual([queryKeys.collab("m"), queryKeys.collabContext("m")]);
  });

  it("also refreshes the notifications for comments (mentions) and claims (failing)", () => {
    for (const kind of ["COMMENT", "CLAIM"] as const) expect(activityInvalidations({ modelId: "m", kind })).toContainEqual(queryKeys.notifications());
  });

  it("refreshes the viewers on presence and everything on a resync", () => {
    expect(activityInvalidations({ modelId: "m", kind: "PRESENCE" })).toEqual([queryKeys.viewers("m")]);
    expect(activityInvalidations({ modelId: "m", kind: "RESYNC" })).toEqual([queryKeys.collab("m"), queryKeys.collabContext("m"), queryKeys.viewers("m"), queryKeys.notifications(), queryKeys.findings("m")]);
    expect(activityInvalidations({ modelId: "m", kind: "FINDING" })).toEqual([queryKeys.findings("m")]);
  });

  it("keys the head annotations and the consensus under the collaboration key", () => {
    expect(queryKeys.headAnnotations("m", "1.4").slice(0, queryKeys.collab("m").length)).toEqual([...queryKeys.collab("m")]);
    expect(queryKeys.headConsensus("m").slice(0, queryKeys.collab("m").length)).toEqual([...queryKeys.collab("m")]);
  });
});
