// The trajectory view's GraphQL documents (Query.run with a trajectory → ForwardRun), typed by
// `npm run codegen`: positions and action logits first, then the attention patterns a layer at a time
// (dense: a trajectory is bounded by n_ctx), and the RTG sweep at its last state.
import { graphql } from "@/lib/client/gql";

export const TRAJECTORY_RUN_QUERY = graphql(`
  query TrajectoryRun($id: ID!, $trajectory: TrajectoryInput!) {
    run(modelId: $id, trajectory: $trajectory) {
      modelId version
      positions { index type timestep label }
      actionLogits { state progress message result { actions statePositions logits { shape dtype base64 } } }
    }
  }
`);

export const TRAJECTORY_PATTERNS_QUERY = graphql(`
  query TrajectoryPatterns($id: ID!, $trajectory: TrajectoryInput!, $layer: Int!) {
    run(modelId: $id, trajectory: $trajectory) {
      patterns(layer: $layer) {
        state progress message
        result { layer dense { shape dtype base64 } }
      }
    }
  }
`);
export const TRAJECTORY_RTG_SWEEP_QUERY = graphql(`
  query TrajectoryRtgSweep($id: ID!, $trajectory: TrajectoryInput!, $points: Int!) {
    run(modelId: $id, trajectory: $trajectory) {
      rtgSweep(points: $points) { state progress message result { rtg actions probs { shape dtype base64 } } }
    }
  }
`);
