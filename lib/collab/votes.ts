// Agreement: one agree/disagree vote per person per annotation, and each head's consensus label.
// Consensus rule (documented for users in the SDL): a label's support at a head is the number of
// distinct people who wrote or agreed with an annotation carrying it, minus those who disagreed
// with one; the consensus label is the best-supported label with positive support (ties: none),
// unless the team accepted an annotation, whose label is then the head's label.
import { authorize, type Actor } from "@/lib/auth/policy";
import { audit } from "@/lib/db/audit";
import type { Db, DbOrTx } from "@/lib/db/client";
import { collabModel } from "./access";
import { loadAnnotation } from "./annotations";
import { publishCollab } from "./events";

export type VoteValue = "AGREE" | "DISAGREE";

export interface VoteTally {
  agree: number;
  disagree: number;
  viewerVote: VoteValue | null;
}

export interface HeadConsensus {
  head: string;
  /** The consensus label, or null when no label has positive support or the best two tie. */
  label: string | null;
  /** Support of `label` (see the module rule); 0 when `label` is null. */
  count: number;
  /** Distinct people who annotated or voted at this head. */
  participants: number;
  /** Id of the team's accepted annotation of this head, if any. */
  acceptedId: string | null;
  /** Annotations at this head. */
  annotations: number;
}

/** Sets (value) or withdraws (null) the actor's vote on an annotation (EDITOR or OWNER). */
export async function voteOnAnnotation(db: Db, actor: Actor | null, input: { annotationId: string; value: VoteValue | null }): Promise<void> {
  const { row, model } = await loadAnnotation(db, actor, input.annotationId);
  // Voting is a write on the model: the same roles that annotate may vote.
  authorize(actor, "model:annotate", model.resource, "model");
  await db.$transaction(async (tx) => {
    const key = { annotationId_userId: { annotationId: row.id, userId: actor.userId } };
    if (input.value === null) await tx.vote.deleteMany({ where: { annotationId: row.id, userId: actor.userId } });
    else await tx.vote.upsert({ where: key, create: { annotationId: row.id, userId: actor.userId, value: input.value }, update: { value: input.value } });
    await audit(tx, actor, input.value ? "vote.set" : "vote.withdraw", "vote", row.id, { modelId: model.id, value: input.value });
    await publishCollab(tx, { modelId: model.id, entity: "vote", action: "updated", id: row.id, head: row.head, version: row.version, actorId: actor.userId });
  });
}

/** Agree/disagree counts of annotations (by id) and the actor's own vote on each. */
export async function tallyVotes(db: DbOrTx, actor: Actor | null, annotationIds: readonly string[]): Promise<Map<string, VoteTally>> {
  const tallies = new Map<string, VoteTally>(annotationIds.map((id) => [id, { agree: 0, disagree: 0, viewerVote: null }]));
  if (!annotationIds.length) return tallies;
  const votes = await db.vote.findMany({ where: { annotationId: { in: [...annotationIds] } }, select: { annotationId: true, userId: true, value: true } });
  for (const v of votes) {
    const t = tallies.get(v.annotationId)!;
    if (v.value === "AGREE") t.agree++;
    else t.disagree++;
    if (actor && v.userId === actor.userId) t.viewerVote = v.value;
  }
  return tallies;
}

/** The consensus of every annotated head of a model (heads without annotations are absent). */
export async function headConsensusForActor(db: DbOrTx, actor: Actor | null, modelId: string): Promise<HeadConsensus[]> {
  await collabModel(db, actor, modelId);
  const annotations = await db.headAnnotation.findMany({
    where: { modelId },
    select: { id: true, head: true, label: true, authorId: true, accepted: true, votes: { select: { userId: true, value: true } } },
    orderBy: [{ head: "asc" }, { createdAt: "asc" }],
  });
  const byHead = new Map<string, typeof annotations>();
  for (const a of annotations) byHead.set(a.head, [...(byHead.get(a.head) ?? []), a]);
  return [...byHead].map(([head, list]) => consensusOf(head, list));
}

/** What the consensus of a head is decided from: its annotations with their votes. */
export interface ConsensusInput {
  label: string;
  authorId: string | null;
  accepted: boolean;
  votes: readonly { userId: string; value: VoteValue }[];
}

/** The consensus of one head from its annotations (the module rule). */
export function consensusOf(head: string, list: readonly (ConsensusInput & { id: string })[]): HeadConsensus {
  const support = new Map<string, { pro: Set<string>; con: Set<string> }>();
  const people = new Set<string>();
  for (const a of list) {
    const s = support.get(a.label) ?? { pro: new Set<string>(), con: new Set<string>() };
    support.set(a.label, s);
    if (a.authorId) {
      s.pro.add(a.authorId);
      people.add(a.authorId);
    }
    for (const v of a.votes) {
      people.add(v.userId);
      (v.value === "AGREE" ? s.pro : s.con).add(v.userId);
    }
  }
  const ranked = [...support].map(([label, s]) => ({ label, count: [...s.pro].filter((u) => !s.con.has(u)).length - [...s.con].filter((u) => !s.pro.has(u)).length }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const accepted = list.find((a) => a.accepted) ?? null;
  const best = ranked[0];
  const tie = ranked.length > 1 && ranked[1].count === best.count;
  const label = accepted ? accepted.label : best && best.count > 0 && !tie ? best.label : null;
  const count = label ? (ranked.find((r) => r.label === label)?.count ?? 0) : 0;
  return { head, label, count, participants: people.size, acceptedId: accepted?.id ?? null, annotations: list.length };
}
