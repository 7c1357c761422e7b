// Role matrix entries of graphql/modules/run: a forward pass of the PRIVATE model (null to whoever
// may not read it) and each of its analyses.
import { PRIVATE_READ, PUBLIC_READ, type MatrixCase } from "./types";

const ENVELOPE = "{ state message }";

function runField(field: string, selection: string): MatrixCase {
  return {
    covers: [`ForwardRun.${field}`, "Query.run"],
    query: `query($m: ID!) { run(modelId: $m, tokens: [0, 1, 2]) { modelId ${selection} } }`,
    variables: (w) => ({ m: w.privateModel }),
    path: ["run", field],
    expect: PRIVATE_READ,
  };
}

/** A three-step trajectory of the DT fixture (12 state features, 3 actions + padding, timesteps < 16). */
const TRAJECTORY = { timesteps: [0, 1, 2], rtg: [1, 0.5, 0.2], states: [0, 1, 2].map((s) => Array.from({ length: 12 }, (_, i) => (i + s) % 3)), actions: [2, 0] };

function trajectoryField(field: string, selection: string): MatrixCase {
  return {
    covers: [`ForwardRun.${field}`, "Query.run"],
    variant: "trajectory",
    query: `query($m: ID!, $t: TrajectoryInput!) { run(modelId: $m, trajectory: $t) { modelId ${selection} } }`,
    variables: (w) => ({ m: w.privateDT, t: TRAJECTORY }),
    path: ["run", field],
    expect: PRIVATE_READ,
  };
}

export const runCases: MatrixCase[] = [
  runField("positions", "positions { label }"),
  runField("attentionShare", `attentionShare ${ENVELOPE}`),
  trajectoryField("actionLogits", `actionLogits ${ENVELOPE}`),
  trajectoryField("rtgSweep", `rtgSweep(points: 3) ${ENVELOPE}`),
  trajectoryField("patterns", `patterns(layer: 0) ${ENVELOPE}`),
  runField("tokens", "tokens { id text }"),
  runField("patterns", `patterns(layer: 0) ${ENVELOPE}`),
  runField("logits", `logits(topK: 2) ${ENVELOPE}`),
  runField("logProbs", `logProbs ${ENVELOPE}`),
  runField("pathExpansion", `pathExpansion(position: 1, target: 2) ${ENVELOPE}`),
  runField("termImportance", `termImportance ${ENVELOPE}`),
  {
    covers: ["Query.run"],
    variant: "PUBLIC, by prompt",
    query: `query($m: ID!) { run(modelId: $m, prompt: "t1t2") { tokens { id } } }`,
    variables: (w) => ({ m: w.publicModel }),
    expect: PUBLIC_READ,
  },
];
