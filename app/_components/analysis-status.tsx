// What a page shows for an analysis that is not READY: a progress bar while its job runs, the
// message when it failed or was cancelled. READY renders nothing (the figure takes its place).
import type { Envelope } from "@/lib/client/analysis";

export function AnalysisStatus({ what, envelope }: { what: string; envelope: Envelope<unknown> | null | undefined }) {
  if (!envelope || envelope.state === "READY") return null;
  if (envelope.state === "FAILED" || envelope.state === "CANCELLED") {
    return <p className="alert alert-error" role="alert">{what}: {envelope.message ?? envelope.state.toLowerCase()}</p>;
  }
  const pct = typeof envelope.progress === "number" ? Math.round(envelope.progress * 100) : null;
  return (
    <p className="hint" role="status">
      {what}: {envelope.state === "QUEUED" ? "queued" : "computing"}
      {pct !== null ? <> <progress max={100} value={pct} aria-label={`${what} progress`} /> {pct}%</> : "…"}
    </p>
  );
}
