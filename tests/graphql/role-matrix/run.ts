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

export const runCases: MatrixCase[] = [
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
