// Head matching for the platform (lib/engine/circuits/head-matching.ts): the lineage of a
// model's heads through its stored versions (training checkpoints) — when the induction head was
// born and which head it became — and a head-by-head comparison of two models of the same shape.
// Rules: every model is authorized through lib/db/models (listModelVersionsForActor /
// getModelVersionForActor) before any tensor or cached result is read; matching runs only in the
// request's process and only when every version involved has at most LINEAGE_MAX_BYTES of stored
// weights and a lineage's versions at most LINEAGE_MAX_TOTAL_BYTES together (TOO_LARGE otherwise); a lineage is cached in AnalysisResult (kind "head-lineage")
// under the latest version, keyed by the ids of all versions it traced.
import type { Actor } from "@/lib/auth/policy";
import { findAnalysisResult, saveAnalysisResult, type AnalysisKey } from "@/lib/db/analyses";
import type { Db } from "@/lib/db/client";
import { BadInputError } from "@/lib/db/errors";
import type { Prisma } from "@/lib/db/generated/client";
import { getModelVersionForActor, listModelVersionsForActor, type ModelVersionSummary } from "@/lib/db/models";
import { headLineage, matchHeads, type HeadMatchInput, type HeadMatching, type MatchSpace } from "@/lib/engine/circuits/head-matching";
import type { AttnOnlyModel } from "@/lib/engine/transformer/weights";
import { engineVersion } from "./engine-version";
import { loadStoredModel } from "./stored-model";

/** The AnalysisResult kind of a head lineage. */
export const HEAD_LINEAGE_KIND = "head-lineage";

/**
 * Largest stored weight size (bytes) of any one version matched in the request's process: 1 MiB
 * (matching costs far less than a head report per version; see LINEAGE_MAX_TOTAL_BYTES).
 */
export const LINEAGE_MAX_BYTES = 1024 * 1024;

/** Most versions traced in one lineage (all are held in memory at once). */
export const LINEAGE_MAX_VERSIONS = 32;

/**
 * Largest total stored weight size (bytes) of the versions traced in one lineage: 4 MiB. Measured
 * here (pure TS, 2 shared cores): matching one pair of random 1.03 MiB versions (2 layers × 8
 * heads, d_model 128, d_head 16) takes ≈ 370 ms, one of 0.77 MiB (4 × 8, d_model 64, d_head 8)
 * ≈ 110 ms, during which the event loop is busy; 4 MiB keeps a lineage to about 1.5 s.
 */
export const LINEAGE_MAX_TOTAL_BYTES = 4 * 1024 * 1024;

/** One head of the latest version and the head it matched at each version, oldest first. */
export interface HeadLineageJson {
  name: string;
  trace: { version: number; head: string; similarity: number }[];
}

export interface HeadLineageReport {
  /** Version numbers traced, oldest first (the last is the latest). */
  versions: number[];
  /** Expected similarity of unrelated heads (random subspaces): min(1, d_head / d_model). */
  baseline: number;
  heads: HeadLineageJson[];
}

type Status = { status: "TOO_LARGE"; message: string };
export type HeadLineageOutcome = ({ status: "READY"; cached: boolean } & HeadLineageReport) | Status;
export type HeadComparisonOutcome = ({ status: "READY" } & HeadMatching) | Status;

/** The per-layer W_Q, W_K, W_V, W_O (and W_E, W_U) that head matching reads. */
function matchInput(model: AttnOnlyModel): HeadMatchInput {
  return { blocks: model.weights.blocks, W_E: model.weights.W_E, W_U: model.weights.W_U };
}

function tooLarge(version: Pick<ModelVersionSummary, "number" | "byteLength">, what: string): Status {
  const mib = (Number(version.byteLength) / 1048576).toFixed(1);
  return {
    status: "TOO_LARGE",
    message: `Version ${version.number} of ${what} has ${mib} MiB of weights; heads are matched on the server only up to ${+(LINEAGE_MAX_BYTES / 1048576).toFixed(2)} MiB per version.`,
  };
}

/** Called (and may throw, e.g. RATE_LIMITED) just before a computation starts, never for a cached result. */
export interface ComputeHooks {
  beforeCompute?: () => void;
}

/** The cache key of a lineage over `versions` (oldest first; the row belongs to the last). */
function lineageKey(versions: readonly ModelVersionSummary[]): AnalysisKey {
  return {
    modelVersionId: versions[versions.length - 1].id,
    kind: HEAD_LINEAGE_KIND,
    params: { versions: versions.map((v) => v.id), space: "residual" },
    engineVersion: engineVersion(),
  };
}

/**
 * The lineage of a model's heads through its latest LINEAGE_MAX_VERSIONS versions (residual-space
 * matching, each version matched directly to the latest) for an actor who may read the model
 * (NotFoundError otherwise). A model with one version traces each head to itself.
 */
export async function getHeadLineageForActor(db: Db, actor: Actor | null, modelId: string, options: ComputeHooks = {}): Promise<HeadLineageOutcome> {
  const newestFirst = await listModelVersionsForActor(db, actor, modelId);
  const versions = newestFirst.slice(0, LINEAGE_MAX_VERSIONS).reverse();
  if (versions.length === 0) return { status: "READY", cached: false, versions: [], baseline: 0, heads: [] };
  const key = lineageKey(versions);
  const stored = await findAnalysisResult(db, key);
  if (stored) return { status: "READY", cached: true, ...(stored as unknown as HeadLineageReport) };
  const large = versions.find((v) => Number(v.byteLength) > LINEAGE_MAX_BYTES);
  if (large) return tooLarge(large, "this model");
  const total = versions.reduce((sum, v) => sum + Number(v.byteLength), 0);
  if (total > LINEAGE_MAX_TOTAL_BYTES) {
    return {
      status: "TOO_LARGE",
      message: `The ${versions.length} versions of this model have ${(total / 1048576).toFixed(1)} MiB of weights together; a lineage is traced on the server only up to ${+(LINEAGE_MAX_TOTAL_BYTES / 1048576).toFixed(2)} MiB.`,
    };
  }
  options.beforeCompute?.();
  const inputs: HeadMatchInput[] = [];
  for (const v of versions) inputs.push(matchInput(await loadStoredModel(db, v)));
  const last = inputs[inputs.length - 1];
  const [, D, E] = last.blocks[0]?.W_Q.shape ?? [0, 1, 0];
  const report: HeadLineageReport = {
    versions: versions.map((v) => v.number),
    baseline: Math.min(1, E / D),
    heads: headLineage(inputs).map((h) => ({
      name: h.head,
      trace: h.trace.map((t) => ({ version: versions[t.checkpoint].number, head: t.head, similarity: t.similarity })),
    })),
  };
  await saveAnalysisResult(db, key, report as unknown as Prisma.InputJsonValue);
  return { status: "READY", cached: false, ...report };
}

/** "n_layers × n_heads heads, d_model, d_head" of a stored version's config. */
function shapeOf(version: ModelVersionSummary): string {
  const c = (version.config ?? {}) as Record<string, unknown>;
  return `${c.n_layers} layers × ${c.n_heads} heads, d_model ${c.d_model}, d_head ${c.d_head}`;
}

/**
 * Matches the heads of the latest versions of two models the actor may read (NotFoundError for
 * either otherwise): per layer the head × head similarity and the one-to-one pairing of A's heads
 * to B's. BadInputError naming both shapes when n_layers, n_heads, d_model or d_head differ.
 */
export async function compareModelsForActor(db: Db, actor: Actor | null, a: string, b: string, space: MatchSpace = "residual", options: ComputeHooks = {}): Promise<HeadComparisonOutcome> {
  const va = await getModelVersionForActor(db, actor, a);
  const vb = await getModelVersionForActor(db, actor, b);
  const sa = shapeOf(va), sb = shapeOf(vb);
  if (sa !== sb) throw new BadInputError(`The models differ in shape: A has ${sa}, B has ${sb}; heads can only be matched between models of one shape.`, "b");
  if ((va.config as Record<string, unknown> | null)?.n_layers === 0) throw new BadInputError("The models have no attention layers, so there are no heads to match.", "a");
  const vocabA = (va.config as Record<string, unknown> | null)?.d_vocab, vocabB = (vb.config as Record<string, unknown> | null)?.d_vocab;
  if (space === "vocab" && vocabA !== vocabB) {
    throw new BadInputError(`The models have different vocabularies (d_vocab ${String(vocabA)} and ${String(vocabB)}); compare them in the RESIDUAL space.`, "space");
  }
  if (Number(va.byteLength) > LINEAGE_MAX_BYTES) return tooLarge(va, "model A");
  if (Number(vb.byteLength) > LINEAGE_MAX_BYTES) return tooLarge(vb, "model B");
  options.beforeCompute?.();
  const [ma, mb] = [await loadStoredModel(db, va), await loadStoredModel(db, vb)];
  return { status: "READY", ...matchHeads(matchInput(ma), matchInput(mb), { space }) };
}
