// Role matrix entries of graphql/modules/training. The lab's finished run trained the PRIVATE model,
// so a VIEWER of the lab sees the run but not the model (and a non-member sees neither).
import { TEAM_WRITE, type MatrixCase } from "./types";

const TINY = { task: "repeated-sequences", nLayers: 1, nHeads: 2, dModel: 8, nCtx: 8, steps: 4, seed: 7, batchSize: 2, checkpointEvery: 4, scoreEvery: 4 };

export const trainingCases: MatrixCase[] = [
  // The built-in task registry, the same for every account: answered signed out too (schema).
  { covers: ["Query.trainingTasks"], query: `{ trainingTasks { name vocabSize } }`, expect: "some some some some some some" },
  {
    covers: ["Query.trainingJob", "TrainingJob.team", "TrainingJob.owner"],
    query: `query($id: ID!) { trainingJob(id: $id) { id status step totalSteps history { step } versions team { id } owner { name email } } }`,
    variables: (w) => ({ id: w.trainingJob }),
    expect: "ok ok none none",
  },
  {
    covers: ["TrainingJob.model"],
    variant: "a PRIVATE trained model: the run itself is hidden from whoever may not read it",
    query: `query($id: ID!) { trainingJob(id: $id) { id model { id name } } }`,
    variables: (w) => ({ id: w.trainingJob }),
    path: ["trainingJob", "model"],
    expect: "ok ok none none",
  },
  {
    covers: ["TrainingJob.model"],
    variant: "a TEAM trained model",
    query: `query($id: ID!) { trainingJob(id: $id) { id model { id name } } }`,
    variables: (w) => ({ id: w.teamTrainingJob }),
    path: ["trainingJob", "model"],
    expect: "ok ok ok none",
  },
  { covers: ["Query.trainingJobs"], query: `query($t: ID!) { trainingJobs(teamId: $t) { id } }`, variables: (w) => ({ t: w.labId }), expect: "some some some NOT_FOUND" },
  {
    covers: ["Mutation.startTraining"],
    query: `mutation($input: StartTrainingInput!) { startTraining(input: $input) { id status } }`,
    variables: (w) => ({ input: { teamId: w.labId, ...TINY } }),
    expect: TEAM_WRITE,
    last: true,
  },
  {
    // The run trained the PRIVATE model, so the VIEWER may not know it exists (as through trainingJob).
    covers: ["Mutation.cancelTraining"],
    variant: "a finished run of a PRIVATE model",
    query: `mutation($id: ID!) { cancelTraining(id: $id) { id status } }`,
    variables: (w) => ({ id: w.trainingJob }),
    expect: "ok ok NOT_FOUND NOT_FOUND",
  },
  {
    covers: ["Mutation.cancelTraining"],
    query: `mutation($id: ID!) { cancelTraining(id: $id) { id status } }`,
    variables: async (w) => ({ id: await w.fresh.queuedTrainingJob() }),
    expect: TEAM_WRITE,
  },
];
