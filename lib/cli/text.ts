/**
 * Human-readable output of the `circuitboard` commands (without --json): short summaries only; the
 * JSON is the contract (docs/CLI.md).
 */
import { type HeadReportJson } from "../engine/circuits/report";
import { type RunOutput } from "./commands";

const f = (x: number | null) => (x === null ? "—" : Math.abs(x) < 1e-3 ? "0" : x.toFixed(3));

function analyzeText(r: HeadReportJson): string {
  const c = r.config;
  const lines = [
    `model: ${c.n_layers} layers × ${c.n_heads} heads, d_model ${c.d_model}, d_head ${c.d_head}, d_vocab ${c.d_vocab}, n_ctx ${c.n_ctx}, ${c.positional_embedding_type} (kernels: ${r.kernels})`,
    "head   prev   dup    ind    stripe copy   qkTok  qkPos  labels",
  ];
  for (const h of r.heads) {
    const labels = h.labels.map((l) => l.label + (l.partner ? `←${l.partner}` : "") + (l.mechanism ? `(${l.mechanism})` : "")).join(", ");
    lines.push([h.name.padEnd(6), ...[h.previousToken, h.duplicateToken, h.induction, h.inductionStripe, h.ovCopying, h.qkTokenPositivity, h.qkPositionalPositivity].map((x) => f(x).padEnd(6)), labels].join(" "));
  }
  return lines.join("\n") + "\n";
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}

function runText(r: RunOutput): string {
  const best = (p: number): [number, number] => {
    if (r.top) return [r.top[p][0].token, r.top[p][0].logit];
    const row = r.logits![p];
    return [argmax(row), row[argmax(row)]];
  };
  const lines = r.tokens.map((t, p) => `pos ${p}: token ${t} → top next-token logit ${best(p)[0]} (${best(p)[1].toFixed(3)})`);
  return [`${r.patterns.length} layers; patterns and logits in full with --json`, ...lines].join("\n") + "\n";
}

/** A trajectory run in text: the top action and the attention-only share at every state. */
function trajectoryText(r: { actions: string[]; actionLogits: number[][]; attentionShare: { mean: number; positions: { label: string; share: number }[] } }): string {
  const lines = r.actionLogits.map((row, t) => `${r.attentionShare.positions[t].label}: top action ${r.actions[argmax(row)] ?? argmax(row)} (${row[argmax(row)].toFixed(3)}), attention-only share ${(100 * r.attentionShare.positions[t].share).toFixed(1)}%`);
  return [`mean attention-only share ${(100 * r.attentionShare.mean).toFixed(1)}%; logits, patterns and the RTG sweep in full with --json`, ...lines].join("\n") + "\n";
}

/** Text for one command's output. */
export function formatText(command: string, out: unknown): string {
  if (command === "analyze") return analyzeText(out as HeadReportJson);
  if (command === "run") return "actionLogits" in (out as object) ? trajectoryText(out as Parameters<typeof trajectoryText>[0]) : runText(out as RunOutput);
  return JSON.stringify(out, null, 1) + "\n";
}
