// Role matrix entries of graphql/modules/circuits: a model's circuit analyses and every analysis of
// one head, each through the PRIVATE model (one field per case, so a refusal names its field), and
// the head's analyses once through the PUBLIC model.
import { PRIVATE_READ, PUBLIC_READ, type MatrixCase } from "./types";

const ENVELOPE = "{ state message }";

/** A Model field `selection` of the PRIVATE model. */
function modelField(field: string, selection: string): MatrixCase {
  return {
    covers: [`Model.${field}`],
    query: `query($id: ID!) { model(id: $id) { ${selection} } }`,
    variables: (w) => ({ id: w.privateModel }),
    path: ["model", field],
    expect: PRIVATE_READ,
  };
}

/** A Head field `selection` of head 0.0 of the PRIVATE model. */
function headField(field: string, selection: string): MatrixCase {
  return {
    covers: [`Head.${field}`, "Model.head"],
    query: `query($id: ID!) { model(id: $id) { head(name: "0.0") { ${selection} } } }`,
    variables: (w) => ({ id: w.privateModel }),
    path: ["model", "head", field],
    expect: PRIVATE_READ,
  };
}

export const circuitsCases: MatrixCase[] = [
  modelField("head", `head(name: "1.1") { name layer index }`),
  modelField("directPath", `directPath(topK: 3) ${ENVELOPE}`),
  modelField("composition", `composition(kind: K) ${ENVELOPE}`),
  modelField("virtualWeights", `virtualWeights(writer: "0.0", reader: "1.1", kind: K) ${ENVELOPE}`),
  modelField("circuits", `circuits(pattern: INDUCTION) ${ENVELOPE}`),
  {
    covers: ["Model.typedSkipTrigrams"],
    query: `query($id: ID!) { model(id: $id) { typedSkipTrigrams(topK: 3) ${ENVELOPE} } }`,
    variables: (w) => ({ id: w.privateDT }),
    path: ["model", "typedSkipTrigrams"],
    expect: PRIVATE_READ,
  },
  headField("scores", `scores ${ENVELOPE}`),
  headField("labels", `labels ${ENVELOPE}`),
  headField("ov", `ov(topK: 3) ${ENVELOPE}`),
  headField("qk", `qk(topK: 3) ${ENVELOPE}`),
  headField("eigenvalues", `eigenvalues ${ENVELOPE}`),
  headField("singularValues", `singularValues ${ENVELOPE}`),
  headField("skipTrigrams", `skipTrigrams(topK: 3) ${ENVELOPE}`),
  { ...headField("skipTrigrams", `skipTrigrams(topK: 3) { state segmentGroups { count trigrams { score } } }`), covers: ["SkipTrigramsAnalysis.segmentGroups", "Head.skipTrigrams", "Model.head"] },
  headField("composesWith", `composesWith(kind: K) ${ENVELOPE}`),
  headField("subspaceOverlap", `subspaceOverlap(with: "1.0") ${ENVELOPE}`),
  {
    covers: ["Head.scores", "Head.ov", "Head.qk", "Head.composesWith", "Model.layers"],
    variant: "PUBLIC",
    query: `query($id: ID!) { model(id: $id) { layers { heads { name } } head(name: "1.0") { scores ${ENVELOPE} ov(topK: 2) ${ENVELOPE} qk(topK: 2) ${ENVELOPE} composesWith(kind: Q) ${ENVELOPE} } } }`,
    variables: (w) => ({ id: w.publicModel }),
    path: ["model", "head", "ov"],
    expect: PUBLIC_READ,
  },
];
