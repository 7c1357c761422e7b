// Role matrix entries of graphql/modules/base: the two root fields that need no domain.
import type { MatrixCase } from "./types";

export const baseCases: MatrixCase[] = [
  { covers: ["Query.apiVersion"], query: `{ apiVersion }`, expect: "ok ok ok ok ok ok" },
  // A reachability check that reads and writes nothing: answered to everyone, signed out too (schema).
  { covers: ["Mutation.ping"], query: `mutation { ping }`, expect: "ok ok ok ok ok ok" },
];
