"use client";
// The training page: pick a task and a small config, start a job, watch its loss, in-context-learning
// score and per-head scores live (SSE), cancel it, restart it, open the model it made.
import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { gql } from "@/lib/client/graphql";
import { useCurrentTeam } from "@/lib/client/hooks";
import { queryKeys } from "@/lib/client/query-keys";
import { EmptyState, ErrorMessage, Loading, SignInPrompt } from "../_components/states";
import { HeadStrips } from "./head-strips";
import { LineChart } from "./line-chart";
import { RecentRuns } from "./recent-runs";
import styles from "./train.module.css";
import { CANCEL_TRAINING, START_TRAINING, TRAINING_JOB_CONFIG_QUERY, TRAINING_TASKS_QUERY, type TrainingSettings } from "./training-operations";
import { useTrainingEvents, type LiveJob } from "./use-training-events";

// The shipped induction-2l demo's settings (lib/engine/train/demos): an induction head forms in a few minutes here.
const DEFAULTS: TrainingSettings = { task: "repeated-sequences", nLayers: 2, nHeads: 2, dModel: 32, nCtx: 24, steps: 2000, seed: 1, batchSize: 32 };

const FIELDS: { key: Exclude<keyof TrainingSettings, "task">; label: string; min: number; max: number; hint: string }[] = [
  { key: "nLayers", label: "Layers", min: 0, max: 4, hint: "n_layers" },
  { key: "nHeads", label: "Heads", min: 1, max: 8, hint: "n_heads per layer" },
  { key: "dModel", label: "d_model", min: 4, max: 256, hint: "a multiple of heads" },
  { key: "nCtx", label: "Context", min: 8, max: 128, hint: "n_ctx" },
  { key: "steps", label: "Steps", min: 1, max: 20000, hint: "optimizer steps" },
  { key: "batchSize", label: "Batch", min: 1, max: 64, hint: "sequences per step" },
  { key: "seed", label: "Seed", min: 0, max: 2147483647, hint: "same seed, same run" },
];

const ACTIVE = new Set(["QUEUED", "RUNNING"]);

export function TrainPage() {
  const { viewer, team } = useCurrentTeam();
  const tasks = useQuery({
    queryKey: [...queryKeys.all, "trainingTasks"],
    queryFn: ({ signal }) => gql(TRAINING_TASKS_QUERY, undefined, signal),
    enabled: Boolean(viewer.data?.me),
  });
  const [settings, setSettings] = useState<TrainingSettings>(DEFAULTS);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useTrainingEvents(jobId);
  const queryClient = useQueryClient();
  const status = job?.status;

  // The job being followed lives in the URL (?job=…), so a reload or a shared link shows it again.
  useEffect(() => {
    const fromUrl = new URLSearchParams(window.location.search).get("job");
    if (fromUrl) void open(fromUrl);
  }, []);
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.all, "trainingJobs"] });
  }, [queryClient, jobId, status]);

  function follow(id: string) {
    setJobId(id);
    window.history.replaceState(null, "", `/train?job=${encodeURIComponent(id)}`);
  }

  /** Follows an earlier run and puts its settings in the form, so Restart repeats it. */
  async function open(id: string) {
    follow(id);
    const data = await gql(TRAINING_JOB_CONFIG_QUERY, { id }).catch(() => null);
    const config = data?.trainingJob?.config;
    if (config) setSettings((s) => ({ ...s, ...Object.fromEntries(Object.entries(config).filter(([k]) => k in DEFAULTS)) }));
  }

  if (viewer.isPending) return <div className="page"><Loading what="your account" /></div>;
  if (viewer.isError) return <div className="page"><ErrorMessage error={viewer.error} /></div>;
  if (!viewer.data.me) return <div className="page"><SignInPrompt action="train a model" /></div>;
  const writable = viewer.data.teams.filter((t) => t.viewerRole === "OWNER" || t.viewerRole === "EDITOR");
  if (writable.length === 0) {
    return (
      <div className="page">
        <EmptyState title="No team to train in">
          <p>A trained model belongs to a team in which you are an owner or editor. <Link href="/teams/new">Create a team</Link>.</p>
        </EmptyState>
      </div>
    );
  }
  const target = writable.find((t) => t.id === team?.id) ?? writable[0];
  const running = job ? ACTIVE.has(job.status) : jobId !== null;

  async function start(s: TrainingSettings) {
    setBusy(true);
    setError(null);
    try {
      const data = await gql(START_TRAINING, { input: { teamId: target.id, ...s } });
      follow(data.startTraining.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    if (!jobId) return;
    setBusy(true);
    try {
      await gql(CANCEL_TRAINING, { id: jobId });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void start(settings);
  }

  const task = tasks.data?.trainingTasks.find((t) => t.name === settings.task);
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>Train a model</h1>
          <p className="subtle">
            An attention-only transformer trained here, on the server, in {target.name}. On repeated sequences, watch the late-token loss
            drop below the early-token loss as an induction head forms in layer 1 (Olsson et al., 2022).
          </p>
        </div>
      </div>
      <div className={styles.layout}>
        <form className="panel" onSubmit={onSubmit} aria-label="Training settings">
          <div className="field">
            <label htmlFor="task">Task</label>
            <select id="task" value={settings.task} onChange={(e) => setSettings({ ...settings, task: e.target.value })} disabled={running}>
              {(tasks.data?.trainingTasks ?? [{ name: DEFAULTS.task, description: "", vocabSize: 0 }]).map((t) => (
                <option key={t.name} value={t.name}>{t.name}</option>
              ))}
            </select>
            {task && <div className="hint">{task.description} d_vocab {task.vocabSize}.</div>}
          </div>
          <div className={styles.fields}>
            {FIELDS.map((f) => (
              <div className="field" key={f.key}>
                <label htmlFor={f.key}>{f.label}</label>
                <input
                  id={f.key}
                  type="number"
                  min={f.min}
                  max={f.max}
                  value={settings[f.key]}
                  onChange={(e) => setSettings({ ...settings, [f.key]: Number(e.target.value) })}
                  disabled={running}
                  required
                />
                <div className="hint">{f.hint}</div>
              </div>
            ))}
          </div>
          {error && <div className="alert alert-error" role="alert">{error}</div>}
          <div className="row">
            {!running && <button type="submit" disabled={busy}>{job ? "Restart" : "Start training"}</button>}
            {running && <button type="button" className="danger" onClick={() => void cancel()} disabled={busy}>Cancel</button>}
          </div>
          <RecentRuns teamId={target.id} current={jobId} live={job ? { id: job.id, status: job.status, step: job.step } : null} onPick={(id) => void open(id)} />
        </form>
        <section aria-label="Training progress">{jobId ? <JobView job={job} /> : <p className="subtle">Start a run to see its curves here.</p>}</section>
      </div>
    </div>
  );
}

function JobView({ job }: { job: LiveJob | null }) {
  if (!job) return <Loading what="the job" />;
  const pct = job.totalSteps ? Math.round((100 * job.step) / job.totalSteps) : 0;
  const scored = job.points.filter((p) => p.earlyLoss != null && p.lateLoss != null);
  return (
    <div className="stack">
      <div className="row">
        <span className="badge" data-testid="job-status">{job.status}</span>
        <span data-testid="job-step">step {job.step} / {job.totalSteps}</span>
        <span className="subtle">{job.versions} checkpoint{job.versions === 1 ? "" : "s"} saved</span>
      </div>
      <div className="progress" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      {job.error && <div className="alert alert-error" role="alert">{job.error}</div>}
      {job.streamError && <div className="alert alert-error" role="alert">{job.streamError}</div>}
      {job.status === "DONE" && job.modelId && (
        <div className="alert alert-ok">
          Done. <Link href={`/models/${job.modelId}`}>Open the new model</Link> ({job.versions} versions: the checkpoints and the final weights).
        </div>
      )}
      {job.status === "CANCELLED" && job.modelId && (
        <p className="subtle">Cancelled. The checkpoints saved so far are in <Link href={`/models/${job.modelId}`}>the model</Link>.</p>
      )}
      <LineChart
        title="Loss (nats per token)"
        xMax={job.totalSteps}
        series={[
          { label: "training batch", color: "#2450d8", points: job.points.map((p) => [p.step, p.loss]) },
          { label: "early tokens (eval)", color: "#d97706", points: scored.map((p) => [p.step, p.earlyLoss!]), dots: true },
          { label: "late tokens (eval)", color: "#059669", points: scored.map((p) => [p.step, p.lateLoss!]), dots: true },
        ]}
      />
      <LineChart
        title="In-context-learning score (late − early loss)"
        xMax={job.totalSteps}
        zeroLine
        series={[{ label: "eval batch", color: "#7a4ee0", points: scored.map((p) => [p.step, p.lateLoss! - p.earlyLoss!]) }]}
      />
      <h2>Heads: previous-token and induction scores over training</h2>
      <HeadStrips points={job.points} />
    </div>
  );
}
