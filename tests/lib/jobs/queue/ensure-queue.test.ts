import { describe, expect, it } from "vitest";
import { CREATE_QUEUE_ATTEMPTS, ensureQueue, type QueueAdmin } from "@/lib/jobs/queue/ensure-queue";

// A pg-boss stand-in: createQueue fails `failures` times (as the loser of a deadlock does, leaving
// no queue), and another booting instance may create the queue after `othersCreateAfter` checks.
function fakeBoss(failures: number, othersCreateAfter = Infinity) {
  let exists = false;
  let checks = 0;
  const calls = { create: 0 };
  const boss: QueueAdmin = {
    async getQueue() {
      checks++;
      if (checks > othersCreateAfter) exists = true;
      return exists ? { name: "q" } : null;
    },
    async createQueue() {
      calls.create++;
      if (calls.create <= failures) throw new Error("deadlock detected");
      exists = true;
    },
  };
  return { boss, calls, exists: () => exists };
}

describe("ensureQueue", () => {
  it("does not create a queue that exists", async () => {
    const f = fakeBoss(0, 0);
    await ensureQueue(f.boss, "q", 1);
    expect(f.calls.create).toBe(0);
  });

  it("retries a creation that lost a deadlock while the queue is still missing", async () => {
    const f = fakeBoss(2);
    await ensureQueue(f.boss, "q", 1);
    expect(f.calls.create).toBe(3);
    expect(f.exists()).toBe(true);
  });

  it("stops retrying when the other instance's creation has committed", async () => {
    const f = fakeBoss(1, 2); // checks: before create (1), after the failure (2), then it exists
    await ensureQueue(f.boss, "q", 1);
    expect(f.calls.create).toBe(1);
  });

  it(`gives up with the last error after ${CREATE_QUEUE_ATTEMPTS} failed attempts`, async () => {
    const f = fakeBoss(Infinity);
    await expect(ensureQueue(f.boss, "q", 1)).rejects.toThrow("deadlock detected");
    expect(f.calls.create).toBe(CREATE_QUEUE_ATTEMPTS);
  });
});
