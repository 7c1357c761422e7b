// Role matrix entries of graphql/modules/user: the account itself and its API tokens.
import { ANY_ACCOUNT, type MatrixCase } from "./types";

export const userCases: MatrixCase[] = [
  // Signed out (or with a revoked token) `me` is null, not an error.
  { covers: ["Query.me"], query: `{ me { id name email } }`, expect: "ok ok ok ok none none" },
  { covers: ["Query.apiTokens"], query: `{ apiTokens { id name prefix revokedAt } }`, expect: ANY_ACCOUNT },
  { covers: ["Mutation.createApiToken"], query: `mutation { createApiToken(input: { name: "matrix" }) { ok secret token { id } } }`, path: ["createApiToken", "token"], expect: ANY_ACCOUNT },
  {
    covers: ["Mutation.revokeApiToken"],
    variant: "the OWNER's token",
    query: `mutation($id: ID!) { revokeApiToken(id: $id) { ok token { revokedAt } } }`,
    variables: async (w) => ({ id: await w.fresh.ownerToken() }),
    path: ["revokeApiToken", "token"],
    // Nobody else learns that the token exists.
    expect: "ok NOT_FOUND NOT_FOUND NOT_FOUND",
  },
  // User.email: the account itself and OWNERs of a team it is in (here the EDITOR, who uploaded the model).
  {
    covers: ["User.email", "Model.createdBy"],
    variant: "the uploader of the PUBLIC model",
    query: `query($id: ID!) { model(id: $id) { createdBy { name email } } }`,
    variables: (w) => ({ id: w.publicModel }),
    path: ["model", "createdBy", "email"],
    expect: "ok ok none none none none",
  },
];
