// The head report a claim is evaluated against: the latest version's report through lib/analysis
// (cached per version, probe settings and engine version; computed there, by the engine), at the
// claim's repeat length. Rule: nothing here computes a score; it only asks lib/analysis and says
// which version and engine the answer belongs to.
import { engineVersion } from "@/lib/analysis/engine-version";
import { getHeadReportForActor } from "@/lib/analysis/head-report";
import type { Actor } from "@/lib/auth/policy";
import type { Db } from "@/lib/db/client";
import type { HeadReportJson } from "@/lib/engine/circuits/report";

export type ClaimReportOutcome =
  | { status: "READY"; report: HeadReportJson; modelVersion: number; modelVersionId: string; engineVersion: string }
  | { status: "PENDING" }
  | { status: "UNAVAILABLE"; message: string; modelVersion: number; modelVersionId: string; engineVersion: string };

/** The latest version's head report for `actor` (the claim's author), at `repeatLength` when given. */
export async function claimReport(db: Db, actor: Actor | null, modelId: string, repeatLength?: number): Promise<ClaimReportOutcome> {
  const latest = await db.modelVersion.findFirst({ where: { modelId }, orderBy: { number: "desc" }, select: { id: true, number: true } });
  const at = { modelVersion: latest?.number ?? 0, modelVersionId: latest?.id ?? "", engineVersion: engineVersion() };
  if (!latest) return { status: "UNAVAILABLE", message: "The model has no version.", ...at };
  if (!actor) return { status: "UNAVAILABLE", message: "The claim's author's account is gone, so nobody re-checks it.", ...at };
  let outcome;
  try {
    outcome = await getHeadReportForActor(db, actor, modelId, { version: latest.number });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "NOT_FOUND") return { status: "UNAVAILABLE", message: "The claim's author can no longer read this model.", ...at };
    throw error;
  }
  if (outcome.status === "FAILED" || outcome.status === "CANCELLED") return { status: "UNAVAILABLE", message: outcome.message, ...at };
  if (outcome.status !== "READY") return { status: "UNAVAILABLE", message: `The head report is being computed (job ${outcome.jobId}); the claim is checked when it is ready.`, ...at };
  if (repeatLength !== undefined && repeatLength !== outcome.result.probes.repeatLength) {
    return { status: "UNAVAILABLE", message: `This server's head report probes repeat length ${outcome.result.probes.repeatLength}; repeat length ${repeatLength} is not computed yet.`, ...at };
  }
  return { status: "READY", report: outcome.result, ...at, engineVersion: outcome.engineVersion };
}
