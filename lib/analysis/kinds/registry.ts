// The analysis kinds the platform can compute (DESIGN §4): each kind names itself, validates its
// parameters with one zod schema, and computes its JSON result from an engine model. The same
// definition runs in the request (tiny models), in a job's child process (lib/analysis/job-worker)
// and is the key of the AnalysisResult cache (kind, params hash, engine version).
// Rules: a kind is registered once, by importing its module from ./index (the child process imports
// the same index, so every kind exists wherever a job runs); `compute` reports progress through
// ctx.progress and stops when ctx.signal aborts; its result is plain JSON (NaN becomes null once
// stored); it never touches the database, the request or the network.
import type { z } from "zod";
import type { Kernels } from "../../engine/linalg/kernels";
import type { AttnOnlyModel } from "../../engine/transformer/weights";

/** What a running computation can tell, be told and use. */
export interface AnalysisContext {
  /** The matmul/top-k kernels to compute with (the same wherever the kind runs). */
  readonly kernels: Kernels;
  /** `done` of `total` units of work (any unit); `stage` names what runs now ("composition", …). */
  progress(done: number, total: number, stage?: string): void;
  /** Aborted when the job is cancelled: stop at the next convenient point (throwing is fine). */
  signal: AbortSignal;
}

/**
 * Largest stored weight size (bytes) a kind computes inside the request by default: 64 KiB.
 * Measured here for the head report (pure-TS kernels, 2 shared cores): the induction-2l demo
 * (45 KiB) ≈ 80 ms. Everything above is a background job. Kinds that cost far less per byte
 * (e.g. one head's OV top tokens) may raise it with `inProcessBytes`.
 */
export const DEFAULT_IN_PROCESS_BYTES = 64 * 1024;

/** What a kind may check its params against before the cache key is made: the version's shape and metadata. */
export interface VersionShape {
  config: { n_ctx: number; d_vocab: number };
  /** The safetensors `__metadata__` strings stored with the version. */
  metadata: Readonly<Record<string, string>>;
}

export interface AnalysisKindDefinition<P, R> {
  /** The AnalysisResult kind, lower-case words joined by "-" (e.g. "head-report", "ov"). */
  kind: string;
  /** Validates (and defaults) the parameters; its output is what the cache key hashes. */
  params: z.ZodType<P, unknown>;
  /**
   * Checks the parsed params against the version (BadInputError naming the field) and completes
   * them from it (e.g. a probe hint in its metadata); the result is what the cache key hashes.
   */
  forVersion?(params: P, version: VersionShape): P;
  compute(model: AttnOnlyModel, params: P, ctx: AnalysisContext): Promise<R> | R;
  /** Stored weights up to this many bytes are computed in the request (default DEFAULT_IN_PROCESS_BYTES). */
  inProcessBytes?: number;
}

/** A registered kind (`inProcessBytes` resolved). */
export interface AnalysisKind<P = unknown, R = unknown> extends AnalysisKindDefinition<P, R> {
  inProcessBytes: number;
}

const KIND_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Longest kind name (it is part of every cache key and job row). */
export const MAX_KIND_NAME = 48;

const registry = new Map<string, AnalysisKind>();

/** Registers a kind (TypeError when the name is malformed or already taken) and returns it. */
export function defineAnalysisKind<P, R>(definition: AnalysisKindDefinition<P, R>): AnalysisKind<P, R> {
  if (!KIND_NAME.test(definition.kind) || definition.kind.length > MAX_KIND_NAME) {
    throw new TypeError(`analysis kind ${JSON.stringify(definition.kind)} must be lower-case words joined by "-" (at most ${MAX_KIND_NAME} characters)`);
  }
  if (registry.has(definition.kind)) throw new TypeError(`analysis kind "${definition.kind}" is defined twice`);
  const kind: AnalysisKind<P, R> = { ...definition, inProcessBytes: definition.inProcessBytes ?? DEFAULT_IN_PROCESS_BYTES };
  registry.set(kind.kind, kind as AnalysisKind);
  return kind;
}

/** The kind registered under `name`, or undefined. Import ./index first so every kind is registered. */
export function analysisKind(name: string): AnalysisKind | undefined {
  return registry.get(name);
}

/** Every registered kind's name, sorted. */
export function analysisKindNames(): string[] {
  return [...registry.keys()].sort();
}
