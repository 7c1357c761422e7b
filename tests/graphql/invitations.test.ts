// The invitation page's GraphQL (graphql/modules/team, lib/db/invitations): invitationPreview tells
// whoever holds the secret which team, who invited, the role, the expiry and the state — also
// signed out — and nothing for a withdrawn or unknown secret; declineInvitation closes an open
// invitation meant for the actor (audit-logged), after which it cannot be accepted; an expired,
// used or declined invitation says which.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { MAX_INVITATION_TOKEN_LENGTH } from "@/lib/db/invitations";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let owner: Actor, invitee: Actor, member: Actor, teamId: string;

const PREVIEW = `query($token: String!) { invitationPreview(token: $token) { teamName invitedByName role email expiresAt status alreadyMember } }`;
const DECLINE = `mutation($token: String!) { declineInvitation(token: $token) { ok error { message } } }`;
const ACCEPT = `mutation($token: String!) { acceptInvitation(token: $token) { ok error { message } team { id } } }`;

async function invite(input: { role?: string; email?: string } = {}): Promise<string> {
  const r = await gql<{ inviteMember: { token: string } }>(t.db, owner, `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { ok token } }`, {
    input: { teamId, role: input.role ?? "EDITOR", email: input.email ?? null },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.inviteMember.token;
}

async function preview(actor: Actor | null, token: string) {
  return gql<{ invitationPreview: Record<string, unknown> }>(t.db, actor, PREVIEW, { token });
}

beforeAll(async () => {
  owner = await createTestUser(t.db, "inv-owner");
  invitee = await createTestUser(t.db, "inv-invitee");
  member = await createTestUser(t.db, "inv-member");
  teamId = await createTeamWith(t.db, "Invitation Lab", [[owner, "OWNER"], [member, "VIEWER"]]);
});

describe("invitationPreview", () => {
  it("tells the holder, signed in or out, which team, who invited, the role and the expiry of an open invitation", async () => {
    const token = await invite({ role: "EDITOR" });
    const row = await t.db.invitation.findFirstOrThrow({ where: { teamId }, orderBy: { createdAt: "desc" } });
    const expected = { teamName: "Invitation Lab", invitedByName: owner.name, role: "EDITOR", email: null, expiresAt: row.expiresAt.toISOString(), status: "OPEN", alreadyMember: false };
    for (const actor of [invitee, null]) {
      const r = await preview(actor, token);
      expect(r.errors).toBeUndefined();
      expect(r.data!.invitationPreview).toEqual(expected);
    }
    // A week from now (the default), to the minute.
    expect(Math.abs(row.expiresAt.getTime() - Date.now() - 7 * 24 * 3600 * 1000)).toBeLessThan(60_000);
    expect((await preview(member, token)).data!.invitationPreview.alreadyMember).toBe(true);
  });

  it("says EXPIRED or ACCEPTED for an invitation that can no longer be used, and NOT_FOUND for a withdrawn or unknown one", async () => {
    const expired = await invite();
    await t.db.invitation.updateMany({ where: { teamId, acceptedAt: null, declinedAt: null, revokedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await preview(invitee, expired)).data!.invitationPreview.status).toBe("EXPIRED");
    expect((await gql<{ acceptInvitation: { error: { message: string } } }>(t.db, invitee, ACCEPT, { token: expired })).data!.acceptInvitation.error.message).toBe("This invitation has expired: ask for a new one.");

    const used = await invite();
    expect((await gql<{ acceptInvitation: { ok: boolean } }>(t.db, invitee, ACCEPT, { token: used })).data!.acceptInvitation.ok).toBe(true);
    expect((await preview(invitee, used)).data!.invitationPreview).toMatchObject({ status: "ACCEPTED", alreadyMember: true });
    await t.db.membership.deleteMany({ where: { teamId, userId: invitee.userId } });

    const withdrawn = await invite();
    await t.db.invitation.updateMany({ where: { teamId, acceptedAt: null, declinedAt: null, revokedAt: null, expiresAt: { gt: new Date() } }, data: { revokedAt: new Date() } });
    const gone = await preview(invitee, withdrawn);
    expect(codes(gone)).toEqual(["NOT_FOUND"]);
    expect(gone.errors![0].message).toBe("This invitation does not exist or was withdrawn.");
    expect(codes(await preview(null, "cbi_" + "x".repeat(40)))).toEqual(["NOT_FOUND"]);
  });

  it("refuses a secret longer than MAX_INVITATION_TOKEN_LENGTH before looking it up", async () => {
    expect(codes(await preview(invitee, "x".repeat(MAX_INVITATION_TOKEN_LENGTH)))).toEqual(["NOT_FOUND"]);
    expect(codes(await preview(invitee, "x".repeat(MAX_INVITATION_TOKEN_LENGTH + 1)))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("declineInvitation", () => {
  it("closes an open invitation with an audit row; it then previews as DECLINED and cannot be accepted or declined again", async () => {
    const token = await invite({ role: "VIEWER" });
    const r = await gql<{ declineInvitation: { ok: boolean } }>(t.db, invitee, DECLINE, { token });
    expect(r.data!.declineInvitation).toEqual({ ok: true, error: null });
    const row = await t.db.invitation.findFirstOrThrow({ where: { teamId, declinedAt: { not: null } } });
    expect(await t.db.auditLog.count({ where: { action: "invitation.decline", targetId: row.id, actorId: invitee.userId } })).toBe(1);
    expect((await preview(invitee, token)).data!.invitationPreview.status).toBe("DECLINED");
    const again = await gql<{ acceptInvitation: { ok: boolean; error: { message: string } } }>(t.db, invitee, ACCEPT, { token });
    expect(again.data!.acceptInvitation).toMatchObject({ ok: false, error: { message: "This invitation was declined." } });
    expect(await t.db.membership.count({ where: { teamId, userId: invitee.userId } })).toBe(0);
    const twice = await gql<{ declineInvitation: { ok: boolean; error: { message: string } } }>(t.db, invitee, DECLINE, { token });
    expect(twice.data!.declineInvitation).toMatchObject({ ok: false, error: { message: "This invitation was declined." } });
    // Declined invitations leave the owners' list of open ones.
    const open = await gql<{ team: { invitations: { id: string }[] } }>(t.db, owner, `query($id: ID!) { team(id: $id) { invitations { id } } }`, { id: teamId });
    expect(open.data!.team.invitations.map((i) => i.id)).not.toContain(row.id);
  });

  it("is refused signed out, and for an invitation meant for another email, leaving it open", async () => {
    const token = await invite({ email: "someone-else@example.test" });
    expect(codes(await gql(t.db, null, DECLINE, { token }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(t.db, invitee, DECLINE, { token }))).toEqual(["FORBIDDEN"]);
    expect((await preview(invitee, token)).data!.invitationPreview).toMatchObject({ status: "OPEN", email: "someone-else@example.test" });
  });
});
