// The built-in gridworld (lib/engine/env/gridworld.ts) against docs/GRIDWORLD.md: the map's walls,
// goal and decoy; moves and bumps; shortest paths by an independent search; the scripted policies'
// outcomes over seeded episodes; and the trajectory task's tokens and loss mask.
import { describe, expect, it } from "vitest";
import { DECOY, FREE_CELLS, GOAL, goalDistance, HORIZON, isWall, playEpisode, POLICIES, policyAction, sameCell, sampleEpisode, step, type Cell } from "@/lib/engine/env/gridworld";
import { mulberry32 } from "@/lib/engine/train/prng";
import { episodeTokens, gridworldDTTask, GRIDWORLD_SEQ_LEN, GRIDWORLD_VOCAB } from "@/lib/engine/train/tasks/gridworld-dt";

/** Shortest path lengths to the goal by repeated relaxation (Bellman–Ford), not BFS. */
function relaxedDistances(): Map<string, number> {
  const d = new Map<string, number>([[`${GOAL}`, 0]]);
  for (let round = 0; round < 25; round++) {
    for (const c of FREE_CELLS) {
      for (const [dx, dy] of [[0, 1], [0, -1], [1, 0], [-1, 0]]) {
        const n: Cell = [c[0] + dx, c[1] + dy];
        if (isWall(n[0], n[1]) || !d.has(`${n}`)) continue;
        d.set(`${c}`, Math.min(d.get(`${c}`) ?? Infinity, d.get(`${n}`)! + 1));
      }
    }
  }
  return d;
}

describe("the gridworld", () => {
  it("has the documented walls, goal and decoy, and 19 free cells", () => {
    const walls = [[1, 1], [2, 1], [2, 2], [0, 3], [4, 3], [2, 4]];
    for (const [x, y] of walls) expect(isWall(x, y), `(${x},${y})`).toBe(true);
    expect(FREE_CELLS.length).toBe(25 - walls.length);
    expect(GOAL).toEqual([4, 4]);
    expect(DECOY).toEqual([0, 4]);
    expect(isWall(-1, 0) && isWall(5, 2)).toBe(true);
  });

  it("moves one cell per action and bumps into walls and edges", () => {
    expect(step([0, 0], 3)).toEqual([1, 0]);
    expect(step([0, 0], 0)).toEqual([0, 0]);
    expect(step([1, 0], 1)).toEqual([1, 0]);
    expect(step([3, 4], 3)).toEqual([4, 4]);
  });

  it("measures the shortest path to the goal as an independent relaxation does; every start is within 8 < HORIZON moves", () => {
    const d = relaxedDistances();
    for (const c of FREE_CELLS) expect(goalDistance(c), `${c}`).toBe(d.get(`${c}`));
    expect(Math.max(...FREE_CELLS.map(goalDistance))).toBe(8);
    expect(HORIZON).toBeGreaterThan(8);
  });

  it("the noiseless expert reaches the goal from every start in its shortest-path length, the decoy seeker from none", () => {
    const rng = mulberry32(1);
    for (const start of FREE_CELLS.filter((c) => !sameCell(c, GOAL))) {
      const expert = playEpisode(start, (v) => policyAction({ ...POLICIES[0], epsilon: 0 }, v.s, rng));
      expect(expert.reachedAt, `${start}`).toBe(goalDistance(start));
      const decoy = playEpisode(start, (v) => policyAction({ ...POLICIES[2], epsilon: 0 }, v.s, rng));
      expect(decoy.return, `${start}`).toBe(0);
    }
  });

  it("seeded mixture episodes succeed at different rates per policy (so return-to-go tells them apart)", () => {
    const rng = mulberry32(7);
    const by = new Map<string, number[]>();
    for (let i = 0; i < 2000; i++) {
      const e = sampleEpisode(rng);
      by.set(e.policy, [...(by.get(e.policy) ?? []), e.return]);
    }
    const rate = (p: string) => by.get(p)!.reduce((a, b) => a + b, 0) / by.get(p)!.length;
    expect(rate("expert")).toBeGreaterThan(0.9);
    expect(rate("decoy seeker")).toBeLessThan(0.15);
    expect(rate("noisy expert")).toBeGreaterThan(rate("decoy seeker"));
    expect(rate("noisy expert")).toBeLessThan(rate("expert"));
  });

  it("encodes an episode as R s a tokens padded past the goal, and counts only states before the goal", () => {
    const e = playEpisode([3, 3], (v) => (v.t === 0 ? 1 : 3));
    expect(e.reachedAt).toBe(2);
    const tokens = new Int32Array(GRIDWORLD_SEQ_LEN);
    episodeTokens(e, tokens);
    expect(Array.from(tokens.slice(0, 7), (t) => GRIDWORLD_VOCAB[t])).toEqual(["R1", "agent@(3,3)", "down", "R1", "agent@(3,4)", "right", "R0"]);
    const mask = new Uint8Array(GRIDWORLD_SEQ_LEN);
    gridworldDTTask().lossMask!(tokens, mask);
    expect([...mask.keys()].filter((n) => mask[n])).toEqual([1, 4]);
  });
});
