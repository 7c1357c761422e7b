// What the prompt explorer runs on a decision transformer: a trajectory in the JSON of DT-FORMAT.md
// ("A trajectory"), pasted or in the page's URL (?trajectory=<JSON>), so every run has its own link.
// Rule: the text is bounded (MAX_TRAJECTORY_CHARS) before it is parsed, and only its shape is
// checked here (four arrays); the server checks every number against the model (dt-forward.ts).

/** Longest trajectory JSON the page accepts (a 64 × 147-feature, 100-step trajectory fits). */
export const MAX_TRAJECTORY_CHARS = 200_000;

export interface TrajectoryJson {
  timesteps: number[];
  rtg: number[];
  states: number[][];
  actions: number[];
}

/** Parses pasted trajectory JSON; a message naming what is wrong otherwise. */
export function parseTrajectory(text: string): { ok: true; trajectory: TrajectoryJson } | { ok: false; message: string } {
  if (text.length > MAX_TRAJECTORY_CHARS) return { ok: false, message: `A trajectory is at most ${MAX_TRAJECTORY_CHARS} characters of JSON (got ${text.length}).` };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, message: "The trajectory is not valid JSON." };
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return { ok: false, message: "The trajectory must be a JSON object { timesteps, rtg, states, actions }." };
  const o = v as Record<string, unknown>;
  for (const field of ["timesteps", "rtg", "states", "actions"]) {
    if (!Array.isArray(o[field])) return { ok: false, message: `trajectory.${field} must be an array.` };
  }
  if ((o.states as unknown[]).some((s) => !Array.isArray(s))) return { ok: false, message: "trajectory.states must be an array of feature arrays." };
  return { ok: true, trajectory: { timesteps: o.timesteps as number[], rtg: o.rtg as number[], states: o.states as number[][], actions: o.actions as number[] } };
}

/** The trajectory a URL's search parameters ask for, or null. */
export function trajectoryFromParams(params: URLSearchParams): TrajectoryJson | null {
  const text = params.get("trajectory");
  if (text === null) return null;
  const parsed = parseTrajectory(text);
  return parsed.ok ? parsed.trajectory : null;
}

/** The search string of a trajectory run. */
export function trajectorySearch(t: TrajectoryJson): string {
  return `?${new URLSearchParams({ trajectory: JSON.stringify(t) }).toString()}`;
}
