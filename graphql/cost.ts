// The cost of a GraphQL operation, computed with its variables before any resolver runs.
// Rules: every field selected counts, aliases included (each alias is resolved on its own); a
// field's cost is its per-call weight (FIELD_WEIGHTS, else 0) plus, for each item it returns, 1 for
// an object and the cost of the item's own selection; the number of items is the field's size
// argument (`first`, `topK`, … — SIZE_ARGUMENTS) whether written literally, passed as a variable or
// defaulted in the schema, else LIST_SIZES for the field, else DEFAULT_LIST_SIZE for a list and 1
// otherwise. A connection's `edges` inherit the connection's `first` (size 1 each). Introspection
// fields cost nothing (GraphiQL's schema query stays usable). A field that runs an analysis must
// appear in FIELD_WEIGHTS with a weight of at least EXPENSIVE_WEIGHT, which also makes it subject
// to the per-account rate limit (graphql/rate-limit.ts).
import {
  getNamedType,
  getNullableType,
  GraphQLList,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/** A field of at least this weight is expensive: it computes an analysis when not cached. */
export const EXPENSIVE_WEIGHT = 100;

/** Per-call weights of the fields that do real work ("Type.field"); every other field weighs 0. */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  // Matching the heads of two models loads both and runs an SVD per layer (seconds for 1 MiB models).
  "Query.compareModels": 1000,
  // A lineage loads every traced version (up to 32) and matches consecutive ones.
  "Model.headLineage": 500,
  // A head report runs every detector on the model (cached per version afterwards).
  "Model.headReport": EXPENSIVE_WEIGHT,
  // Reads and parses the stored tokenizer (up to the tokenizer size bound).
  "TokenizerSummary.sample": 20,
  // Circuit analyses (graphql/modules/circuits): each one analysis kind, cached per version and
  // parameters. Full-vocabulary searches (blocked d_vocab² top-k) weigh twice a d_head-sized one.
  "Head.scores": EXPENSIVE_WEIGHT,
  "Head.labels": EXPENSIVE_WEIGHT,
  "Head.ov": 2 * EXPENSIVE_WEIGHT,
  "Head.qk": 2 * EXPENSIVE_WEIGHT,
  "Head.eigenvalues": EXPENSIVE_WEIGHT,
  "Head.singularValues": EXPENSIVE_WEIGHT,
  "Head.skipTrigrams": 2 * EXPENSIVE_WEIGHT,
  "Head.composesWith": EXPENSIVE_WEIGHT,
  "Head.subspaceOverlap": EXPENSIVE_WEIGHT,
  "Model.directPath": 2 * EXPENSIVE_WEIGHT,
  "Model.composition": EXPENSIVE_WEIGHT,
  "Model.virtualWeights": EXPENSIVE_WEIGHT,
  "Model.circuits": EXPENSIVE_WEIGHT,
  // Query.run tokenizes the prompt (bounded by MAX_PROMPT_CHARS); each ForwardRun field is a forward
  // pass (term importance: one d_vocab unembedding per path term).
  "Query.run": 20,
  "ForwardRun.patterns": EXPENSIVE_WEIGHT,
  "ForwardRun.logits": EXPENSIVE_WEIGHT,
  "ForwardRun.logProbs": EXPENSIVE_WEIGHT,
  "ForwardRun.pathExpansion": 2 * EXPENSIVE_WEIGHT,
  "ForwardRun.termImportance": 3 * EXPENSIVE_WEIGHT,
  // A decision transformer's trajectory run (one forward pass and its decomposition), the share of a
  // token run, and the RTG sweep (one forward pass per point, at most 64).
  "ForwardRun.actionLogits": EXPENSIVE_WEIGHT,
  "ForwardRun.attentionShare": EXPENSIVE_WEIGHT,
  "ForwardRun.rtgSweep": 3 * EXPENSIVE_WEIGHT,
  // A search across heads reads up to 100 models' cached head reports, annotations and claims (no
  // engine run: below EXPENSIVE_WEIGHT, so outside the analysis rate limit).
  "Query.searchHeads": 50,
  // Typed QK and OV circuits of every head over the DT's typed rows.
  "Model.typedSkipTrigrams": 2 * EXPENSIVE_WEIGHT,
  // Findings: adding a figure freezes its analysis on the pinned version; `current` computes it on
  // the newest version (Finding.figures only reads frozen values, or a finished job's result).
  "Mutation.addFindingFigure": EXPENSIVE_WEIGHT,
  // Publishing (TEAM/PUBLIC) freezes the figures still PENDING.
  "Mutation.setFindingVisibility": EXPENSIVE_WEIGHT,
  "FindingFigure.current": EXPENSIVE_WEIGHT,
};

/** Arguments that say how many items a field returns; several present are added (topK + bottomK). */
export const SIZE_ARGUMENTS: readonly string[] = ["first", "last", "topK", "bottomK", "limit"];

/** Items assumed for a list without a size argument. */
export const DEFAULT_LIST_SIZE = 10;

/** Items assumed for particular lists without a size argument (what they typically hold). */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // One point per logged training step.
  "TrainingJob.history": 200,
  // Lists inside an analysis whose length is the analysis field's own topK (counted there once).
  "OvCircuit.top": 1,
  "OvCircuit.bottom": 1,
  "QkCircuit.top": 1,
  "DirectPath.top": 1,
  "SkipTrigramsAnalysis.result": 1,
  "TypedSkipTrigramsAnalysis.result": 1,
  "TypedTrigramGroup.trigrams": 1,
  "PositionPredictions.predictions": 1,
  // A finding holds at most MAX_FIGURES_PER_FINDING (20) figures.
  "Finding.figures": 20,
};

/** A size argument larger than this counts as this (keeps the arithmetic finite). */
const MAX_COUNTED_SIZE = 1e9;

export interface OperationCost {
  /** The operation's total cost. */
  cost: number;
  /** How many times each expensive field ("Type.field") would be resolved, list sizes multiplied. */
  expensive: Record<string, number>;
}

type Variables = Readonly<Record<string, unknown>> | undefined;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Variables;
  expensive: Record<string, number>;
}

/** A size argument's number: literal, variable or the schema's default; undefined when not a number. */
function argumentNumber(value: ValueNode | undefined, variables: Variables, fallback: unknown): number | undefined {
  let raw: unknown = fallback;
  if (value?.kind === Kind.INT || value?.kind === Kind.FLOAT) raw = Number(value.value);
  else if (value?.kind === Kind.VARIABLE) raw = variables?.[value.name.value] ?? fallback;
  else if (value?.kind === Kind.NULL) raw = fallback;
  return typeof raw === "number" && Number.isFinite(raw) ? Math.min(Math.max(Math.ceil(raw), 0), MAX_COUNTED_SIZE) : undefined;
}

/** How many items a field returns, as the rules above say. */
function fieldSize(node: FieldNode, field: GraphQLField<unknown, unknown>, coordinate: string, parent: GraphQLCompositeType, variables: Variables): number {
  let total: number | undefined;
  for (const arg of field.args) {
    if (!SIZE_ARGUMENTS.includes(arg.name)) continue;
    const given = node.arguments?.find((a) => a.name.value === arg.name)?.value;
    const n = argumentNumber(given, variables, arg.defaultValue);
    if (n !== undefined) total = (total ?? 0) + n;
  }
  if (total !== undefined) return total;
  if (!(getNullableType(field.type) instanceof GraphQLList)) return 1;
  if (field.name === "edges" && parent.name.endsWith("Connection")) return 1;
  return LIST_SIZES[coordinate] ?? DEFAULT_LIST_SIZE;
}

function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, seen: ReadonlySet<string>): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(walk, selection, parent, multiplier, seen);
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[selection.name.value] : selection;
    // An unknown or cyclic spread fails validation; count it as nothing here.
    if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : parent;
    if (!condition || !isCompositeType(condition)) continue;
    const nextSeen = selection.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, selection.name.value]) : seen;
    cost += selectionCost(walk, fragment.selectionSet, condition, multiplier, nextSeen);
  }
  return cost;
}

function fieldCost(walk: Walk, node: FieldNode, parent: GraphQLCompositeType, multiplier: number, seen: ReadonlySet<string>): number {
  const name = node.name.value;
  if (name.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
  const field = parent.getFields()[name];
  if (!field) return 0;
  const coordinate = `${parent.name}.${name}`;
  const weight = FIELD_WEIGHTS[coordinate] ?? 0;
  if (weight >= EXPENSIVE_WEIGHT) walk.expensive[coordinate] = (walk.expensive[coordinate] ?? 0) + multiplier;
  const type = getNamedType(field.type);
  const size = fieldSize(node, field, coordinate, parent, walk.variables);
  if (!isCompositeType(type) || !node.selectionSet) return weight;
  const perItem = 1 + selectionCost(walk, node.selectionSet, type, multiplier * size, seen);
  return weight + size * perItem;
}

/** The operation to run: the named one, or the only one. */
function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/** The cost of the operation `operationName` of `document` with these variables. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, options: { variables?: Variables; operationName?: string | null } = {}): OperationCost {
  const walk: Walk = { schema, fragments: {}, variables: options.variables, expensive: {} };
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) walk.fragments[d.name.value] = d;
  const operation = selectOperation(document, options.operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return { cost: 0, expensive: {} };
  return { cost: selectionCost(walk, operation.selectionSet, root, 1, new Set()), expensive: walk.expensive };
}
