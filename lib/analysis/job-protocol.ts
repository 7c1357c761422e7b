// The messages between an analysis job (./analysis-job, in the runner's process) and its child
// process (./job-worker), sent with "advanced" IPC serialisation so Float32Array weights cross as they are.
import type { Tensor } from "../engine/tensor/tensor";

export type AnalysisRequest = {
  type: "run";
  /** A kind registered in ./kinds. */
  kind: string;
  /** Its raw parameters (validated again in the child by the kind's schema). */
  params: unknown;
  /** The model's tensors by TL name, Float32. */
  tensors: Map<string, Tensor<Float32Array>>;
  /** The safetensors `__metadata__` strings. */
  metadata: Record<string, string>;
};

export type AnalysisResponse =
  | { type: "progress"; done: number; total: number; stage: string | null }
  | { type: "done"; result: unknown }
  | { type: "error"; message: string };
