// The access policy (lib/auth/policy.ts) as enforced by the query functions of lib/db: a hand-written
// matrix of who may read which model, checked three ways (can, get by id, list/search), then writes.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { can, type Actor, type Visibility } from "@/lib/auth/policy";
import { modelResource } from "@/lib/db/access";
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from "@/lib/db/errors";
import { acceptInvitation, inviteMember, listInvitationsForActor, revokeInvitation } from "@/lib/db/invitations";
import { deleteModel, getModelForActor, listModelsForActor, renameModel, setModelVisibility } from "@/lib/db/models";
import { createTeam, listMembersForActor, listTeamsForActor, removeMember, setMemberRole } from "@/lib/db/teams";
import { createModelFromUpload, type UploadTokenizer } from "@/lib/db/tensors";
import { createTestUser, tableRowCounts, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();
const actors = {} as Record<"owner" | "editor" | "viewer" | "outsider" | "demoOwner", Actor>;
const models = {} as Record<"privateA" | "teamA" | "publicA" | "teamDemo", string>;
let teamA: string;
let demoTeam: string;

async function addMember(teamId: string, actor: Actor, role: "EDITOR" | "VIEWER") {
  await t.db.membership.create({ data: { teamId, userId: actor.userId, role } });
}

async function makeModel(by: Actor, teamId: string, name: string, visibility: Visibility, tokenizer?: UploadTokenizer): Promise<string> {
  const contentHash = createHash("sha256").update(name).digest("hex");
  const { model } = await createModelFromUpload(t.db, by, { teamId, name, config: {}, tensors: [], contentHash, visibility, tokenizer });
  return model.id;
}

beforeAll(async () => {
  for (const name of ["owner", "editor", "viewer", "outsider", "demoOwner"] as const) actors[name] = await createTestUser(t.db, name);
  teamA = (await createTeam(t.db, actors.owner, { name: "Team A" })).id;
  await addMember(teamA, actors.editor, "EDITOR");
  await addMember(teamA, actors.viewer, "VIEWER");
  demoTeam = (await createTeam(t.db, actors.demoOwner, { name: "Demo", isPublic: true })).id;
  models.privateA = await makeModel(actors.editor, teamA, "private draft", "PRIVATE");
  models.teamA = await makeModel(actors.owner, teamA, "team model", "TEAM");
  models.publicA = await makeModel(actors.owner, teamA, "public model", "PUBLIC");
  models.teamDemo = await makeModel(actors.demoOwner, demoTeam, "demo model", "TEAM");
});

// Who may read what, written out by hand from the rules in lib/auth/policy.ts's header.
const READ: Record<keyof typeof actors, Record<keyof typeof models, boolean>> = {
  owner: { privateA: true, teamA: true, publicA: true, teamDemo: true },
  editor: { privateA: true, teamA: true, publicA: true, teamDemo: true }, // uploaded privateA
  viewer: { privateA: false, teamA: true, publicA: true, teamDemo: true },
  outsider: { privateA: false, teamA: false, publicA: true, teamDemo: true },
  demoOwner: { privateA: false, teamA: false, publicA: true, teamDemo: true },
};

describe("reading models", () => {
  it("agrees with the hand-written matrix through can(), by id, and in the list", async () => {
    for (const [who, row] of Object.entries(READ) as [keyof typeof actors, (typeof READ)["owner"]][]) {
      const listed = new Set((await listModelsForActor(t.db, actors[who], { first: 100 })).items.map((m) => m.id));
      for (const [which, allowed] of Object.entries(row) as [keyof typeof models, boolean][]) {
        const row = await t.db.model.findUniqueOrThrow({ where: { id: models[which] }, include: { team: true } });
        expect(can(actors[who], "model:read", await modelResource(t.db, actors[who], row)), `${who} can read ${which}`).toBe(allowed);
        expect(listed.has(models[which]), `${who} lists ${which}`).toBe(allowed);
        const byId = getModelForActor(t.db, actors[who], models[which]);
        if (allowed) await expect(byId).resolves.toMatchObject({ id: models[which] });
        else await expect(byId).rejects.toThrow(NotFoundError);
      }
    }
  });

  it("never finds a model the actor may not read by searching its name", async () => {
    expect((await listModelsForActor(t.db, actors.outsider, { search: "DRAFT" })).items).toEqual([]);
    expect((await listModelsForActor(t.db, actors.viewer, { search: "draft" })).items).toEqual([]);
    expect((await listModelsForActor(t.db, actors.editor, { search: "DRAFT" })).items.map((m) => m.id)).toEqual([models.privateA]);
  });

  it("shows a signed-out visitor the PUBLIC models only: by id, in the list and through can()", async () => {
    // Written out by hand: signed out, only publicA (visibility PUBLIC) reads; teamDemo is TEAM in a
    // public team, which needs an account.
    const SIGNED_OUT: Record<keyof typeof models, boolean> = { privateA: false, teamA: false, publicA: true, teamDemo: false };
    const listed = new Set((await listModelsForActor(t.db, null, { first: 100 })).items.map((m) => m.id));
    for (const [which, allowed] of Object.entries(SIGNED_OUT) as [keyof typeof models, boolean][]) {
      const row = await t.db.model.findUniqueOrThrow({ where: { id: models[which] }, include: { team: true } });
      expect(can(null, "model:read", await modelResource(t.db, null, row)), `signed out can read ${which}`).toBe(allowed);
      expect(listed.has(models[which]), `signed out lists ${which}`).toBe(allowed);
      const byId = getModelForActor(t.db, null, models[which]);
      if (allowed) await expect(byId).resolves.toMatchObject({ id: models[which] });
      else await expect(byId).rejects.toThrow(UnauthenticatedError);
    }
    expect((await listModelsForActor(t.db, null, { search: "DRAFT" })).items).toEqual([]);
  });

  it("lets a signed-out visitor do nothing but read: no write of a PUBLIC model, no team", () => {
    const publicModel = { kind: "model", teamId: teamA, teamIsPublic: true, visibility: "PUBLIC", createdById: null, role: null } as const;
    for (const action of ["model:update", "model:annotate", "model:delete"] as const) expect(can(null, action, publicModel), action).toBe(false);
    const content = { kind: "content", model: publicModel, authorId: null } as const;
    expect(can(null, "content:read", content)).toBe(true);
    for (const action of ["annotation:edit", "comment:edit", "content:delete"] as const) expect(can(null, action, content), action).toBe(false);
    expect(can(null, "content:read", { ...content, model: { ...publicModel, visibility: "TEAM" } })).toBe(false);
    expect(can(null, "team:read", { kind: "team", teamId: demoTeam, isPublic: true, role: null })).toBe(false);
  });

  it("pages through the list newest first without gaps or repeats", async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await listModelsForActor(t.db, actors.owner, { first: 2, after });
      ids.push(...page.items.map((m) => m.id));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    const all = await t.db.model.findMany({ where: { id: { in: [models.privateA, models.teamA, models.publicA, models.teamDemo] } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(ids).toEqual(all.map((m) => m.id));
  });
});

describe("writing", () => {
  it("lets a VIEWER change nothing, and leaves every row as it was", async () => {
    const before = await tableRowCounts(t.db);
    const v = actors.viewer;
    await expect(renameModel(t.db, v, models.teamA, "renamed")).rejects.toThrow(ForbiddenError);
    await expect(setModelVisibility(t.db, v, models.teamA, "PUBLIC")).rejects.toThrow(ForbiddenError);
    await expect(deleteModel(t.db, v, models.teamA)).rejects.toThrow(ForbiddenError);
    await expect(makeModel(v, teamA, "viewer upload", "TEAM")).rejects.toThrow(ForbiddenError);
    await expect(inviteMember(t.db, v, { teamId: teamA, role: "VIEWER" })).rejects.toThrow(ForbiddenError);
    await expect(setMemberRole(t.db, v, { teamId: teamA, userId: v.userId, role: "OWNER" })).rejects.toThrow(ForbiddenError);
    await expect(removeMember(t.db, v, { teamId: teamA, userId: actors.editor.userId })).rejects.toThrow(ForbiddenError);
    expect(await tableRowCounts(t.db)).toEqual(before);
    expect((await t.db.model.findUniqueOrThrow({ where: { id: models.teamA } })).name).toBe("team model");
  });

  it("answers NotFound (not Forbidden) to a non-member writing to a private model", async () => {
    await expect(renameModel(t.db, actors.outsider, models.privateA, "mine")).rejects.toThrow(NotFoundError);
    await expect(deleteModel(t.db, actors.outsider, models.teamA)).rejects.toThrow(NotFoundError);
    // A PUBLIC model is visible, so the refusal says Forbidden.
    await expect(renameModel(t.db, actors.outsider, models.publicA, "mine")).rejects.toThrow(ForbiddenError);
  });

  it("lets an EDITOR rename (with an audit row) but not delete or manage members", async () => {
    const renamed = await renameModel(t.db, actors.editor, models.teamA, "  induction study  ");
    expect(renamed.name).toBe("induction study");
    const log = await t.db.auditLog.findFirstOrThrow({ where: { action: "model.rename", targetId: models.teamA } });
    expect(log.actorId).toBe(actors.editor.userId);
    expect(log.data).toEqual({ name: "induction study" });
    await expect(deleteModel(t.db, actors.editor, models.teamA)).rejects.toThrow(ForbiddenError);
    await expect(inviteMember(t.db, actors.editor, { teamId: teamA, role: "EDITOR" })).rejects.toThrow(ForbiddenError);
  });

  it("keeps a team's last OWNER from being demoted or leaving", async () => {
    await expect(setMemberRole(t.db, actors.owner, { teamId: teamA, userId: actors.owner.userId, role: "EDITOR" })).rejects.toThrow(ConflictError);
    await expect(removeMember(t.db, actors.owner, { teamId: teamA, userId: actors.owner.userId })).rejects.toThrow("A team needs at least one owner");
  });

  it("lets an OWNER change roles and delete a model, cascading its versions and tokenizer", async () => {
    const member = await setMemberRole(t.db, actors.owner, { teamId: teamA, userId: actors.viewer.userId, role: "EDITOR" });
    expect(member.role).toBe("EDITOR");
    await setMemberRole(t.db, actors.owner, { teamId: teamA, userId: actors.viewer.userId, role: "VIEWER" });
    const doomed = await makeModel(actors.owner, teamA, "doomed", "TEAM", { kind: "vocab", data: ["a", "b", "c"], vocabSize: 3, sample: ["a", "b", "c"] });
    const tokenizerId = (await t.db.model.findUniqueOrThrow({ where: { id: doomed } })).tokenizerId!;
    await deleteModel(t.db, actors.owner, doomed);
    expect(await t.db.model.findUnique({ where: { id: doomed } })).toBeNull();
    expect(await t.db.tokenizer.findUnique({ where: { id: tokenizerId } })).toBeNull();
    expect(await t.db.modelVersion.count({ where: { modelId: doomed } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: "model.delete", targetId: doomed } })).toBe(1);
  });
});

describe("teams and invitations", () => {
  it("lists the actor's teams first, then public teams it only reads, and hides members of those", async () => {
    const teams = await listTeamsForActor(t.db, actors.outsider);
    expect(teams.map((x) => [x.id, x.role])).toEqual([[demoTeam, null]]);
    expect(await listMembersForActor(t.db, actors.outsider, demoTeam)).toEqual([]);
    await expect(listMembersForActor(t.db, actors.outsider, teamA)).rejects.toThrow(NotFoundError);
    expect((await listMembersForActor(t.db, actors.viewer, teamA)).map((m) => m.role)).toEqual(["OWNER", "EDITOR", "VIEWER"]);
  });

  it("adds the invitee with the invited role once, only for the invited email", async () => {
    const { token, invitation } = await inviteMember(t.db, actors.owner, { teamId: teamA, role: "VIEWER", email: actors.outsider.email.toUpperCase() });
    expect(token).toMatch(/^cbi_/);
    expect(invitation.email).toBe(actors.outsider.email);
    await expect(acceptInvitation(t.db, actors.demoOwner, token)).rejects.toThrow(ForbiddenError);
    expect(await acceptInvitation(t.db, actors.outsider, token)).toEqual({ teamId: teamA, role: "VIEWER" });
    await expect(acceptInvitation(t.db, actors.outsider, token)).rejects.toThrow("This invitation was already used.");
    await expect(getModelForActor(t.db, actors.outsider, models.teamA)).resolves.toMatchObject({ id: models.teamA });
    await removeMember(t.db, actors.outsider, { teamId: teamA, userId: actors.outsider.userId });
    await expect(getModelForActor(t.db, actors.outsider, models.teamA)).rejects.toThrow(NotFoundError);
  });

  it("refuses an expired, a withdrawn or an unknown invitation", async () => {
    const expired = await inviteMember(t.db, actors.owner, { teamId: teamA, role: "EDITOR" });
    await t.db.invitation.update({ where: { id: expired.invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(t.db, actors.demoOwner, expired.token)).rejects.toThrow("This invitation has expired");
    const withdrawn = await inviteMember(t.db, actors.owner, { teamId: teamA, role: "EDITOR" });
    await revokeInvitation(t.db, actors.owner, withdrawn.invitation.id);
    await expect(acceptInvitation(t.db, actors.demoOwner, withdrawn.token)).rejects.toThrow(NotFoundError);
    await expect(acceptInvitation(t.db, actors.demoOwner, "cbi_unknown")).rejects.toThrow(NotFoundError);
    expect((await listInvitationsForActor(t.db, actors.owner, teamA)).length).toBeGreaterThanOrEqual(3);
    expect(await t.db.membership.findFirst({ where: { teamId: teamA, userId: actors.demoOwner.userId } })).toBeNull();
  });
});
