// Role matrix entries of graphql/modules/search: searchHeads reads only models the role may read —
// the world's annotations (label induction, text "matrix fixture") sit on the PRIVATE, PUBLIC and
// TEAM models, so every signed-in role finds some heads, and the names selected (hits' models and
// the not-analysed list) let the matrix's secrets check catch a PRIVATE or TEAM model shown to a
// role that may not read it. Signed out (and with a revoked token) only PUBLIC models are searched.
import type { MatrixCase } from "./types";

const SEARCH = `query($f: HeadSearchFilter) { searchHeads(filter: $f, first: 50) { edges { node { head model { id name } } } notAnalysed { id name } } }`;

export const searchCases: MatrixCase[] = [
  { covers: ["Query.searchHeads"], variant: "by label", query: SEARCH, variables: () => ({ f: { label: "induction" } }), path: ["searchHeads", "edges"], expect: "some some some some some some" },
  { covers: ["Query.searchHeads"], variant: "by annotation text", query: SEARCH, variables: () => ({ f: { text: "matrix fixture" } }), path: ["searchHeads", "edges"], expect: "some some some none none none" },
  { covers: ["Query.searchHeads"], variant: "every head", query: SEARCH, variables: () => ({ f: {} }), path: ["searchHeads", "edges"], expect: "ok ok ok ok ok ok" },
];
