// Role matrix entries of graphql/modules/findings. Findings are the EDITOR's (./findings-world): a
// DRAFT is its author's alone (not even the OWNER's), a TEAM finding the team's, a PUBLIC one
// everyone's — signed out too, without naming a PRIVATE model. The SHARE role (a signed-out holder
// of the TEAM finding's share token) reads that finding through sharedFinding and nothing else.
import type { MatrixCase } from "./types";

/** A write on a fresh TEAM finding of the PUBLIC model: EDITORs and OWNERs; a VIEWER is refused; an outsider never learns it. */
const FINDING_WRITE = "ok ok FORBIDDEN NOT_FOUND";
const READ = `query($id: ID!) { finding(id: $id) { id title modelId figures { key status value current { status differs latestVersion } } shareLinks { id createdBy { name } } } }`;

export const findingCases: MatrixCase[] = [
  {
    covers: ["Query.finding", "Finding.figures", "FindingFigure.current", "Finding.shareLinks"],
    variant: "TEAM",
    query: READ,
    variables: (w) => ({ id: w.findings.team }),
    expect: "ok ok ok none",
  },
  { covers: ["Query.finding"], variant: "DRAFT", query: READ, variables: (w) => ({ id: w.findings.draft }), expect: "none ok none none" },
  { covers: ["Query.finding"], variant: "TEAM of the PRIVATE model", query: READ, variables: (w) => ({ id: w.findings.teamOnPrivate }), expect: "ok ok none none" },
  { covers: ["Query.finding"], variant: "PUBLIC of the PRIVATE model", query: READ, variables: (w) => ({ id: w.findings.publicOnPrivate }), expect: "ok ok ok ok ok ok" },
  { covers: ["Query.findings"], variant: "model", query: `query($m: ID!) { findings(modelId: $m) { id title } }`, variables: (w) => ({ m: w.publicModel }), expect: "some some some ok ok ok" },
  { covers: ["Query.findings"], variant: "team", query: `query($t: ID!) { findings(teamId: $t, first: 50) { id modelId } }`, variables: (w) => ({ t: w.labId }), expect: "some some some some some some" },
  {
    covers: ["Query.sharedFinding"],
    variant: "live token",
    query: `query($t: String!) { sharedFinding(token: $t) { id title model { id } figures { key value current { differs } } shareLinks { id } } }`,
    variables: (w) => ({ t: w.findings.shareToken }),
    expect: "ok ok ok ok ok ok",
    share: "ok",
  },
  {
    covers: ["Query.sharedFinding"],
    variant: "revoked token",
    query: `query($t: String!) { sharedFinding(token: $t) { id } }`,
    variables: (w) => ({ t: w.findings.revokedShareToken }),
    expect: "NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND NOT_FOUND",
  },
  { covers: ["Query.exportFinding"], variant: "TEAM", query: `query($id: ID!) { exportFinding(id: $id, format: JSON) }`, variables: (w) => ({ id: w.findings.team }), expect: "ok ok ok none" },
  { covers: ["Query.exportFinding"], variant: "PUBLIC of the PRIVATE model", query: `query($id: ID!) { exportFinding(id: $id, format: MARKDOWN) }`, variables: (w) => ({ id: w.findings.publicOnPrivate }), expect: "ok ok ok ok ok ok" },
  {
    covers: ["Mutation.createFinding"],
    query: `mutation($m: ID!) { createFinding(input: { modelId: $m, title: "matrix" }) { ok finding { id } } }`,
    variables: (w) => ({ m: w.publicModel }),
    path: ["createFinding", "finding"],
    expect: "ok ok FORBIDDEN FORBIDDEN",
  },
  {
    covers: ["Mutation.updateFinding"],
    query: `mutation($input: UpdateFindingInput!) { updateFinding(input: $input) { ok finding { version } } }`,
    variables: async (w) => { const f = await w.findings.fresh.finding(); return { input: { id: f.id, expectedVersion: f.version, body: "edited" } }; },
    path: ["updateFinding", "finding"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.updateFinding"],
    variant: "DRAFT",
    query: `mutation($input: UpdateFindingInput!) { updateFinding(input: $input) { ok finding { version } } }`,
    variables: async (w) => { const f = await w.findings.fresh.finding("DRAFT"); return { input: { id: f.id, expectedVersion: f.version, title: "edited" } }; },
    path: ["updateFinding", "finding"],
    expect: "NOT_FOUND ok NOT_FOUND NOT_FOUND",
  },
  {
    covers: ["Mutation.addFindingFigure"],
    query: `mutation($f: ID!) { addFindingFigure(input: { findingId: $f, kind: COMPOSITION, params: { mode: "K" } }) { ok finding { figures { key status } } } }`,
    variables: async (w) => ({ f: (await w.findings.fresh.finding()).id }),
    path: ["addFindingFigure", "finding"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.removeFindingFigure"],
    query: `mutation($f: ID!) { removeFindingFigure(findingId: $f, key: "fig-1") { ok finding { version } } }`,
    variables: async (w) => ({ f: (await w.findings.fresh.finding()).id }),
    path: ["removeFindingFigure", "finding"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.setFindingVisibility"],
    query: `mutation($id: ID!) { setFindingVisibility(id: $id, visibility: PUBLIC) { ok finding { visibility } } }`,
    variables: async (w) => ({ id: (await w.findings.fresh.finding()).id }),
    path: ["setFindingVisibility", "finding"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.createShareLink"],
    query: `mutation($f: ID!) { createShareLink(findingId: $f) { ok token link { id } } }`,
    variables: async (w) => ({ f: (await w.findings.fresh.finding()).id }),
    path: ["createShareLink", "token"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.revokeShareLink"],
    query: `mutation($id: ID!) { revokeShareLink(id: $id) { ok link { revokedAt } } }`,
    variables: async (w) => ({ id: await w.findings.fresh.shareLink() }),
    path: ["revokeShareLink", "link"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.deleteFinding"],
    query: `mutation($id: ID!) { deleteFinding(id: $id) { ok } }`,
    variables: async (w) => ({ id: (await w.findings.fresh.finding()).id }),
    path: ["deleteFinding", "ok"],
    expect: FINDING_WRITE,
  },
  {
    covers: ["Mutation.importFinding"],
    query: `mutation($m: ID!, $j: String!) { importFinding(modelId: $m, json: $j) { ok finding { id figures { key } } } }`,
    variables: (w) => ({ m: w.publicModel, j: w.findings.exportJson }),
    path: ["importFinding", "finding"],
    expect: "ok ok FORBIDDEN FORBIDDEN",
  },
];
