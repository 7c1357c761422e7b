// A model's token groups from its stored config (lib/engine/transformer/stored-config.ts): a token
// model's `vocab_segments` (named ranges of token ids), or a decision transformer's typed rows of its
// stacked embed.W_E (state features, actions incl. a padding row, the RTG direction; DT-FORMAT.md).
// Rule: the stored config was validated at upload; it is read defensively (a row written before
// segments existed has none) and never yields more than MAX_VOCAB_SEGMENTS groups.
import { MAX_VOCAB_SEGMENTS, segmentLookup, type VocabSegment } from "@/lib/engine/transformer/vocab-segments";

/** One group of rows of W_E: ids [start, end). `kind` is "segment" for vocab_segments, else the DT row type. */
export interface TokenGroup {
  name: string;
  kind: "segment" | "state" | "action" | "rtg";
  start: number;
  end: number;
}

const isInt = (v: unknown): v is number => Number.isInteger(v);

/** The stored `vocab_segments` of a config, or undefined. */
export function segmentsOf(config: unknown): VocabSegment[] | undefined {
  const raw = config && typeof config === "object" ? (config as Record<string, unknown>).vocab_segments : undefined;
  if (!Array.isArray(raw)) return undefined;
  const out = raw.slice(0, MAX_VOCAB_SEGMENTS).filter((s): s is VocabSegment => !!s && typeof s.name === "string" && isInt(s.start) && isInt(s.end));
  return out.length > 0 ? out : undefined;
}

/** Token id → segment name of a stored config (always null without segments). */
export const segmentOfConfig = (config: unknown) => segmentLookup(segmentsOf(config));

/** Every token group of a stored config, by start. */
export function tokenGroupsOf(config: unknown): TokenGroup[] {
  const segments = segmentsOf(config);
  if (segments) return segments.map((s) => ({ name: s.name, kind: "segment" as const, start: s.start, end: s.end })).sort((a, b) => a.start - b.start);
  const dt = config && typeof config === "object" ? ((config as Record<string, unknown>).decision_transformer as Record<string, unknown> | undefined) : undefined;
  if (!dt || !isInt(dt.n_state_features) || !isInt(dt.n_actions)) return [];
  const F = dt.n_state_features, A = dt.n_actions + (dt.padding_row === true ? 1 : 0);
  return [
    { name: "state", kind: "state", start: 0, end: F },
    { name: "action", kind: "action", start: F, end: F + A },
    { name: "rtg", kind: "rtg", start: F + A, end: F + A + 1 },
  ];
}
