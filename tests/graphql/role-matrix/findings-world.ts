// The role matrix's findings (graphql/modules/findings), all written by the lab's EDITOR: a TEAM
// finding of the PUBLIC model with a frozen HEAD_CARD figure, a live and a revoked share token of
// it, the EDITOR's DRAFT, a TEAM finding of the PRIVATE model and a PUBLIC finding of the PRIVATE
// model (readable signed out, without naming its model); `fresh` makes new ones for changing cases.
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import { gql } from "../harness";

export interface FindingsWorld {
  team: string;
  draft: string;
  teamOnPrivate: string;
  publicOnPrivate: string;
  /** A live share token of `team` (what the SHARE role holds). */
  shareToken: string;
  /** A revoked share token of `team`. */
  revokedShareToken: string;
  /** The JSON export of `team` (for importFinding). */
  exportJson: string;
  fresh: {
    /** A new finding of the PUBLIC model (TEAM unless said), by the EDITOR, with one HEAD_CARD figure "fig-1". */
    finding(visibility?: "DRAFT" | "TEAM" | "PUBLIC"): Promise<{ id: string; version: number }>;
    /** A new live share link of a fresh TEAM finding: its id. */
    shareLink(): Promise<string>;
  };
}

type Data = Record<string, Record<string, unknown> & { ok?: boolean }>;

async function must(db: Db, actor: Actor, query: string, variables?: Record<string, unknown>): Promise<Data> {
  const r = await gql<Data>(db, actor, query, variables);
  const payload = r.data ? Object.values(r.data)[0] : undefined;
  if (r.errors || payload === undefined || payload === null || payload.ok === false) throw new Error(`role-matrix findings: ${query} failed: ${JSON.stringify(r)}`);
  return r.data!;
}

export async function buildFindingsWorld(db: Db, editor: Actor, models: { publicModel: string; privateModel: string }): Promise<FindingsWorld> {
  let serial = 0;
  const finding = async (modelId: string, visibility: "DRAFT" | "TEAM" | "PUBLIC", figure = true) => {
    const created = await must(db, editor, `mutation($m: ID!, $t: String!) { createFinding(input: { modelId: $m, title: $t, body: "matrix finding" }) { ok finding { id version } } }`, { m: modelId, t: `matrix finding ${++serial}` });
    let f = created.createFinding.finding as { id: string; version: number };
    if (figure) {
      const added = await must(db, editor, `mutation($f: ID!) { addFindingFigure(input: { findingId: $f, kind: HEAD_CARD, params: { head: "0.0" } }) { ok finding { id version } } }`, { f: f.id });
      f = added.addFindingFigure.finding as typeof f;
    }
    if (visibility !== "DRAFT") {
      const set = await must(db, editor, `mutation($id: ID!, $v: FindingVisibility!) { setFindingVisibility(id: $id, visibility: $v) { ok finding { id version } } }`, { id: f.id, v: visibility });
      f = set.setFindingVisibility.finding as typeof f;
    }
    return f;
  };
  const share = async (findingId: string) => {
    const d = await must(db, editor, `mutation($f: ID!) { createShareLink(findingId: $f) { ok token link { id } } }`, { f: findingId });
    return { token: d.createShareLink.token as string, id: (d.createShareLink.link as { id: string }).id };
  };
  const team = await finding(models.publicModel, "TEAM");
  const live = await share(team.id);
  const revoked = await share(team.id);
  await must(db, editor, `mutation($id: ID!) { revokeShareLink(id: $id) { ok } }`, { id: revoked.id });
  const exported = await gql<{ exportFinding: string }>(db, editor, `query($id: ID!) { exportFinding(id: $id, format: JSON) }`, { id: team.id });
  return {
    team: team.id,
    draft: (await finding(models.publicModel, "DRAFT", false)).id,
    teamOnPrivate: (await finding(models.privateModel, "TEAM")).id,
    publicOnPrivate: (await finding(models.privateModel, "PUBLIC")).id,
    shareToken: live.token,
    revokedShareToken: revoked.token,
    exportJson: exported.data!.exportFinding,
    fresh: {
      finding: (visibility = "TEAM") => finding(models.publicModel, visibility),
      shareLink: async () => (await share((await finding(models.publicModel, "TEAM", false)).id)).id,
    },
  };
}
