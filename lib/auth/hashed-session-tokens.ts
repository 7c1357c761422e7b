// Session tokens at rest: better-auth 1.7 stores the session token (the secret the cookie carries) in
// Session.token as is, and has no option to hash it, so its database adapter is wrapped here.
// Rules: every `token` value written to or looked up in the Session table — create data, update
// data, `where` values (eq and in) of every operation — is replaced by its SHA-256 (hex), so the
// table never holds a usable credential; a stored digest presented as a token is hashed again, so
// a leaked table (with or without the auth secret) signs nobody in. What better-auth reads back
// carries the plaintext token it knows (the one it created or looked up by), because it re-signs the
// cookie from `session.token`; rows listed by another field (list-sessions) carry only the digest,
// so the endpoints that would act on those (/revoke-session, /revoke-other-sessions) are disabled
// in lib/auth/auth.ts — signing out everywhere is /revoke-sessions, by account.
import type { BetterAuthOptions, DBAdapter, DBTransactionAdapter, Where } from "better-auth";
import { hashSecret } from "./secrets";

const SESSION_MODEL = "session";
const TOKEN_FIELD = "token";

/** better-auth endpoints that act on tokens read back from a list, which holds only digests. */
export const ENDPOINTS_NEEDING_LISTED_TOKENS = ["/revoke-session", "/revoke-other-sessions"];

function hashWhere(where: Where[] | undefined): Where[] | undefined {
  return where?.map((clause) => {
    if (clause.field !== TOKEN_FIELD) return clause;
    const value = clause.value;
    if (typeof value === "string") return { ...clause, value: hashSecret(value) };
    if (Array.isArray(value)) return { ...clause, value: value.map((v) => (typeof v === "string" ? hashSecret(v) : v)) } as Where;
    return clause;
  });
}

function hashData<T extends Record<string, unknown>>(data: T): T {
  return typeof data[TOKEN_FIELD] === "string" ? { ...data, [TOKEN_FIELD]: hashSecret(data[TOKEN_FIELD] as string) } : data;
}

/** The plaintext tokens a `where` names, by digest, to put back into the rows read. */
function plaintextsOf(where: Where[] | undefined, data?: Record<string, unknown>): Map<string, string> {
  const known = new Map<string, string>();
  const add = (v: unknown) => typeof v === "string" && known.set(hashSecret(v), v);
  for (const clause of where ?? []) {
    if (clause.field !== TOKEN_FIELD) continue;
    if (Array.isArray(clause.value)) clause.value.forEach(add);
    else add(clause.value);
  }
  if (data) add(data[TOKEN_FIELD]);
  return known;
}

function restore<T>(row: T, known: Map<string, string>): T {
  if (!row || typeof row !== "object") return row;
  const stored = (row as Record<string, unknown>)[TOKEN_FIELD];
  const plain = typeof stored === "string" ? known.get(stored) : undefined;
  return plain === undefined ? row : { ...row, [TOKEN_FIELD]: plain };
}

function wrap<A extends DBTransactionAdapter>(adapter: A): A {
  const isSession = (model: string) => model === SESSION_MODEL;
  return {
    ...adapter,
    create: async (args) => {
      if (!isSession(args.model)) return adapter.create(args);
      const known = plaintextsOf(undefined, args.data as Record<string, unknown>);
      return restore(await adapter.create({ ...args, data: hashData(args.data as Record<string, unknown>) as typeof args.data }), known);
    },
    findOne: async (args) => {
      if (!isSession(args.model)) return adapter.findOne(args);
      return restore(await adapter.findOne({ ...args, where: hashWhere(args.where)! }), plaintextsOf(args.where));
    },
    findMany: async (args) => {
      if (!isSession(args.model)) return adapter.findMany(args);
      const known = plaintextsOf(args.where);
      return (await adapter.findMany({ ...args, where: hashWhere(args.where) })).map((row) => restore(row, known));
    },
    count: (args) => adapter.count(isSession(args.model) ? { ...args, where: hashWhere(args.where) } : args),
    update: async (args) => {
      if (!isSession(args.model)) return adapter.update(args);
      const known = plaintextsOf(args.where, args.update);
      return restore(await adapter.update({ ...args, where: hashWhere(args.where)!, update: hashData(args.update) }), known);
    },
    updateMany: (args) => adapter.updateMany(isSession(args.model) ? { ...args, where: hashWhere(args.where)!, update: hashData(args.update) } : args),
    delete: (args) => adapter.delete(isSession(args.model) ? { ...args, where: hashWhere(args.where)! } : args),
    deleteMany: (args) => adapter.deleteMany(isSession(args.model) ? { ...args, where: hashWhere(args.where)! } : args),
    consumeOne: async (args) => {
      if (!isSession(args.model)) return adapter.consumeOne(args);
      return restore(await adapter.consumeOne({ ...args, where: hashWhere(args.where)! }), plaintextsOf(args.where));
    },
    incrementOne: async (args) => {
      if (!isSession(args.model)) return adapter.incrementOne(args);
      const set = args.set ? hashData(args.set) : undefined;
      return restore(await adapter.incrementOne({ ...args, where: hashWhere(args.where)!, set }), plaintextsOf(args.where, args.set));
    },
  };
}

/** `factory` (e.g. prismaAdapter(db, …)) with session tokens stored as SHA-256, transactions included. */
export function withHashedSessionTokens(factory: (options: BetterAuthOptions) => DBAdapter<BetterAuthOptions>): (options: BetterAuthOptions) => DBAdapter<BetterAuthOptions> {
  return (options) => {
    const adapter = factory(options);
    return { ...wrap(adapter), transaction: (callback) => adapter.transaction((trx) => callback(wrap(trx))) };
  };
}
