// The messages between an analysis job (./analysis-job, in the runner's process) and its child
// process (./job-worker), sent with "advanced" IPC serialisation so typed arrays cross as they are.
// The weights cross as stored (an F16 model's 167 MB, not its 334 MB widened): the child widens them.
import type { StoredTensorBytes } from "../engine/io/stored-tensor";

export type AnalysisRequest = {
  type: "run";
  /** A kind registered in ./kinds. */
  kind: string;
  /** Its raw parameters (validated again in the child by the kind's schema). */
  params: unknown;
  /** The model's tensors by TL name, as stored (F32/F16/BF16 bytes; lib/engine/io/stored-tensor widens them). */
  tensors: Map<string, StoredTensorBytes>;
  /** The safetensors `__metadata__` strings. */
  metadata: Record<string, string>;
};

export type AnalysisResponse =
  | { type: "progress"; done: number; total: number; stage: string | null }
  | { type: "done"; result: unknown }
  | { type: "error"; message: string };
