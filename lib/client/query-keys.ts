// The one query-key factory for TanStack Query. Rule: every useQuery/invalidate in the app takes
// its key from here, so an invalidation after a mutation can never miss a differently spelt key.

export const queryKeys = {
  all: ["circuitboard"] as const,
  me: () => [...queryKeys.all, "me"] as const,
  teams: () => [...queryKeys.all, "teams"] as const,
  team: (slug: string) => [...queryKeys.teams(), slug] as const,
  models: () => [...queryKeys.all, "models"] as const,
  modelList: (teamId: string | null, search: string) => [...queryKeys.models(), "list", { teamId, search }] as const,
  model: (id: string) => [...queryKeys.models(), "detail", id] as const,
  tokens: () => [...queryKeys.all, "tokens"] as const,
  /** Everything a model's live activity can change: annotations, votes, comments, claims, labels. */
  collab: (id: string) => [...queryKeys.model(id), "collab"] as const,
  headAnnotations: (id: string, head: string) => [...queryKeys.collab(id), "head", head] as const,
  headConsensus: (id: string) => [...queryKeys.collab(id), "consensus"] as const,
  /** A part of one annotation loaded on demand ("revisions", "comments"). */
  annotationPart: (id: string, annotationId: string, part: string) => [...queryKeys.collab(id), "annotation", annotationId, part] as const,
  /** The team, its members and the taxonomy: changed by LABEL events only. */
  collabContext: (id: string) => [...queryKeys.model(id), "collab-context"] as const,
  viewers: (id: string) => [...queryKeys.model(id), "viewers"] as const,
  /** The stored results an annotation's evidence may cite (read when the form's evidence is opened). */
  evidenceSources: (id: string) => [...queryKeys.model(id), "evidence-sources"] as const,
  notifications: () => [...queryKeys.all, "notifications"] as const,
  /** A model's findings (lists and single findings): changed by FINDING events. */
  findings: (id: string) => [...queryKeys.model(id), "findings"] as const,
  /** One head search, by its URL query. */
  headSearch: (query: string) => [...queryKeys.all, "head-search", query] as const,
};
