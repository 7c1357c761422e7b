// What one account must not learn about others through the API (issue 7, "Leaks"), each found by
// probing and fixed: emails (User.email: the account itself and OWNERs of a team it is in), a
// model's uploader (`createdBy { email }` answered an internal error), a PRIVATE trained model's name
// and scores through its training job (trainingJob, trainingJobs, /api/events' stream), and a private
// team's name through one of its PUBLIC models. The other two leaks of that list are tested where
// their code lives: the upload duplicate check as an existence oracle (tests/api/upload-input.test.ts,
// "the duplicate check sees only models the uploader can read") and internal RangeErrors/TypeErrors
// reaching clients as BAD_USER_INPUT (tests/graphql/errors.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { trainingEventStream } from "@/lib/jobs/training-events";
import { createTestUser, useTestDatabase } from "../helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { gql } from "./harness";

const t = useTestDatabase();

interface World {
  owner: Actor;
  editor: Actor;
  viewer: Actor;
  outsider: Actor;
  /** A public team and a private one, both with owner, editor and viewer as members. */
  publicTeam: string;
  privateTeam: string;
}
let w: World;

beforeAll(async () => {
  const [owner, editor, viewer, outsider] = await Promise.all(["owner", "editor", "viewer", "outsider"].map((l) => createTestUser(t.db, l)));
  const roles: [Actor, "OWNER" | "EDITOR" | "VIEWER"][] = [[owner, "OWNER"], [editor, "EDITOR"], [viewer, "VIEWER"]];
  w = {
    owner, editor, viewer, outsider,
    publicTeam: await createTeamWith(t.db, "Open Lab", roles, true),
    privateTeam: await createTeamWith(t.db, "Skunkworks Seven", roles),
  };
});

/** A training job row of `owner` in `teamId`, with scores in its history and optionally a model. */
async function trainingJobRow(owner: Actor, teamId: string, name: string, modelId: string | null = null): Promise<string> {
  const history = [{ step: 1, loss: 2.5, iclScore: -0.125, headScores: [{ name: "0.0", previousToken: 0.75, induction: 0.5 }] }];
  const job = await t.db.trainingJob.create({
    data: { ownerId: owner.userId, teamId, task: "repeated-sequences", config: { steps: 10, name }, status: "DONE", modelId, progress: { step: 10, totalSteps: 10, versions: 1, history } },
    select: { id: true },
  });
  return job.id;
}

describe("User.email", () => {
  it("shows a job owner's email in a public team only to that account and to the team's OWNERs", async () => {
    const jobId = await trainingJobRow(w.editor, w.publicTeam, "open run");
    const emailAs = async (actor: Actor) => {
      const r = await gql<{ trainingJobs: { id: string; owner: { name: string; email: string | null } }[] }>(t.db, actor, `query($teamId: ID!) { trainingJobs(teamId: $teamId) { id owner { name email } } }`, { teamId: w.publicTeam });
      expect(r.errors).toBeUndefined();
      const job = r.data!.trainingJobs.find((j) => j.id === jobId)!;
      expect(job.owner.name).toBe("editor");
      return job.owner.email;
    };
    expect(await emailAs(w.outsider)).toBeNull();
    expect(await emailAs(w.viewer)).toBeNull();
    expect(await emailAs(w.editor)).toBe(w.editor.email);
    expect(await emailAs(w.owner)).toBe(w.editor.email);
  });

  it("shows members' emails to the team's OWNERs, and to everyone else only their own", async () => {
    const membersAs = async (actor: Actor) => {
      const r = await gql<{ team: { members: { user: { id: string; email: string | null } }[] } }>(t.db, actor, `query($id: ID!) { team(id: $id) { members { user { id email } } } }`, { id: w.privateTeam });
      expect(r.errors).toBeUndefined();
      return Object.fromEntries(r.data!.team.members.map((m) => [m.user.id, m.user.email]));
    };
    const all = { [w.owner.userId]: w.owner.email, [w.editor.userId]: w.editor.email, [w.viewer.userId]: w.viewer.email };
    expect(await membersAs(w.owner)).toEqual(all);
    expect(await membersAs(w.viewer)).toEqual({ [w.owner.userId]: null, [w.editor.userId]: null, [w.viewer.userId]: w.viewer.email });
    expect(await membersAs(w.editor)).toEqual({ [w.owner.userId]: null, [w.editor.userId]: w.editor.email, [w.viewer.userId]: null });
  });
});

describe("Model.createdBy", () => {
  it("answers createdBy { email } without an error: the uploader's email to the team's OWNERs, null to other readers", async () => {
    const id = await createModelRow(t.db, { teamId: w.publicTeam, name: "uploaded", createdBy: w.editor });
    const as = async (actor: Actor) => {
      const r = await gql<{ model: { createdBy: { name: string; email: string | null } } }>(t.db, actor, `query($id: ID!) { model(id: $id) { createdBy { name email } } }`, { id });
      expect(r.errors).toBeUndefined();
      return r.data!.model.createdBy;
    };
    expect(await as(w.owner)).toEqual({ name: "editor", email: w.editor.email });
    expect(await as(w.editor)).toEqual({ name: "editor", email: w.editor.email });
    expect(await as(w.viewer)).toEqual({ name: "editor", email: null });
    expect(await as(w.outsider)).toEqual({ name: "editor", email: null });
  });
});

describe("a PRIVATE trained model through its training job", () => {
  const JOB = `query($id: ID!) { trainingJob(id: $id) { id config history { iclScore } } }`;
  const JOBS = `query($teamId: ID!) { trainingJobs(teamId: $teamId) { id config } }`;

  async function privateRun() {
    const modelId = await createModelRow(t.db, { teamId: w.privateTeam, name: "secret induction", visibility: "PRIVATE", createdBy: w.editor });
    const jobId = await trainingJobRow(w.editor, w.privateTeam, "secret induction", modelId);
    const teamModelId = await createModelRow(t.db, { teamId: w.privateTeam, name: "shared run", createdBy: w.editor });
    const teamJobId = await trainingJobRow(w.editor, w.privateTeam, "shared run", teamModelId);
    return { jobId, teamJobId };
  }

  it("is not visible to a VIEWER through trainingJob or trainingJobs, while a TEAM model's job is", async () => {
    const { jobId, teamJobId } = await privateRun();
    const one = await gql<{ trainingJob: unknown }>(t.db, w.viewer, JOB, { id: jobId });
    expect(one.errors).toBeUndefined();
    expect(one.data!.trainingJob).toBeNull();
    const list = await gql<{ trainingJobs: { id: string }[] }>(t.db, w.viewer, JOBS, { teamId: w.privateTeam });
    expect(list.errors).toBeUndefined();
    const ids = list.data!.trainingJobs.map((j) => j.id);
    expect(ids).toContain(teamJobId);
    expect(ids).not.toContain(jobId);
    expect(JSON.stringify(list.data)).not.toContain("secret induction");
  });

  it("stays visible, name and scores included, to its trainer and the team's OWNER", async () => {
    const { jobId } = await privateRun();
    for (const actor of [w.editor, w.owner]) {
      const one = await gql<{ trainingJob: { config: { name: string }; history: { iclScore: number }[] } }>(t.db, actor, JOB, { id: jobId });
      expect(one.errors).toBeUndefined();
      expect(one.data!.trainingJob.config.name).toBe("secret induction");
      expect(one.data!.trainingJob.history).toEqual([{ iclScore: -0.125 }]);
      const list = await gql<{ trainingJobs: { id: string }[] }>(t.db, actor, JOBS, { teamId: w.privateTeam });
      expect(list.data!.trainingJobs.map((j) => j.id)).toContain(jobId);
    }
  });

  it("refuses the VIEWER the live stream of /api/events as NOT_FOUND before anything is streamed", async () => {
    const { jobId, teamJobId } = await privateRun();
    const abort = new AbortController();
    await expect(trainingEventStream(t.db, w.viewer, jobId, abort.signal)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const open = await trainingEventStream(t.db, w.viewer, teamJobId, abort.signal);
    abort.abort();
    await open.cancel().catch(() => undefined);
  });
});

describe("Model.team of a PUBLIC model of a private team", () => {
  it("is null to a non-member, in model(id) and in models, while the model itself is readable", async () => {
    const id = await createModelRow(t.db, { teamId: w.privateTeam, name: "released", visibility: "PUBLIC", createdBy: w.editor });
    const one = await gql<{ model: { name: string; team: { name: string } | null } }>(t.db, w.outsider, `query($id: ID!) { model(id: $id) { name team { id name slug } } }`, { id });
    expect(one.errors).toBeUndefined();
    expect(one.data!.model).toEqual({ name: "released", team: null });
    const list = await gql<{ models: { edges: { node: { id: string; team: unknown } }[] } }>(t.db, w.outsider, `{ models(first: 50) { edges { node { id team { name } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data!.models.edges.find((e) => e.node.id === id)?.node.team).toBeNull();
    expect(JSON.stringify(list.data)).not.toContain("Skunkworks");
  });

  it("is the team to its members, and a public team's to everyone", async () => {
    const id = await createModelRow(t.db, { teamId: w.privateTeam, name: "released too", visibility: "PUBLIC" });
    const asMember = await gql<{ model: { team: { name: string } | null } }>(t.db, w.viewer, `query($id: ID!) { model(id: $id) { team { name } } }`, { id });
    expect(asMember.data!.model.team).toEqual({ name: "Skunkworks Seven" });
    const open = await createModelRow(t.db, { teamId: w.publicTeam, name: "open", visibility: "PUBLIC" });
    const asOutsider = await gql<{ model: { team: { name: string } | null } }>(t.db, w.outsider, `query($id: ID!) { model(id: $id) { team { name } } }`, { id: open });
    expect(asOutsider.data!.model.team).toEqual({ name: "Open Lab" });
  });
});
