/**
 * The built-in gridworld of the decision-transformer demo (models/gridworld-dt-1l, its card and
 * docs/GRIDWORLD.md): a fixed 5×5 map with walls, a goal and a decoy corner, four moves, and
 * scripted policies of varied quality whose episodes make return-to-go matter (Chen et al. 2021 §5:
 * a DT conditioned on a high return imitates the trajectories that reached it).
 * Rule: pure and seeded — every episode is drawn from the Rng it is given, so a seed fixes the data.
 * Coordinates are (x, y) with x to the right and y down; a state is the agent's cell.
 */
import type { Rng } from "../train/prng";

export const GRID_WIDTH = 5;
export const GRID_HEIGHT = 5;
/** Steps per episode (the DT's context holds them all: n_ctx = 3·HORIZON). */
export const HORIZON = 10;

export type Cell = readonly [x: number, y: number];

/** The map, drawn with y down: '#' wall, 'G' goal, 'D' decoy, '.' free. */
export const GRID_MAP = [
  ". . . . .",
  ". # # . .",
  ". . # . .",
  "# . . . #",
  "D . # . G",
] as const;

export const ACTIONS = ["up", "down", "left", "right"] as const;
export type Action = 0 | 1 | 2 | 3;
const MOVES: readonly Cell[] = [[0, -1], [0, 1], [-1, 0], [1, 0]];

const cellAt = (x: number, y: number) => GRID_MAP[y].split(" ")[x];
const find = (c: string): Cell => {
  for (let y = 0; y < GRID_HEIGHT; y++) for (let x = 0; x < GRID_WIDTH; x++) if (cellAt(x, y) === c) return [x, y];
  throw new Error(`gridworld: no ${c} on the map`);
};

export const GOAL: Cell = find("G");
export const DECOY: Cell = find("D");

export function isWall(x: number, y: number): boolean {
  return x < 0 || y < 0 || x >= GRID_WIDTH || y >= GRID_HEIGHT || cellAt(x, y) === "#";
}

export const sameCell = (a: Cell, b: Cell) => a[0] === b[0] && a[1] === b[1];

/** Every cell the agent may stand on, x-major. */
export const FREE_CELLS: readonly Cell[] = Array.from({ length: GRID_WIDTH * GRID_HEIGHT }, (_, i) => [Math.floor(i / GRID_HEIGHT), i % GRID_HEIGHT] as Cell).filter(([x, y]) => !isWall(x, y));

/** The cell after an action: a move into a wall or off the map leaves the agent where it is. */
export function step(s: Cell, a: Action): Cell {
  const [dx, dy] = MOVES[a];
  return isWall(s[0] + dx, s[1] + dy) ? s : [s[0] + dx, s[1] + dy];
}

/** Breadth-first distances to `target` over free cells (Infinity where unreachable), [x * height + y]. */
function distancesTo(target: Cell): Float64Array {
  const d = new Float64Array(GRID_WIDTH * GRID_HEIGHT).fill(Infinity);
  d[target[0] * GRID_HEIGHT + target[1]] = 0;
  const queue: Cell[] = [target];
  while (queue.length) {
    const c = queue.shift()!;
    for (const [dx, dy] of MOVES) {
      const [x, y] = [c[0] + dx, c[1] + dy];
      if (isWall(x, y) || d[x * GRID_HEIGHT + y] !== Infinity) continue;
      d[x * GRID_HEIGHT + y] = d[c[0] * GRID_HEIGHT + c[1]] + 1;
      queue.push([x, y]);
    }
  }
  return d;
}

const TO_GOAL = distancesTo(GOAL);
const TO_DECOY = distancesTo(DECOY);

/** Shortest-path distance from a cell to the goal. */
export const goalDistance = (s: Cell) => TO_GOAL[s[0] * GRID_HEIGHT + s[1]];

/** The first action (in ACTIONS order) that brings the agent closer on `dist`; at the target, "left" (a bump at the decoy). */
function greedyOn(dist: Float64Array, s: Cell): Action {
  const here = dist[s[0] * GRID_HEIGHT + s[1]];
  for (let a = 0 as Action; a < 4; a++) {
    const n = step(s, a);
    if (dist[n[0] * GRID_HEIGHT + n[1]] < here) return a;
  }
  return 2;
}

/** A scripted policy: the target it walks to (or none: uniform random) and how often it acts at random. */
export interface ScriptedPolicy {
  readonly name: string;
  readonly target: "goal" | "decoy" | "none";
  readonly epsilon: number;
  /** Share of the demo's episodes drawn from this policy. */
  readonly weight: number;
}

/** The behaviour mixture of the demo's data: good, noisy, misled and random. */
export const POLICIES: readonly ScriptedPolicy[] = [
  { name: "expert", target: "goal", epsilon: 0.1, weight: 0.4 },
  { name: "noisy expert", target: "goal", epsilon: 0.5, weight: 0.2 },
  { name: "decoy seeker", target: "decoy", epsilon: 0.1, weight: 0.3 },
  { name: "random", target: "none", epsilon: 1, weight: 0.1 },
];

export function policyAction(p: ScriptedPolicy, s: Cell, rng: Rng): Action {
  if (p.target === "none" || rng.next() < p.epsilon) return rng.int(4) as Action;
  return greedyOn(p.target === "goal" ? TO_GOAL : TO_DECOY, s);
}

/** One episode: the state before each step, the action taken, and the step the goal was reached (−1: never). */
export interface Episode {
  readonly policy: string;
  readonly states: Cell[];
  readonly actions: Action[];
  readonly reachedAt: number;
  /** The episode's return: 1 when it reached the goal within HORIZON steps, else 0. */
  readonly return: number;
}

/** A start cell: any free cell but the goal, uniformly. */
export function randomStart(rng: Rng): Cell {
  const starts = FREE_CELLS.filter((c) => !sameCell(c, GOAL));
  return starts[rng.int(starts.length)];
}

/** What a policy sees before each step: the cell, the step index and the episode so far. */
export interface EpisodeView {
  readonly s: Cell;
  readonly t: number;
  readonly history: { readonly states: Cell[]; readonly actions: Action[] };
}

/** An episode from `start` until the goal or HORIZON steps, as a generator the caller sends actions to. */
function* episodeSteps(start: Cell, policy: string): Generator<EpisodeView, Episode, Action> {
  const states: Cell[] = [], actions: Action[] = [];
  let s = start;
  for (let t = 0; t < HORIZON; t++) {
    states.push(s);
    const a = yield { s, t, history: { states, actions } };
    actions.push(a);
    s = step(s, a);
    if (sameCell(s, GOAL)) return { policy, states, actions, reachedAt: t + 1, return: 1 };
  }
  return { policy, states, actions, reachedAt: -1, return: 0 };
}

/** Plays `choose` from `start` until the goal or HORIZON steps. */
export function playEpisode(start: Cell, choose: (v: EpisodeView) => Action, policy = "caller"): Episode {
  const g = episodeSteps(start, policy);
  for (let r = g.next(0); ; ) {
    if (r.done) return r.value;
    r = g.next(choose(r.value));
  }
}

/** The same with a policy that answers asynchronously (a model run). */
export async function playEpisodeAsync(start: Cell, choose: (v: EpisodeView) => Promise<Action>, policy = "caller"): Promise<Episode> {
  const g = episodeSteps(start, policy);
  for (let r = g.next(0); ; ) {
    if (r.done) return r.value;
    r = g.next(await choose(r.value));
  }
}

/** A seeded episode of the behaviour mixture. */
export function sampleEpisode(rng: Rng): Episode {
  let u = rng.next(), p = POLICIES[POLICIES.length - 1];
  for (const q of POLICIES) {
    if (u < q.weight) {
      p = q;
      break;
    }
    u -= q.weight;
  }
  const policy = p;
  return playEpisode(randomStart(rng), (v) => policyAction(policy, v.s, rng), policy.name);
}

/** Return-to-go before each step: the episode's return until the goal is reached (reward 1 on arrival). */
export function returnsToGo(e: Episode): number[] {
  return e.states.map(() => e.return);
}

/** The state-feature vector of a cell: one-hot "agent@(x,y)" at x * height + y (DT-FORMAT.md grid index). */
export function stateFeatures(s: Cell): number[] {
  const f = new Array<number>(GRID_WIDTH * GRID_HEIGHT).fill(0);
  f[s[0] * GRID_HEIGHT + s[1]] = 1;
  return f;
}

export const STATE_LABELS: readonly string[] = Array.from({ length: GRID_WIDTH * GRID_HEIGHT }, (_, i) => `agent@(${Math.floor(i / GRID_HEIGHT)},${i % GRID_HEIGHT})`);
