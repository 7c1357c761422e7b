// The shape of one role-matrix entry (tests/graphql/role-matrix.test.ts explains the rule). An entry
// names the schema fields it covers, gives one operation, builds its variables from the fixture world
// (creating fresh objects when the operation changes or deletes them) and says, per role, what must
// come back.
import { parse, type OperationDefinitionNode } from "graphql";
import type { World } from "./world";

/** Who asks, with an outcome written per case: the team's three roles, an account of another team, nobody, and a revoked API token. */
export const WRITTEN_ROLES = ["OWNER", "EDITOR", "VIEWER", "OUTSIDER", "ANON", "REVOKED"] as const;
/**
 * The OWNER through live API tokens, whose outcomes follow from the OWNER's by the scope rule
 * (lib/auth/scopes.ts, README): TOKEN has the default scopes READ and WRITE, so it is refused
 * createApiToken and revokeApiToken (TOKENS) with FORBIDDEN; READ_TOKEN has READ only, so every
 * mutation is FORBIDDEN. Queries and subscriptions answer as to the OWNER.
 */
export const TOKEN_ROLES = ["TOKEN", "READ_TOKEN"] as const;
/**
 * SHARE: a signed-out request holding a finding's live share token (World.findings.shareToken),
 * which the sharedFinding cases pass as their argument. It may read that finding through
 * sharedFinding and nothing else: its outcome is ANON's unless a case says otherwise (`share`).
 */
export const SHARE_ROLE = "SHARE" as const;
export const ROLES = [...WRITTEN_ROLES, ...TOKEN_ROLES, SHARE_ROLE] as const;
export type MatrixRole = (typeof ROLES)[number];
export type TokenRole = (typeof TOKEN_ROLES)[number];

export const ERROR_CODES = ["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * `ok`: no error and a non-null value at the entry's path (a list may be empty);
 * `some`: no error and a non-empty list (or a non-null value) at the path;
 * `none`: no error and null (or an empty list) at the path or at one of its parents — hidden;
 * an error code: exactly one error, with that `extensions.code`.
 */
export type Outcome = "ok" | "some" | "none" | ErrorCode;

export interface MatrixCase {
  /** The fields this operation exercises ("Type.field"); the first one names the case. */
  covers: string[];
  /** Told apart from other cases of the same field (e.g. "PRIVATE model"). */
  variant?: string;
  /** One query, mutation or subscription. */
  query: string;
  /** Variables; may create fresh rows (before the row counts are taken). */
  variables?: (w: World, role: MatrixRole) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Where in `data` the outcome is read (default: the first covered root field, by its name). */
  path?: string[];
  /**
   * Outcomes in ROLES order, space-separated: "OWNER EDITOR VIEWER OUTSIDER ANON REVOKED"; with four,
   * ANON and REVOKED are both UNAUTHENTICATED.
   */
  expect: string;
  /** The SHARE role's outcome, when it is not ANON's (only the share token's own field). */
  share?: Outcome;
  /** Runs after every other case (starts background work that writes rows). */
  last?: boolean;
}

function operationOf(query: string): OperationDefinitionNode {
  const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
  if (!op) throw new Error(`role matrix: no operation in ${query}`);
  return op;
}

export function operationKind(query: string): OperationDefinitionNode["operation"] {
  return operationOf(query).operation;
}

/** The scopes a token needs for the operation: READ for queries and subscriptions, else per root field. */
function neededScopes(query: string): Set<string> {
  const op = operationOf(query);
  if (op.operation !== "mutation") return new Set(["READ"]);
  const fields = op.selectionSet.selections.flatMap((s) => (s.kind === "Field" ? [s.name.value] : []));
  return new Set(fields.map((f) => (f === "createApiToken" || f === "revokeApiToken" ? "TOKENS" : "WRITE")));
}

const TOKEN_SCOPES: Record<TokenRole, string[]> = { TOKEN: ["READ", "WRITE"], READ_TOKEN: ["READ"] };

/** The outcome per role of a case's `expect` string (and, for the token roles, of the scope rule). */
export function outcomesOf(c: MatrixCase): Record<MatrixRole, Outcome> {
  const words = c.expect.trim().split(/\s+/);
  if (words.length === 4) words.push("UNAUTHENTICATED", "UNAUTHENTICATED");
  if (words.length !== WRITTEN_ROLES.length) throw new Error(`role matrix: ${caseName(c)} expects ${words.length} outcomes, not 4 or 6`);
  const valid = new Set<string>(["ok", "some", "none", ...ERROR_CODES]);
  for (const w of words) if (!valid.has(w)) throw new Error(`role matrix: ${caseName(c)} has an unknown outcome ${w}`);
  const out = Object.fromEntries(WRITTEN_ROLES.map((r, i) => [r, words[i] as Outcome])) as Record<MatrixRole, Outcome>;
  const needed = [...neededScopes(c.query)];
  for (const role of TOKEN_ROLES) out[role] = needed.every((s) => TOKEN_SCOPES[role].includes(s)) ? out.OWNER : "FORBIDDEN";
  if (c.share !== undefined && !valid.has(c.share)) throw new Error(`role matrix: ${caseName(c)} has an unknown share outcome ${c.share}`);
  out.SHARE = c.share ?? out.ANON;
  return out;
}

export function caseName(c: MatrixCase): string {
  return c.variant ? `${c.covers[0]} (${c.variant})` : c.covers[0];
}

/** Reads of a model-scoped field through `model(id)`, on the PRIVATE model (only its uploader, the editor, and the OWNER may read it). */
export const PRIVATE_READ = "ok ok none none";
/** The same on the PUBLIC model: every account reads it, and so does a signed-out visitor (lib/auth/policy). */
export const PUBLIC_READ = "ok ok ok ok ok ok";
/** On the PUBLIC model, what only a signed-in reader may do (follow its live activity, re-check its claims). */
export const SIGNED_IN_PUBLIC_READ = "ok ok ok ok";
/** A write on a TEAM model: EDITORs and OWNERs; a VIEWER is refused; a non-member never learns it exists. */
export const TEAM_WRITE = "ok ok FORBIDDEN NOT_FOUND";
/** An OWNER-only act on the team: the others are refused, a non-member never learns it exists. */
export const OWNER_ONLY = "ok FORBIDDEN FORBIDDEN NOT_FOUND";
/** Something every signed-in account may do for itself. */
export const ANY_ACCOUNT = "ok ok ok ok";
