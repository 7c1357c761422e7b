// Every analysis kind, registered by importing its module here (lib/analysis/get-analysis and the
// job worker process import this file, so a kind listed here exists wherever a job runs).
// Add one line per kind.
import "./head-report";

export { analysisKind, analysisKindNames, defineAnalysisKind, type AnalysisContext, type AnalysisKind } from "./registry";
