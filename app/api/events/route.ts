// GET /api/events?job=<id> or ?trainingJob=<id>: live state of a background job (lib/jobs/queue) or
// of a training run (lib/jobs/training-events) as Server-Sent Events, pushed through lib/live (idle
// streams run no query). 401 when signed out, 404 for a job the actor may not see, 400 without an id.
import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { isDataError } from "@/lib/db/errors";
import { jobEventStream } from "@/lib/jobs/queue/job-events-stream";
import { jobRunner } from "@/lib/jobs/queue/runner";
import { trainingEventStream } from "@/lib/jobs/training-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const jobId = params.get("job")?.trim();
  const trainingJobId = params.get("trainingJob")?.trim();
  const id = jobId ?? trainingJobId;
  if (!id || id.length > 200) return Response.json({ error: "Give ?job=<id> or ?trainingJob=<id>." }, { status: 400 });
  try {
    const db = await getDb();
    jobRunner(db); // this instance sweeps leases and takes its share of the work
    const actor = await getActor(request);
    const stream = jobId ? await jobEventStream(db, actor, id, request.signal) : await trainingEventStream(db, actor, id, request.signal);
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
    });
  } catch (error) {
    if (isDataError(error)) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
