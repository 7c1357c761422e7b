// `npm run worker`: a job worker for Postgres mode (DATABASE_URL), on this machine or any other that
// reaches the database. It consumes the queue's jobs (analyses and training runs) through pg-boss,
// each in a child process, heartbeats their leases, and sweeps the leases of workers that died, as
// every app instance does. Embedded PGlite allows one process per data directory, so embedded mode
// needs no worker (the app runs its jobs itself). $CIRCUITBOARD_JOB_SLOTS sets how many jobs run at
// once (default 2). SIGTERM/SIGINT: running jobs are stopped and left to their leases (retried).
// The schema must be migrated already (the app's `npm start` or `npm run db:migrate` does it).
import { databaseOptionsFromEnv, openDatabase } from "../lib/db/client";
import { JobRunner, setJobRunner } from "../lib/jobs/queue/runner";

const options = databaseOptionsFromEnv();
if (!options.url) {
  console.error("[worker] DATABASE_URL is not set: workers serve Postgres mode (embedded mode runs its jobs in the app).");
  process.exit(2);
}
const database = await openDatabase(options);
const runner = new JobRunner(database.prisma, { consume: true });
setJobRunner(database.prisma, runner);
await runner.start();
console.log(`[worker] ready: ${runner.owner} consuming jobs from ${database.location}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: stopping`);
  await runner.stop({ abort: true });
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
