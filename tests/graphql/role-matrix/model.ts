// Role matrix entries of graphql/modules/model: models, their own fields that read more rows, and
// rename/visibility/delete. Reads use the PRIVATE model (its uploader, the EDITOR, and the lab's OWNER read it)
// and the PUBLIC model of the private lab (every signed-in account reads it, but a non-member must
// not learn the team); writes use fresh TEAM models.
import { PRIVATE_READ, PUBLIC_READ, TEAM_WRITE, type MatrixCase } from "./types";

const MODEL = `query($id: ID!) { model(id: $id) { id name visibility contentHash config { nLayers json } layers { index heads { name } } } }`;

export const modelCases: MatrixCase[] = [
  { covers: ["Query.models"], query: `{ models { edges { node { id } } } }`, path: ["models", "edges"], expect: "some some some some some some" },
  // Filtering by a team the reader cannot see is NOT_FOUND (tests/graphql/models.test.ts).
  { covers: ["Query.models"], variant: "teamId of the lab", query: `query($t: ID!) { models(teamId: $t) { edges { node { id } } } }`, variables: (w) => ({ t: w.labId }), path: ["models", "edges"], expect: "some some some NOT_FOUND" },
  { covers: ["Query.model"], variant: "PRIVATE", query: MODEL, variables: (w) => ({ id: w.privateModel }), expect: PRIVATE_READ },
  { covers: ["Query.model"], variant: "PUBLIC", query: MODEL, variables: (w) => ({ id: w.publicModel }), expect: PUBLIC_READ },
  { covers: ["Query.model"], variant: "TEAM", query: MODEL, variables: (w) => ({ id: w.teamModel }), expect: "ok ok ok none" },
  { covers: ["Model.team"], variant: "PRIVATE", query: `query($id: ID!) { model(id: $id) { team { id name } } }`, variables: (w) => ({ id: w.privateModel }), path: ["model", "team"], expect: PRIVATE_READ },
  // A PUBLIC model of a private team does not name the team to a non-member.
  { covers: ["Model.team"], variant: "PUBLIC", query: `query($id: ID!) { model(id: $id) { team { id name } } }`, variables: (w) => ({ id: w.publicModel }), path: ["model", "team"], expect: "ok ok ok none none none" },
  {
    covers: ["Model.tokenizer", "TokenizerSummary.sample", "Model.versions"],
    variant: "PRIVATE",
    query: `query($id: ID!) { model(id: $id) { tokenizer { kind vocabSize sample(first: 3) { id text } } versions { number byteLength } } }`,
    variables: (w) => ({ id: w.privateModel }),
    path: ["model", "tokenizer", "sample"],
    expect: PRIVATE_READ,
  },
  {
    covers: ["Model.tokenizer", "TokenizerSummary.sample", "Model.versions"],
    variant: "PUBLIC",
    query: `query($id: ID!) { model(id: $id) { tokenizer { sample(first: 3) { text } } versions { number } } }`,
    variables: (w) => ({ id: w.publicModel }),
    path: ["model", "versions"],
    expect: "some some some some some some",
  },
  // A DT's token groups are its typed rows (a token model without vocab_segments has none).
  { covers: ["Model.tokenGroups"], query: `query($id: ID!) { model(id: $id) { tokenGroups { name kind start end } } }`, variables: (w) => ({ id: w.privateDT }), path: ["model", "tokenGroups"], expect: PRIVATE_READ },
  {
    covers: ["Mutation.renameModel"],
    query: `mutation($id: ID!) { renameModel(input: { id: $id, name: "matrix-renamed" }) { ok model { name } } }`,
    variables: async (w) => ({ id: await w.fresh.teamModel() }),
    path: ["renameModel", "model"],
    expect: "ok ok FORBIDDEN NOT_FOUND",
  },
  {
    covers: ["Mutation.renameModel"],
    variant: "PUBLIC: readable, not writable by a non-member",
    query: `mutation($id: ID!) { renameModel(input: { id: $id, name: "matrix-public" }) { ok model { name } } }`,
    variables: (w) => ({ id: w.publicModel }),
    path: ["renameModel", "model"],
    expect: "ok ok FORBIDDEN FORBIDDEN",
  },
  {
    covers: ["Mutation.setModelVisibility"],
    query: `mutation($id: ID!) { setModelVisibility(input: { id: $id, visibility: PUBLIC }) { ok model { visibility } } }`,
    variables: async (w) => ({ id: await w.fresh.teamModel() }),
    path: ["setModelVisibility", "model"],
    expect: TEAM_WRITE,
  },
  {
    covers: ["Mutation.deleteModel"],
    query: `mutation($id: ID!) { deleteModel(id: $id) { ok deletedId } }`,
    variables: async (w) => ({ id: await w.fresh.teamModel() }),
    path: ["deleteModel", "deletedId"],
    expect: "ok FORBIDDEN FORBIDDEN NOT_FOUND",
  },
];
