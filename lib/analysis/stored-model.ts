// A stored model version as an engine model: its tensors from lib/db/tensors and its safetensors
// `__metadata__` strings. Callers authorize the model first (lib/db/models).
import type { DbOrTx } from "../db/client";
import type { ModelVersionSummary } from "../db/models";
import { readStoredTensors } from "../db/tensors";
import { loadModel, type AttnOnlyModel } from "../engine/transformer/weights";

/** The safetensors `__metadata__` strings stored with a version. */
export function metadataOf(version: Pick<ModelVersionSummary, "metadata">): Record<string, string> {
  const m = version.metadata;
  return m && typeof m === "object" && !Array.isArray(m)
    ? Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string"))
    : {};
}

/**
 * Whether a stored config is of an attention-only model (TL `attn_only`): its own `attn_only` when
 * the upload recorded one (lib/engine/transformer/stored-config.ts), else no `d_mlp` (rows stored
 * before MLP models were accepted are all attention-only).
 */
export function attentionOnlyOf(config: unknown): boolean {
  if (!config || typeof config !== "object" || Array.isArray(config)) return true;
  const c = config as Record<string, unknown>;
  if (typeof c.attn_only === "boolean") return c.attn_only;
  return c.d_mlp === undefined || c.d_mlp === null;
}

/** A stored version's weights as an engine model (default processing: fold_ln only, as the CLI). */
export async function loadStoredModel(db: DbOrTx, version: Pick<ModelVersionSummary, "id" | "metadata">): Promise<AttnOnlyModel> {
  return loadModel(await readStoredTensors(db, version.id), { metadata: metadataOf(version) });
}
