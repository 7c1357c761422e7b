// Resolvers of the team domain: teams, team, invitationPreview, Team.{viewerRole,members,invitations,models}
// and the membership and invitation mutations. Rule: each resolver calls one lib/db query function, which decides access
// through lib/auth/policy's `can`; nested fields re-check, so nesting never widens what is visible.
import { z } from "zod";
import type { Role } from "@/lib/auth/policy";
import { roleIn } from "@/lib/db/access";
import { acceptInvitation, declineInvitation, inviteMember, listInvitationsForActor, previewInvitation, type InvitationPreview, type InvitationSummary } from "@/lib/db/invitations";
import {
  createTeam,
  getTeamForActor,
  listMembersForActor,
  listTeamsForActor,
  removeMember,
  setMemberRole,
  type MemberSummary,
  type TeamSummary,
} from "@/lib/db/teams";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput, payload, type Payload } from "../../payload";
import { modelConnection, modelPageArgs, type ModelConnection } from "../model/connection";
import type { UserParent } from "../user/resolvers";

/** A Team as resolvers receive it: a TeamSummary, or a model's embedded team (role not loaded). */
export type TeamParent = Pick<TeamSummary, "id" | "name" | "slug" | "isPublic"> & { role?: Role | null };

const id = z.string().trim().min(1, "An id is required.").max(200);
const role = z.enum(["OWNER", "EDITOR", "VIEWER"]);
const createTeamInput = z.object({ name: z.string().trim().min(1, "Give the team a name.").max(80, "A team name is at most 80 characters.") });
const inviteMemberInput = z.object({ teamId: id, role, email: z.email("That is not an email address.").max(320).nullish() });
const setMemberRoleInput = z.object({ teamId: id, userId: id, role });
const memberArgs = z.object({ teamId: id, userId: id });
const tokenArgs = z.object({ token: z.string().trim().min(1, "Paste the invitation code.").max(200) });

// ── Query ──

const teams: Resolver<unknown, object, TeamSummary[]> = (_p, _a, { db, actor }) => listTeamsForActor(db, actor);

const team: Resolver<unknown, { id: string }, TeamSummary | null> = (_p, args, { db, actor }) =>
  nullIfNotFound(getTeamForActor(db, actor, parseInput(z.object({ id }), args).id));

const invitationPreview: Resolver<unknown, { token: string }, InvitationPreview> = (_p, args, { db, actor }) =>
  previewInvitation(db, actor, parseInput(tokenArgs, args).token);

// ── Team ──

const viewerRole: Resolver<TeamParent, object, Role | null> = (parent, _a, { db, actor }) =>
  parent.role !== undefined ? parent.role : roleIn(db, actor, parent.id);

const members: Resolver<TeamParent, object, MemberSummary[]> = (parent, _a, { db, actor }) => listMembersForActor(db, actor, parent.id);

/** Open invitations for owners; an empty list for everyone else (the policy decides who is an owner). */
const invitations: Resolver<TeamParent, object, InvitationSummary[]> = async (parent, _a, { db, actor }) => {
  const role = parent.role !== undefined ? parent.role : await roleIn(db, actor, parent.id);
  if (role !== "OWNER") return [];
  const now = Date.now();
  const all = await listInvitationsForActor(db, actor, parent.id);
  return all.filter((i) => !i.acceptedAt && !i.revokedAt && !i.declinedAt && i.expiresAt.getTime() > now);
};

const teamModels: Resolver<TeamParent, { first?: number; after?: string | null; search?: string | null }, ModelConnection> = (parent, args, { db, actor }) =>
  modelConnection(db, actor, { ...modelPageArgs(args), teamId: parent.id });

// ── Member ──

const memberUser: Resolver<MemberSummary, object, UserParent> = (parent) => ({ id: parent.userId, name: parent.name, email: parent.email });

// ── Mutation ──

const createTeamMutation: Resolver<unknown, { input: unknown }, Payload<{ team: TeamSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => ({ team: await createTeam(db, actor, parseInput(createTeamInput, args.input)) }));

const inviteMemberMutation: Resolver<unknown, { input: unknown }, Payload<{ invitation: InvitationSummary; token: string }>> = (_p, args, { db, actor }) =>
  payload(() => inviteMember(db, actor, parseInput(inviteMemberInput, args.input)));

const acceptInvitationMutation: Resolver<unknown, { token: string }, Payload<{ team: TeamSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const { teamId } = await acceptInvitation(db, actor, parseInput(tokenArgs, args).token);
    return { team: await getTeamForActor(db, actor, teamId) };
  });

const declineInvitationMutation: Resolver<unknown, { token: string }, Payload<object>> = (_p, args, { db, actor }) =>
  payload(async () => {
    await declineInvitation(db, actor, parseInput(tokenArgs, args).token);
    return {};
  });

const setMemberRoleMutation: Resolver<unknown, { input: unknown }, Payload<{ member: MemberSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => ({ member: await setMemberRole(db, actor, parseInput(setMemberRoleInput, args.input)) }));

const removeMemberMutation: Resolver<unknown, { teamId: string; userId: string }, Payload<{ member: null }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    await removeMember(db, actor, parseInput(memberArgs, args));
    return { member: null };
  });

export const teamResolvers = {
  Query: { teams, team, invitationPreview },
  Team: { viewerRole, members, invitations, models: teamModels },
  Member: { user: memberUser },
  Mutation: {
    createTeam: createTeamMutation,
    inviteMember: inviteMemberMutation,
    acceptInvitation: acceptInvitationMutation,
    declineInvitation: declineInvitationMutation,
    setMemberRole: setMemberRoleMutation,
    removeMember: removeMemberMutation,
  },
};
