// The one child-process plumbing of every job (analyses and training): a TypeScript worker file run
// through tsx (which works the same under `next start`, `next dev`, vitest, the CLI and `npm run
// worker`), spoken to over IPC with Node's "advanced" serialisation, so typed arrays cross as they are.
// Rules: the child is always gone when the promise settles (SIGKILL on abort, timeout or after its
// last message); messages are handled strictly in order; a crash without a message names its exit code.
import { spawn } from "node:child_process";
import path from "node:path";

/** The repository root: $CIRCUITBOARD_ROOT or the working directory. */
export function repoRoot(): string {
  return process.env.CIRCUITBOARD_ROOT ?? process.cwd();
}

export interface ChildOptions<M> {
  /** Called for each message, in order (awaited before the next); return true when it was the last. */
  onMessage(message: M): Promise<boolean | void> | boolean | void;
  /** Kills the child when aborted. */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type ChildEnd = { ended: "done" } | { ended: "aborted" } | { ended: "timeout" } | { ended: "exit"; code: number | null; reason?: string };

/** PIDs of the job children this process has running (tests kill them to simulate crashes). */
export const runningChildren = new Set<number>();

/**
 * Starts `node --import tsx <worker>` (a path from the repository root), sends it `first`, and
 * resolves how it ended: "done" once onMessage returned true, else aborted, timeout or an exit.
 * An error thrown by onMessage kills the child and rejects.
 */
export function runChild<M>(worker: string, first: unknown, options: ChildOptions<M>): Promise<ChildEnd> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot(), worker)], {
    cwd: repoRoot(), stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced", env: process.env,
  });
  if (child.pid) runningChildren.add(child.pid);
  return new Promise<ChildEnd>((resolve, reject) => {
    let settled = false;
    let chain: Promise<void> = Promise.resolve();
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      if (child.pid) runningChildren.delete(child.pid);
      outcome();
    };
    const onAbort = () => settle(() => resolve({ ended: "aborted" }));
    const timer = options.timeoutMs ? setTimeout(() => settle(() => resolve({ ended: "timeout" })), options.timeoutMs) : undefined;
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("message", (message: M) => {
      chain = chain.then(async () => {
        if (settled) return;
        if ((await options.onMessage(message)) === true) settle(() => resolve({ ended: "done" }));
      }).catch((error: unknown) => settle(() => reject(error)));
    });
    child.on("error", (error) => settle(() => resolve({ ended: "exit", code: null, reason: `the worker process did not start (${error.message})` })));
    // Messages sent just before exit are still handled: wait for the chain before settling.
    child.on("exit", (code) => void chain.then(() => settle(() => resolve({ ended: "exit", code }))));
    child.send(first as object);
  });
}

/** The message of an end that was not "done", for a job's error. */
export function describeEnd(end: ChildEnd, what: string): string {
  switch (end.ended) {
    case "done": return `${what} finished`;
    case "aborted": return `${what} was stopped`;
    case "timeout": return `${what} took too long and was stopped`;
    case "exit": return end.reason ? `${what}: ${end.reason}` : `${what} stopped unexpectedly (exit code ${end.code})`;
  }
}
