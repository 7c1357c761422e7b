// Resolvers of the model domain: models (connection), model(id), Model's nested fields, renameModel,
// setModelVisibility, deleteModel. Rule: a model reaches a resolver only through getModelForActor/listModelsForActor
// (policy-checked); nested fields read from that parent or re-check through lib/db.
import { attentionOnlyOf } from "@/lib/analysis/stored-model";
import { tokenGroupsOf, type TokenGroup } from "@/lib/analysis/token-groups";
import { z } from "zod";
import { deleteModel, getModelForActor, listModelVersionsForActor, renameModel, setModelVisibility, type ModelSummary, type ModelVersionSummary } from "@/lib/db/models";
import { getTeamForActor } from "@/lib/db/teams";
import { parseTokenizer, TOKEN_SAMPLE_SIZE, tokenSample } from "@/lib/engine/io/tokenizer";
import type { Resolver } from "../../context";
import { nullIfNotFound } from "../../errors";
import { parseInput, payload, type Payload } from "../../payload";
import { viewerRoleIn } from "../../viewer";
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
const visibilityInput = z.object({ id, visibility: z.enum(["PRIVATE", "TEAM", "PUBLIC"], "visibility is PRIVATE, TEAM or PUBLIC") });
const sampleArgs = z.object({
  first: z.number().int().min(1, "first must be at least 1").max(TOKEN_SAMPLE_SIZE, `first must be at most ${TOKEN_SAMPLE_SIZE}`).default(10),
});

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

/**
 * The model's team, or null for a reader who may not read the team. Only a PUBLIC model can be read
 * outside its team (TEAM and PRIVATE ones need membership unless the team is public), so only then
 * is the viewer's membership looked up.
 */
const modelTeam: Resolver<ModelSummary, object, TeamParent | null> = async (parent, _a, context) => {
  if (parent.team.isPublic || parent.visibility !== "PUBLIC") return parent.team;
  return (await viewerRoleIn(context, parent.team.id)) !== null ? parent.team : null;
};
const modelConfig: Resolver<ModelSummary, object, StoredConfig> = (parent) => configOf(parent);
const modelAttentionOnly: Resolver<ModelSummary, object, boolean> = (parent) => attentionOnlyOf(parent.config);
const modelLayers: Resolver<ModelSummary, object, LayerParent[]> = (parent) => layersOf(parent);
const modelTokenizer: Resolver<ModelSummary, object, TokenizerParent | null> = (parent) => parent.tokenizer;
const modelTokenGroups: Resolver<ModelSummary, object, TokenGroup[]> = (parent) => tokenGroupsOf(parent.config);
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
  dMlp: (c: StoredConfig) => (typeof c.d_mlp === "number" ? c.d_mlp : null),
  actFn: (c: StoredConfig) => (typeof c.act_fn === "string" ? c.act_fn : null),
  json: (c: StoredConfig) => c,
};

// ── TokenizerSummary ──

/**
 * The first token ids with their text: the sample stored at upload (lib/engine/io/tokenizer's
 * `tokenSample`), so a large tokenizer.json is never re-parsed. Rows stored before the sample
 * existed are parsed once and their sample saved.
 */
const sample: Resolver<TokenizerParent, { first?: number }, TokenSample[]> = async (parent, args, { db }) => {
  const { first } = parseInput(sampleArgs, args);
  // The parent came from a policy-checked model, so its tokenizer is readable.
  const row = await db.tokenizer.findUnique({ where: { id: parent.id }, select: { sample: true } });
  if (!row) return [];
  let texts = row.sample;
  if (texts.length === 0 && parent.vocabSize > 0) {
    const legacy = await db.tokenizer.findUniqueOrThrow({ where: { id: parent.id }, select: { data: true } });
    texts = tokenSample(parseTokenizer(legacy.data, parent.vocabSize));
    await db.tokenizer.update({ where: { id: parent.id }, data: { sample: texts }, select: { id: true } });
  }
  return texts.slice(0, first).map((text, id) => ({ id, text }));
};

// ── ModelVersion ──

const byteLength: Resolver<ModelVersionSummary, object, number> = (parent) => Number(parent.byteLength);

// ── Mutation ──

const renameModelMutation: Resolver<unknown, { input: unknown }, Payload<{ model: ModelSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const input = parseInput(renameInput, args.input);
    return { model: await renameModel(db, actor, input.id, input.name) };
  });

const setModelVisibilityMutation: Resolver<unknown, { input: unknown }, Payload<{ model: ModelSummary }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const input = parseInput(visibilityInput, args.input);
    return { model: await setModelVisibility(db, actor, input.id, input.visibility) };
  });

const deleteModelMutation: Resolver<unknown, { id: string }, Payload<{ deletedId: string }>> = (_p, args, { db, actor }) =>
  payload(async () => {
    const modelId = parseInput(z.object({ id }), args).id;
    await deleteModel(db, actor, modelId);
    return { deletedId: modelId };
  });

export const modelResolvers = {
  Query: { models, model },
  Model: { team: modelTeam, config: modelConfig, attentionOnly: modelAttentionOnly, layers: modelLayers, tokenizer: modelTokenizer, versions: modelVersions, tokenGroups: modelTokenGroups },
  ModelConfig: config,
  TokenizerSummary: { sample },
  ModelVersion: { byteLength },
  Mutation: { renameModel: renameModelMutation, setModelVisibility: setModelVisibilityMutation, deleteModel: deleteModelMutation },
};
