"use client";
// Follows one training job over /api/events (Server-Sent Events): the job's state plus its history,
// appended as events arrive. Rule: points are merged by step, so a reconnect (which resends the
// whole history) never duplicates one; the stream is closed once the job has ended.
import { useEffect, useState } from "react";
import { useServerEvents } from "../_components/use-server-events";
import type { TrainingPoint, TrainingStatus } from "./training-operations";

export interface LiveJob {
  id: string;
  status: TrainingStatus;
  step: number;
  totalSteps: number;
  versions: number;
  error: string | null;
  modelId: string | null;
  points: TrainingPoint[];
  /** Set when the stream itself failed (not the job). */
  streamError?: string;
}

interface ProgressEvent extends Omit<LiveJob, "points" | "streamError"> {
  points: TrainingPoint[];
}

export function useTrainingEvents(jobId: string | null): LiveJob | null {
  const [job, setJob] = useState<LiveJob | null>(null);
  useEffect(() => setJob(null), [jobId]);
  useServerEvents(jobId ? `/api/events?trainingJob=${encodeURIComponent(jobId)}` : null, {
    onProgress(raw) {
      const data = raw as ProgressEvent;
      setJob((prev) => {
        const points = prev && prev.id === data.id ? prev.points : [];
        const lastStep = points.length ? points[points.length - 1].step : 0;
        return { ...data, points: [...points, ...data.points.filter((p) => p.step > lastStep)] };
      });
    },
    onFailure: (message) => setJob((prev) => (prev ? { ...prev, streamError: message } : prev)),
  });
  return job;
}
