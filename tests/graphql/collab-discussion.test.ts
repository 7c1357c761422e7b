import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createTestUser, useTestDatabase } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "./fixtures";
import { codes, gql } from "./harness";

const t = useTestDatabase();
let owner: Actor, ada: Actor, bob: Actor, viewer: Actor, outsider: Actor, publicReader: Actor;
let teamId: string, modelId: string, publicModelId: string;

async function annotate(actor: Actor, head: string, label: string, model = modelId): Promise<string> {
  const r = await gql<{ createAnnotation: { annotation: { id: string } } }>(t.db, actor,
    `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) { ok error { message } annotation { id } } }`, { input: { modelId: model, head, label, confidence: 0.7 } });
  return r.data!.createAnnotation.annotation.id;
}
const vote = (actor: Actor, id: string, value: string | null) =>
  gql<{ voteAnnotation: { ok: boolean; annotation: { votes: { agree: number; disagree: number; viewerVote: string | null } } } }>(t.db, actor,
    `mutation($id: ID!, $value: VoteValue) { voteAnnotation(id: $id, value: $value) { ok annotation { votes { agree disagree viewerVote } } } }`, { id, value });
const consensus = async (actor: Actor, model = modelId) =>
  (await gql<{ model: { headConsensus: { head: string; label: string | null; count: number; participants: number; annotations: number; accepted: { id: string } | null }[] } }>(t.db, actor,
    `query($id: ID!) { model(id: $id) { headConsensus { head label count participants annotations accepted { id } } } }`, { id: model })).data!.model.headConsensus;

beforeAll(async () => {
  [owner, ada, bob, viewer, outsider, publicReader] = await Promise.all(["owner", "Ada Lovelace", "bob", "viewer", "outsider", "reader"].map((n) => createTestUser(t.db, n)));
  teamId = await createTeamWith(t.db, "Discuss", [[owner, "OWNER"], [ada, "EDITOR"], [bob, "EDITOR"], [viewer, "VIEWER"]]);
  modelId = await createModelRow(t.db, { teamId, name: "m", createdBy: ada });
  publicModelId = await createModelRow(t.db, { teamId, name: "p", createdBy: ada, visibility: "PUBLIC" });
});

describe("votes and consensus", () => {
  it("counts agree/disagree per annotation and derives each head's consensus label with its support", async () => {
    const induction = await annotate(ada, "1.0", "induction");
    const copying = await annotate(bob, "1.0", "copying");
    expect((await consensus(viewer)).find((c) => c.head === "1.0")).toMatchObject({ label: null, count: 0, participants: 2, annotations: 2 });
    expect((await vote(owner, induction, "AGREE")).data!.voteAnnotation).toMatchObject({ ok: true, annotation: { votes: { agree: 1, disagree: 0, viewerVote: "AGREE" } } });
    expect((await consensus(viewer)).find((c) => c.head === "1.0")).toMatchObject({ label: "induction", count: 2, participants: 3 });
    await vote(owner, induction, "DISAGREE");
    await vote(ada, copying, "DISAGREE");
    // induction: Ada (author) − owner (disagrees) = 0; copying: Bob − Ada = 0 → no consensus.
    expect((await consensus(viewer)).find((c) => c.head === "1.0")).toMatchObject({ label: null, count: 0 });
    expect((await vote(owner, induction, null)).data!.voteAnnotation.annotation.votes).toEqual({ agree: 0, disagree: 0, viewerVote: null });
    expect(codes(await vote(viewer, induction, "AGREE"))).toEqual(["FORBIDDEN"]);
    expect(codes(await vote(outsider, induction, "AGREE"))).toEqual(["NOT_FOUND"]);
  });

  it("lets the team accept one annotation per head, which then decides the head's label", async () => {
    const a = await annotate(ada, "0.2", "previous-token");
    const b = await annotate(bob, "0.2", "positional");
    const accept = (actor: Actor, id: string) => gql<{ setAnnotationAccepted: { ok: boolean } }>(t.db, actor, `mutation($id: ID!) { setAnnotationAccepted(id: $id, accepted: true) { ok annotation { accepted version } } }`, { id });
    expect(codes(await accept(viewer, a))).toEqual(["FORBIDDEN"]);
    await accept(owner, a);
    await accept(owner, b);
    const rows = await t.db.headAnnotation.findMany({ where: { id: { in: [a, b] } }, select: { id: true, accepted: true, version: true } });
    expect(rows.filter((r) => r.accepted).map((r) => r.id)).toEqual([b]);
    expect(rows.map((r) => r.version)).toEqual([1, 1]);
    expect((await consensus(viewer)).find((c) => c.head === "0.2")).toMatchObject({ label: "positional", accepted: { id: b } });
  });
});

describe("comments and mentions", () => {
  const CREATE = `mutation($input: CreateCommentInput!) { createComment(input: $input) { ok error { message inputErrors { path } } comment { id version body bodyHtml author { name email } } } }`;
  type Out = { createComment: { ok: boolean; error: { inputErrors: { path: string[] }[] } | null; comment: { id: string; version: number; bodyHtml: string; author: { email: string } } } };

  it("threads comments on a head; @mentions (a member's email name or name without spaces) notify the team members named, not outsiders or the author", async () => {
    const outsiderHandle = outsider.email.split("@")[0];
    const r = await gql<Out>(t.db, bob, CREATE, { input: { modelId, target: "HEAD", targetId: "1.1", body: `@AdaLovelace and @viewer and @${outsiderHandle} and @bob: look at <b>this</b>` } });
    expect(r.data!.createComment).toMatchObject({ ok: true, comment: { version: 1 } });
    expect(r.data!.createComment.comment.bodyHtml).not.toContain("<b>");
    const reply = await gql<Out>(t.db, ada, CREATE, { input: { modelId, target: "HEAD", targetId: "1.1", parentId: r.data!.createComment.comment.id, body: "@AdaLovelace is me" } });
    expect(reply.data!.createComment.ok).toBe(true);
    const notes = (who: Actor) => gql<{ notifications: { kind: string; data: { commentId: string; by: string } }[]; unreadNotificationCount: number }>(t.db, who, "{ notifications { kind data } unreadNotificationCount }");
    const adaNotes = await notes(ada);
    expect(adaNotes.data!.notifications).toEqual([{ kind: "mention", data: expect.objectContaining({ commentId: r.data!.createComment.comment.id, by: "bob", modelId }) }]);
    expect(adaNotes.data!.unreadNotificationCount).toBe(1);
    expect((await notes(viewer)).data!.notifications.map((n) => n.kind)).toEqual(["mention"]);
    expect((await notes(outsider)).data!.notifications).toEqual([]);
    expect((await notes(bob)).data!.notifications).toEqual([]);
    expect((await gql<{ markNotificationsRead: number }>(t.db, ada, "mutation { markNotificationsRead }")).data!.markNotificationsRead).toBe(1);
    expect((await notes(ada)).data!.unreadNotificationCount).toBe(0);
    const thread = await gql<{ model: { headComments: { parentId: string | null; author: { name: string } }[] } }>(t.db, viewer, `{ model(id: "${modelId}") { headComments(head: "1.1") { parentId author { name } } } }`);
    expect(thread.data!.model.headComments.map((c) => [c.author.name, c.parentId !== null])).toEqual([["bob", false], ["Ada Lovelace", true]]);
  });

  it("refuses a thread on a head outside the model, a reply from another thread, VIEWERs and outsiders", async () => {
    const bad = await gql<Out>(t.db, bob, CREATE, { input: { modelId, target: "HEAD", targetId: "5.5", body: "x" } });
    expect(bad.data!.createComment).toMatchObject({ ok: false, error: { inputErrors: [{ path: ["targetId"] }] } });
    const other = await gql<Out>(t.db, bob, CREATE, { input: { modelId, target: "HEAD", targetId: "0.0", body: "x" } });
    const crossed = await gql<Out>(t.db, bob, CREATE, { input: { modelId, target: "HEAD", targetId: "0.1", parentId: other.data!.createComment.comment.id, body: "x" } });
    expect(crossed.data!.createComment).toMatchObject({ ok: false, error: { inputErrors: [{ path: ["parentId"] }] } });
    expect(codes(await gql(t.db, viewer, CREATE, { input: { modelId, target: "HEAD", targetId: "0.0", body: "x" } }))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(t.db, outsider, CREATE, { input: { modelId, target: "HEAD", targetId: "0.0", body: "x" } }))).toEqual(["NOT_FOUND"]);
    expect(codes(await gql(t.db, null, CREATE, { input: { modelId, target: "HEAD", targetId: "0.0", body: "x" } }))).toEqual(["UNAUTHENTICATED"]);
  });

  it("edits only one's own comment at the version read; deletes keep the thread's shape", async () => {
    const c = (await gql<Out>(t.db, bob, CREATE, { input: { modelId, target: "HEAD", targetId: "0.1", body: "first" } })).data!.createComment.comment;
    const edit = (actor: Actor, version: number) => gql(t.db, actor, `mutation($id: ID!, $v: Int!) { updateComment(id: $id, version: $v, body: "edited") { ok comment { version body } } }`, { id: c.id, v: version });
    expect(codes(await edit(ada, 1))).toEqual(["FORBIDDEN"]);
    expect((await edit(bob, 1)).data).toEqual({ updateComment: { ok: true, comment: { version: 2, body: "edited" } } });
    const stale = await edit(bob, 1);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors![0].extensions!.current).toMatchObject({ id: c.id, version: 2, body: "edited" });
    expect(codes(await gql(t.db, ada, `mutation { deleteComment(id: "${c.id}", version: 2) { ok } }`))).toEqual(["FORBIDDEN"]);
    expect((await gql(t.db, owner, `mutation { deleteComment(id: "${c.id}", version: 2) { ok } }`)).data).toEqual({ deleteComment: { ok: true } });
    const thread = await gql<{ model: { headComments: { id: string; deleted: boolean; body: string }[] } }>(t.db, viewer, `{ model(id: "${modelId}") { headComments(head: "0.1") { id deleted body } } }`);
    expect(thread.data!.model.headComments.find((x) => x.id === c.id)).toEqual({ id: c.id, deleted: true, body: "" });
  });

  it("shows a public model's annotations to a signed-in non-member without the authors' emails, and refuses their writes", async () => {
    const id = await annotate(ada, "0.0", "copying", publicModelId);
    const read = await gql<{ annotation: { author: { name: string; email: string | null } } }>(t.db, publicReader, `{ annotation(id: "${id}") { author { name email } } }`);
    expect(read.data!.annotation.author).toEqual({ name: "Ada Lovelace", email: null });
    // User.email's rule: a member sees no other member's email, the team's OWNER does.
    const emailAs = async (actor: typeof viewer) =>
      (await gql<{ annotation: { author: { email: string | null } } }>(t.db, actor, `{ annotation(id: "${id}") { author { email } } }`)).data!.annotation.author.email;
    expect(await emailAs(viewer)).toBeNull();
    expect(await emailAs(owner)).toBe(ada.email);
    expect(codes(await vote(publicReader, id, "AGREE"))).toEqual(["FORBIDDEN"]);
    expect((await gql(t.db, outsider, `{ annotation(id: "${(await t.db.headAnnotation.findFirstOrThrow({ where: { modelId } })).id}") { id } }`)).data).toEqual({ annotation: null });
  });
});
