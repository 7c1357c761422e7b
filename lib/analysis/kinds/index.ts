// Every analysis kind, registered by importing its module here (lib/analysis/get-analysis and the
// job worker process import this file, so a kind listed here exists wherever a job runs).
// Add one line per kind.
import "./head-report";
import "./composition";
import "./direct-path";
import "./eigenvalues";
import "./ov-circuit";
import "./qk-circuit";
import "./singular-values";
import "./skip-trigrams";
import "./subspace-overlap";
import "./virtual-weights";
import "./run-logits";
import "./run-path-expansion";
import "./run-patterns";
import "./run-term-importance";
import "./run-trajectory";
import "./run-rtg-sweep";
import "./run-attention-share";
import "./typed-skip-trigrams";

export { analysisKind, analysisKindNames, defineAnalysisKind, type AnalysisContext, type AnalysisKind } from "./registry";
