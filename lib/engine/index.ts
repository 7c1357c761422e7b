/**
 * The engine's public surface. Everything here is pure TypeScript (no framework, database or Node
 * import) so the same code runs on the server, in workers and in the browser.
 */
export * from "./tensor/tensor";
export * from "./linalg/kernels";
export { tsKernels } from "./linalg/kernels-ts";
export { matmulTs, rowTopK } from "./linalg/kernels-ts";
export { TopKCollector } from "./linalg/topk";
export * from "./linalg/matrix";
export * from "./linalg/qr";
export * from "./linalg/svd";
export * from "./linalg/eig";
export * from "./linalg/principal-angles";
export * from "./linalg/factored-matrix";
export * from "./io/safetensors";
export * from "./io/tokenizer";
export * from "./transformer/config";
export * from "./transformer/weights";
export * from "./transformer/processing";
export * from "./transformer/forward";
export * from "./transformer/path-expansion";
export * from "./transformer/mlp-config";
export * from "./transformer/mlp";
export * from "./transformer/dt-config";
export * from "./transformer/dt-forward";
export * from "./transformer/attention-share";
export * from "./circuits";
