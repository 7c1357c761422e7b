/**
 * The circuits' public surface (paper analyses per head and between heads); see docs/CLI.md for
 * what each score means. Internal helpers (reduced factors, transposes) are not re-exported.
 */
export * from "./detectors";
export * from "./composition";
export * from "./eigen";
export { headQK, headOV, fullOV, fullQK, circuitTopK, type CircuitWeights, type EmbedWeights, type ThinCircuit, type CircuitEntry, type CircuitTopK } from "./qk-ov";
export * from "./virtual";
export * from "./bigrams";
export * from "./skip-trigrams";
export * from "./probes";
export * from "./induction";
export * from "./labels";
export * from "./report";
export * from "./typed";
