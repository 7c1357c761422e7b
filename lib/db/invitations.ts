// Team invitations. Rules: only OWNERs invite; the invitation's secret is returned once and stored
// as its sha256; an invitation is accepted or declined once, before it expires, and — when it names
// an email — only by the account with that email. Whoever holds the secret may read what it offers
// (team, inviter, role, expiry, state), signed in or not: the secret is the credential.
import { authorize, requireActor, type Actor, type Role } from "@/lib/auth/policy";
import { INVITATION_PREFIX, hashSecret, newSecret } from "@/lib/auth/secrets";
import { teamResource } from "./access";
import { audit } from "./audit";
import type { Db, DbOrTx } from "./client";
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from "./errors";

export interface InvitationSummary {
  id: string;
  teamId: string;
  email: string | null;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  declinedAt: Date | null;
  createdAt: Date;
}

/** Where an invitation stands: only an OPEN one can be accepted or declined. */
export type InvitationStatus = "OPEN" | "EXPIRED" | "REVOKED" | "ACCEPTED" | "DECLINED";

/** What an invitation link offers, as its holder sees it. */
export interface InvitationPreview {
  teamName: string;
  invitedByName: string | null;
  role: Role;
  email: string | null;
  expiresAt: Date;
  status: InvitationStatus;
  /** True when the signed-in holder already belongs to the team. */
  alreadyMember: boolean;
}

/** Longest secret looked up (an invitation secret is ~50 characters); longer is not one. */
export const MAX_INVITATION_TOKEN_LENGTH = 200;

type InvitationRow = { revokedAt: Date | null; acceptedAt: Date | null; declinedAt: Date | null; expiresAt: Date };

function statusOf(row: InvitationRow, now = Date.now()): InvitationStatus {
  if (row.revokedAt) return "REVOKED";
  if (row.acceptedAt) return "ACCEPTED";
  if (row.declinedAt) return "DECLINED";
  return row.expiresAt.getTime() < now ? "EXPIRED" : "OPEN";
}

/** Refuses anything but an OPEN invitation meant for this actor, with a message the invitee can act on. */
function assertOpenFor(actor: Actor, invitation: InvitationRow & { email: string | null }): void {
  switch (statusOf(invitation)) {
    case "REVOKED":
      throw new NotFoundError("This invitation does not exist or was withdrawn.");
    case "ACCEPTED":
      throw new ConflictError("This invitation was already used.");
    case "DECLINED":
      throw new ConflictError("This invitation was declined.");
    case "EXPIRED":
      throw new ConflictError("This invitation has expired: ask for a new one.");
    case "OPEN":
      break;
  }
  if (invitation.email !== null && invitation.email !== actor.email.toLowerCase()) {
    throw new ForbiddenError("This invitation is for another email address.");
  }
}

function tokenHashOf(token: string): string {
  const trimmed = token.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_INVITATION_TOKEN_LENGTH) throw new BadInputError(`An invitation code is 1 to ${MAX_INVITATION_TOKEN_LENGTH} characters.`, "token");
  return hashSecret(trimmed);
}

/** What the invitation with this secret offers (NotFoundError when there is none, or it was withdrawn: nothing about its team is told). */
export async function previewInvitation(db: DbOrTx, actor: Actor | null, token: string): Promise<InvitationPreview> {
  const row = await db.invitation.findUnique({
    where: { tokenHash: tokenHashOf(token) },
    select: { ...SUMMARY, team: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!row || row.revokedAt) throw new NotFoundError("This invitation does not exist or was withdrawn.");
  const member = actor ? await db.membership.findUnique({ where: { teamId_userId: { teamId: row.teamId, userId: actor.userId } }, select: { id: true } }) : null;
  return {
    teamName: row.team.name,
    invitedByName: row.invitedBy?.name ?? null,
    role: row.role,
    email: row.email,
    expiresAt: row.expiresAt,
    status: statusOf(row),
    alreadyMember: member !== null,
  };
}

/** Turns down an open invitation meant for the actor; it can no longer be accepted. */
export async function declineInvitation(db: Db, actor: Actor | null, token: string): Promise<void> {
  requireActor(actor);
  const tokenHash = tokenHashOf(token);
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash } });
    if (!invitation) throw new NotFoundError("This invitation does not exist or was withdrawn.");
    assertOpenFor(actor, invitation);
    await tx.invitation.update({ where: { id: invitation.id }, data: { declinedAt: new Date() } });
    await audit(tx, actor, "invitation.decline", "invitation", invitation.id, { teamId: invitation.teamId, role: invitation.role });
  });
}

const SUMMARY = { id: true, teamId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, declinedAt: true, createdAt: true } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Invites someone to a team with a role (OWNER of the team). Returns the invitation and its secret
 * `token`, to be sent to the invitee (e.g. as a link); the token is never retrievable again.
 */
export async function inviteMember(
  db: Db,
  actor: Actor | null,
  input: { teamId: string; role: Role; email?: string | null; expiresInDays?: number },
): Promise<{ invitation: InvitationSummary; token: string }> {
  const email = input.email?.trim().toLowerCase() || null;
  if (email !== null && !EMAIL.test(email)) throw new BadInputError("That is not an email address.", "email");
  const days = input.expiresInDays ?? 7;
  if (!(days > 0 && days <= 90)) throw new BadInputError("An invitation expires within 1 to 90 days.", "expiresInDays");
  const token = newSecret(INVITATION_PREFIX);
  const invitation = await db.$transaction(async (tx) => {
    authorize(actor, "team:manageMembers", await teamResource(tx, actor, input.teamId), "team");
    const row = await tx.invitation.create({
      data: { teamId: input.teamId, email, role: input.role, tokenHash: hashSecret(token), invitedById: actor.userId, expiresAt: new Date(Date.now() + days * DAY_MS) },
      select: SUMMARY,
    });
    await audit(tx, actor, "invitation.create", "invitation", row.id, { teamId: input.teamId, email, role: input.role });
    return row;
  });
  return { invitation, token };
}

/** Open and past invitations of a team (OWNER), newest first. */
export async function listInvitationsForActor(db: DbOrTx, actor: Actor | null, teamId: string): Promise<InvitationSummary[]> {
  authorize(actor, "team:manageMembers", await teamResource(db, actor, teamId), "team");
  return db.invitation.findMany({ where: { teamId }, select: SUMMARY, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** Withdraws an open invitation (OWNER of its team). */
export async function revokeInvitation(db: Db, actor: Actor | null, invitationId: string): Promise<InvitationSummary> {
  return db.$transaction(async (tx) => {
    const existing = await tx.invitation.findUnique({ where: { id: invitationId }, select: SUMMARY });
    if (!existing) throw new NotFoundError("No invitation with that id.");
    authorize(actor, "team:manageMembers", await teamResource(tx, actor, existing.teamId), "team");
    if (existing.acceptedAt) throw new ConflictError("This invitation was already accepted.");
    if (existing.revokedAt) return existing;
    const row = await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() }, select: SUMMARY });
    await audit(tx, actor, "invitation.revoke", "invitation", invitationId, { teamId: existing.teamId });
    return row;
  });
}

/** Joins the team of an invitation with its role; returns the team id and role. */
export async function acceptInvitation(db: Db, actor: Actor | null, token: string): Promise<{ teamId: string; role: Role }> {
  requireActor(actor);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: tokenHashOf(token) } });
    if (!invitation) throw new NotFoundError("This invitation does not exist or was withdrawn.");
    assertOpenFor(actor, invitation);
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invitation.teamId, userId: actor.userId } } });
    if (existing) throw new ConflictError("You are already a member of this team.");
    const membership = await tx.membership.create({ data: { teamId: invitation.teamId, userId: actor.userId, role: invitation.role } });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date(), acceptedById: actor.userId } });
    await audit(tx, actor, "invitation.accept", "membership", membership.id, { teamId: invitation.teamId, invitationId: invitation.id, role: invitation.role });
    return { teamId: invitation.teamId, role: invitation.role };
  });
}
