// Resolvers of findings (SDL ./schema.graphql): Query.finding/findings/sharedFinding/exportFinding,
// the finding mutations and the Finding / FindingFigure fields. Rule: thin — lib/findings decides
// access (lib/auth/policy, signed-out reads of PUBLIC findings included), validates with zod and
// writes; stale edits surface as CONFLICT carrying the current finding (../collab/conflict); the
// analyses (addFindingFigure, FindingFigure.current) are charged to the caller's rate limit.
import { z } from "zod";
import { describeFinding, type FindingRow, type LoadedFinding } from "@/lib/findings/access";
import { addFindingFigure, currentOfFigure, figuresOf, removeFindingFigure, type FigureCurrent, type FigureView } from "@/lib/findings/figure-store";
import { createShareLink, listShareLinks, openSharedFinding, revokeShareLink, type ShareLinkRow } from "@/lib/findings/share";
import { createFinding, deleteFinding, getFindingForActor, listFindingsForActor, setFindingVisibility, updateFinding } from "@/lib/findings/store";
import { exportFinding, importFinding, type ExportFormat } from "@/lib/findings/transfer";
import type { ModelSummary } from "@/lib/db/models";
import type { GraphQLContext, Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput, payload, type Payload } from "../../payload";
import { charge } from "../../rate-limit";
import { payloadOrConflict } from "../collab/conflict";

const id = z.string().trim().min(1, "An id is required.").max(200);

/** GraphQL sends explicit nulls for omitted optional fields; lib/findings wants them absent. */
function defined<T extends Record<string, unknown>>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}

/**
 * A Finding as the schema reads it: the row's columns, the pinned version's number, the model when
 * the viewer may read it and what the viewer may do — all decided once, when the finding was loaded.
 */
export type FindingParent = Omit<FindingRow, "model" | "modelId" | "modelVersion"> & { model: ModelSummary | null; modelId: string | null; modelVersion: number; canEdit: boolean; loaded: LoadedFinding };

function parentOf(f: LoadedFinding): FindingParent {
  return { ...f.row, model: f.modelReadable ? f.row.model : null, modelId: f.modelNamed ? f.row.modelId : null, modelVersion: f.row.modelVersion.number, canEdit: f.editable, loaded: f };
}

type FindingResult = Payload<{ finding: FindingParent }>;
const loaded = async (ctx: GraphQLContext, row: FindingRow) => ({ finding: parentOf(await describeFinding(ctx.db, ctx.actor, row)) });

// ── Query ──

const finding: Resolver<unknown, { id: string }, FindingParent | null> = async (_p, args, { db, actor }) => {
  const f = await nullIfNotFound(getFindingForActor(db, actor, parseInput(id, args.id)));
  return f ? parentOf(f) : null;
};

const findings: Resolver<unknown, Record<string, unknown>, FindingParent[]> = async (_p, args, { db, actor }) => (await listFindingsForActor(db, actor, defined(args))).map(parentOf);

const sharedFinding: Resolver<unknown, { token: string }, FindingParent> = async (_p, args, { db, actor }) => parentOf(await openSharedFinding(db, actor, args.token));

const exportFindingQuery: Resolver<unknown, { id: string; format: ExportFormat }, string | null> = async (_p, args, { db, actor }) => {
  const f = await nullIfNotFound(getFindingForActor(db, actor, parseInput(id, args.id)));
  return f ? exportFinding(f, args.format) : null;
};

// ── Mutation ──

const createFindingMutation: Resolver<unknown, { input: Record<string, unknown> }, FindingResult> = (_p, args, ctx) =>
  payload(async () => loaded(ctx, await createFinding(ctx.db, ctx.actor, defined(args.input) as Parameters<typeof createFinding>[2])));

const updateFindingMutation: Resolver<unknown, { input: Record<string, unknown> }, FindingResult> = (_p, args, ctx) =>
  payloadOrConflict(async () => loaded(ctx, await updateFinding(ctx.db, ctx.actor, defined(args.input) as Parameters<typeof updateFinding>[2])));

const addFindingFigureMutation: Resolver<unknown, { input: Record<string, unknown> }, FindingResult> = (_p, args, ctx) =>
  payloadOrConflict(async () => loaded(ctx, await addFindingFigure(ctx.db, ctx.actor, defined(args.input) as Parameters<typeof addFindingFigure>[2], charge(ctx, "Mutation.addFindingFigure"))));

const removeFindingFigureMutation: Resolver<unknown, { findingId: string; key: string; expectedVersion?: number | null }, FindingResult> = (_p, args, ctx) =>
  payloadOrConflict(async () => loaded(ctx, await removeFindingFigure(ctx.db, ctx.actor, { findingId: parseInput(id, args.findingId), key: parseInput(z.string().max(100), args.key), expectedVersion: args.expectedVersion })));

const setFindingVisibilityMutation: Resolver<unknown, { id: string; visibility: "DRAFT" | "TEAM" | "PUBLIC" }, FindingResult> = (_p, args, ctx) =>
  payload(async () => loaded(ctx, await setFindingVisibility(ctx.db, ctx.actor, { id: parseInput(id, args.id), visibility: args.visibility }, charge(ctx, "Mutation.setFindingVisibility"))));

const createShareLinkMutation: Resolver<unknown, { findingId: string }, Payload<{ link: ShareLinkRow; token: string }>> = (_p, args, { db, actor }) =>
  payload(() => createShareLink(db, actor, parseInput(id, args.findingId)));

const revokeShareLinkMutation: Resolver<unknown, { id: string }, Payload<{ link: ShareLinkRow; token: null }>> = (_p, args, { db, actor }) =>
  payload(async () => ({ link: await revokeShareLink(db, actor, parseInput(id, args.id)), token: null }));

const deleteFindingMutation: Resolver<unknown, { id: string }, Payload<object>> = (_p, args, { db, actor }) =>
  payload(async () => {
    await deleteFinding(db, actor, parseInput(id, args.id));
    return {};
  });

const importFindingMutation: Resolver<unknown, { modelId: string; json: string; version?: number | null }, FindingResult> = (_p, args, ctx) =>
  payload(async () => loaded(ctx, await importFinding(ctx.db, ctx.actor, defined(args) as Parameters<typeof importFinding>[2])));

// ── Finding, FindingFigure ──

/** A pending figure is frozen on read only from a finished job's result (never computed in the request). */
const findingFigures: Resolver<FindingParent, object, FigureView[]> = (f, _a, { db, actor }) => figuresOf(db, actor, f.loaded, { inProcessBytes: 0, enforceCap: false });

const findingShareLinks: Resolver<FindingParent, object, ShareLinkRow[]> = (f, _a, { db }) => listShareLinks(db, f.loaded);

const figureCurrent: Resolver<FigureView, object, FigureCurrent | null> = (figure, _a, ctx) => currentOfFigure(ctx.db, ctx.actor, figure, charge(ctx, "FindingFigure.current"));

export const findingsResolvers = {
  Query: { finding, findings, sharedFinding, exportFinding: exportFindingQuery },
  Mutation: {
    createFinding: createFindingMutation,
    updateFinding: updateFindingMutation,
    addFindingFigure: addFindingFigureMutation,
    removeFindingFigure: removeFindingFigureMutation,
    setFindingVisibility: setFindingVisibilityMutation,
    createShareLink: createShareLinkMutation,
    revokeShareLink: revokeShareLinkMutation,
    deleteFinding: deleteFindingMutation,
    importFinding: importFindingMutation,
  },
  Finding: { figures: findingFigures, shareLinks: findingShareLinks, export: (f: FindingParent, args: { format: ExportFormat }) => exportFinding(f.loaded, args.format) },
  FindingFigure: { current: figureCurrent },
};
