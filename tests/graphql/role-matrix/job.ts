// Role matrix entries of graphql/modules/job: one analysis job of the PRIVATE model, cancels of fresh
// queued analyses (started by an account outside the lab) of the PRIVATE and the TEAM model.
import { PRIVATE_READ, type MatrixCase } from "./types";

const CANCEL = `mutation($id: ID!) { cancelJob(id: $id) { id status cancelRequested } }`;

export const jobCases: MatrixCase[] = [
  { covers: ["Query.job", "Job.progress"], query: `query($id: ID!) { job(id: $id) { id kind status progress { fraction } } }`, variables: (w) => ({ id: w.analysisJob }), expect: PRIVATE_READ },
  { covers: ["Mutation.cancelJob"], variant: "PRIVATE", query: CANCEL, variables: async (w) => ({ id: await w.fresh.queuedAnalysisJob(w.privateModel) }), expect: PRIVATE_READ },
  { covers: ["Mutation.cancelJob"], variant: "TEAM", query: CANCEL, variables: async (w) => ({ id: await w.fresh.queuedAnalysisJob(w.teamModel) }), expect: "ok ok FORBIDDEN none" },
];
