// The head-label taxonomy: built-in labels everyone shares (the engine's detector labels plus the
// field's usual names) and labels a team adds. Rule: an annotation's label is one of these, checked
// at write time; a team label may never shadow a built-in one.
import { authorize, type Actor } from "@/lib/auth/policy";
import { teamResource } from "@/lib/db/access";
import { audit } from "@/lib/db/audit";
import type { Db, DbOrTx } from "@/lib/db/client";
import { BadInputError, ConflictError } from "@/lib/db/errors";
import { BUILTIN_LABELS, LABEL_NAME } from "./label-names";

export { BUILTIN_LABELS, LABEL_NAME };

/** Most labels one team may define. */
export const MAX_TEAM_LABELS = 100;

export interface LabelSummary {
  name: string;
  description: string;
  builtin: boolean;
}

/** The labels usable in a team: built-ins first, then the team's own by name. */
export async function listLabelsForTeam(db: DbOrTx, teamId: string): Promise<LabelSummary[]> {
  const own = await db.annotationLabel.findMany({ where: { teamId }, orderBy: { name: "asc" }, take: MAX_TEAM_LABELS, select: { name: true, description: true } });
  return [...BUILTIN_LABELS.map((name) => ({ name, description: "", builtin: true })), ...own.map((l) => ({ ...l, builtin: false }))];
}

/** BadInputError unless `label` is a built-in or one of the team's labels. */
export async function assertLabelUsable(db: DbOrTx, teamId: string, label: string): Promise<void> {
  if ((BUILTIN_LABELS as readonly string[]).includes(label)) return;
  const own = await db.annotationLabel.findUnique({ where: { teamId_name: { teamId, name: label } }, select: { id: true } });
  if (!own) throw new BadInputError(`"${label}" is not a label of this team's taxonomy (built-in: ${BUILTIN_LABELS.join(", ")}).`, "label");
}

/** Adds a label to a team's taxonomy (EDITOR or OWNER). */
export async function defineAnnotationLabel(db: Db, actor: Actor | null, input: { teamId: string; name: string; description: string }): Promise<LabelSummary> {
  authorize(actor, "team:defineLabel", await teamResource(db, actor, input.teamId), "team");
  if (!LABEL_NAME.test(input.name) || input.name.length < 2 || input.name.length > 40) {
    throw new BadInputError("A label is 2–40 lower-case letters, digits and single hyphens, e.g. name-mover.", "name");
  }
  if ((BUILTIN_LABELS as readonly string[]).includes(input.name)) throw new ConflictError(`"${input.name}" is a built-in label already.`);
  return db.$transaction(async (tx) => {
    if ((await tx.annotationLabel.count({ where: { teamId: input.teamId } })) >= MAX_TEAM_LABELS) {
      throw new BadInputError(`A team defines at most ${MAX_TEAM_LABELS} labels.`, "name");
    }
    const existing = await tx.annotationLabel.findUnique({ where: { teamId_name: { teamId: input.teamId, name: input.name } }, select: { id: true } });
    if (existing) throw new ConflictError(`The team has a label "${input.name}" already.`);
    const row = await tx.annotationLabel.create({ data: { teamId: input.teamId, name: input.name, description: input.description, createdById: actor.userId } });
    await audit(tx, actor, "label.create", "label", row.id, { teamId: input.teamId, name: input.name });
    return { name: row.name, description: row.description, builtin: false };
  });
}
