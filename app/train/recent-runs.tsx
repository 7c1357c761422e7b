"use client";
// The team's latest training runs: pick one to follow it (or look back at it) on this page. The
// run being followed shows its live status and step (the list itself refreshes on status changes).
import { useQuery } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { queryKeys } from "@/lib/client/query-keys";
import styles from "./train.module.css";
import { TRAINING_JOBS_QUERY, type TrainingJobSummary } from "./training-operations";

export function trainingJobsKey(teamId: string) {
  return [...queryKeys.all, "trainingJobs", teamId] as const;
}

/** The followed run as the live event stream reports it. */
export interface LiveRun {
  id: string;
  status: TrainingJobSummary["status"];
  step: number;
}

export function RecentRuns({ teamId, current, live, onPick }: { teamId: string; current: string | null; live: LiveRun | null; onPick: (id: string) => void }) {
  const runs = useQuery({
    queryKey: trainingJobsKey(teamId),
    queryFn: ({ signal }) => gql(TRAINING_JOBS_QUERY, { teamId }, signal),
  });
  const items = runs.data?.trainingJobs ?? [];
  if (!items.length) return null;
  return (
    <div>
      <h2>Recent runs</h2>
      <ul className={styles.runs} aria-label="Recent runs">
        {items.map((j) => {
          const shown = live?.id === j.id ? { ...j, status: live.status, step: live.step } : j;
          return (
            <li key={j.id}>
              <button type="button" className="link" onClick={() => onPick(j.id)} aria-current={j.id === current ? "true" : undefined}>
                {j.model?.name ?? j.task}
              </button>
              <span className={styles.runMeta}>
                <span className="badge">{shown.status}</span>
                <span>step {shown.step} / {shown.totalSteps}</span>
                <time dateTime={j.createdAt} title={new Date(j.createdAt).toLocaleString()}>
                  {new Date(j.createdAt).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}
                </time>
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
