// What a training run is asked to do, validated at every edge (GraphQL, CLI, worker) with one zod
// schema. Rule: sizes have upper bounds and the whole run has a compute budget, so no request can
// tie up the machine's two cores for more than about half an hour.
import { z } from "zod";
import type { TrainModelConfig } from "../engine/train/params";
import { TASK_NAMES } from "./tasks";

/** Most model versions one run may write (its checkpoints, the last step's included). */
export const MAX_VERSIONS_PER_RUN = 50;
/** Most per-head probe scorings one run may do (each is a forward pass over the probe batch, kept in the history). */
export const MAX_SCORINGS_PER_RUN = 500;

/** Rough multiply-adds a run may spend (≈ 1e8 per second measured here for the pure-TS trainer: ~30 minutes). */
export const MAX_WORK = 2e11;

const int = (min: number, max: number, what: string) =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} is at least ${min}`).max(max, `${what} is at most ${max}`);

export const trainingSpecSchema = z
  .object({
    task: z.enum(TASK_NAMES, { error: `task must be one of ${TASK_NAMES.join(", ")}` }),
    nLayers: int(0, 4, "nLayers"),
    nHeads: int(1, 8, "nHeads"),
    dModel: int(4, 256, "dModel"),
    /** Default dModel / nHeads. */
    dHead: int(1, 128, "dHead").optional(),
    nCtx: int(8, 128, "nCtx"),
    steps: int(1, 20_000, "steps"),
    seed: int(0, 2 ** 31 - 1, "seed"),
    batchSize: int(1, 64, "batchSize").default(16),
    lr: z.number().min(1e-5, "lr is at least 1e-5").max(0.1, "lr is at most 0.1").default(1e-2),
    /** Save a checkpoint (a model version) every this many steps; default steps / 4. */
    checkpointEvery: int(1, 20_000, "checkpointEvery").optional(),
    /** Per-head probe scores every this many steps; default about 40 times per run. */
    scoreEvery: int(1, 20_000, "scoreEvery").optional(),
    positionalEmbedding: z.enum(["standard", "shortformer"]).default("shortformer"),
  })
  .superRefine((s, ctx) => {
    if (s.dHead === undefined && s.dModel % s.nHeads !== 0) {
      ctx.addIssue({ code: "custom", path: ["dModel"], message: `dModel (${s.dModel}) must be a multiple of nHeads (${s.nHeads}), or give dHead` });
    }
    // Bounds before work: a run writes ⌈steps / checkpointEvery⌉ versions and scores ⌈steps / scoreEvery⌉ times.
    if (s.checkpointEvery !== undefined && Math.ceil(s.steps / s.checkpointEvery) > MAX_VERSIONS_PER_RUN) {
      ctx.addIssue({ code: "custom", path: ["checkpointEvery"], message: `checkpointEvery ${s.checkpointEvery} would save ${Math.ceil(s.steps / s.checkpointEvery)} versions; at most ${MAX_VERSIONS_PER_RUN} per run (use checkpointEvery ≥ ${Math.ceil(s.steps / MAX_VERSIONS_PER_RUN)})` });
    }
    if (s.scoreEvery !== undefined && Math.ceil(s.steps / s.scoreEvery) > MAX_SCORINGS_PER_RUN) {
      ctx.addIssue({ code: "custom", path: ["scoreEvery"], message: `scoreEvery ${s.scoreEvery} would score the heads ${Math.ceil(s.steps / s.scoreEvery)} times; at most ${MAX_SCORINGS_PER_RUN} per run (use scoreEvery ≥ ${Math.ceil(s.steps / MAX_SCORINGS_PER_RUN)})` });
    }
    const work = trainingWork(s);
    if (work > MAX_WORK) {
      const minutes = Math.round(work / 1e8 / 60);
      ctx.addIssue({ code: "custom", path: ["steps"], message: `this run would take about ${minutes} minutes here; the limit is ${Math.round(MAX_WORK / 1e8 / 60)}: use fewer steps or a smaller model` });
    }
  });

export type TrainingSpecInput = z.input<typeof trainingSpecSchema>;
export type TrainingSpec = z.output<typeof trainingSpecSchema>;

/** Multiply-adds of a whole run (forward + backward ≈ 3× forward), an estimate for the budget check. */
export function trainingWork(s: Pick<TrainingSpec, "nLayers" | "nHeads" | "dModel" | "dHead" | "nCtx" | "steps"> & { batchSize?: number }): number {
  const dHead = s.dHead ?? Math.max(1, Math.floor(s.dModel / s.nHeads));
  const vocab = 64; // the registry's vocabularies are at most this large (words aside), close enough for a budget
  const perToken = s.nLayers * (4 * s.dModel * s.nHeads * dHead + 2 * s.nHeads * s.nCtx * dHead) + 2 * s.dModel * vocab;
  return 3 * s.steps * (s.batchSize ?? 16) * s.nCtx * perToken;
}

/** The engine's model config for a spec, given the task's vocabulary size. */
export function modelConfigOf(s: TrainingSpec, d_vocab: number): TrainModelConfig {
  return {
    n_layers: s.nLayers,
    n_heads: s.nHeads,
    d_model: s.dModel,
    d_head: s.dHead ?? s.dModel / s.nHeads,
    d_vocab,
    n_ctx: s.nCtx,
    positional_embedding_type: s.positionalEmbedding,
    biases: false,
  };
}

/** Checkpoint interval: as given, else a quarter of the run (at least 1). */
export function checkpointEveryOf(s: TrainingSpec): number {
  return s.checkpointEvery ?? Math.max(1, Math.ceil(s.steps / 4));
}

/** Probe-score interval: as given, else about 40 scorings per run. */
export function scoreEveryOf(s: TrainingSpec): number {
  return s.scoreEvery ?? Math.max(1, Math.ceil(s.steps / 40));
}
