// Resolvers of executable claims: Annotation.claims, addClaim, deleteClaim, reevaluateClaims.
// Rule: thin — lib/collab/claim-store authorizes, validates the spec (zod) and evaluates.
import { z } from "zod";
import type { AnnotationRow } from "@/lib/collab/annotations";
import { createClaim, deleteClaim, listClaimsForActor, reevaluateClaimsOfModel, type ClaimView } from "@/lib/collab/claim-store";
import type { Resolver } from "../../context";
import { parseInput, payload, type Payload } from "../../payload";
import { authorOf } from "../collab/types";

const id = z.string().trim().min(1, "An id is required.").max(200);

const annotationClaims: Resolver<AnnotationRow, object, ClaimView[]> = (parent, _a, { db, actor }) => listClaimsForActor(db, actor, parent.id);

const addClaim: Resolver<unknown, { annotationId: string; spec: unknown }, Payload<{ claim: ClaimView }>> = (_p, args, { db, actor }) =>
  payload(async () => ({ claim: await createClaim(db, actor, { annotationId: parseInput(id, args.annotationId), spec: args.spec }) }));

const deleteClaimMutation: Resolver<unknown, { id: string }, Payload<object>> = (_p, args, { db, actor }) =>
  payload(async () => {
    await deleteClaim(db, actor, parseInput(id, args.id));
    return {};
  });

const reevaluateClaims: Resolver<unknown, { modelId: string }, ClaimView[]> = (_p, args, { db, actor }) => reevaluateClaimsOfModel(db, actor, parseInput(id, args.modelId));

export const claimResolvers = {
  Annotation: { claims: annotationClaims },
  Claim: {
    spec: (p: ClaimView) => p.spec,
    current: (p: ClaimView) => p.currentEvaluation,
    written: (p: ClaimView) => p.writtenEvaluation,
    author: authorOf,
  },
  Mutation: { addClaim, deleteClaim: deleteClaimMutation, reevaluateClaims },
};
