// Resolvers of the activity domain: Team.activity, one page of the team's audit log as its members
// may see it (lib/db/activity.ts decides access and filtering). Cursors are opaque (base64url of
// "activity:<id>").
import { z } from "zod";
import { DEFAULT_ACTIVITY_PAGE, listTeamActivityForActor, MAX_ACTIVITY_PAGE, type ActivityEntry } from "@/lib/db/activity";
import type { Resolver } from "../../context";
import { badUserInput } from "../../errors";
import { parseInput } from "../../payload";
import type { TeamParent } from "../team/resolvers";

interface ActivityConnection {
  edges: { cursor: string; node: ActivityEntry }[];
  pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
}

const CURSOR_PREFIX = "activity:";

const pageArgs = z.object({
  first: z.number().int().min(1, "first must be at least 1").max(MAX_ACTIVITY_PAGE, `first must be at most ${MAX_ACTIVITY_PAGE}`).default(DEFAULT_ACTIVITY_PAGE),
  after: z.string().max(400, "after is at most 400 characters").nullish(),
});

function encodeCursor(id: string): string {
  return Buffer.from(CURSOR_PREFIX + id, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(CURSOR_PREFIX) || text.length === CURSOR_PREFIX.length) {
    throw badUserInput("after: not a cursor of this feed", [{ path: ["after"], message: "not a cursor of this feed" }]);
  }
  return text.slice(CURSOR_PREFIX.length);
}

const activity: Resolver<TeamParent, { first?: number | null; after?: string | null }, ActivityConnection> = async (parent, args, { db, actor }) => {
  const { first, after } = parseInput(pageArgs, { ...args, first: args.first ?? undefined });
  const page = await listTeamActivityForActor(db, actor, parent.id, { first, after: after ? decodeCursor(after) : null });
  const edges = page.entries.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null } };
};

export const activityResolvers = {
  Team: { activity },
};
