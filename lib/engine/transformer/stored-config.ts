/**
 * The config a platform stores and answers for a model (POST /api/models, Model.config): the
 * inferred TL config plus TL's `attn_only` flag and, for a decision transformer, a summary of its
 * typed inputs (DT-FORMAT.md `decision_transformer`; the full feature labels stay in the file's
 * `__metadata__`, stored beside it, so the config stays small however many state features there are).
 * Rule: `attn_only` is exactly `isAttentionOnly(config)`, the one test of "the paper's setting".
 */
import { isAttentionOnly, type AttnOnlyConfig } from "./config";
import type { DTSpec, DTTokenType } from "./dt-config";
import type { VocabSegment } from "./vocab-segments";

/** What Model.config records of a decision transformer's typed inputs. */
export interface StoredDTSummary {
  token_order: DTTokenType[];
  n_state_features: number;
  state_encoding: "one-hot" | "integer";
  grid: { width: number; height: number; channels: string[] } | null;
  n_actions: number;
  action_labels: string[];
  padding_row: boolean;
  max_timestep: number;
  rtg: { min: number; max: number };
}

/** `vocab_segments`: a token model's named token-id ranges (./vocab-segments.ts), at most MAX_VOCAB_SEGMENTS. */
export type StoredModelConfig = AttnOnlyConfig & { attn_only: boolean; decision_transformer?: StoredDTSummary; vocab_segments?: VocabSegment[] };

/** The DT summary of a validated spec. */
export function dtSummary(spec: DTSpec): StoredDTSummary {
  const g = spec.state.grid;
  return {
    token_order: [...spec.token_order],
    n_state_features: spec.state.n_features,
    state_encoding: spec.state.encoding,
    grid: g ? { width: g.width, height: g.height, channels: [...g.channels] } : null,
    n_actions: spec.actions.labels.length,
    action_labels: [...spec.actions.labels],
    padding_row: spec.actions.padding_row,
    max_timestep: spec.max_timestep,
    rtg: { ...spec.rtg },
  };
}

/** The stored config of a validated header (`validateModelHeader`'s answer). */
export function storedConfig(validated: { config: AttnOnlyConfig; dt?: DTSpec; segments?: readonly VocabSegment[] }): StoredModelConfig {
  return {
    ...validated.config,
    attn_only: isAttentionOnly(validated.config),
    ...(validated.dt ? { decision_transformer: dtSummary(validated.dt) } : {}),
    ...(validated.segments ? { vocab_segments: validated.segments.map((s) => ({ ...s })) } : {}),
  };
}
