// Resolvers of the model domain: models (connection), model(id), Model's nested fields, renameModel,
// deleteModel. Rule: a model reaches a resolver only through getModelForActor/listModelsForActor
// (policy-checked); nested fields read from that parent or re-check through lib/db.
import { z } from "zod";
import { deleteModel, getModelForActor, listModelVersionsForActor, renameModel, type ModelSummary, type ModelVersionSummary } from "@/lib/db/models";
import { getTeamForActor } from "@/lib/db/teams";
import { parseTokenizer } from "@/lib/engine/io/tokenizer";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput, payload, type Payload } from "../../payload";
import type { TeamParent } from "../team/resolvers";
import { modelConnection, modelPageArgs, type ModelConnection } from "./connection";

/** The stored config (TransformerLens keys) as the ModelConfig type reads it. */
type StoredConfig = Record<string, unknown>;

/** A head of a model's version (`version` undefined: the latest), as the circuits fields read it. */
export interface HeadParent {
  name: string;
  layer: number;
  index: number;
  model: ModelSummary;
  version?: number;
}
interface LayerParent {
  index: number;
  heads: HeadParent[];
}
type TokenizerParent = NonNullable<ModelSummary["tokenizer"]>;
interface TokenSample {
  id: number;
  text: string;
}

const id = z.string().trim().min(1, "An id is required.").max(200);
const renameInput = z.object({ id, name: z.string().trim().min(1, "Give the model a name.").max(120, "A model name is at most 120 characters.") });
const sampleArgs = z.object({ first: z.number().int().min(1, "first must be at least 1").max(100, "first must be at most 100").default(10) });

function configOf(model: ModelSummary): StoredConfig {
  const c = model.config;
  return c && typeof c === "object" && !Array.isArray(c) ? (c as StoredConfig) : {};
}

function intOf(config: StoredConfig, key: string): number {
  const v = config[key];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`stored model config has no integer ${key}`);
  return v;
}

/** Head names "L.H" for every layer L < n_layers and head H < n_heads (paper and TL naming). */
export function layersOf(model: ModelSummary): LayerParent[] {
  const config = configOf(model);
  const nLayers = intOf(config, "n_layers");
  const nHeads = intOf(config, "n_heads");
  return Array.from({ length: nLayers }, (_, layer) => ({
    index: layer,
    heads: Array.from({ length: nHeads }, (_, index) => ({ name: `${layer}.${index}`, layer, index, model })),
  }));
}

// ── Query ──

const models: Resolver<unknown, { first?: number; after?: string | null; search?: string | null; teamId?: string | null }, ModelConnection> = async (_p, args, { db, actor }) => {
  const page = modelPageArgs(args);
  const teamId = args.teamId ? (await getTeamForActor(db, actor, parseInput(id, args.teamId))).id : null;
  return modelConnection(db, actor, { ...page, teamId });
};

const model: Resolver<unknown, { id: string }, ModelSummary | null> = (_p, args, { db, actor }) =>
  nullIfNotFound(getModelForActor(db, actor, parseInput(z.object({ id }), args).id));

// ── Model ──

const modelTeam: Resolver<ModelSummary, object, TeamParent> = (parent) => parent.team;
const modelConfig: Resolver<ModelSummary, object, StoredConfig> = (parent) => configOf(parent);
const modelLayers: Resolver<ModelSummary, object, LayerParent[]> = (parent) => layersOf(parent);
const modelTokenizer: Resolver<ModelSummary, object, TokenizerParent | null> = (parent) => parent.tokenizer;
const modelVersions: Resolver<ModelSummary, object, ModelVersionSummary[]> = (parent, _a, { db, actor }) => listModelVersionsForActor(db, actor, parent.id);

// ── ModelConfig (TL keys → camelCase fields) ──

const config = {
  nLayers: (c: StoredConfig) => intOf(c, "n_layers"),
  nHeads: (c: StoredConfig) => intOf(c, "n_heads"),
  dModel: (c: StoredConfig) => intOf(c, "d_model"),
  dHead: (c: StoredConfig) => intOf(c, "d_head"),
  dVocab: (c: StoredConfig) => intOf(c, "d_vocab"),
  nCtx: (c: StoredConfig) => intOf(c, "n_ctx"),
  positionalEmbeddingType: (c: StoredConfig) => String(c.positional_embedding_type ?? "standard"),
  normalizationType: (c: StoredConfig) => (typeof c.normalization_type === "string" ? c.normalization_type : null),
  biases: (c: StoredConfig) => c.biases === true,
  json: (c: StoredConfig) => c,
};

// ── TokenizerSummary ──

/** The first token ids with their text, read through the engine's tokenizer (lib/engine/io/tokenizer). */
const sample: Resolver<TokenizerParent, { first?: number }, TokenSample[]> = async (parent, args, { db }) => {
  const { first } = parseInput(sampleArgs, args);
  // The parent came from a policy-checked model, so its tokenizer is readable.
  const row = await db.tokenizer.findUnique({ where: { id: parent.id }, select: { data: true } });
  if (!row) return [];
  const tokenizer = parseTokenizer(row.data, parent.vocabSize);
  return Array.from({ length: Math.min(first, parent.vocabSize) }, (_, id) => ({ id, text: tokenizer.tokenString(id) }));
};

// ── ModelVersion ──

const byteLength: Resolver<ModelVersionSummary, object, number> = (parent) => Number(parent.byteLength);

// ── Mutation ──

const renameModelMutation: Resolver<unknown, { input: unknown }, Payload<{ model: ModelSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const input = parseInput(renameInput, args.input);
    return { model: await renameModel(db, actor, input.id, input.name) };
  });

const deleteModelMutation: Resolver<unknown, { id: string }, Payload<{ deletedId: string }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const modelId = parseInput(z.object({ id }), args).id;
    await deleteModel(db, actor, modelId);
    return { deletedId: modelId };
  });

export const modelResolvers = {
  Query: { models, model },
  Model: { team: modelTeam, config: modelConfig, layers: modelLayers, tokenizer: modelTokenizer, versions: modelVersions },
  ModelConfig: config,
  TokenizerSummary: { sample },
  ModelVersion: { byteLength },
  Mutation: { renameModel: renameModelMutation, deleteModel: deleteModelMutation },
};
