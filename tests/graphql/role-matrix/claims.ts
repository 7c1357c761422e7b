// Role matrix entries of graphql/modules/claims: claims on annotations of the PUBLIC model (which has
// weights to evaluate them); re-evaluation is open to every reader of the model.
import { SIGNED_IN_PUBLIC_READ, type MatrixCase } from "./types";
import { CLAIM_SPEC } from "./world";

export const claimCases: MatrixCase[] = [
  {
    covers: ["Annotation.claims", "Claim.spec", "Claim.author"],
    query: `query($id: ID!) { annotation(id: $id) { claims { id spec status author { name email } current { status value } } } }`,
    variables: (w) => ({ id: w.publicAnnotation }),
    path: ["annotation", "claims"],
    expect: "some some some some some some",
  },
  {
    covers: ["Mutation.addClaim"],
    query: `mutation($a: ID!, $spec: JSON!) { addClaim(annotationId: $a, spec: $spec) { ok claim { id status } } }`,
    variables: async (w) => ({ a: (await w.fresh.annotation(w.publicModel)).id, spec: CLAIM_SPEC }),
    path: ["addClaim", "claim"],
    expect: "ok ok FORBIDDEN FORBIDDEN",
  },
  {
    covers: ["Mutation.addClaim"],
    variant: "PRIVATE",
    query: `mutation($a: ID!, $spec: JSON!) { addClaim(annotationId: $a, spec: $spec) { ok claim { id } } }`,
    variables: (w) => ({ a: w.privateAnnotation, spec: CLAIM_SPEC }),
    path: ["addClaim", "claim"],
    expect: "ok ok NOT_FOUND NOT_FOUND",
  },
  {
    covers: ["Mutation.deleteClaim"],
    query: `mutation($id: ID!) { deleteClaim(id: $id) { ok } }`,
    variables: async (w) => ({ id: await w.fresh.claim(w.publicAnnotation) }),
    path: ["deleteClaim", "ok"],
    expect: "ok ok FORBIDDEN FORBIDDEN",
  },
  { covers: ["Mutation.reevaluateClaims"], variant: "PUBLIC", query: `mutation($m: ID!) { reevaluateClaims(modelId: $m) { id status } }`, variables: (w) => ({ m: w.publicModel }), expect: SIGNED_IN_PUBLIC_READ },
  { covers: ["Mutation.reevaluateClaims"], variant: "PRIVATE", query: `mutation($m: ID!) { reevaluateClaims(modelId: $m) { id } }`, variables: (w) => ({ m: w.privateModel }), expect: "ok ok NOT_FOUND NOT_FOUND" },
];
