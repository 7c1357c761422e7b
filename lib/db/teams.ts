// Teams and memberships. Rules: every function takes the acting user and decides access through
// lib/auth/policy; every write runs in a transaction with an AuditLog row; a team always keeps at
// least one OWNER.
import { authorize, requireActor, type Actor, type Role } from "@/lib/auth/policy";
import { teamResource } from "./access";
import { forgetModelVersions } from "./analysis-memory";
import { versionIdsOf } from "./analyses";
import { audit } from "./audit";
import type { Db, DbOrTx, Tx } from "./client";
import { BadInputError, ConflictError, NotFoundError } from "./errors";

export interface TeamSummary {
  id: string;
  name: string;
  slug: string;
  isPublic: boolean;
  createdAt: Date;
  /** The actor's role, null when the actor reads a public team without being a member. */
  role: Role | null;
}

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

const TEAM_FIELDS = { id: true, name: true, slug: true, isPublic: true, createdAt: true } as const;

function validTeamName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 80) throw new BadInputError("A team name is 1 to 80 characters.", "name");
  return trimmed;
}

/** A URL-safe slug from a name ("Induction Lab" → "induction-lab"), made unique with a suffix. */
async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "team";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.team.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

/** Creates a team with the actor as its OWNER. */
export async function createTeam(db: Db, actor: Actor | null, input: { name: string; isPublic?: boolean }): Promise<TeamSummary> {
  requireActor(actor);
  const name = validTeamName(input.name);
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: { name, slug: await uniqueSlug(tx, name), isPublic: input.isPublic ?? false, memberships: { create: { userId: actor.userId, role: "OWNER" } } },
      select: TEAM_FIELDS,
    });
    await audit(tx, actor, "team.create", "team", team.id, { name });
    return { ...team, role: "OWNER" as const };
  });
}

/** The teams the actor belongs to, then public teams it may read, each with the actor's role. */
export async function listTeamsForActor(db: DbOrTx, actor: Actor | null): Promise<TeamSummary[]> {
  requireActor(actor);
  const teams = await db.team.findMany({
    where: { OR: [{ memberships: { some: { userId: actor.userId } } }, { isPublic: true }] },
    select: { ...TEAM_FIELDS, memberships: { where: { userId: actor.userId }, select: { role: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return teams
    .map(({ memberships, ...team }) => ({ ...team, role: memberships[0]?.role ?? null }))
    .sort((a, b) => Number(a.role === null) - Number(b.role === null));
}

/** One team the actor may read (by id or slug); NotFoundError otherwise. */
export async function getTeamForActor(db: DbOrTx, actor: Actor | null, idOrSlug: string): Promise<TeamSummary> {
  const row = await db.team.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: TEAM_FIELDS });
  if (!row) throw new NotFoundError("No team with that id.");
  const resource = await teamResource(db, actor, row.id);
  authorize(actor, "team:read", resource, "team");
  return { ...row, role: resource.role };
}

/** Renames a team (OWNER). */
export async function renameTeam(db: Db, actor: Actor | null, teamId: string, newName: string): Promise<TeamSummary> {
  const name = validTeamName(newName);
  return db.$transaction(async (tx) => {
    const resource = await teamResource(tx, actor, teamId);
    authorize(actor, "team:update", resource, "team");
    const team = await tx.team.update({ where: { id: teamId }, data: { name }, select: TEAM_FIELDS });
    await audit(tx, actor, "team.rename", "team", teamId, { name });
    return { ...team, role: resource.role };
  });
}

/** Deletes a team with its memberships, invitations and models (OWNER). */
export async function deleteTeam(db: Db, actor: Actor | null, teamId: string): Promise<void> {
  const versionIds = await db.$transaction(async (tx) => {
    authorize(actor, "team:delete", await teamResource(tx, actor, teamId), "team");
    const ids = await versionIdsOf(tx, { teamId });
    const team = await tx.team.delete({ where: { id: teamId }, select: { name: true } });
    await audit(tx, actor, "team.delete", "team", teamId, { name: team.name });
    return ids;
  });
  forgetModelVersions(versionIds);
}

/** The members of a team the actor may read, owners first. */
export async function listMembersForActor(db: DbOrTx, actor: Actor | null, teamId: string): Promise<MemberSummary[]> {
  const resource = await teamResource(db, actor, teamId);
  authorize(actor, "team:read", resource, "team");
  // A public team's member list (emails) is for its members only.
  if (resource.role === null) return [];
  const rows = await db.membership.findMany({
    where: { teamId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  const rank: Record<Role, number> = { OWNER: 0, EDITOR: 1, VIEWER: 2 };
  return rows
    .map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, joinedAt: r.createdAt }))
    .sort((a, b) => rank[a.role] - rank[b.role]);
}

async function assertNotLastOwner(tx: Tx, teamId: string, userId: string): Promise<void> {
  const owners = await tx.membership.findMany({ where: { teamId, role: "OWNER" }, select: { userId: true } });
  if (owners.length === 1 && owners[0].userId === userId) {
    throw new ConflictError("A team needs at least one owner: make someone else an owner first.");
  }
}

/** Sets a member's role (OWNER); the last owner cannot be demoted. */
export async function setMemberRole(db: Db, actor: Actor | null, input: { teamId: string; userId: string; role: Role }): Promise<MemberSummary> {
  return db.$transaction(async (tx) => {
    authorize(actor, "team:manageMembers", await teamResource(tx, actor, input.teamId), "team");
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId: input.teamId, userId: input.userId } } });
    if (!membership) throw new NotFoundError("That account is not a member of this team.");
    if (membership.role === "OWNER" && input.role !== "OWNER") await assertNotLastOwner(tx, input.teamId, input.userId);
    const row = await tx.membership.update({
      where: { id: membership.id },
      data: { role: input.role },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    });
    await audit(tx, actor, "membership.setRole", "membership", membership.id, { teamId: input.teamId, userId: input.userId, from: membership.role, to: input.role });
    return { userId: row.user.id, name: row.user.name, email: row.user.email, role: row.role, joinedAt: row.createdAt };
  });
}

/** Removes a member (OWNER), or lets a member leave; the last owner can do neither. */
export async function removeMember(db: Db, actor: Actor | null, input: { teamId: string; userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const resource = await teamResource(tx, actor, input.teamId);
    const leaving = actor?.userId === input.userId && resource.role !== null;
    if (!leaving) authorize(actor, "team:manageMembers", resource, "team");
    const membership = await tx.membership.findUnique({ where: { teamId_userId: { teamId: input.teamId, userId: input.userId } } });
    if (!membership) throw new NotFoundError("That account is not a member of this team.");
    if (membership.role === "OWNER") await assertNotLastOwner(tx, input.teamId, input.userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await audit(tx, actor, leaving ? "membership.leave" : "membership.remove", "membership", membership.id, { teamId: input.teamId, userId: input.userId });
  });
}
