// The job runner of one process (DESIGN §7): one per database client, started on first use by the
// app, by `npm run worker`, or by tests. Embedded mode (PGlite): jobs run in this process's bounded
// slots (each job's work in a child process, lib/jobs/child). Postgres mode: jobs travel through
// pg-boss (started here, in the app's own database, no extra server), so any instance or `npm run
// worker` on any machine consumes them, with pg-boss's retries for lost deliveries.
// Rules: the Job row is the truth (./store): a delivery only starts work after a guarded claim;
// the holder heartbeats its lease every HEARTBEAT_MS and stops when the lease is lost or a cancel
// is requested (seen through lib/live at once, and on the next heartbeat if the event was missed);
// every instance sweeps expired leases every SWEEP_MS, so a job whose worker died is retried or
// FAILED within LEASE_MS + SWEEP_MS (30 s), never RUNNING for ever; progress is written and
// published at most every PROGRESS_WRITE_MS with an ETA from the elapsed time.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import PgBoss from "pg-boss";
import { listenSourceOf, onDatabaseClose, type Db } from "../../db/client";
import { subscribe, type Unsubscribe } from "../../live";
import { jobEvents, type JobEvent } from "./events";
import { trainingJobLost } from "../training-runner";
import { jobHandler } from "./handlers";
import { ensureQueue } from "./ensure-queue";
import { admitWaitingJobs, admitWaitingJobsOfAll } from "./admit";
import { claimJob, endJob, HEARTBEAT_MS, LEASE_MS, NOT_WAITING, queuedJobIds, renewLease, sweepExpiredLeases } from "./store";
import { JobFailure, type JobContext } from "./types";

/** Expired leases are looked for this often on every instance. */
export const SWEEP_MS = 10_000;
/** Progress is written (and published) at most this often per job. */
export const PROGRESS_WRITE_MS = 1_000;
/** Postgres mode: a job still QUEUED this long after its last change is sent to pg-boss again. */
export const REDISPATCH_AFTER_MS = 60_000;
/** Default number of jobs one process runs at once (each in its own child process); $CIRCUITBOARD_JOB_SLOTS overrides. */
export const DEFAULT_JOB_SLOTS = 2;
/** Most slots a process may be given. */
export const MAX_JOB_SLOTS = 8;
/** The pg-boss queue every job is sent on. */
export const PGBOSS_QUEUE = "circuitboard-jobs";

export interface JobRunnerOptions {
  /** Run jobs here (false: only enqueue and sweep, e.g. an app instance beside dedicated workers). */
  consume?: boolean;
  slots?: number;
  /** Lease/heartbeat/sweep timings (tests shorten them). */
  sweepMs?: number;
}

function slotsFromEnv(): number {
  const n = Number.parseInt(process.env.CIRCUITBOARD_JOB_SLOTS ?? "", 10);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_JOB_SLOTS) : DEFAULT_JOB_SLOTS;
}

interface Running {
  abort: AbortController;
  cancelled: boolean;
}

export class JobRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  readonly mode: "embedded" | "postgres";
  private readonly consume: boolean;
  private readonly slots: number;
  private readonly sweepMs: number;
  private readonly local: string[] = [];
  private readonly running = new Map<string, Running>();
  private started: Promise<void> | null = null;
  private boss: PgBoss | null = null;
  private unsubscribe: Unsubscribe | null = null;
  private sweepTimer: ReturnType<typeof setInterval> | null = null;
  private sweeping: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly db: Db, options: JobRunnerOptions = {}) {
    const source = listenSourceOf(db);
    if (!source) throw new Error("lib/jobs: this client was not made by openDatabase");
    this.mode = source.kind === "postgres" ? "postgres" : "embedded";
    this.consume = options.consume ?? process.env.CIRCUITBOARD_JOB_CONSUME !== "0";
    this.slots = Math.min(Math.max(1, options.slots ?? slotsFromEnv()), MAX_JOB_SLOTS);
    this.sweepMs = options.sweepMs ?? SWEEP_MS;
  }

  /** Subscribes to job events, starts the sweeper and (Postgres) pg-boss. Idempotent. */
  start(): Promise<void> {
    this.started ??= this.boot().catch((error: unknown) => {
      this.started = null;
      throw error;
    });
    return this.started;
  }

  private async boot(): Promise<void> {
    this.unsubscribe = await subscribe(this.db, jobEvents, (e) => this.onEvent(e), { onResync: () => void this.sweep() });
    if (this.mode === "postgres") {
      const source = listenSourceOf(this.db);
      if (source?.kind !== "postgres") throw new Error("lib/jobs: no Postgres URL");
      const boss = new PgBoss({ connectionString: source.url, max: 3, application_name: "circuitboard-jobs", schedule: false, supervise: true, maintenanceIntervalSeconds: 60 });
      boss.on("error", (error: unknown) => console.error("[jobs] pg-boss", error instanceof Error ? error.message : error));
      await boss.start();
      await ensureQueue(boss, PGBOSS_QUEUE);
      // Stopped while booting (stop() found no boss to stop): a boss started now would take
      // deliveries that execute() then drops as "stopped", losing them until the redispatch.
      if (this.stopped) {
        await boss.stop({ graceful: false, wait: true, close: true } as PgBoss.StopOptions).catch(() => undefined);
        return;
      }
      this.boss = boss;
      if (this.consume) {
        for (let i = 0; i < this.slots; i++) {
          await boss.work<{ jobId: string }>(PGBOSS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([message]) => {
            if (message && typeof message.data?.jobId === "string") await this.execute(message.data.jobId);
          });
        }
      }
    }
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepMs);
    this.sweepTimer.unref();
    void this.sweep();
  }

  /** Stops taking work; jobs running here are abandoned to their leases (as if the process died) unless `abort`. */
  async stop(options: { abort?: boolean } = {}): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.unsubscribe?.();
    if (options.abort) for (const r of this.running.values()) r.abort.abort();
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: false, wait: true, close: true } as PgBoss.StopOptions).catch(() => undefined);
  }

  /** Ids of jobs running in this process. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** Hands a QUEUED job to a worker: pg-boss in Postgres mode, this process's slots otherwise. */
  async dispatch(jobId: string): Promise<void> {
    await this.start();
    if (this.boss) {
      await this.boss.send(PGBOSS_QUEUE, { jobId }, { retryLimit: 3, retryDelay: 5, expireInSeconds: 4 * 3600 });
      return;
    }
    this.takeLocally(jobId);
  }

  private takeLocally(jobId: string): void {
    if (!this.consume || this.stopped || this.running.has(jobId) || this.local.includes(jobId)) return;
    this.local.push(jobId);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.slots && this.local.length) {
      const id = this.local.shift()!;
      void this.execute(id).catch((error: unknown) => console.error(`[jobs] job ${id}`, error));
    }
  }

  private onEvent(e: JobEvent): void {
    if (e.cancel) {
      const r = this.running.get(e.jobId);
      if (r) {
        r.cancelled = true;
        r.abort.abort();
      }
    }
    if (e.dispatch && e.status === "QUEUED" && this.mode === "embedded") this.takeLocally(e.jobId);
  }

  /** One sweep: expired leases retried or failed, lost QUEUED jobs dispatched again. Never throws. */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        const { retried, failed } = await sweepExpiredLeases(this.db);
        // Slots freed anywhere (a job ended on another instance, a queued job cancelled) let waiting jobs in.
        await admitWaitingJobsOfAll(this.db, this);
        for (const job of retried) await this.dispatch(job.id);
        for (const job of failed) if (job.type === "training") await trainingJobLost(this.db, job);
        if (this.mode === "embedded") {
          for (const id of await queuedJobIds(this.db)) this.takeLocally(id);
        } else if (this.boss) {
          const stale = await this.db.job.findMany({ where: { status: "QUEUED", ...NOT_WAITING, updatedAt: { lt: new Date(Date.now() - REDISPATCH_AFTER_MS) } }, select: { id: true }, take: 50 });
          for (const { id } of stale) {
            await this.db.job.updateMany({ where: { id, status: "QUEUED" }, data: { updatedAt: new Date() } });
            await this.dispatch(id);
          }
        }
      } catch (error) {
        if (!this.stopped) console.error("[jobs] sweep failed", error instanceof Error ? error.message : error);
      } finally {
        this.sweeping = null;
      }
    })();
    return this.sweeping;
  }

  /** Claims and runs one job to its end (a no-op when another worker has it or it is not QUEUED). */
  private async execute(jobId: string): Promise<void> {
    if (this.stopped || this.running.has(jobId)) return;
    const state: Running = { abort: new AbortController(), cancelled: false };
    this.running.set(jobId, state);
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    try {
      const job = await claimJob(this.db, jobId, this.owner);
      if (!job) return;
      const handler = jobHandler(job.type);
      const t0 = Date.now();
      let latest: { fraction: number; etaSeconds: number | null; stage: string | null } | undefined;
      let lastWrite = 0;
      let writing: Promise<unknown> = Promise.resolve();
      const renew = (withProgress: boolean) => {
        const progress = withProgress ? latest : undefined;
        lastWrite = Date.now();
        writing = writing.then(() => renewLease(this.db, jobId, this.owner, progress)).then(({ held, cancelRequested }) => {
          if (cancelRequested) state.cancelled = true;
          if (!held || cancelRequested) state.abort.abort();
        }).catch((error: unknown) => console.error(`[jobs] heartbeat of ${jobId} failed`, error instanceof Error ? error.message : error));
      };
      heartbeat = setInterval(() => renew(true), HEARTBEAT_MS);
      const ctx: JobContext = {
        signal: state.abort.signal,
        owner: this.owner,
        progress: (fraction, stage = null) => {
          const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
          const elapsed = (Date.now() - t0) / 1000;
          latest = { fraction: f, stage, etaSeconds: f > 0.01 ? Math.round((elapsed * (1 - f)) / f) : null };
          if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) renew(true);
        },
      };
      let outcome: { status: "SUCCEEDED" | "FAILED" | "CANCELLED" | "QUEUED"; error?: string };
      try {
        await handler(this.db, job, ctx);
        outcome = state.abort.signal.aborted ? { status: "CANCELLED", error: "The job was cancelled." } : { status: "SUCCEEDED" };
      } catch (error) {
        if (state.abort.signal.aborted) outcome = { status: "CANCELLED", error: "The job was cancelled." };
        else if (error instanceof JobFailure) outcome = { status: "FAILED", error: error.message };
        else {
          console.error(`[jobs] job ${jobId} (${job.type} ${job.kind}) failed`, error);
          outcome = job.attempts < job.maxAttempts && job.type !== "training"
            ? { status: "QUEUED", error: "The previous attempt failed with an internal error." }
            : { status: "FAILED", error: "The job failed with an internal error." };
        }
      }
      clearInterval(heartbeat);
      await writing;
      // A lost lease means the sweeper (or a cancel) already decided this job's fate.
      if (state.abort.signal.aborted && !state.cancelled) return;
      if (await endJob(this.db, jobId, this.owner, outcome.status, outcome.error)) {
        if (outcome.status === "QUEUED") await this.dispatch(jobId);
        else if (job.createdById) await admitWaitingJobs(this.db, job.createdById, this);
      }
    } finally {
      clearInterval(heartbeat);
      this.running.delete(jobId);
      this.pump();
    }
  }
}

export { LEASE_MS };

// Kept on globalThis so every Next.js route bundle of one process shares one runner per database.
const globalForRunners = globalThis as unknown as { __circuitboardJobRunners?: WeakMap<Db, JobRunner> };
const runners = (globalForRunners.__circuitboardJobRunners ??= new WeakMap<Db, JobRunner>());

/** The process's runner for `db` (made and started on first use, stopped when the database closes). */
export function jobRunner(db: Db): JobRunner {
  let runner = runners.get(db);
  if (runner) return runner;
  runner = new JobRunner(db);
  runners.set(db, runner);
  const created = runner;
  onDatabaseClose(db, async () => {
    runners.delete(db);
    await created.stop({ abort: true });
  });
  void runner.start().catch((error: unknown) => console.error("[jobs] the job runner did not start", error));
  return runner;
}

/** Replaces the process's runner for `db` (tests: several "instances" on one database, each with its own client). */
export function setJobRunner(db: Db, runner: JobRunner): void {
  runners.set(db, runner);
}
