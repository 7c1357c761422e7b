// The operation × role matrix (issue 7 item 4, issue 9 "Tests"), generated from the executable schema
// so that a new field cannot escape it.
//
// RULE — which fields need an entry (tests/graphql/role-matrix/<module>.ts):
//   1. every field of Query, Mutation and Subscription;
//   2. every field of any other object type that has a resolver of its own (not the default property
//      read), unless PURE below lists it with its reason: PURE is only for resolvers that compute from
//      their already-authorized parent and read no other row (no database call, no policy call).
//   A field with a resolver that reads rows (a nested list, a related object, a cached analysis, a
//   user's email) is where another team's data or a missed policy check would leak, so it is run
//   through its parent as every role. Entries naming a field the schema lacks fail too.
//
// ROLES — OWNER, EDITOR and VIEWER of the private team "Matrix Lab"; OUTSIDER, who owns another team;
// ANON, signed out; REVOKED, the OWNER's API token after revocation, sent as a Bearer header through
// the real /api/graphql handler (it authenticated, and was cached, before being revoked); TOKEN and
// READ_TOKEN, live tokens of the OWNER with scopes READ+WRITE and READ, whose outcomes follow from the
// OWNER's by the scope rule (role-matrix/types.ts); SHARE, a signed-out holder of a finding's share
// token, whose outcome is ANON's except where a case says (only sharedFinding with that token).
// OUTCOMES — "ok": no error and a value at the entry's path; "some": a non-empty list there; "none":
// null or an empty list (hidden, no error); or exactly one error with code UNAUTHENTICATED, FORBIDDEN
// or NOT_FOUND. A payload answering `ok: false` is never "ok". No response may contain a name or an
// email the role may not learn (World.secrets: the lab's name, the PRIVATE and TEAM models' names,
// other accounts' emails — User.email goes to the account itself and OWNERs of a team it is in). Every refused mutation (and every refused
// subscription) must leave the row count of every table unchanged.
//
// SPEED — the world (role-matrix/world.ts) is built once; cases that change or delete something make
// a fresh object in `variables` (before the counts are taken), and cases marked `last` (training,
// which starts background work) run after all others. Subscriptions go through the SSE handler.
import { GraphQLObjectType, type GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/lib/auth/actor";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { buildSchema } from "@/graphql/schema";
import { tableRowCounts, useTestDatabase } from "@/tests/helpers/db";
import { liftAnalysisRateLimit } from "./circuits-setup";
import { gql } from "./harness";
import { activityCases } from "./role-matrix/activity";
import { analysisCases } from "./role-matrix/analysis";
import { baseCases } from "./role-matrix/base";
import { circuitsCases } from "./role-matrix/circuits";
import { claimCases } from "./role-matrix/claims";
import { collabCases } from "./role-matrix/collab";
import { findingCases } from "./role-matrix/findings";
import { jobCases } from "./role-matrix/job";
import { liveCases } from "./role-matrix/live";
import { modelCases } from "./role-matrix/model";
import { createRunner, judge, satisfies, type Runner } from "./role-matrix/runner";
import { runCases } from "./role-matrix/run";
import { searchCases } from "./role-matrix/search";
import { teamCases } from "./role-matrix/team";
import { trainingCases } from "./role-matrix/training";
import { ROLES, caseName, operationKind, outcomesOf, type MatrixCase } from "./role-matrix/types";
import { userCases } from "./role-matrix/user";
import { buildWorld, type World } from "./role-matrix/world";

/** Resolved fields that need no entry, each with why (rule 2). */
const PURE: Record<string, string> = {
  "Model.config": "maps the parent row's config JSON",
  "Model.attentionOnly": "reads the parent row's config",
  "Model.layers": "builds Layer/Head parents from the config (each Head field has its own entry)",
  "ModelConfig.*": "reads the parent config object",
  "ModelVersion.byteLength": "converts the row's BigInt",
  "TrainingJob.step": "reads the row's progress JSON",
  "TrainingJob.totalSteps": "reads the row's progress JSON",
  "TrainingJob.history": "reads the row's progress JSON",
  "TrainingJob.versions": "reads the row's progress JSON",
  "Job.progress": "reshapes the row's progress columns",
  "HeadReport.*": "reads the authorized report envelope (Model.headReport has entries)",
  "CompositionScores.*": "reads the authorized report's arrays",
  "HeadLineage.*": "reads the authorized lineage envelope (Model.headLineage has an entry)",
  "HeadComparison.*": "reads the authorized comparison envelope (Query.compareModels has entries)",
  "LayerHeadMatch.similarity": "reads the parent's matrix",
  "Claim.spec": "reads the row's spec JSON",
  "Claim.current": "reads the authorized claim's evaluation",
  "Claim.written": "reads the authorized claim's evaluation",
  "Finding.export": "formats the authorized finding's loaded row and frozen figures",
  "HeadScores.*": "rounds the authorized report's numbers",
  "HeadLabel.*": "reads the authorized report's labels",
};

const CASES: MatrixCase[] = [
  ...baseCases, ...userCases, ...teamCases, ...modelCases, ...trainingCases, ...jobCases, ...analysisCases,
  ...collabCases, ...claimCases, ...findingCases, ...liveCases, ...circuitsCases, ...runCases, ...searchCases, ...activityCases,
];

function isPure(coordinate: string): boolean {
  return coordinate in PURE || `${coordinate.split(".")[0]}.*` in PURE;
}

/** Every field the rule says needs an entry, as "Type.field". */
function fieldsNeedingEntries(schema: GraphQLSchema): string[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((t) => t!.name));
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const resolved = Boolean(field.resolve) || Boolean(field.subscribe);
      if (roots.has(type.name) || (resolved && !isPure(coordinate))) out.push(coordinate);
    }
  }
  return out;
}

function allFields(schema: GraphQLSchema): Set<string> {
  const out = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type instanceof GraphQLObjectType) for (const name of Object.keys(type.getFields())) out.add(`${type.name}.${name}`);
  }
  return out;
}

describe("the role matrix covers the schema", () => {
  const schema = buildSchema();
  it("has an entry for every root field and every resolved field outside PURE", () => {
    const covered = new Set(CASES.flatMap((c) => c.covers));
    const missing = fieldsNeedingEntries(schema).filter((f) => !covered.has(f));
    expect(missing, `fields with no role-matrix entry (add one to tests/graphql/role-matrix/<module>.ts, or to PURE with a reason): ${missing.join(", ")}`).toEqual([]);
  });
  it("names only fields the schema has, and PURE lists only resolved fields without an entry", () => {
    const fields = allFields(schema);
    const stale = CASES.flatMap((c) => c.covers).filter((f) => !fields.has(f));
    expect(stale, `entries for fields the schema lacks: ${stale.join(", ")}`).toEqual([]);
    const stalePure = Object.keys(PURE).filter((p) => (p.endsWith(".*") ? !schema.getType(p.slice(0, -2)) : !fields.has(p)));
    expect(stalePure, `PURE lines for fields the schema lacks: ${stalePure.join(", ")}`).toEqual([]);
  });
  it("gives every case six valid outcomes", () => {
    for (const c of CASES) outcomesOf(c);
  });
});

liftAnalysisRateLimit();
const t = useTestDatabase();
let w: World;
let runner: Runner;

beforeAll(async () => {
  const useToken = (secret: string) => getActor(new Headers({ authorization: `Bearer ${secret}` }), { db: t.db, auth: t.auth });
  const started = performance.now();
  w = await buildWorld(t.db, useToken);
  console.log(`[role-matrix] ${t.mode}: world built in ${(performance.now() - started).toFixed(0)} ms`);
  runner = createRunner(t.db, w, (request) => getActor(request, { db: t.db, auth: t.auth }));
});

afterAll(async () => {
  runner?.close();
  if (!w) return;
  // Training started by the matrix is cancelled, and its workers waited for, so no run outlives the file.
  const running = await t.db.trainingJob.findMany({ where: { teamId: w.labId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  for (const job of running) await gql(t.db, w.owner, `mutation($id: ID!) { cancelTraining(id: $id) { status } }`, { id: job.id });
  const deadline = Date.now() + 30_000;
  while (jobRunner(t.db).runningIds().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
});

const ordered = [...CASES.filter((c) => !c.last), ...CASES.filter((c) => c.last)];

describe.each(ordered.map((c) => [caseName(c), c] as const))("%s", (_name, c) => {
  const outcomes = outcomesOf(c);
  const kind = operationKind(c.query);
  const path = c.path ?? [c.covers[0].split(".")[1]];
  it.each(ROLES.map((r) => [r, outcomes[r]] as const))("%s → %s", async (role, want) => {
    const variables = (await c.variables?.(w, role)) ?? {};
    const refusedWrite = kind !== "query" && !["ok", "some", "none"].includes(want);
    const before = refusedWrite ? await tableRowCounts(t.db) : null;
    const result = await runner.run(c, role, variables);
    const got = judge(result, path);
    expect(satisfies(got, want), `${role} on ${caseName(c)}: expected ${want}, got ${got}\n${JSON.stringify(result).slice(0, 600)}`).toBe(true);
    const text = JSON.stringify(result);
    const leaked = w.secrets[role].filter((secret) => text.includes(secret));
    expect(leaked, `${role} on ${caseName(c)} learnt ${leaked.join(", ")}`).toEqual([]);
    if (before) expect(await tableRowCounts(t.db), `${role} on ${caseName(c)}: a refused ${kind} changed rows`).toEqual(before);
  });
});
