/**
 * `circuitboard run <dt.safetensors> --trajectory FILE [--rtg-points N] --json`: a decision
 * transformer on the trajectory JSON of DT-FORMAT.md — action logits at every state token, the
 * positions' types and timesteps, attention patterns, the attention-only share and an RTG sweep
 * (docs/CLI.md lists the keys). Rule: the file is bounded (MAX_TRAJECTORY_FILE_BYTES) before it is
 * parsed, then checked by the platform's trajectory schema and the engine's own trajectory check,
 * every fault a UsageError naming the field; numbers come from the engine functions alone.
 */
import { readFile, stat } from "node:fs/promises";
import { labelledShare, shareJson, trajectoryParam, trajectoryPositions } from "../analysis/kinds/trajectory";
import type { Kernels } from "../engine/linalg/kernels";
import { decomposeLogits } from "../engine/transformer/attention-share";
import { MAX_SWEEP_POINTS, rtgSweep, runTrajectory, TrajectoryError, type Trajectory } from "../engine/transformer/dt-forward";
import type { AttnOnlyModel } from "../engine/transformer/weights";
import { CliError, UsageError, intFlag, type ParsedArgs } from "./args";

/** Largest trajectory file read: 64 MiB (MAX_TRAJECTORY_NUMBERS state numbers as JSON fit well within). */
export const MAX_TRAJECTORY_FILE_BYTES = 64 * 1024 * 1024;

async function readTrajectory(path: string): Promise<Trajectory> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CliError(`cannot read --trajectory file ${path}`);
  }
  if (size > MAX_TRAJECTORY_FILE_BYTES) throw new UsageError(`--trajectory file ${path} is ${size} bytes, more than ${MAX_TRAJECTORY_FILE_BYTES} (MAX_TRAJECTORY_FILE_BYTES)`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--trajectory file ${path} is not valid JSON (${(e as Error).message})`);
  }
  const r = trajectoryParam.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UsageError(`--trajectory file ${path}: ${issue.path.length ? `trajectory.${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  return r.data;
}

/** Rows of a row-major [rows, cols] block as subarrays (json-out streams them as nested arrays). */
const rows = (d: Float32Array, n: number, cols: number, offset = 0): Float32Array[] => Array.from({ length: n }, (_, r) => d.subarray(offset + r * cols, offset + (r + 1) * cols));

export async function runTrajectoryCommand(args: ParsedArgs, model: AttnOnlyModel, kernels: Kernels, path: string) {
  if (!model.dt) throw new UsageError("run: --trajectory needs a decision transformer (this model has embed.W_E); use --tokens");
  const points = intFlag(args, "rtg-points", 2) ?? 11;
  if (points > MAX_SWEEP_POINTS) throw new UsageError(`--rtg-points must be at most ${MAX_SWEEP_POINTS}`);
  const traj = await readTrajectory(path);
  try {
    const run = await runTrajectory(model, traj, { kernels });
    const { layout } = run;
    const n = layout.types.length;
    const H = model.config.n_heads;
    const actions = model.dt.spec.actions.labels;
    const share = shareJson(await decomposeLogits(model, run.cache, { kind: "logit" }, layout.statePositions));
    const sweep = await rtgSweep(model, traj, points, { kernels });
    return {
      positions: trajectoryPositions(layout, traj),
      actions,
      actionLogits: run.actionLogits,
      patterns: run.cache.pattern.map((p) => Array.from({ length: H }, (_, h) => rows(p.data as Float32Array, n, n, h * n * n))),
      attentionShare: labelledShare(share, layout.labels, (id) => actions[id] ?? `action ${id}`),
      rtgSweep: sweep,
    };
  } catch (e) {
    if (e instanceof TrajectoryError) throw new UsageError(`--trajectory file ${path}: ${e.message}`);
    throw e;
  }
}
