// The shipped gridworld decision transformer (models/gridworld-dt-1l, docs/GRIDWORLD.md), checked
// by behaviour, not by the numbers on its card:
// (a) RTG conditioning: greedy rollouts in the simulator from every start cell reach the goal far
//     more often at RTG 1 than at RTG 0;
// (b) the typed skip-trigrams the platform lists name rules the model uses: on data trajectories
//     where a listed rule applies (its destination cell is the current state and its source is in
//     the context), zeroing the named source's typed input (its W_E_rtg / W_E_action / earlier
//     W_E_state term; positions and timesteps kept) changes the greedy action more often than zeroing
//     every input of a control type (summed over the top listed rules: a rule whose action every
//     policy takes there, e.g. "down" at (0,1) on the way to both goal and decoy, flips nothing), and
//     per rule lowers its action's logit margin more than the control does. Both run on this file's own float64 forward pass of a 1-layer
//     attention-only DT (DT-FORMAT.md "Forward pass"), not the engine's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "@/lib/engine/linalg/kernels-ts";
import { typedSkipTrigrams, type TypedSkipTrigram } from "@/lib/engine/circuits/typed";
import { FREE_CELLS, GOAL, HORIZON, sameCell, sampleEpisode, step, type Action, type Cell } from "@/lib/engine/env/gridworld";
import { readSafetensors } from "@/lib/engine/io/safetensors";
import { mulberry32 } from "@/lib/engine/train/prng";
import { loadModel } from "@/lib/engine/transformer/weights";

const bytes = new Uint8Array(readFileSync(join(__dirname, "../../../models/gridworld-dt-1l/model.safetensors")));
const { header, tensors } = readSafetensors(bytes, { copy: true });
const T = (name: string) => Array.from(tensors.get(name)!.data, Number);
const spec = JSON.parse(header.metadata.decision_transformer);
const cfg = JSON.parse(header.metadata.config) as { n_heads: number; d_model: number; d_head: number };
const { n_heads: H, d_model: D, d_head: E } = cfg;
const A = spec.actions.labels.length as number;
const W = { state: T("embed.W_E_state"), action: T("embed.W_E_action"), rtg: T("embed.W_E_rtg"), time: T("embed.W_time"), pos: T("pos_embed.W_pos"), Q: T("blocks.0.attn.W_Q"), K: T("blocks.0.attn.W_K"), V: T("blocks.0.attn.W_V"), O: T("blocks.0.attn.W_O"), U: T("unembed.W_U") };

type TokenType = "rtg" | "state" | "action";
interface Traj { states: Cell[]; actions: Action[]; rtg: number }

/**
 * Which typed inputs to zero: every token of a type, or only those with one index (an RTG of that
 * value's row, an action id, a state feature — the current state's own token excepted).
 */
interface Ablation { type: TokenType; index?: number }

/** Tokens R s a … R s of a trajectory: type and embedding (DT-FORMAT.md), float64. */
function embed(tr: Traj, ablate?: Ablation): { types: TokenType[]; x: number[][] } {
  const types: TokenType[] = [], x: number[][] = [];
  const last = tr.states.length - 1;
  tr.states.forEach((s, t) => {
    const add = (type: TokenType, index: number, row: (j: number) => number) => {
      const i = types.length;
      const zero = ablate?.type === type && (ablate.index === undefined || ablate.index === index) && !(type === "state" && t === last && ablate.index !== undefined);
      types.push(type);
      x.push(Array.from({ length: D }, (_, j) => (zero ? 0 : row(j)) + W.time[t * D + j] + W.pos[i * D + j]));
    };
    add("rtg", tr.rtg === spec.rtg.max ? 0 : 1, (j) => tr.rtg * W.rtg[j]);
    add("state", s[0] * 5 + s[1], (j) => W.state[(s[0] * 5 + s[1]) * D + j]);
    if (t < last) add("action", tr.actions[t], (j) => W.action[tr.actions[t] * D + j]);
  });
  return { types, x };
}

/** Action logits at the last state, with `ablate`'s inputs zeroed. */
function lastLogits(tr: Traj, ablate?: Ablation): number[] {
  const { x } = embed(tr, ablate);
  const q = x.length - 1;
  const resid = x[q].slice();
  for (let h = 0; h < H; h++) {
    const proj = (Wm: number[], v: number[]) => Array.from({ length: E }, (_, e) => v.reduce((s, vj, j) => s + vj * Wm[(h * D + j) * E + e], 0));
    const qv = proj(W.Q, x[q]);
    const scores = x.map((xk) => proj(W.K, xk).reduce((s, k, e) => s + k * qv[e], 0) / Math.sqrt(E));
    const m = Math.max(...scores);
    const w = scores.map((s) => Math.exp(s - m));
    const sum = w.reduce((a, b) => a + b, 0);
    const z = new Array<number>(E).fill(0);
    x.forEach((xk, k) => {
      const v = proj(W.V, xk);
      for (let e = 0; e < E; e++) z[e] += (w[k] / sum) * v[e];
    });
    for (let d = 0; d < D; d++) for (let e = 0; e < E; e++) resid[d] += z[e] * W.O[(h * E + e) * D + d];
  }
  return Array.from({ length: A }, (_, a) => resid.reduce((s, r, d) => s + r * W.U[d * A + a], 0));
}

const argmax = (row: number[]) => row.reduce((b, v, i) => (v > row[b] ? i : b), 0);

function greedyReachesGoal(start: Cell, rtg: number): boolean {
  const tr: Traj = { states: [start], actions: [], rtg };
  for (let t = 0; t < HORIZON; t++) {
    const a = argmax(lastLogits(tr)) as Action;
    const next = step(tr.states[t], a);
    if (sameCell(next, GOAL)) return true;
    tr.actions.push(a);
    tr.states.push(next);
  }
  return false;
}

/** Every prefix, ending at a state before the goal, of 300 seeded episodes of the data mixture. */
function dataPrefixes(): Traj[] {
  const rng = mulberry32(20261204);
  const out: Traj[] = [];
  for (let i = 0; i < 300; i++) {
    const e = sampleEpisode(rng);
    for (let t = 1; t <= e.states.length; t++) out.push({ states: e.states.slice(0, t), actions: e.actions.slice(0, t - 1), rtg: e.return });
  }
  return out;
}

/** Whether a listed rule applies to a trajectory: its destination is the current cell and its source is in the context. */
function applies(r: TypedSkipTrigram, tr: Traj): boolean {
  const cur = tr.states[tr.states.length - 1];
  if (cur[0] * 5 + cur[1] !== r.destination.index) return false;
  if (r.source.type === "rtg") return tr.rtg === (r.source.index === 0 ? spec.rtg.max : spec.rtg.min);
  if (r.source.type === "state") return tr.states.some((s) => s[0] * 5 + s[1] === r.source.index);
  if (r.source.type === "action") return tr.actions.includes(r.source.index as Action);
  return false;
}

describe("models/gridworld-dt-1l", () => {
  it("(a) reaches the goal from far more start cells when conditioned on RTG 1 than on RTG 0 (greedy rollouts in the simulator)", () => {
    const starts = FREE_CELLS.filter((c) => !sameCell(c, GOAL));
    expect(starts.length).toBe(18);
    const rate = (rtg: number) => starts.filter((s) => greedyReachesGoal(s, rtg)).length / starts.length;
    const high = rate(spec.rtg.max), low = rate(spec.rtg.min);
    console.log(`gridworld-dt-1l greedy goal rate: RTG 1 → ${high.toFixed(3)}, RTG 0 → ${low.toFixed(3)} over ${starts.length} starts`);
    expect(high).toBeGreaterThanOrEqual(0.9);
    expect(high - low).toBeGreaterThanOrEqual(0.6);
  });

  it("(b) zeroing the source a listed typed skip-trigram names changes the greedy action more often than zeroing a control type", async () => {
    const model = loadModel(tensors, { metadata: header.metadata });
    const { trigrams } = await typedSkipTrigrams(model, 20);
    const typed = trigrams.filter((r) => r.source.type === "rtg" || r.source.type === "state" || r.source.type === "action").slice(0, 5);
    expect(typed.length).toBeGreaterThan(0);
    const prefixes = dataPrefixes();
    /** The rule's action's logit minus the mean of the others. */
    const margin = (row: number[], a: number) => row[a] - (row.reduce((x, y) => x + y, 0) - row[a]) / (row.length - 1);
    let cases = 0, namedFlips = 0, controlFlips = 0;
    for (const r of typed) {
      const named = r.source.type as TokenType;
      const control: TokenType = named === "action" ? "rtg" : "action";
      const applying = prefixes.filter((tr) => applies(r, tr));
      expect(applying.length, `${r.head} ${r.source.label} … ${r.destination.label}`).toBeGreaterThanOrEqual(5);
      let flips = 0, cflips = 0, drop = 0, cdrop = 0;
      for (const tr of applying) {
        const base = lastLogits(tr), ablated = lastLogits(tr, { type: named, index: r.source.index }), controlled = lastLogits(tr, { type: control });
        if (argmax(ablated) !== argmax(base)) flips++;
        if (argmax(controlled) !== argmax(base)) cflips++;
        drop += (margin(base, r.action.index) - margin(ablated, r.action.index)) / applying.length;
        cdrop += (margin(base, r.action.index) - margin(controlled, r.action.index)) / applying.length;
      }
      console.log(`${r.head} [${r.source.label}] … [${r.destination.label}] → ${r.action.label}: ${applying.length} cases; zeroing the source flips ${flips}, lowers the margin by ${drop.toFixed(2)}; zeroing every ${control}: ${cflips} flips, ${cdrop.toFixed(2)}`);
      expect(drop, `${r.head} [${r.source.label}] … [${r.destination.label}] margin drop`).toBeGreaterThan(Math.max(0, cdrop));
      cases += applying.length;
      namedFlips += flips;
      controlFlips += cflips;
    }
    expect(namedFlips / cases).toBeGreaterThanOrEqual(0.5);
    expect(controlFlips / cases).toBeLessThanOrEqual(0.1);
  });
});
