// The prompt explorer's GraphQL documents (graphql/modules/run Query.run → ForwardRun), typed by
// `npm run codegen`. The run is asked for field by field: tokens first, the attention patterns one
// layer at a time as sparse top-k tensors, the predictions and the path expansion of one position.
import { graphql } from "@/lib/client/gql";

export const RUN_TOKENS_QUERY = graphql(`
  query RunTokens($id: ID!, $prompt: String, $tokens: [Int!]) {
    run(modelId: $id, prompt: $prompt, tokens: $tokens) {
      modelId version
      tokens { ...TokenFields }
    }
  }
`);

export const RUN_PATTERNS_QUERY = graphql(`
  query RunPatterns($id: ID!, $prompt: String, $tokens: [Int!], $layer: Int!, $topK: Int!) {
    run(modelId: $id, prompt: $prompt, tokens: $tokens) {
      patterns(layer: $layer, topK: $topK) {
        state progress message
        result { layer topK { values { shape dtype base64 } indices { shape dtype base64 } } }
      }
    }
  }
`);

export const RUN_PREDICTIONS_QUERY = graphql(`
  query RunPredictions($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $topK: Int!) {
    run(modelId: $id, prompt: $prompt, tokens: $tokens) {
      logits(position: $position, topK: $topK) {
        state progress message
        result { positions { position predictions { logit token { ...TokenFields } } } }
      }
    }
  }
`);

export const RUN_PATH_EXPANSION_QUERY = graphql(`
  query RunPathExpansion($id: ID!, $prompt: String, $tokens: [Int!], $position: Int!, $target: Int!) {
    run(modelId: $id, prompt: $prompt, tokens: $tokens) {
      pathExpansion(position: $position, target: $target) {
        state progress message
        result { position logit target { ...TokenFields } terms { term kind heads contribution } }
      }
    }
  }
`);

export const RUN_MODEL_QUERY = graphql(`
  query RunModel($id: ID!) {
    model(id: $id) { id name config { nLayers nHeads nCtx dVocab json } tokenizer { kind vocabSize } }
  }
`);
