// Resolvers of the circuits domain: the Head and Model analysis fields, and the Analysis interface's
// type resolution (each *Analysis type is named in the SDL; a field's resolver returns its envelope).
import { headResolvers } from "./head-resolvers";
import { modelCircuitResolvers } from "./model-resolvers";

export const circuitsResolvers = {
  Head: headResolvers,
  Model: modelCircuitResolvers,
};
