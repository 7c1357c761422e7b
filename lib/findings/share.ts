// Share links of a finding: an unguessable token (32 random bytes) that lets anyone holding it —
// signed out too — read that one finding and nothing else. Rules: only the token's SHA-256 is
// stored (lib/auth/secrets), the token exists in one response; a DRAFT finding cannot be shared,
// and a link to a finding made a DRAFT again stops answering until it is published; an unknown, a
// revoked and a draft's token get the same NotFoundError, so a token's state never leaks.
import { z } from "zod";
import type { Actor } from "@/lib/auth/policy";
import { hashSecret, newSecret, SHARE_LINK_PREFIX } from "@/lib/auth/secrets";
import { audit } from "@/lib/db/audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { BadInputError, NotFoundError } from "@/lib/db/errors";
import { describeFinding, FINDING_SELECT, loadFinding, publishFinding, type LoadedFinding } from "./access";
import { MAX_SHARE_LINKS_PER_FINDING } from "./limits";

export const SHARE_LINK_SELECT = {
  id: true,
  findingId: true,
  createdAt: true,
  revokedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const satisfies Prisma.FindingShareLinkSelect;

export type ShareLinkRow = Prisma.FindingShareLinkGetPayload<{ select: typeof SHARE_LINK_SELECT }>;

/** Longest token accepted (a real one is 47 characters); longer input is refused before hashing. */
export const MAX_SHARE_TOKEN_CHARS = 100;
const tokenSchema = z.string().max(MAX_SHARE_TOKEN_CHARS);

const NOT_SHARED = "No shared finding for that link (it may have been revoked).";

/** Creates a share link (EDITOR or OWNER who may read the finding, not a DRAFT); the token is in this answer only. */
export async function createShareLink(db: Db, actor: Actor | null, findingId: string): Promise<{ link: ShareLinkRow; token: string }> {
  const { row } = await loadFinding(db, actor, findingId, "finding:edit");
  if (row.visibility === "DRAFT") throw new BadInputError("A draft cannot be shared: make the finding TEAM or PUBLIC first.", "findingId");
  const token = newSecret(SHARE_LINK_PREFIX);
  const link = await db.$transaction(async (tx) => {
    if ((await tx.findingShareLink.count({ where: { findingId: row.id, revokedAt: null } })) >= MAX_SHARE_LINKS_PER_FINDING) {
      throw new BadInputError(`A finding has at most ${MAX_SHARE_LINKS_PER_FINDING} live share links; revoke one first.`, "findingId");
    }
    const created = await tx.findingShareLink.create({ data: { findingId: row.id, tokenHash: hashSecret(token), createdById: actor!.userId }, select: SHARE_LINK_SELECT });
    await audit(tx, actor, "finding.shareLink.create", "findingShareLink", created.id, { findingId: row.id });
    await publishFinding(tx, actor!, row, "updated");
    return created;
  });
  return { link, token };
}

/** Revokes a share link (EDITOR or OWNER who may read its finding); revoking twice is a no-op. */
export async function revokeShareLink(db: Db, actor: Actor | null, linkId: string): Promise<ShareLinkRow> {
  const found = await db.findingShareLink.findUnique({ where: { id: linkId }, select: { findingId: true } });
  if (!found) throw new NotFoundError("No share link with that id.");
  const { row } = await loadFinding(db, actor, found.findingId, "finding:edit").catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("No share link with that id.") : error;
  });
  return db.$transaction(async (tx) => {
    await tx.findingShareLink.updateMany({ where: { id: linkId, revokedAt: null }, data: { revokedAt: new Date() } });
    const link = await tx.findingShareLink.findUniqueOrThrow({ where: { id: linkId }, select: SHARE_LINK_SELECT });
    await audit(tx, actor, "finding.shareLink.revoke", "findingShareLink", linkId, { findingId: row.id });
    await publishFinding(tx, actor!, row, "updated");
    return link;
  });
}

/** The share links of a finding (live and revoked), for those who may edit it; [] for everyone else. */
export function listShareLinks(db: Db, finding: LoadedFinding): Promise<ShareLinkRow[]> {
  if (!finding.editable) return Promise.resolve([]);
  return db.findingShareLink.findMany({ where: { findingId: finding.row.id }, select: SHARE_LINK_SELECT, orderBy: { createdAt: "desc" } });
}

/** The finding a live share token opens, for whoever presents it (signed out too); NotFoundError otherwise. */
export async function openSharedFinding(db: Db, actor: Actor | null, token: string): Promise<LoadedFinding> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success || !parsed.data.startsWith(SHARE_LINK_PREFIX)) throw new NotFoundError(NOT_SHARED);
  const link = await db.findingShareLink.findUnique({ where: { tokenHash: hashSecret(parsed.data) }, select: { revokedAt: true, finding: { select: FINDING_SELECT } } });
  if (!link || link.revokedAt !== null || link.finding.visibility === "DRAFT") throw new NotFoundError(NOT_SHARED);
  return describeFinding(db, actor, link.finding);
}
