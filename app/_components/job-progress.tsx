"use client";
// A background job's progress as a page shows it: a bar with the fraction done, the time left and
// the stage (e.g. "composition", or "waiting for a free slot" while it waits behind the account's
// other jobs), followed live over /api/events?job=<id> (Server-Sent Events, lib/jobs/queue/
// job-events-stream). Rule: the stream is closed once the job has ended; the page then reads the
// result again (the caller's onEnd).
import { useEffect, useState } from "react";
import type { JobStreamEvent } from "@/lib/jobs/queue/job-events-stream";
import { useServerEvents } from "./use-server-events";

export interface JobProgressView {
  status: "QUEUED" | "RUNNING";
  /** 0 … 1. */
  fraction: number;
  etaSeconds: number | null;
  stage: string | null;
}

/** "about 40 s left", "about 2 min 5 s left", "about 1 h 3 min left"; null when unknown. */
export function formatEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.round(seconds);
  if (s < 60) return `about ${s} s left`;
  if (s < 3600) return `about ${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""} left`;
  const m = Math.round((s % 3600) / 60);
  return `about ${Math.floor(s / 3600)} h${m ? ` ${m} min` : ""} left`;
}

export function JobProgressBar({ what, progress }: { what: string; progress: JobProgressView }) {
  const pct = Math.round(Math.min(1, Math.max(0, progress.fraction)) * 100);
  const eta = progress.status === "RUNNING" ? formatEta(progress.etaSeconds) : null;
  return (
    <div className="job-progress" role="status" data-testid="job-progress" data-status={progress.status}>
      <p className="hint">
        {what}: {progress.status === "QUEUED" ? "queued" : "computing"} — {pct}%
        {eta ? ` · ${eta}` : ""}
        {progress.stage ? ` · ${progress.stage}` : ""}
      </p>
      <progress max={100} value={pct} aria-label={`${what} progress`} style={{ width: "100%", maxWidth: "32rem" }} />
    </div>
  );
}

/** The job's latest state over SSE while `jobId` is set (null before the first event). */
export function useJobEvents(jobId: string | null): JobStreamEvent | null {
  const [event, setEvent] = useState<JobStreamEvent | null>(null);
  useEffect(() => setEvent(null), [jobId]);
  useServerEvents(jobId ? `/api/events?job=${encodeURIComponent(jobId)}` : null, { onProgress: (data) => setEvent(data as JobStreamEvent) });
  return event;
}

/** What to draw: the live event when it is this job's and still active, else the last answer's progress. */
export function currentProgress(
  answer: { status: string; jobId?: string | null; progress?: { fraction: number; etaSeconds?: number | null; stage?: string | null } | null },
  live: JobStreamEvent | null,
): JobProgressView | null {
  if (answer.status !== "QUEUED" && answer.status !== "RUNNING") return null;
  if (live && live.id === answer.jobId && (live.status === "QUEUED" || live.status === "RUNNING")) {
    return { status: live.status, fraction: live.fraction, etaSeconds: live.etaSeconds, stage: live.stage };
  }
  const p = answer.progress;
  return { status: answer.status, fraction: p?.fraction ?? 0, etaSeconds: p?.etaSeconds ?? null, stage: p?.stage ?? null };
}
