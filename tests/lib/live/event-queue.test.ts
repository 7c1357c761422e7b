import { describe, expect, it } from "vitest";
import { EventQueue } from "@/lib/live/event-queue";

const drain = async <T>(q: EventQueue<T>, n: number): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const r = await q.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
};

describe("EventQueue", () => {
  it("hands items to the puller in order, whether pushed before or while it waits", async () => {
    const q = new EventQueue<number>({ bound: 10, overflow: () => -1 });
    q.push(1);
    q.push(2);
    const waiting = (async () => [await q.next(), await q.next(), await q.next()])();
    q.push(3);
    await Promise.resolve();
    q.push(4);
    q.push(5);
    expect((await waiting).map((r) => r.value)).toEqual([1, 2, 3]);
    expect(await drain(q, 2)).toEqual([4, 5]);
  });

  it("drops what exceeds the bound and yields the overflow marker once in its place", async () => {
    const q = new EventQueue<number>({ bound: 3, overflow: () => -1 });
    for (let i = 1; i <= 7; i++) q.push(i);
    expect(await drain(q, 1)).toEqual([-1]);
    q.push(8);
    expect(await drain(q, 1)).toEqual([8]);
  });

  it("ends on return(): waiting pulls finish, later pushes are ignored, onClose runs exactly once", async () => {
    let closes = 0;
    const q = new EventQueue<number>({ bound: 2, overflow: () => -1, onClose: () => void closes++ });
    const waiting = q.next();
    await q.return();
    await q.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    q.push(1);
    expect(await q.next()).toEqual({ value: undefined, done: true });
    expect(closes).toBe(1);
    expect(q.closed).toBe(true);
  });

  it("refuses a bound that is not a positive integer", () => {
    expect(() => new EventQueue<number>({ bound: 0, overflow: () => -1 })).toThrow(/bound must be an integer ≥ 1, got 0/);
    expect(() => new EventQueue<number>({ bound: 1.5, overflow: () => -1 })).toThrow(RangeError);
  });
});
