// The GraphQL documents of the training page (graphql/modules/training), typed by `npm run codegen`
// (lib/client/gql), and the shapes of its live events (app/api/events), which are not GraphQL results.
import { graphql } from "@/lib/client/gql";
import type { TrainingJobsQuery, TrainingStatus as SchemaTrainingStatus, TrainingTasksQuery } from "@/lib/client/gql/graphql";
import type { Role } from "@/lib/client/operations";

export type TrainingTask = TrainingTasksQuery["trainingTasks"][number];

export interface HeadScorePoint {
  name: string;
  previousToken: number;
  induction: number;
}

export interface TrainingPoint {
  step: number;
  loss: number;
  iclScore: number;
  evalLoss?: number | null;
  earlyLoss?: number | null;
  lateLoss?: number | null;
  headScores?: HeadScorePoint[] | null;
}

export type TrainingStatus = SchemaTrainingStatus;

export interface TrainingSettings {
  task: string;
  nLayers: number;
  nHeads: number;
  dModel: number;
  nCtx: number;
  steps: number;
  seed: number;
  batchSize: number;
}

export const TRAINING_TASKS_QUERY = graphql(`
  query TrainingTasks { trainingTasks { name description vocabSize } }
`);

export const START_TRAINING = graphql(`
  mutation StartTraining($input: StartTrainingInput!) { startTraining(input: $input) { id status totalSteps } }
`);

export const CANCEL_TRAINING = graphql(`
  mutation CancelTraining($id: ID!) { cancelTraining(id: $id) { id status } }
`);

export interface WritableTeam {
  id: string;
  name: string;
  viewerRole: Role | null;
}

export type TrainingJobSummary = TrainingJobsQuery["trainingJobs"][number];

export const TRAINING_JOBS_QUERY = graphql(`
  query TrainingJobs($teamId: ID!) {
    trainingJobs(teamId: $teamId, first: 8) { id status task step totalSteps createdAt model { id name } }
  }
`);

export const TRAINING_JOB_CONFIG_QUERY = graphql(`
  query TrainingJobConfig($id: ID!) { trainingJob(id: $id) { id config } }
`);
