// Role matrix entries of graphql/modules/analysis: the head report and lineage of a model, and the
// comparison of two models (null unless the reader may read both).
import { PRIVATE_READ, PUBLIC_READ, type MatrixCase } from "./types";

export const analysisCases: MatrixCase[] = [
  {
    covers: ["Model.headReport"],
    variant: "PRIVATE",
    query: `query($id: ID!) { model(id: $id) { headReport { status modelVersion heads { name previousToken } composition { K } } } }`,
    variables: (w) => ({ id: w.privateModel }),
    path: ["model", "headReport"],
    expect: PRIVATE_READ,
  },
  {
    covers: ["Model.headReport"],
    variant: "PUBLIC",
    query: `query($id: ID!) { model(id: $id) { headReport { status heads { name } } } }`,
    variables: (w) => ({ id: w.publicModel }),
    path: ["model", "headReport"],
    expect: PUBLIC_READ,
  },
  {
    covers: ["Model.headLineage"],
    query: `query($id: ID!) { model(id: $id) { headLineage { status versions heads { name } } } }`,
    variables: (w) => ({ id: w.privateModel }),
    path: ["model", "headLineage"],
    expect: PRIVATE_READ,
  },
  {
    covers: ["Query.compareModels"],
    variant: "PRIVATE with PUBLIC",
    query: `query($a: ID!, $b: ID!) { compareModels(a: $a, b: $b) { status layers { layer pairs { a b } } } }`,
    variables: (w) => ({ a: w.privateModel, b: w.publicModel }),
    expect: PRIVATE_READ,
  },
  {
    covers: ["Query.compareModels"],
    variant: "PUBLIC with PRIVATE",
    query: `query($a: ID!, $b: ID!) { compareModels(a: $a, b: $b) { status } }`,
    variables: (w) => ({ a: w.publicModel, b: w.privateModel }),
    expect: PRIVATE_READ,
  },
];
