// Search across heads (issue 9 item 7): the heads of every model the actor may read — the models
// readableModelsWhere selects (signed out: the PUBLIC ones), so a PRIVATE or TEAM model of another
// team never appears — matched
// against a filter (./head-search-filter) on stored results only: each model's latest version's
// cached head report (the platform's default probe and the current engine version, exactly the
// report its overview shows), its annotations and its claims' last evaluations. No engine runs
// here; a model whose latest version has no cached report is listed in `notAnalysed`, and its
// heads match only through annotations and claims (never a score or partner filter).
// Rules: models are scanned in id order, at most MAX_SEARCH_MODELS_SCANNED per request, so a
// search's work is bounded whatever the filter; the cursor is the position of the scan ("model id,
// head index"), so the next page resumes where this one stopped even when it stopped on the scan
// bound with fewer than `first` hits.
import { z } from "zod";
import { findCachedHeadReport } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import { readableModelsWhere } from "@/lib/db/access";
import type { Db } from "@/lib/db/client";
import { BadInputError } from "@/lib/db/errors";
import type { Prisma } from "@/lib/db/generated/client";
import { MODEL_SUMMARY, VERSION_SUMMARY, type ModelSummary } from "@/lib/db/models";
import { headSearchFilterSchema, matchHead, MAX_HEAD_SEARCH_FIRST, type AnnotationFacts, type HeadSearchFilter, type HeadSearchMatch } from "./head-search-filter";

/** Most models one search request looks at (then it answers with a cursor to go on from). */
export const MAX_SEARCH_MODELS_SCANNED = 100;
/** Models read per database round trip of a scan. */
export const SEARCH_MODEL_BATCH = 20;

export const headSearchArgs = z.object({
  filter: headSearchFilterSchema,
  first: z.number().int("first must be a whole number").min(1, "first must be at least 1").max(MAX_HEAD_SEARCH_FIRST, `first must be at most ${MAX_HEAD_SEARCH_FIRST}`).default(20),
  after: z.string().max(400, "after is at most 400 characters").nullish(),
});

export interface HeadSearchHit extends HeadSearchMatch {
  head: string;
  layer: number;
  index: number;
  model: ModelSummary;
  /** The version whose report and claims were read (null: the model has no version). */
  modelVersion: number | null;
}

export interface HeadSearchPage {
  edges: { cursor: string; node: HeadSearchHit }[];
  pageInfo: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
  /** Models scanned for this page whose latest version has no cached head report. */
  notAnalysed: ModelSummary[];
  /** How many models this page scanned. */
  scannedModels: number;
}

const CURSOR_PREFIX = "heads:";
/** The head index of a cursor past every head of its model (the scan stopped after it). */
const PAST_MODEL = -2;

interface Position {
  modelId: string;
  /** layer · n_heads + head of the last head passed; PAST_MODEL once the whole model was passed. */
  headIndex: number;
}

function encodeCursor(p: Position): string {
  return Buffer.from(`${CURSOR_PREFIX}${p.headIndex === PAST_MODEL ? "*" : p.headIndex}:${p.modelId}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): Position {
  const m = /^heads:(\*|\d{1,9}):(.{1,200})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw new BadInputError("after is not a cursor of this search.", "after");
  return { modelId: m[2], headIndex: m[1] === "*" ? PAST_MODEL : Number(m[1]) };
}

/** Narrows the models scanned to those with an annotation the filter needs (the database does it). */
function annotationPrefilter(filter: HeadSearchFilter): Prisma.ModelWhereInput[] {
  const out: Prisma.ModelWhereInput[] = [];
  if (filter.text) out.push({ annotations: { some: { body: { contains: filter.text, mode: "insensitive" } } } });
  if (filter.claimStatus) out.push({ annotations: { some: { claims: { some: { passing: filter.claimStatus === "PASSING" } } } } });
  return out;
}

const ANNOTATION_FACTS = {
  id: true, modelId: true, head: true, label: true, body: true, authorId: true, accepted: true,
  votes: { select: { userId: true, value: true } },
  claims: { select: { passing: true } },
} as const satisfies Prisma.HeadAnnotationSelect;

function sizeOf(config: unknown, key: string): number {
  const v = (config && typeof config === "object" ? (config as Record<string, unknown>)[key] : undefined);
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** One page of heads matching `raw` ({ filter, first, after }) among the models the actor may read. */
export async function searchHeadsForActor(db: Db, actor: Actor | null, raw: z.input<typeof headSearchArgs>): Promise<HeadSearchPage> {
  const { filter, first, after } = headSearchArgs.parse(raw);
  const from = after ? decodeCursor(after) : null;
  const where: Prisma.ModelWhereInput = { AND: [readableModelsWhere(actor), ...annotationPrefilter(filter), ...(from ? [{ id: { gte: from.modelId } }] : [])] };
  const hits: { cursor: string; node: HeadSearchHit }[] = [];
  const notAnalysed: ModelSummary[] = [];
  let scanned = 0;
  let lastId: string | null = from?.modelId ?? null;
  let exhausted = false;
  while (hits.length <= first && scanned < MAX_SEARCH_MODELS_SCANNED && !exhausted) {
    const take = Math.min(SEARCH_MODEL_BATCH, MAX_SEARCH_MODELS_SCANNED - scanned);
    const batch = await db.model.findMany({
      where: lastId && scanned > 0 ? { AND: [where, { id: { gt: lastId } }] } : where,
      select: { ...MODEL_SUMMARY, versions: { select: VERSION_SUMMARY, orderBy: { number: "desc" }, take: 1 } },
      orderBy: { id: "asc" },
      take,
    });
    exhausted = batch.length < take;
    const annotations = await db.headAnnotation.findMany({ where: { modelId: { in: batch.map((m) => m.id) } }, select: ANNOTATION_FACTS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    for (const { versions, ...model } of batch) {
      scanned++;
      lastId = model.id;
      const skipUpTo = from && from.modelId === model.id ? (from.headIndex === PAST_MODEL ? Infinity : from.headIndex) : -1;
      if (skipUpTo === Infinity) continue;
      const version = versions[0] ?? null;
      const cached = version ? await findCachedHeadReport(db, version) : null;
      if (!cached) notAnalysed.push(model);
      const byHead = new Map<string, AnnotationFacts[]>();
      for (const a of annotations) if (a.modelId === model.id) byHead.set(a.head, [...(byHead.get(a.head) ?? []), a]);
      const nHeads = sizeOf(model.config, "n_heads");
      const nLayers = sizeOf(model.config, "n_layers");
      for (let i = skipUpTo + 1; i < nLayers * nHeads && hits.length <= first; i++) {
        const [layer, index] = [Math.floor(i / nHeads), i % nHeads];
        const name = `${layer}.${index}`;
        const match = matchHead(filter, { name, layer, index, report: cached?.result ?? null, annotations: byHead.get(name) ?? [] });
        if (match) hits.push({ cursor: encodeCursor({ modelId: model.id, headIndex: i }), node: { ...match, head: name, layer, index, model, modelVersion: version?.number ?? null } });
      }
      if (hits.length > first) break;
    }
  }
  const edges = hits.slice(0, first);
  const hasNextPage = hits.length > first || !exhausted;
  // Stopped on the scan bound: the next page resumes after the last model scanned.
  const endCursor = hits.length > first || !lastId || exhausted ? (edges.at(-1)?.cursor ?? null) : encodeCursor({ modelId: lastId, headIndex: PAST_MODEL });
  return { edges, pageInfo: { hasNextPage, startCursor: edges[0]?.cursor ?? null, endCursor }, notAnalysed, scannedModels: scanned };
}
