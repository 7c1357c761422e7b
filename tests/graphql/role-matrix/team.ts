// Role matrix entries of graphql/modules/team: teams, members, invitations (create, preview, accept, decline). The lab is a private team.
import { ANY_ACCOUNT, OWNER_ONLY, type MatrixCase } from "./types";

const LAB = (w: { labId: string }) => ({ id: w.labId });

export const teamCases: MatrixCase[] = [
  { covers: ["Query.teams"], query: `{ teams { id name } }`, expect: "some some some some" },
  { covers: ["Query.team", "Team.viewerRole"], query: `query($id: ID!) { team(id: $id) { id viewerRole } }`, variables: LAB, expect: "some some some none" },
  { covers: ["Query.team"], variant: "by slug", query: `query($id: ID!) { team(id: $id) { id } }`, variables: (w) => ({ id: w.labSlug }), expect: "some some some none" },
  { covers: ["Team.members", "Member.user"], query: `query($id: ID!) { team(id: $id) { members { role user { id name email } } } }`, variables: LAB, path: ["team", "members"], expect: "some some some none" },
  // Invitations (their emails and roles) are the OWNERs' business.
  { covers: ["Team.invitations"], query: `query($id: ID!) { team(id: $id) { invitations { id role } } }`, variables: LAB, path: ["team", "invitations"], expect: "some none none none" },
  { covers: ["Team.models"], query: `query($id: ID!) { team(id: $id) { models { edges { node { id } } } } }`, variables: LAB, path: ["team", "models", "edges"], expect: "some some some none" },
  { covers: ["Mutation.createTeam"], query: `mutation { createTeam(input: { name: "Matrix New" }) { ok team { id } } }`, path: ["createTeam", "team"], expect: ANY_ACCOUNT },
  {
    covers: ["Mutation.inviteMember"],
    query: `mutation($t: ID!) { inviteMember(input: { teamId: $t, role: VIEWER }) { ok token } }`,
    variables: (w) => ({ t: w.labId }),
    path: ["inviteMember", "token"],
    expect: OWNER_ONLY,
  },
  {
    // An open invitation of a team nobody of the lab is in: whoever holds the secret joins.
    covers: ["Mutation.acceptInvitation"],
    query: `mutation($token: String!) { acceptInvitation(token: $token) { ok team { id } } }`,
    variables: async (w) => ({ token: await w.fresh.invitationToken() }),
    path: ["acceptInvitation", "team"],
    expect: ANY_ACCOUNT,
  },
  {
    covers: ["Mutation.acceptInvitation"],
    variant: "an invitation for another email",
    query: `mutation($token: String!) { acceptInvitation(token: $token) { ok team { id } } }`,
    variables: async (w) => ({ token: await w.fresh.invitationToken("someone-else@test.circuitboard.local") }),
    path: ["acceptInvitation", "team"],
    expect: "FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  {
    // The secret is the credential: whoever holds it, signed in or not, reads what it offers.
    covers: ["Query.invitationPreview"],
    query: `query($token: String!) { invitationPreview(token: $token) { teamName invitedByName role expiresAt status alreadyMember } }`,
    variables: async (w) => ({ token: await w.fresh.invitationToken() }),
    path: ["invitationPreview", "status"],
    expect: "ok ok ok ok ok ok",
  },
  {
    covers: ["Query.invitationPreview"],
    variant: "a secret that is no invitation",
    query: `query($token: String!) { invitationPreview(token: $token) { teamName } }`,
    variables: () => ({ token: "cbi_notAnInvitationAtAllxxxxxxxxxxxx" }),
    expect: "NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND",
  },
  {
    covers: ["Mutation.declineInvitation"],
    query: `mutation($token: String!) { declineInvitation(token: $token) { ok } }`,
    variables: async (w) => ({ token: await w.fresh.invitationToken() }),
    path: ["declineInvitation", "ok"],
    expect: ANY_ACCOUNT,
  },
  {
    covers: ["Mutation.declineInvitation"],
    variant: "an invitation for another email",
    query: `mutation($token: String!) { declineInvitation(token: $token) { ok } }`,
    variables: async (w) => ({ token: await w.fresh.invitationToken("someone-else@test.circuitboard.local") }),
    path: ["declineInvitation", "ok"],
    expect: "FORBIDDEN FORBIDDEN FORBIDDEN FORBIDDEN",
  },
  {
    covers: ["Mutation.setMemberRole"],
    query: `mutation($t: ID!, $u: ID!) { setMemberRole(input: { teamId: $t, userId: $u, role: EDITOR }) { ok member { role } } }`,
    variables: async (w) => ({ t: w.labId, u: await w.fresh.member() }),
    path: ["setMemberRole", "member"],
    expect: OWNER_ONLY,
  },
  {
    covers: ["Mutation.removeMember"],
    query: `mutation($t: ID!, $u: ID!) { removeMember(teamId: $t, userId: $u) { ok } }`,
    variables: async (w) => ({ t: w.labId, u: await w.fresh.member() }),
    path: ["removeMember", "ok"],
    expect: OWNER_ONLY,
  },
];
