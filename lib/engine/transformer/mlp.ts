/**
 * MLP blocks of TransformerLens models (TL `components.MLP` and `components.GatedMLP`) and their
 * activation functions, row convention (x @ W).
 * Rule: one definition per activation, used by the forward pass and by anything that re-runs an MLP.
 */
import type { Kernels } from "../linalg/kernels";
import type { ActFn } from "./mlp-config";
import type { MlpWeights } from "./weights";

/**
 * erf(x) through erfc's Chebyshev fit (Numerical Recipes §6.2, `erfcc`; fractional error < 1.2e-7,
 * below float32 resolution of the GELU it feeds).
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc : erfc - 1;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** The activation named by TL's `act_fn`, as a scalar function. */
export function activation(act: ActFn): (x: number) => number {
  switch (act) {
    // torch.nn.functional.relu
    case "relu": return (x) => (x > 0 ? x : 0);
    // torch F.gelu (exact): x·Φ(x) = 0.5·x·(1 + erf(x/√2))
    case "gelu": return (x) => 0.5 * x * (1 + erf(x / Math.SQRT2));
    // TL utils.gelu_new: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
    case "gelu_new": return (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    // TL utils.gelu_fast: 0.5·x·(1 + tanh(x·0.7978845608·(1 + 0.044715·x²)))
    case "gelu_fast": return (x) => 0.5 * x * (1 + Math.tanh(x * 0.7978845608 * (1 + 0.044715 * x * x)));
    // torch F.silu: x·σ(x)
    case "silu": return (x) => x / (1 + Math.exp(-x));
    default: {
      const never: never = act;
      throw new TypeError(`activation: unknown act_fn ${String(never)}`);
    }
  }
}

/**
 * One MLP on the rows of x [n, d_model] (already normalised by ln2): TL MLP.forward
 * `act(x W_in + b_in) W_out + b_out`, or TL GatedMLP.forward `(act(x W_gate) * (x W_in) + b_in) W_out + b_out`.
 * Returns out [n, d_model] (b_out included) and the hidden activations post [n, d_mlp] (TL `hook_post`).
 */
export async function mlpForward(mlp: MlpWeights, x: Float32Array, n: number, act: ActFn, K: Kernels): Promise<{ out: Float32Array; post: Float32Array }> {
  const [D, M] = mlp.W_in.shape;
  const f = activation(act);
  const pre = await K.matmul(x, mlp.W_in.data, n, D, M);
  const b_in = mlp.b_in.data;
  if (mlp.W_gate) {
    const gate = await K.matmul(x, mlp.W_gate.data, n, D, M);
    for (let i = 0; i < n * M; i++) pre[i] = f(gate[i]) * pre[i] + b_in[i % M];
  } else {
    for (let i = 0; i < n * M; i++) pre[i] = f(pre[i] + b_in[i % M]);
  }
  const out = await K.matmul(pre, mlp.W_out.data, n, M, D);
  const b_out = mlp.b_out.data;
  for (let i = 0; i < n * D; i++) out[i] += b_out[i % D];
  return { out, post: pre };
}
