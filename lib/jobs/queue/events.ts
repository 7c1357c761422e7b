// The live channels of the job system (lib/live: one LISTEN per instance, fanned out in-process).
// Rule: payloads name a job and carry only its small public state (status, fraction, ETA, stage),
// never a result; whoever forwards one to a client has checked that client's access to the job.
import { defineChannel } from "../../live";

export type JobEventStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

/** A job's state changed (progress, start, end) or a cancel was requested (`cancel: true`). */
export interface JobEvent extends Record<string, unknown> {
  jobId: string;
  status: JobEventStatus;
  /** 0 … 1. */
  fraction: number;
  etaSeconds: number | null;
  stage: string | null;
  /** True on the event a cancel request sends: the worker holding the job stops it. */
  cancel?: boolean;
  /** True when the job was put back in the queue (retried) or created: a consumer may claim it. */
  dispatch?: boolean;
}

export const jobEvents = defineChannel<JobEvent>("job_events");
