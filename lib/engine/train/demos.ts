/**
 * The demo models the repository ships (models/<name>/): what each is trained on, with which
 * shape and settings, and how its weights become the shipped files.
 * Rule: a demo is fully determined by its spec (seeds included), so `npm run train:demos`
 * reproduces the shipped safetensors bit for bit on the same JavaScript engine; the model card
 * records the spec, the corpus and the losses, never wall-clock times.
 */
import { toSafetensors } from "./export";
import { gridworldDTSafetensors } from "./export-dt";
import { forward, Workspace } from "./model";
import type { ParamSet, TrainModelConfig } from "./params";
import { deriveSeed, mulberry32 } from "./prng";
import { gridworldDTTask, GRIDWORLD_SEQ_LEN } from "./tasks/gridworld-dt";
import { repeatedSequencesTask } from "./tasks/repeated";
import { skipTrigramTask } from "./tasks/skip-trigram";
import type { Task } from "./tasks/task";
import { textTask } from "./tasks/text";
import { trainSync, type TrainOptions, type TrainProgress, type TrainResult } from "./train";

export type DemoName = "bigram-0l" | "skip-trigram-1l" | "induction-2l" | "gridworld-dt-1l";

/** Training settings of a demo (TrainOptions without the task, config and callbacks). */
export type DemoTraining = Omit<TrainOptions, "task" | "config" | "onProgress" | "signal" | "onCheckpoint" | "init">;

export interface DemoSpec {
  name: DemoName;
  /** What the model demonstrates (model card). */
  purpose: string;
  task: () => Task;
  config: Omit<TrainModelConfig, "d_vocab">;
  training: DemoTraining;
  /** How the trained weights become the shipped safetensors (default: the token model, ./export.ts). */
  write?: (cfg: TrainModelConfig, params: ParamSet, metadata: Record<string, string>) => Uint8Array;
  /** False when the model reads no token vocabulary (a decision transformer): no tokenizer.json. */
  tokenizer?: boolean;
}

export const DEMO_SPECS: Readonly<Record<DemoName, DemoSpec>> = {
  "bigram-0l": {
    name: "bigram-0l",
    purpose: "Zero-layer transformer: the logits are the direct path W_E W_U, a bigram table (paper §\"Zero-layer transformers\").",
    task: () => textTask({ tokenizer: "char" }),
    config: { n_layers: 0, n_heads: 1, d_model: 32, d_head: 8, n_ctx: 32, positional_embedding_type: "shortformer", biases: false },
    training: { steps: 800, batchSize: 16, seed: 1, lr: 2e-2, weightDecay: 0, warmupSteps: 20 },
  },
  "skip-trigram-1l": {
    name: "skip-trigram-1l",
    purpose: "One-layer attention-only transformer on planted skip-trigram rules \"A … B → C\" (paper §\"One-layer attention-only transformers\").",
    task: () => skipTrigramTask(),
    config: { n_layers: 1, n_heads: 2, d_model: 32, d_head: 8, n_ctx: 12, positional_embedding_type: "shortformer", biases: false },
    training: { steps: 3000, batchSize: 16, seed: 1, lr: 1e-2, weightDecay: 0.01, warmupSteps: 50 },
  },
  "induction-2l": {
    name: "induction-2l",
    purpose: "Two-layer attention-only transformer whose layer-1 induction head reads its keys from a layer-0 previous-token head (K-composition; paper §\"Two-layer attention-only transformers\", Olsson et al. 2022).",
    task: () => repeatedSequencesTask(),
    config: { n_layers: 2, n_heads: 2, d_model: 32, d_head: 16, n_ctx: 24, positional_embedding_type: "shortformer", biases: false },
    training: { steps: 2000, batchSize: 32, seed: 1, lr: 1e-2, weightDecay: 0.01, warmupSteps: 100, scoreEvery: 100 },
  },
  "gridworld-dt-1l": {
    name: "gridworld-dt-1l",
    purpose: "One-layer attention-only decision transformer (Chen et al. 2021) on the built-in 5×5 gridworld (docs/GRIDWORLD.md): conditioned on return-to-go 1 it walks to the goal, on 0 it imitates the failing policies; its typed skip-trigrams read [RTG / state / action] … [state] → action.",
    task: () => gridworldDTTask(),
    config: { n_layers: 1, n_heads: 4, d_model: 32, d_head: 8, n_ctx: GRIDWORLD_SEQ_LEN, positional_embedding_type: "standard", biases: false },
    training: { steps: 1000, batchSize: 32, seed: 1, lr: 1e-2, weightDecay: 0.01, warmupSteps: 50 },
    write: gridworldDTSafetensors,
    tokenizer: false,
  },
};

/** A trained demo, ready to write: the three files' contents plus what the card reports. */
export interface TrainedDemo {
  spec: DemoSpec;
  task: Task;
  config: TrainModelConfig;
  result: TrainResult;
  /** models/<name>/model.safetensors */
  safetensors: Uint8Array;
  /** models/<name>/tokenizer.json: the vocabulary as a JSON array of strings. */
  vocab: string[];
  /** Mean training loss over the last 10% of steps, and the loss on a fixed seeded evaluation batch. */
  losses: { trainFinal: number; eval: number; evalTokens: number };
}

/** Mean loss of `params` on 64 sequences of the task drawn from a fixed evaluation stream. */
export function evalLoss(cfg: TrainModelConfig, params: ParamSet, task: Task, seed: number): { loss: number; tokens: number } {
  const batch = 64;
  const ws = new Workspace(cfg, batch, cfg.n_ctx);
  const tokens = new Int32Array(batch * cfg.n_ctx);
  task.sample(mulberry32(deriveSeed(seed, "eval")), batch, cfg.n_ctx, tokens);
  if (task.lossMask) task.lossMask(tokens, (ws.lossMask = new Uint8Array(tokens.length)));
  const loss = forward(cfg, params, tokens, ws);
  const counted = ws.lossMask ? ws.lossMask.filter((m, n) => m && n % cfg.n_ctx !== cfg.n_ctx - 1).length : batch * (cfg.n_ctx - 1);
  return { loss, tokens: counted };
}

/** Trains one demo from its spec (deterministic) and serialises it. */
export function trainDemo(spec: DemoSpec, onProgress?: (e: TrainProgress) => void, overrides: Partial<DemoTraining> = {}): TrainedDemo {
  const task = spec.task();
  const config: TrainModelConfig = { ...spec.config, d_vocab: task.vocab.length };
  const result = trainSync({ ...spec.training, ...overrides, task, config, onProgress });
  const n = Math.max(1, Math.floor(result.losses.length / 10));
  const trainFinal = result.losses.slice(-n).reduce((a, b) => a + b, 0) / n;
  const ev = evalLoss(config, result.params, task, spec.training.seed);
  const safetensors = (spec.write ?? toSafetensors)(config, result.params, { demo: spec.name, trained_by: "npm run train:demos (lib/engine/train)" });
  return { spec, task, config, result, safetensors, vocab: [...task.vocab], losses: { trainFinal, eval: ev.loss, evalTokens: ev.tokens } };
}
