// The role matrix's fixture world, built once: a private team "Matrix Lab" with an OWNER, an EDITOR
// and a VIEWER; an OUTSIDER who owns another team; a revoked and two live API tokens of the OWNER; a PRIVATE and a
// PUBLIC model with real (tiny) weights and a TEAM model without, all uploaded by the EDITOR; an
// annotation with a comment on each, a claim, a training job, an analysis job, an invitation and a
// presence row. `fresh.*` makes a new object for a case that changes or deletes one, so cases never
// disturb each other.
import type { Actor, Role } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { tokenizerUpload, uploadFromSafetensors } from "@/lib/db/demo-models";
import type { Prisma } from "@/lib/db/generated/client";
import { createModelFromUpload } from "@/lib/db/tensors";
import { dtFile } from "@/tests/api/mlp-dt-models";
import { tinyModel, SIZES } from "@/tests/api/tiny-model";
import { createTestUser } from "@/tests/helpers/db";
import { createModelRow, createTeamWith } from "../fixtures";
import { gql } from "../harness";
import { buildFindingsWorld, type FindingsWorld } from "./findings-world";
import type { MatrixRole } from "./types";

export interface World {
  db: Db;
  owner: Actor;
  editor: Actor;
  viewer: Actor;
  outsider: Actor;
  /** Owns the teams that fresh invitations are for (nobody else is in them). */
  host: Actor;
  labId: string;
  labSlug: string;
  otherTeamId: string;
  privateModel: string;
  /** A PRIVATE decision transformer with MLPs (tests/api/mlp-dt-models.ts), for the trajectory fields. */
  privateDT: string;
  publicModel: string;
  teamModel: string;
  privateAnnotation: string;
  publicAnnotation: string;
  teamAnnotation: string;
  publicComment: string;
  headComment: string;
  /** A comment on the PRIVATE model @mentioning the VIEWER (who may not read it) and the OWNER. */
  mentionComment: string;
  publicClaim: string;
  trainingJob: string;
  teamTrainingJob: string;
  analysisJob: string;
  invitation: string;
  /** The secret of the OWNER's API token, used once and then revoked. */
  revokedSecret: string;
  /** Live tokens of the OWNER: default scopes (READ, WRITE) and READ only. */
  tokenSecret: string;
  readTokenSecret: string;
  fresh: Fresh;
  /** Findings of the lab's models and their share links (./findings-world). */
  findings: FindingsWorld;
  /** Strings no response to that role may contain (names and emails it may not learn). */
  secrets: Record<MatrixRole, string[]>;
}

export interface Fresh {
  teamModel(): Promise<string>;
  annotation(modelId: string, author?: Actor): Promise<{ id: string; version: number }>;
  comment(modelId: string, author?: Actor, annotationId?: string): Promise<{ id: string; version: number }>;
  claim(annotationId: string): Promise<string>;
  /** A new VIEWER of the lab (for role changes and removals). */
  member(): Promise<string>;
  /** The secret of an open invitation to a team of `host`'s (for `email` only, when given). */
  invitationToken(email?: string): Promise<string>;
  ownerToken(): Promise<string>;
  queuedAnalysisJob(modelId: string): Promise<string>;
  queuedTrainingJob(): Promise<string>;
  label(): string;
}

let serial = 0;
const LAB_NAME = "Matrix Lab";
const DT_NAME = "matrix-dt";

type GqlData = Record<string, Record<string, unknown> & { ok?: boolean }>;

async function must(db: Db, actor: Actor, query: string, variables?: Record<string, unknown>): Promise<GqlData> {
  const r = await gql<GqlData>(db, actor, query, variables);
  const payload = r.data ? Object.values(r.data)[0] : undefined;
  if (r.errors || !payload || payload.ok === false) throw new Error(`role-matrix world: ${query} failed: ${JSON.stringify(r)}`);
  return r.data!;
}

async function upload(db: Db, editor: Actor, teamId: string, name: string, visibility: "PRIVATE" | "PUBLIC", biases: boolean): Promise<string> {
  const bytes = tinyModel({ biases });
  const u = uploadFromSafetensors(bytes);
  const vocab = JSON.stringify(Array.from({ length: SIZES.d_vocab }, (_, i) => `t${i}`));
  const created = await createModelFromUpload(db, editor, {
    teamId, name, visibility, config: u.config as unknown as Prisma.InputJsonObject, metadata: u.metadata,
    tensors: u.tensors, contentHash: u.contentHash, tokenizer: tokenizerUpload(vocab, SIZES.d_vocab),
  });
  return created.model.id;
}

const CREATE_ANNOTATION = `mutation($input: CreateAnnotationInput!) { createAnnotation(input: $input) { ok annotation { id version } } }`;
const CREATE_COMMENT = `mutation($input: CreateCommentInput!) { createComment(input: $input) { ok comment { id version } } }`;
const ADD_CLAIM = `mutation($a: ID!, $spec: JSON!) { addClaim(annotationId: $a, spec: $spec) { ok claim { id } } }`;
export const CLAIM_SPEC = { metric: "ovCopying", head: "0.0", comparator: ">=", threshold: { value: -1 } };

export async function buildWorld(db: Db, useToken: (secret: string) => Promise<Actor | null>): Promise<World> {
  const [owner, editor, viewer, outsider, host] = await Promise.all(["owner", "editor", "viewer", "outsider", "host"].map((l) => createTestUser(db, `matrix-${l}`)));
  const labId = await createTeamWith(db, LAB_NAME, [[owner, "OWNER"], [editor, "EDITOR"], [viewer, "VIEWER"]]);
  const labSlug = (await db.team.findUniqueOrThrow({ where: { id: labId }, select: { slug: true } })).slug;
  const otherTeamId = await createTeamWith(db, "Elsewhere", [[outsider, "OWNER"]]);
  const privateModel = await upload(db, editor, labId, "matrix-private", "PRIVATE", true);
  const publicModel = await upload(db, editor, labId, "matrix-public", "PUBLIC", false);
  const dt = uploadFromSafetensors(dtFile());
  const privateDT = (await createModelFromUpload(db, editor, {
    teamId: labId, name: DT_NAME, visibility: "PRIVATE", config: dt.config as unknown as Prisma.InputJsonObject, metadata: dt.metadata, tensors: dt.tensors, contentHash: dt.contentHash,
  })).model.id;
  const teamModel = await createModelRow(db, { teamId: labId, name: "matrix-team", visibility: "TEAM", createdBy: editor });

  const annotation = async (modelId: string, author: Actor = editor) => {
    // The PUBLIC model's annotations never say "matrix fixture": the search case by that text must find only PRIVATE and TEAM ones.
    const body = modelId === publicModel ? "matrix public annotation" : "matrix fixture";
    const d = await must(db, author, CREATE_ANNOTATION, { input: { modelId, head: "0.0", label: "induction", body, confidence: 0.5 } });
    return d.createAnnotation.annotation as { id: string; version: number };
  };
  const comment = async (modelId: string, author: Actor = editor, annotationId?: string) => {
    const target = annotationId ? { target: "ANNOTATION", targetId: annotationId } : { target: "HEAD", targetId: "0.0" };
    const d = await must(db, author, CREATE_COMMENT, { input: { modelId, ...target, body: "matrix comment" } });
    return d.createComment.comment as { id: string; version: number };
  };
  const claim = async (annotationId: string) => {
    const d = await must(db, editor, ADD_CLAIM, { a: annotationId, spec: CLAIM_SPEC });
    return (d.addClaim.claim as { id: string }).id;
  };
  const privateVersion = await db.modelVersion.findFirstOrThrow({ where: { modelId: privateModel }, select: { id: true } });
  /** A QUEUED analysis of `modelId` started by `host` (not in the lab, so the job quota of the lab's roles is untouched) (nothing runs it: no runner is dispatched). */
  const queuedAnalysisJob = async (modelId: string) => {
    const version = await db.modelVersion.findFirstOrThrow({ where: { modelId }, select: { id: true } });
    return (await db.job.create({ data: { type: "analysis", kind: "head-report", modelVersionId: version.id, createdById: host.userId, teamId: labId }, select: { id: true } })).id;
  };
  const queuedTrainingJob = async () =>
    (await db.trainingJob.create({ data: { ownerId: host.userId, teamId: labId, task: "repeated-sequences", config: { steps: 10, name: "queued" } }, select: { id: true } })).id;

  // The public annotation cites the public model's stored head report as evidence.
  await must(db, editor, `query($id: ID!) { model(id: $id) { headReport { status } } }`, { id: publicModel });
  const result = await db.analysisResult.findFirstOrThrow({ where: { modelVersion: { modelId: publicModel } }, select: { id: true } });
  const publicAnnotation = ((await must(db, editor, CREATE_ANNOTATION, {
    input: { modelId: publicModel, head: "0.0", label: "induction", body: "cited", confidence: 0.5, evidence: [{ kind: "SCORE", resultId: result.id, caption: "report" }] },
  })).createAnnotation.annotation as { id: string }).id;
  const revoked = await must(db, owner, `mutation { createApiToken(input: { name: "matrix-revoked" }) { ok secret token { id } } }`);
  const revokedSecret = revoked.createApiToken.secret as string;
  if ((await useToken(revokedSecret))?.userId !== owner.userId) throw new Error("role-matrix world: the token did not authenticate before revocation");
  await must(db, owner, `mutation($id: ID!) { revokeApiToken(id: $id) { ok } }`, { id: (revoked.createApiToken.token as { id: string }).id });

  const invite = await must(db, owner, `mutation($t: ID!) { inviteMember(input: { teamId: $t, role: VIEWER }) { ok invitation { id } } }`, { t: labId });
  const training = await db.trainingJob.create({
    data: { ownerId: editor.userId, teamId: labId, task: "repeated-sequences", config: { steps: 10, name: "matrix run" }, status: "DONE", modelId: privateModel, progress: { step: 10, totalSteps: 10, versions: 1, history: [] } },
    select: { id: true },
  });
  const teamTraining = await db.trainingJob.create({
    data: { ownerId: editor.userId, teamId: labId, task: "repeated-sequences", config: { steps: 10, name: "matrix team run" }, status: "DONE", modelId: teamModel, progress: { step: 10, totalSteps: 10, versions: 1, history: [] } },
    select: { id: true },
  });
  const analysisJob = await db.job.create({ data: { type: "analysis", kind: "head-report", modelVersionId: privateVersion.id, status: "SUCCEEDED", createdById: editor.userId, teamId: labId }, select: { id: true } });
  // Presence rows beaten an hour ahead, so they outlive the presence TTL for the whole run.
  const seenAt = new Date(Date.now() + 3_600_000);
  await db.modelPresence.create({ data: { modelId: publicModel, userId: viewer.userId, seenAt } });
  await db.modelPresence.create({ data: { modelId: privateModel, userId: editor.userId, seenAt } });

  const fresh: Fresh = {
    teamModel: () => createModelRow(db, { teamId: labId, name: `matrix-fresh-${++serial}`, visibility: "TEAM", createdBy: editor }),
    annotation,
    comment,
    claim,
    async member() {
      const user = await createTestUser(db, `matrix-member-${++serial}`);
      await db.membership.create({ data: { teamId: labId, userId: user.userId, role: "VIEWER" satisfies Role } });
      return user.userId;
    },
    async invitationToken(email?: string) {
      const teamId = await createTeamWith(db, `Matrix Host ${++serial}`, [[host, "OWNER"]]);
      const d = await must(db, host, `mutation($t: ID!, $email: String) { inviteMember(input: { teamId: $t, email: $email, role: VIEWER }) { ok token } }`, { t: teamId, email: email ?? null });
      return d.inviteMember.token as string;
    },
    async ownerToken() {
      const d = await must(db, owner, `mutation { createApiToken(input: { name: "matrix-fresh" }) { ok token { id } } }`);
      return (d.createApiToken.token as { id: string }).id;
    },
    queuedAnalysisJob,
    queuedTrainingJob,
    label: () => `matrix-label-${++serial}`,
  };

  const labName = LAB_NAME;
  const privateName = "matrix-private";
  const teamName = "matrix-team";
  const dtName = DT_NAME;
  const signedOut = [labName, privateName, dtName, teamName, owner.email, editor.email, viewer.email, outsider.email];
  const secrets: Record<MatrixRole, string[]> = {
    OWNER: [outsider.email],
    EDITOR: [owner.email, viewer.email, outsider.email],
    VIEWER: [privateName, dtName, privateModel, privateDT, owner.email, editor.email, outsider.email],
    OUTSIDER: [labName, privateName, dtName, privateModel, privateDT, teamName, owner.email, editor.email, viewer.email],
    ANON: signedOut,
    REVOKED: signedOut,
    SHARE: signedOut,
    TOKEN: [outsider.email],
    READ_TOKEN: [outsider.email],
  };
  const tokenOf = async (name: string, scopes: string[] | null) =>
    (await must(db, owner, `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { ok secret } }`, { input: { name, scopes } })).createApiToken.secret as string;

  return {
    secrets,
    db, owner, editor, viewer, outsider, host, labId, labSlug, otherTeamId, privateModel, privateDT, publicModel, teamModel,
    privateAnnotation: (await annotation(privateModel)).id,
    publicAnnotation,
    teamAnnotation: (await annotation(teamModel)).id,
    publicComment: (await comment(publicModel, editor, publicAnnotation)).id,
    headComment: (await comment(privateModel)).id,
    mentionComment: ((await must(db, editor, CREATE_COMMENT, { input: { modelId: privateModel, target: "HEAD", targetId: "1.0", body: "see this, @matrix-viewer and @matrix-owner" } })).createComment.comment as { id: string }).id,
    publicClaim: await claim(publicAnnotation),
    trainingJob: training.id,
    teamTrainingJob: teamTraining.id,
    analysisJob: analysisJob.id,
    invitation: (invite.inviteMember.invitation as { id: string }).id,
    revokedSecret,
    tokenSecret: await tokenOf("matrix-default", null),
    readTokenSecret: await tokenOf("matrix-read", ["READ"]),
    fresh,
    findings: await buildFindingsWorld(db, editor, { publicModel, privateModel }),
  };
}
