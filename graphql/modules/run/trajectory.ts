// The decision-transformer half of Query.run (SDL ./schema.graphql): the trajectory argument checked
// against the version's stored DT summary (lib/engine/transformer/stored-config.ts) before any run
// is asked for, and the ForwardRun fields only a trajectory has (actionLogits, rtgSweep) or that
// read differently for one (positions, patterns, attentionShare).
// Rule: every fault of a trajectory is a BAD_USER_INPUT naming the field (the engine's
// TrajectoryError, from the same check the forward pass runs); a token-run field asked of a
// trajectory run, or the reverse, is a BAD_USER_INPUT saying which field to ask instead.
import { z } from "zod";
import { runAttentionShareKind } from "@/lib/analysis/kinds/run-attention-share";
import { runRtgSweepKind, type RtgSweepJson } from "@/lib/analysis/kinds/run-rtg-sweep";
import { runTrajectoryKind, type RunTrajectoryJson } from "@/lib/analysis/kinds/run-trajectory";
import { MAX_SWEEP_POINTS, checkTrajectoryAgainst, TrajectoryError, type Trajectory, type TrajectoryLayout } from "@/lib/engine/transformer/dt-forward";
import { labelledShare, trajectoryPositions, type AttentionShareJson } from "@/lib/analysis/kinds/trajectory";
import { tokenOf } from "@/lib/analysis/tokens";
import type { GraphQLContext } from "../../context";
import { parseInput } from "../../payload";
import { analyze } from "../circuits/common";
import { badArg, envelope } from "../circuits/envelope";
import type { RunParent } from "./resolvers";

/** The part of a stored DT summary a run needs. */
const dtSummary = z.object({
  token_order: z.array(z.enum(["rtg", "state", "action"])).length(3),
  n_state_features: z.number().int(),
  n_actions: z.number().int(),
  action_labels: z.array(z.string()),
  padding_row: z.boolean(),
  max_timestep: z.number().int(),
});

export interface RunDT {
  actionLabels: string[];
  layout: TrajectoryLayout;
  trajectory: Trajectory;
}

/** The stored DT summary of a version's config, or null for a token model. */
export function storedDT(config: unknown): z.output<typeof dtSummary> | null {
  const raw = (config as { decision_transformer?: unknown } | null)?.decision_transformer;
  if (raw === undefined || raw === null) return null;
  const r = dtSummary.safeParse(raw);
  if (!r.success) throw new TypeError("stored model config has a malformed decision_transformer summary");
  return r.data;
}

/** Checks `trajectory` against the version (BAD_USER_INPUT naming the field); the run's DT part. */
export function checkedTrajectory(config: unknown, n_ctx: number, trajectory: Trajectory | null | undefined): RunDT | null {
  const dt = storedDT(config);
  if (!dt && trajectory != null) throw badArg("trajectory", "trajectory: this model is not a decision transformer (it has embed.W_E); give prompt or tokens");
  if (!dt) return null;
  if (trajectory == null) throw badArg("trajectory", "this model is a decision transformer: give a trajectory (DT-FORMAT.md), not prompt or tokens");
  const limits = { n_ctx, token_order: dt.token_order, n_features: dt.n_state_features, n_action_ids: dt.n_actions + (dt.padding_row ? 1 : 0), max_timestep: dt.max_timestep };
  try {
    return { actionLabels: dt.action_labels, layout: checkTrajectoryAgainst(limits, trajectory), trajectory };
  } catch (error) {
    if (error instanceof TrajectoryError) throw badArg("trajectory", error.message);
    throw error;
  }
}

/** The run's DT part, or BAD_USER_INPUT for a token run. */
function needDT(r: RunParent, field: string): RunDT {
  if (!r.dt) throw badArg(field, `${field} is a decision transformer's field: run the model on a trajectory`);
  return r.dt;
}

/** The run-trajectory analysis of a DT run. */
export function trajectoryRun(ctx: GraphQLContext, field: string, r: RunParent) {
  return analyze<RunTrajectoryJson>(ctx, field, r.versionRow, runTrajectoryKind, { trajectory: needDT(r, field).trajectory });
}

export function positions(r: RunParent) {
  if (!r.dt) return r.ids.map((id, index) => ({ index, type: "token", timestep: null, label: r.tokenizer.tokenString(id) }));
  return trajectoryPositions(r.dt.layout, r.dt.trajectory);
}

export async function actionLogits(r: RunParent, _args: unknown, ctx: GraphQLContext) {
  const dt = needDT(r, "actionLogits");
  return envelope(await trajectoryRun(ctx, "ForwardRun.actionLogits", r), (p: RunTrajectoryJson) => ({ actions: dt.actionLabels, statePositions: p.layout.statePositions, logits: p.actionLogits }));
}

function shareOf(r: RunParent, p: AttentionShareJson) {
  const targetLabel = (id: number) => (r.dt ? (r.dt.actionLabels[id] ?? `action ${id}`) : tokenOf(r.tokenizer, id).text);
  return labelledShare(p, positions(r).map((x) => x.label), targetLabel);
}

export async function attentionShare(r: RunParent, _args: unknown, ctx: GraphQLContext) {
  if (r.dt) return envelope(await trajectoryRun(ctx, "ForwardRun.attentionShare", r), (p: RunTrajectoryJson) => shareOf(r, p.share));
  return envelope(await analyze(ctx, "ForwardRun.attentionShare", r.versionRow, runAttentionShareKind, { tokens: r.ids }), (p: AttentionShareJson) => shareOf(r, p));
}

const sweepArgs = z.object({ points: z.number().int().min(2, "points must be at least 2").max(MAX_SWEEP_POINTS, `points must be at most ${MAX_SWEEP_POINTS}`) });

export async function rtgSweep(r: RunParent, args: unknown, ctx: GraphQLContext) {
  const dt = needDT(r, "rtgSweep");
  const a = parseInput(sweepArgs, args);
  const o = await analyze(ctx, "ForwardRun.rtgSweep", r.versionRow, runRtgSweepKind, { trajectory: dt.trajectory, points: a.points });
  return envelope(o, (p: RtgSweepJson) => ({ rtg: p.rtg, actions: dt.actionLabels, probs: p.probs }));
}

/** BAD_USER_INPUT when a token-run field is asked of a trajectory run. */
export function tokenRunOnly(r: RunParent, field: string): void {
  if (r.dt) throw badArg(field, `${field} reads a token run; a decision transformer's run answers actionLogits, patterns, attentionShare and rtgSweep`);
}
