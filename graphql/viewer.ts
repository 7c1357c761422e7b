// What the requesting account is to other rows, memoised per request (one query per team, and one
// for the accounts it may see the emails of), for nested fields that show or hide a detail by who
// asks: Model.team and User.email. Rule: these decide only what a field shows of a parent that was
// already authorized; access to the parent itself stays with lib/db through lib/auth/policy.
import type { Role } from "@/lib/auth/policy";
import { roleIn } from "@/lib/db/access";
import type { GraphQLContext } from "./context";

interface ViewerMemo {
  roles: Map<string, Promise<Role | null>>;
  /** Accounts sharing a team in which the viewer is an OWNER (the viewer included). */
  ownedCoMembers?: Promise<ReadonlySet<string>>;
}

const memos = new WeakMap<GraphQLContext, ViewerMemo>();

function memoOf(context: GraphQLContext): ViewerMemo {
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = { roles: new Map() }));
  return memo;
}

/** The viewer's role in `teamId` (null: not a member, or signed out). */
export function viewerRoleIn(context: GraphQLContext, teamId: string): Promise<Role | null> {
  const { roles } = memoOf(context);
  let role = roles.get(teamId);
  if (!role) roles.set(teamId, (role = roleIn(context.db, context.actor, teamId)));
  return role;
}

/**
 * True when the viewer may see `userId`'s email: it is the viewer, or the viewer is an OWNER of a
 * team `userId` is a member of (owners manage members and invitations by email; nobody else needs it).
 */
export async function viewerMaySeeEmailOf(context: GraphQLContext, userId: string): Promise<boolean> {
  const { actor, db } = context;
  if (!actor) return false;
  if (actor.userId === userId) return true;
  const memo = memoOf(context);
  memo.ownedCoMembers ??= db.membership
    .findMany({
      where: { team: { memberships: { some: { userId: actor.userId, role: "OWNER" } } } },
      select: { userId: true },
      distinct: ["userId"],
    })
    .then((rows) => new Set(rows.map((r) => r.userId)));
  return (await memo.ownedCoMembers).has(userId);
}
