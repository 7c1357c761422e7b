// The decision-transformer bounds of dt-config (issue 7): MAX_ACTIONS actions and labels of
// MAX_LABEL_LENGTH characters are accepted, one more is refused naming the tensor or field and the
// bound; checked on shape maps, so nothing of the size is allocated.
import { describe, expect, it } from "vitest";
import { dtShapes, MAX_ACTIONS, MAX_LABEL_LENGTH } from "@/lib/engine/transformer/dt-config";
import { faultOf as fault } from "./files";

const D = 8;

/** A DT's typed shapes with `actionRows` rows of W_E_action, and its metadata spec. */
function dt(actionRows: number, spec: Record<string, unknown>) {
  const shapes = new Map<string, readonly number[]>([
    ["embed.W_E_state", [4, D]], ["embed.W_E_action", [actionRows, D]], ["embed.W_E_rtg", [1, D]], ["embed.W_time", [10, D]],
  ]);
  return () => dtShapes(shapes, { decision_transformer: JSON.stringify({ state: { n_features: 4 }, ...spec }) });
}

describe("decision-transformer bounds", () => {
  it(`accepts MAX_ACTIONS (${MAX_ACTIONS}) actions, with or without the padding row, and refuses one more naming embed.W_E_action`, () => {
    expect(dt(MAX_ACTIONS, {})()!.spec.actions.labels).toHaveLength(MAX_ACTIONS);
    expect(dt(MAX_ACTIONS + 1, { actions: { padding_row: true } })()!.spec.actions.labels).toHaveLength(MAX_ACTIONS);
    const over = fault(dt(MAX_ACTIONS + 1, {}));
    expect(over.message).toBe(`embed.W_E_action has ${MAX_ACTIONS + 1} rows: it must hold 1 to ${MAX_ACTIONS} actions (MAX_ACTIONS)`);
    expect(over.tensor).toBe("embed.W_E_action");
    expect(fault(dt(MAX_ACTIONS + 2, { actions: { padding_row: true } })).message).toBe(
      `embed.W_E_action has ${MAX_ACTIONS + 2} rows: it must hold 1 to ${MAX_ACTIONS} actions plus the padding row (MAX_ACTIONS)`,
    );
  });

  it(`accepts action, state and channel labels of MAX_LABEL_LENGTH (${MAX_LABEL_LENGTH}) characters and refuses one more, naming the label`, () => {
    const at = "a".repeat(MAX_LABEL_LENGTH), over = "a".repeat(MAX_LABEL_LENGTH + 1);
    const grid = (channels: string[]) => ({ state: { n_features: 4, grid: { width: 2, height: 1, channels } } });
    const ok = dt(2, { actions: { labels: ["x", at] }, state: { n_features: 4, labels: [at, "b", "c", "d"] } })()!.spec;
    expect([ok.actions.labels[1], ok.state.labels[0]]).toEqual([at, at]);
    expect(dt(2, grid(["c", at]))()!.spec.state.grid!.channels[1]).toBe(at);
    const why = `must be a string of at most ${MAX_LABEL_LENGTH} characters (MAX_LABEL_LENGTH)`;
    expect(fault(dt(2, { actions: { labels: ["x", over] } })).message).toBe(`__metadata__.decision_transformer.actions.labels[1] ${why}`);
    expect(fault(dt(2, { state: { n_features: 4, labels: ["a", "b", over, "d"] } })).message).toBe(`__metadata__.decision_transformer.state.labels[2] ${why}`);
    expect(fault(dt(2, grid([over, "c"]))).message).toBe(`__metadata__.decision_transformer.state.grid.channels[0] ${why}`);
  });

  it("refuses more grid channels than state features before reading their labels", () => {
    const channels = new Array(5).fill(1);
    expect(fault(dt(2, { state: { n_features: 4, grid: { width: 1, height: 1, channels } } })).message).toBe(
      "__metadata__.decision_transformer.state.grid.channels has 5 channels but must have 1 to n_features (4)",
    );
  });
});
