// The analysis worker: a child process (`node --import tsx lib/analysis/job-worker.ts`, started by
// ./analysis-job through lib/jobs/child) that builds one model from the tensors it is sent (as stored: it widens them) and runs
// one registered analysis kind on it, reporting progress. It never touches the database (embedded
// PGlite allows one process per data directory). Rule: one "run" message in, progress messages and
// exactly one "done" or "error" out, then exit; the parent cancels by killing it.
import { BadInputError } from "../db/errors";
import { decodeStoredTensor } from "../engine/io/stored-tensor";
import type { Tensor } from "../engine/tensor/tensor";
import { tsKernels } from "../engine/linalg/kernels-ts";
import { loadModel } from "../engine/transformer/weights";
import { sendToParent } from "../jobs/ipc";
import type { AnalysisRequest, AnalysisResponse } from "./job-protocol";
import { clientMessage } from "./client-error";
import { analysisKind } from "./kinds";

function send(message: AnalysisResponse): Promise<void> {
  return sendToParent(message, "analysis job-worker", "lib/analysis/analysis-job");
}

// The parent is gone (killed, crashed): so is this job; its lease runs out and any instance retries or fails it.
process.on("disconnect", () => process.exit(1));

process.on("message", (raw: AnalysisRequest) => {
  if (raw.type !== "run") return;
  void (async () => {
    try {
      const kind = analysisKind(raw.kind);
      if (!kind) throw new BadInputError(`There is no analysis kind "${raw.kind.slice(0, 60)}".`, "kind");
      const params = kind.params.parse(raw.params);
      // The weights come as stored (F16 at half the Float32 size): widened here, each dropped once widened.
      const tensors = new Map<string, Tensor<Float32Array>>();
      for (const [name, t] of raw.tensors) {
        tensors.set(name, decodeStoredTensor(name, t));
        raw.tensors.delete(name);
      }
      const model = loadModel(tensors, { metadata: raw.metadata });
      tensors.clear();
      const ac = new AbortController();
      const result = await kind.compute(model, params, {
        signal: ac.signal,
        kernels: tsKernels,
        progress: (done, total, stage) => void send({ type: "progress", done, total, stage: stage ?? null }).catch(() => undefined),
      });
      await send({ type: "done", result: JSON.parse(JSON.stringify(result)) as unknown });
      process.exit(0);
    } catch (error) {
      // Only a client-written message travels to the job row; anything else is logged here (the
      // child's stderr is the server's) and sent masked.
      await send({ type: "error", message: clientMessage(error, `analysis job-worker ${raw.kind}`) }).catch(() => undefined);
      process.exit(1);
    }
  })();
});
