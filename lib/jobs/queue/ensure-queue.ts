// Creating the pg-boss queue at boot. Two runners booting at once on one database (two instances,
// or a test that replaces the app's runner while it is still booting) both create the queue: one
// may lose a deadlock, which Postgres rolls back while the other's creation has not committed yet,
// so a queue still missing after a failed creation is retried rather than failing the boot.

/** Attempts at creating the queue before boot gives up with the last error. */
export const CREATE_QUEUE_ATTEMPTS = 5;
/** Pause before attempt n + 1 is n times this, plus up to this again at random. */
export const CREATE_QUEUE_BACKOFF_MS = 100;

/** The part of PgBoss this needs. */
export interface QueueAdmin {
  getQueue(name: string): Promise<unknown>;
  createQueue(name: string): Promise<void>;
}

/** Makes sure `name` exists, whoever creates it. */
export async function ensureQueue(boss: QueueAdmin, name: string, backoffMs = CREATE_QUEUE_BACKOFF_MS): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name);
      return;
    } catch (error) {
      if (await boss.getQueue(name)) return;
      if (attempt >= CREATE_QUEUE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * attempt + Math.floor(Math.random() * backoffMs)));
    }
  }
}
