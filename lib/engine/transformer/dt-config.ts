/**
 * Decision transformers in the upload format of DT-FORMAT.md: the typed embedding tensors
 * (`embed.W_E_state`, `embed.W_E_action`, `embed.W_E_rtg`, `embed.W_time`) and the
 * `decision_transformer` metadata, checked against each other.
 * Rule: a DT leaves this module as an ordinary shape map whose `embed.W_E` is its typed rows
 * stacked — state features, then actions (incl. the padding row), then the RTG direction — so the
 * config inference, weight processing and every circuit run on it unchanged; `W_time` is kept aside.
 * Every fault is a SafetensorsError naming the tensor or metadata field.
 */
import { describeValue } from "../io/format-error";
import { parseMetadataJson, SafetensorsError } from "../io/safetensors";

export const DT_TOKEN_TYPES = ["rtg", "state", "action"] as const;
export type DTTokenType = (typeof DT_TOKEN_TYPES)[number];

/** Most state features (a 64×64×4 observation) and actions a DT may have, checked before any loop. */
export const MAX_STATE_FEATURES = 16384;
export const MAX_ACTIONS = 1024;
/** Most timesteps W_time may cover. */
export const MAX_TIMESTEPS = 100000;
/** Longest label accepted for a state feature or an action. */
export const MAX_LABEL_LENGTH = 200;

/** The `decision_transformer` metadata (DT-FORMAT.md), validated. */
export interface DTSpec {
  token_order: DTTokenType[];
  readout: "state";
  state: {
    n_features: number;
    labels: string[];
    grid?: { width: number; height: number; channels: string[]; index: "channel * width * height + x * height + y" };
    encoding: "one-hot" | "integer";
  };
  actions: { labels: string[]; padding_row: boolean };
  rtg: { min: number; max: number };
  /** W_time rows − 1. */
  max_timestep: number;
}

/** Where each typed kind sits among the rows of the stacked `embed.W_E`. */
export interface DTRows {
  /** Rows [0, n_features) are the state features. */
  stateStart: number;
  /** Rows [actionStart, actionStart + n_actions (+1 padding)) are the actions. */
  actionStart: number;
  /** The RTG direction's row. */
  rtgRow: number;
  total: number;
}

export const DT_NAMES = ["embed.W_E_state", "embed.W_E_action", "embed.W_E_rtg", "embed.W_time"] as const;

export function dtRows(spec: DTSpec): DTRows {
  const F = spec.state.n_features;
  const A = spec.actions.labels.length + (spec.actions.padding_row ? 1 : 0);
  return { stateStart: 0, actionStart: F, rtgRow: F + A, total: F + A + 1 };
}

const fmt = (s: readonly number[]) => `[${s.join(", ")}]`;
const fail = (field: string, why: string): never => {
  throw new SafetensorsError(`__metadata__.decision_transformer.${field} ${why}`);
};

function labels(v: unknown, field: string, n: number): string[] {
  if (!Array.isArray(v)) return fail(field, "must be an array of strings");
  if (v.length !== n) fail(field, `has ${v.length} labels but must have ${n}`);
  for (const [i, s] of v.entries()) if (typeof s !== "string" || s.length > MAX_LABEL_LENGTH) fail(`${field}[${i}]`, `must be a string of at most ${MAX_LABEL_LENGTH} characters (MAX_LABEL_LENGTH)`);
  return v as string[];
}

const posInt = (v: unknown, field: string, max: number): number =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max ? (v as number) : fail(field, `must be an integer from 1 to ${max}, got ${describeValue(v, 40)}`);

/** Parses the metadata JSON and checks it against the typed tensors' shapes. */
function parseSpec(raw: string | undefined, shapes: ReadonlyMap<string, readonly number[]>): DTSpec {
  if (raw === undefined) throw new SafetensorsError("the file has embed.W_E_state (a decision transformer) but no __metadata__.decision_transformer", "embed.W_E_state");
  const m = parseMetadataJson(raw, "decision_transformer") as Record<string, unknown>;
  if (typeof m !== "object" || m === null || Array.isArray(m)) throw new SafetensorsError("__metadata__.decision_transformer must be a JSON object");
  const order = m.token_order ?? ["rtg", "state", "action"];
  if (!Array.isArray(order) || order.length !== 3 || DT_TOKEN_TYPES.some((t) => !order.includes(t)) || order.indexOf("state") > order.indexOf("action")) {
    fail("token_order", `must order "rtg", "state" and "action" with the state before its action, got ${describeValue(order)}`);
  }
  if ((m.readout ?? "state") !== "state") fail("readout", `must be "state" (the action head reads state tokens), got ${describeValue(m.readout, 40)}`);
  const st = (m.state ?? {}) as Record<string, unknown>;
  const stateShape = shapes.get("embed.W_E_state")!;
  const F = posInt(st.n_features ?? stateShape[0], "state.n_features", MAX_STATE_FEATURES);
  if (F !== stateShape[0]) throw new SafetensorsError(`embed.W_E_state has shape ${fmt(stateShape)} but state.n_features is ${F}`, "embed.W_E_state");
  const encoding = st.encoding ?? "one-hot";
  if (encoding !== "one-hot" && encoding !== "integer") fail("state.encoding", `must be "one-hot" or "integer", got ${describeValue(encoding, 40)}`);
  const stateLabels = st.labels === undefined ? Array.from({ length: F }, (_, i) => `feature ${i}`) : labels(st.labels, "state.labels", F);
  let grid: DTSpec["state"]["grid"];
  if (st.grid !== undefined) {
    if (typeof st.grid !== "object" || st.grid === null || Array.isArray(st.grid)) fail("state.grid", `must be an object with width, height and channels, got ${describeValue(st.grid)}`);
    const g = st.grid as Record<string, unknown>;
    const width = posInt(g.width, "state.grid.width", MAX_STATE_FEATURES), height = posInt(g.height, "state.grid.height", MAX_STATE_FEATURES);
    if (!Array.isArray(g.channels)) fail("state.grid.channels", "must be an array of strings");
    // width × height × channels = n_features with width, height ≥ 1: more channels than features never fit (checked before the labels are walked).
    const nChannels = (g.channels as unknown[]).length;
    if (nChannels < 1 || nChannels > F) fail("state.grid.channels", `has ${nChannels} channels but must have 1 to n_features (${F})`);
    const channels = labels(g.channels, "state.grid.channels", nChannels);
    if (width * height * channels.length !== F) fail("state.grid", `covers ${width}×${height}×${channels.length} = ${width * height * channels.length} features but n_features is ${F}`);
    const index = g.index ?? "channel * width * height + x * height + y";
    if (index !== "channel * width * height + x * height + y") fail("state.grid.index", `must be "channel * width * height + x * height + y"`);
    grid = { width, height, channels, index: "channel * width * height + x * height + y" };
  }
  const ac = (m.actions ?? {}) as Record<string, unknown>;
  const actionShape = shapes.get("embed.W_E_action")!;
  const padding = ac.padding_row ?? false;
  if (typeof padding !== "boolean") fail("actions.padding_row", "must be true or false");
  const nActions = actionShape[0] - (padding ? 1 : 0);
  if (nActions < 1 || nActions > MAX_ACTIONS) throw new SafetensorsError(`embed.W_E_action has ${actionShape[0]} rows: it must hold 1 to ${MAX_ACTIONS} actions${padding ? " plus the padding row" : ""} (MAX_ACTIONS)`, "embed.W_E_action");
  const actionLabels = ac.labels === undefined ? Array.from({ length: nActions }, (_, i) => `action ${i}`) : labels(ac.labels, "actions.labels", nActions);
  const r = (m.rtg ?? {}) as Record<string, unknown>;
  const rtg = { min: r.min ?? 0, max: r.max ?? 1 };
  if (typeof rtg.min !== "number" || typeof rtg.max !== "number" || !Number.isFinite(rtg.min) || !Number.isFinite(rtg.max) || !(rtg.min < rtg.max)) fail("rtg", "must have finite numbers min < max");
  return {
    token_order: order as DTTokenType[], readout: "state",
    state: { n_features: F, labels: stateLabels, ...(grid ? { grid } : {}), encoding: encoding as "one-hot" | "integer" },
    actions: { labels: actionLabels, padding_row: padding as boolean },
    rtg: rtg as { min: number; max: number },
    max_timestep: shapes.get("embed.W_time")![0] - 1,
  };
}

/**
 * For a file with `embed.W_E_state`: checks the typed tensors (shapes, metadata) and returns the
 * shape map the rest of config inference sees (typed rows as `embed.W_E`, W_time removed) and the spec.
 * Returns null for an ordinary token model.
 */
export function dtShapes(shapes: ReadonlyMap<string, readonly number[]>, metadata: Readonly<Record<string, string>>): { shapes: Map<string, readonly number[]>; spec: DTSpec } | null {
  const typed = DT_NAMES.filter((n) => shapes.has(n));
  if (typed.length === 0) return null;
  if (shapes.has("embed.W_E")) throw new SafetensorsError(`the file has both embed.W_E and ${typed[0]}: a decision transformer has no embed.W_E (DT-FORMAT.md)`, typed[0]);
  for (const n of DT_NAMES) if (!shapes.has(n)) throw new SafetensorsError(`missing ${n}`, n);
  const state = shapes.get("embed.W_E_state")!;
  if (state.length !== 2) throw new SafetensorsError(`embed.W_E_state has shape ${fmt(state)} but must have rank 2`, "embed.W_E_state");
  const D = state[1];
  for (const n of DT_NAMES) {
    const s = shapes.get(n)!;
    if (s.length !== 2 || s[1] !== D) throw new SafetensorsError(`${n} has shape ${fmt(s)} but d_model is ${D} from embed.W_E_state`, n);
  }
  if (shapes.get("embed.W_E_rtg")![0] !== 1) throw new SafetensorsError(`embed.W_E_rtg has shape ${fmt(shapes.get("embed.W_E_rtg")!)} but must be [1, ${D}]`, "embed.W_E_rtg");
  const W_time = shapes.get("embed.W_time")!;
  if (W_time[0] < 1 || W_time[0] > MAX_TIMESTEPS + 1) throw new SafetensorsError(`embed.W_time has ${W_time[0]} rows; a DT covers 1 to ${MAX_TIMESTEPS + 1} timesteps (MAX_TIMESTEPS)`, "embed.W_time");
  const spec = parseSpec(metadata.decision_transformer, shapes);
  const out = new Map(shapes);
  for (const n of DT_NAMES) out.delete(n);
  out.set("embed.W_E", [dtRows(spec).total, D]);
  return { shapes: out, spec };
}
