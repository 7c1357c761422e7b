// The training worker: a child process (`node --import tsx lib/jobs/train-worker.ts`, started by
// ./training-runner) that trains one spec and reports over IPC. It never touches the database
// (embedded PGlite allows one process per data directory): the parent stores everything.
// Rule: one "start" message in, then progress/checkpoint messages and exactly one "done" or
// "error"; the parent ends the run early by killing the process.
import { runTraining, type ProgressPoint } from "./run-training";
import { trainingSpecSchema } from "./training-spec";
import type { ParentMessage, WorkerMessage } from "./worker-protocol";
import { sendToParent } from "./ipc";

/** Progress points are sent in batches at most this often (plus at scoring steps and checkpoints). */
const FLUSH_MS = 100;

function send(message: WorkerMessage): Promise<void> {
  return sendToParent(message, "train-worker", "lib/jobs/training-runner");
}

// The parent is gone (killed, crashed): so is this job; its lease runs out and any instance retries or fails it.
const parentGone = () => process.exit(1);
process.on("disconnect", parentGone);

process.on("message", (raw: ParentMessage) => {
  if (raw.type !== "start") return;
  void (async () => {
    try {
      const spec = trainingSpecSchema.parse(raw.spec);
      let pending: ProgressPoint[] = [];
      let lastFlush = 0;
      const flush = () => {
        if (!pending.length) return Promise.resolve();
        const points = pending;
        pending = [];
        lastFlush = Date.now();
        return send({ type: "progress", points, totalSteps: spec.steps });
      };
      const outcome = await runTraining(spec, {
        onProgress: (point) => {
          pending.push(point);
          // A send that fails (EPIPE: the parent died before "disconnect" arrived) ends the run quietly.
          if (point.headScores || Date.now() - lastFlush >= FLUSH_MS) flush().catch(parentGone);
        },
        // Progress before a checkpoint goes first, so the parent's history never lags its versions.
        onCheckpoint: async (step, file) => {
          await flush();
          await send({ type: "checkpoint", step, file });
        },
      });
      await flush();
      await send({ type: "done", outcome });
      process.exit(0);
    } catch (error) {
      await send({ type: "error", message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      process.exit(1);
    }
  })();
});
