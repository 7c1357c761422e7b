// The live event stream of a training job (lib/jobs/training-events.ts, served at /api/events):
// the first event carries the whole history, later ones only new points, the stream ends with the
// job; a job the actor may not see is refused before anything is streamed. The stream re-reads the
// row only when lib/live says it changed (writers call notifyTraining after each write).
import { describe, expect, it } from "vitest";
import { trainingEventStream, type TrainingEvent } from "@/lib/jobs/training-events";
import { notifyTraining } from "@/lib/jobs/training-runner";
import { createTestUser, useTestDatabase } from "../helpers/db";

const t = useTestDatabase();

/** Reads SSE frames from the stream as { event, data } until `count` have arrived. */
async function frames(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<{ event: string; data: unknown }[]> {
  const out: { event: string; data: unknown }[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  while (out.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event && data) out.push({ event, data: JSON.parse(data) });
    }
  }
  return out;
}

const point = (step: number) => ({ step, loss: 3 - step / 10, iclScore: -step / 100 });

describe("trainingEventStream", () => {
  it("sends the history, then only new points, then an end event when the job stops", async () => {
    const owner = await createTestUser(t.db, "streamer");
    const team = await t.db.team.create({ data: { name: "Stream", slug: "stream", memberships: { create: [{ userId: owner.userId, role: "EDITOR" }] } } });
    const job = await t.db.trainingJob.create({
      data: { ownerId: owner.userId, teamId: team.id, task: "text-chars", config: { steps: 10 }, status: "RUNNING", progress: { step: 2, totalSteps: 10, versions: 0, history: [point(1), point(2)] } },
    });
    const abort = new AbortController();
    const reader = (await trainingEventStream(t.db, owner, job.id, abort.signal)).getReader();
    const [first] = await frames(reader, 1);
    expect(first.event).toBe("progress");
    expect(first.data).toMatchObject({ id: job.id, status: "RUNNING", step: 2, totalSteps: 10, points: [point(1), point(2)] });

    await t.db.trainingJob.update({ where: { id: job.id }, data: { progress: { step: 4, totalSteps: 10, versions: 1, history: [point(1), point(2), point(3), point(4)] } } });
    await notifyTraining(t.db, job.id);
    const [second] = await frames(reader, 1);
    expect((second.data as TrainingEvent).points).toEqual([point(3), point(4)]);
    expect(second.data).toMatchObject({ step: 4, versions: 1 });

    await t.db.trainingJob.update({ where: { id: job.id }, data: { status: "CANCELLED" } });
    await notifyTraining(t.db, job.id);
    const last = await frames(reader, 2);
    expect(last.map((f) => f.event)).toEqual(["progress", "end"]);
    expect(last[1].data).toEqual({ status: "CANCELLED" });
    expect((await reader.read()).done).toBe(true);
  });

  it("refuses a signed-out caller and hides a job from non-members", async () => {
    const owner = await createTestUser(t.db, "private");
    const stranger = await createTestUser(t.db, "outsider");
    const team = await t.db.team.create({ data: { name: "Private", slug: "private-stream", memberships: { create: [{ userId: owner.userId, role: "OWNER" }] } } });
    const job = await t.db.trainingJob.create({ data: { ownerId: owner.userId, teamId: team.id, task: "text-chars", config: {} } });
    await expect(trainingEventStream(t.db, null, job.id, new AbortController().signal)).rejects.toMatchObject({ status: 401 });
    await expect(trainingEventStream(t.db, stranger, job.id, new AbortController().signal)).rejects.toMatchObject({ status: 404 });
  });
});
