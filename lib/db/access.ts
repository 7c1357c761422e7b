// Loads what the policy needs about a team or a model for one actor (its role there).
// Rule: query functions decide access only through lib/auth/policy's `can`/`authorize`, fed by these.
import type { Actor, ModelResource, Role, TeamResource } from "@/lib/auth/policy";
import type { DbOrTx } from "./client";
import type { Prisma } from "./generated/client";
import { NotFoundError } from "./errors";

/** The actor's role in a team, or null when not a member (or signed out). */
export async function roleIn(db: DbOrTx, actor: Actor | null, teamId: string): Promise<Role | null> {
  if (!actor) return null;
  const membership = await db.membership.findUnique({ where: { teamId_userId: { teamId, userId: actor.userId } }, select: { role: true } });
  return membership?.role ?? null;
}

/** The team as the policy sees it; NotFoundError when there is no such team. */
export async function teamResource(db: DbOrTx, actor: Actor | null, teamId: string): Promise<TeamResource> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true, isPublic: true } });
  if (!team) throw new NotFoundError("No team with that id.");
  return { kind: "team", teamId: team.id, isPublic: team.isPublic, role: await roleIn(db, actor, team.id) };
}

type ModelForPolicy = { teamId: string; visibility: ModelResource["visibility"]; createdById: string | null; team: { isPublic: boolean } };

/** The model as the policy sees it. */
export async function modelResource(db: DbOrTx, actor: Actor | null, model: ModelForPolicy): Promise<ModelResource> {
  return {
    kind: "model",
    teamId: model.teamId,
    teamIsPublic: model.team.isPublic,
    visibility: model.visibility,
    createdById: model.createdById,
    role: await roleIn(db, actor, model.teamId),
  };
}

/**
 * A Prisma filter selecting exactly the models `can(actor, "model:read", …)` allows, for lists and
 * search (must agree with lib/auth/policy.ts; tests/db/policy.test.ts checks both on one matrix).
 */
export function readableModelsWhere(actor: Actor | null): Prisma.ModelWhereInput {
  if (!actor) return { visibility: "PUBLIC" };
  const member = { memberships: { some: { userId: actor.userId } } };
  return {
    OR: [
      { visibility: "PUBLIC" },
      { visibility: "TEAM", team: { OR: [member, { isPublic: true }] } },
      { visibility: "PRIVATE", team: { memberships: { some: { userId: actor.userId, role: "OWNER" } } } },
      { visibility: "PRIVATE", createdById: actor.userId, team: member },
    ],
  };
}
