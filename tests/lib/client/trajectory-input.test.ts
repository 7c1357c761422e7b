// The prompt explorer's trajectory input (lib/client/trajectory-input.ts): bounded before parsing
// (MAX_TRAJECTORY_CHARS + 1 is refused without a parse), shape faults named by field, and a URL
// round trip.
import { describe, expect, it } from "vitest";
import { MAX_TRAJECTORY_CHARS, parseTrajectory, trajectoryFromParams, trajectorySearch } from "@/lib/client/trajectory-input";

const t = { timesteps: [0, 1], rtg: [1, 1], states: [[1, 0], [0, 1]], actions: [3] };

describe("parseTrajectory", () => {
  it("accepts the DT-FORMAT.md shape and round-trips through the URL", () => {
    expect(parseTrajectory(JSON.stringify(t))).toEqual({ ok: true, trajectory: t });
    expect(trajectoryFromParams(new URLSearchParams(trajectorySearch(t).slice(1)))).toEqual(t);
  });

  it("refuses text one character past the bound, and names what is wrong otherwise", () => {
    const long = JSON.stringify(t).padEnd(MAX_TRAJECTORY_CHARS + 1, " ");
    expect(parseTrajectory(long)).toEqual({ ok: false, message: expect.stringMatching(`at most ${MAX_TRAJECTORY_CHARS} characters`) });
    expect(parseTrajectory(JSON.stringify(t).padEnd(MAX_TRAJECTORY_CHARS, " ")).ok).toBe(true);
    expect(parseTrajectory("{")).toMatchObject({ ok: false, message: "The trajectory is not valid JSON." });
    expect(parseTrajectory("[1]")).toMatchObject({ ok: false });
    expect(parseTrajectory(JSON.stringify({ ...t, rtg: 1 }))).toMatchObject({ ok: false, message: "trajectory.rtg must be an array." });
    expect(parseTrajectory(JSON.stringify({ ...t, states: [1, 2] }))).toMatchObject({ ok: false, message: "trajectory.states must be an array of feature arrays." });
    expect(trajectoryFromParams(new URLSearchParams("trajectory=%7B"))).toBeNull();
  });
});
