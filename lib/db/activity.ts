// A team's activity feed (issue 9 item 10): what changed, read from the AuditLog rows that carry the
// team (lib/db/audit.ts records `teamId` and `modelId` on every row it can place). Rules: only the
// team's members read it ("team:readActivity"); an entry about a model is shown only to those who
// may read that model now, and one about a model since deleted only to the team's OWNERs (who could
// read every model of it, PRIVATE ones included); `first` is bounded by MAX_ACTIVITY_PAGE before
// any query; entries are newest first, paged by an opaque cursor (the entry's id).
import { authorize, type Actor } from "@/lib/auth/policy";
import { readableModelsWhere, teamResource } from "./access";
import type { DbOrTx } from "./client";
import { BadInputError } from "./errors";
import type { Prisma } from "./generated/client";

/** The most entries one page may ask for. */
export const MAX_ACTIVITY_PAGE = 50;
export const DEFAULT_ACTIVITY_PAGE = 20;

export interface ActivityEntry {
  id: string;
  action: string;
  /** A sentence saying what happened, without the actor ("renamed the model to “x”"). */
  summary: string;
  actorName: string | null;
  modelId: string | null;
  /** The model's name now, or as it was when deleted. */
  modelName: string | null;
  /** The head "L.H" the entry is about, if any. */
  head: string | null;
  createdAt: Date;
}

export interface ActivityPage {
  entries: ActivityEntry[];
  hasNextPage: boolean;
}

type Data = Record<string, unknown>;

/** Audit targets never shown in a team's feed. */
const HIDDEN_TARGETS = ["finding", "findingShareLink", "apiToken", "user"];

function text(data: Data, key: string): string | null {
  const v = data[key];
  return typeof v === "string" ? v : null;
}

function quoted(value: string | null): string {
  return value === null ? "" : ` “${value}”`;
}

/** The readable sentence of one audit row (an action added later reads as its name). */
export function summaryOf(action: string, data: Data): string {
  const head = text(data, "head");
  const onHead = head ? ` on head ${head}` : "";
  switch (action) {
    case "team.create": return `created the team${quoted(text(data, "name"))}`;
    case "team.rename": return `renamed the team to${quoted(text(data, "name"))}`;
    case "training.start": return `started a training run${text(data, "task") ? ` (${text(data, "task")})` : ""}`;
    case "label.create": return `added the label${quoted(text(data, "name"))} to the taxonomy`;
    case "invitation.create": return `invited someone as ${(text(data, "role") ?? "member").toLowerCase()}`;
    case "invitation.revoke": return "withdrew an invitation";
    case "invitation.decline": return "declined an invitation";
    case "invitation.accept": return `joined the team as ${(text(data, "role") ?? "member").toLowerCase()}`;
    case "membership.setRole": return `changed a member's role to ${(text(data, "to") ?? "?").toLowerCase()}`;
    case "membership.remove": return "removed a member";
    case "membership.leave": return "left the team";
    case "model.upload": return `uploaded the model${quoted(text(data, "name"))}`;
    case "model.version": return `added version ${typeof data.number === "number" ? data.number : "?"} of the model`;
    case "model.rename": return `renamed the model to${quoted(text(data, "name"))}`;
    case "model.setVisibility": return `made the model ${(text(data, "visibility") ?? "?").toLowerCase()}`;
    case "model.delete": return `deleted the model${quoted(text(data, "name"))}`;
    case "annotation.create": return `annotated head ${head ?? "?"}${text(data, "label") ? ` as ${text(data, "label")}` : ""}`;
    case "annotation.update": return "edited an annotation";
    case "annotation.delete": return `deleted an annotation${onHead}`;
    case "annotation.accept": return `accepted an annotation${onHead}`;
    case "annotation.unaccept": return `withdrew the acceptance of an annotation${onHead}`;
    case "vote.set": return `voted ${text(data, "value") === "DISAGREE" ? "disagree" : "agree"} on an annotation`;
    case "vote.withdraw": return "withdrew a vote on an annotation";
    case "comment.create": return `commented${text(data, "target") === "HEAD" && text(data, "targetId") ? ` on head ${text(data, "targetId")}` : ""}`;
    case "comment.update": return "edited a comment";
    case "comment.delete": return "deleted a comment";
    case "claim.create": return `added the claim${quoted(text(data, "claim"))}`;
    case "claim.delete": return "deleted a claim";
    default: return action;
  }
}

function headOf(action: string, data: Data): string | null {
  const head = text(data, "head");
  if (head) return head;
  return action === "comment.create" && text(data, "target") === "HEAD" ? text(data, "targetId") : null;
}

/**
 * One page of a team's activity for a member: `first` (1…MAX_ACTIVITY_PAGE) entries after the entry
 * `after`, newest first. NotFoundError for a team the actor may not read, ForbiddenError for a
 * non-member of a public team, BadInputError for `first` out of range or an unknown cursor.
 */
export async function listTeamActivityForActor(db: DbOrTx, actor: Actor | null, teamId: string, options: { first?: number; after?: string | null } = {}): Promise<ActivityPage> {
  const first = options.first ?? DEFAULT_ACTIVITY_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ACTIVITY_PAGE) throw new BadInputError(`first must be an integer from 1 to ${MAX_ACTIVITY_PAGE}.`, "first");
  const team = await teamResource(db, actor, teamId);
  authorize(actor, "team:readActivity", team, "team");
  const [readable, existing] = await Promise.all([
    db.model.findMany({ where: { AND: [readableModelsWhere(actor), { teamId }] }, select: { id: true, name: true } }),
    team.role === "OWNER" ? db.model.findMany({ where: { teamId }, select: { id: true } }) : Promise.resolve([]),
  ]);
  const visible: Prisma.AuditLogWhereInput[] = [{ modelId: null }, { modelId: { in: readable.map((m) => m.id) } }];
  // A model of the team that no longer exists: its entries are for the team's owners only.
  if (team.role === "OWNER") visible.push({ modelId: { notIn: existing.map((m) => m.id) } });
  // Findings have their own visibility (drafts are their author's): their rows stay out of the feed.
  const where: Prisma.AuditLogWhereInput = { teamId, OR: visible, targetType: { notIn: HIDDEN_TARGETS } };
  if (options.after) {
    const cursor = await db.auditLog.findFirst({ where: { AND: [where, { id: options.after }] }, select: { id: true } });
    if (!cursor) throw new BadInputError("after is not a cursor of this feed.", "after");
  }
  const rows = await db.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first + 1,
    ...(options.after ? { cursor: { id: options.after }, skip: 1 } : {}),
    select: { id: true, action: true, data: true, modelId: true, createdAt: true, actor: { select: { name: true } } },
  });
  const names = new Map(readable.map((m) => [m.id, m.name]));
  const entries = rows.slice(0, first).map((r): ActivityEntry => {
    const data = (r.data && typeof r.data === "object" && !Array.isArray(r.data) ? r.data : {}) as Data;
    return {
      id: r.id,
      action: r.action,
      summary: summaryOf(r.action, data),
      actorName: r.actor?.name ?? null,
      modelId: r.modelId,
      modelName: r.modelId ? (names.get(r.modelId) ?? (r.action === "model.delete" ? text(data, "name") : null)) : null,
      head: headOf(r.action, data),
      createdAt: r.createdAt,
    };
  });
  return { entries, hasNextPage: rows.length > first };
}
