/**
 * The engine's own report on a demo model, for its model card and for the tests that check the
 * demo's circuit claims: direct-path bigrams vs the corpus (0 layers), skip-trigrams vs the planted
 * rules (1 layer), the head report with labels and K-composition partners (2 layers), and the
 * gridworld DT's goal rates per return-to-go (greedy rollouts in the simulator) with its typed skip-trigrams.
 * Rule: every number comes from the analysis engine (lib/engine/circuits) run on the model as
 * loaded from its safetensors bytes — the shipped file, not the trainer's float64 weights.
 */
import "../linalg/kernels-ts"; // registers the pure-TS fallback kernels the circuits use by default
import { bigramTopK } from "../circuits/bigrams";
import { typedSkipTrigrams } from "../circuits/typed";
import { FREE_CELLS, GOAL, sameCell } from "../env/gridworld";
import { greedyGoalRate } from "../env/gridworld-rollout";
import { headReport, type HeadReportJson } from "../circuits/report";
import { skipTrigrams, type SkipTrigram } from "../circuits/skip-trigrams";
import { readSafetensors } from "../io/safetensors";
import { loadModel } from "../transformer/weights";
import type { AttnOnlyModel } from "../transformer/weights";
import { bigramCounts } from "./tasks/markov";
import type { SkipTrigramRule } from "./tasks/skip-trigram";

/** Loads a model from safetensors bytes with no weight processing beyond the loader's default. */
export function loadDemoModel(bytes: Uint8Array): AttnOnlyModel {
  const { header, tensors } = readSafetensors(bytes, { copy: true });
  return loadModel(tensors, { metadata: header.metadata });
}

export interface BigramReport {
  /** Input tokens seen at least `minCount` times whose most frequent successor is unique. */
  checked: number;
  /** Of those, how many have the model's top direct-path prediction equal to the corpus's top successor. */
  agree: number;
  /** count = occurrences of the input; lead = count of the top successor / count of the runner-up. */
  rows: { input: string; corpusTop: string; modelTop: string; count: number; lead: number }[];
}

/**
 * Compares the top next token of every row of W_E W_U (engine `bigramTopK`) with the most frequent
 * successor of that token in the corpus `ids`.
 */
export async function bigramReport(model: AttnOnlyModel, ids: ArrayLike<number>, vocab: readonly string[], minCount = 10): Promise<BigramReport> {
  const V = vocab.length;
  const counts = bigramCounts(ids, V);
  const top = await bigramTopK(model.weights, 1);
  const rows: BigramReport["rows"] = [];
  let agree = 0;
  for (let a = 0; a < V; a++) {
    let best = -1, second = -1, total = 0;
    for (let b = 0; b < V; b++) {
      const c = counts[a * V + b];
      total += c;
      if (best < 0 || c > counts[a * V + best]) { second = best; best = b; } else if (second < 0 || c > counts[a * V + second]) second = b;
    }
    if (total < minCount || counts[a * V + best] === counts[a * V + second]) continue;
    const modelTop = top.perRow!.indices[a];
    if (modelTop === best) agree++;
    const lead = counts[a * V + best] / Math.max(1, counts[a * V + second]);
    rows.push({ input: vocab[a], corpusTop: vocab[best], modelTop: vocab[modelTop], count: total, lead: Math.round(lead * 1000) / 1000 });
  }
  return { checked: rows.length, agree, rows };
}

export interface SkipTrigramReport {
  /** Top skip-trigrams of each head (engine `skipTrigrams`), as readable strings "A … B → C". */
  heads: { name: string; top: { trigram: string; score: number }[] }[];
  /** Each planted rule and the head whose top list contains it (null when none does). */
  rules: { rule: string; head: string | null; rank: number | null }[];
}

/** Looks for every planted rule among the top `k` skip-trigrams of each head of layer 0. */
export async function skipTrigramReport(model: AttnOnlyModel, vocab: readonly string[], rules: readonly SkipTrigramRule[], k = 20): Promise<SkipTrigramReport> {
  const heads: SkipTrigramReport["heads"] = [];
  const lists: SkipTrigram[][] = [];
  for (let h = 0; h < model.config.n_heads; h++) {
    const top = await skipTrigrams(model.weights, 0, h, k);
    lists.push(top);
    heads.push({ name: `0.${h}`, top: top.map((t) => ({ trigram: `${vocab[t.source]} … ${vocab[t.destination]} → ${vocab[t.output]}`, score: t.score })) });
  }
  const out: SkipTrigramReport["rules"] = rules.map((r) => {
    const s = vocab.indexOf(r.source), d = vocab.indexOf(r.destination), o = vocab.indexOf(r.output);
    for (let h = 0; h < lists.length; h++) {
      const rank = lists[h].findIndex((t) => t.source === s && t.destination === d && t.output === o);
      if (rank >= 0) return { rule: `${r.source} … ${r.destination} → ${r.output}`, head: `0.${h}`, rank };
    }
    return { rule: `${r.source} … ${r.destination} → ${r.output}`, head: null, rank: null };
  });
  return { heads, rules: out };
}

export interface InductionReport {
  previousTokenHeads: string[];
  inductionHeads: { name: string; partner: string | null; mechanism: string | null; stripe: number }[];
  report: HeadReportJson;
}

/** The engine's head report (seeded probes) and the heads it labels previous-token and induction. */
export async function inductionReport(model: AttnOnlyModel, seed = 0): Promise<InductionReport> {
  const report = await headReport(model, { seed, baselineSamples: 20 });
  const has = (h: HeadReportJson["heads"][number], label: string) => h.labels.find((x) => x.label === label);
  return {
    previousTokenHeads: report.heads.filter((h) => has(h, "previous-token")).map((h) => h.name),
    inductionHeads: report.heads.filter((h) => has(h, "induction")).map((h) => {
      const l = has(h, "induction")!;
      return { name: h.name, partner: l.partner ?? null, mechanism: l.mechanism ?? null, stripe: h.inductionStripe };
    }),
    report,
  };
}

/** The card's report on the gridworld DT: greedy goal rates per RTG, and its top typed skip-trigrams. */
export async function gridworldReport(model: AttnOnlyModel) {
  const starts = FREE_CELLS.filter((c) => !sameCell(c, GOAL));
  const goalRate: Record<string, number> = {};
  for (const rtg of [0, 0.5, 1]) goalRate[`rtg ${rtg}`] = await greedyGoalRate(model, starts, rtg);
  const { trigrams } = await typedSkipTrigrams(model, 10);
  return {
    goalRate, rolloutStarts: starts.length,
    rollout: "greedy action (argmax of the action logits at the last state), RTG held fixed, from every free start cell but the goal, at most HORIZON steps",
    topTypedSkipTrigrams: trigrams.map((t) => ({ head: t.head, rule: `[${t.source.label}] … [${t.destination.label}] → ${t.action.label}`, score: Math.round(t.score * 1e4) / 1e4 })),
  };
}
