// A short-lived in-memory cache of who a credential stands for (API token or session cookie), so a
// burst of requests with one credential costs one database lookup, not one each.
// Rules: an entry lives at most ACTOR_CACHE_TTL_MS (and never past the credential's own expiry);
// at most ACTOR_CACHE_MAX_ENTRIES are kept (least recently used dropped first); only successful
// lookups are cached (an unknown token costs a lookup each time, so garbage cannot evict real
// entries); `forgetToken` / `forgetUser` drop entries at once and also discard any lookup still in
// flight, so a revocation, sign-out or password change is never undone by a racing request.
// The staleness bound across app instances is the TTL: another instance forgets on its own expiry.
import type { Actor } from "./policy";

/** Default lifetime of a cached actor: 10 s. */
export const ACTOR_CACHE_TTL_MS = 10_000;
/** Most credentials cached at once. */
export const ACTOR_CACHE_MAX_ENTRIES = 10_000;

/** The TTL in force: $CIRCUITBOARD_ACTOR_CACHE_TTL_MS (0 disables the cache), else ACTOR_CACHE_TTL_MS. */
export function actorCacheTtlMs(): number {
  const raw = process.env.CIRCUITBOARD_ACTOR_CACHE_TTL_MS;
  if (raw === undefined || raw.trim() === "") return ACTOR_CACHE_TTL_MS;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 5 * 60_000) : ACTOR_CACHE_TTL_MS;
}

/** What a lookup found: the actor, and when the credential itself stops being valid (if known). */
export interface ActorLookup {
  actor: Actor;
  expiresAt?: Date | null;
}

interface Entry {
  actor: Actor;
  /** sha256 hex of the credential's secret (API token secret or session token) for `forgetToken`. */
  tokenHash: string;
  expires: number;
}

interface CacheState {
  entries: Map<string, Entry>;
  inflight: Map<string, Promise<Actor | null>>;
  /** Bumped by every forget: a lookup started before it must not store what it found. */
  epoch: number;
}

// On globalThis, so every copy of this module in the process (Next bundles each route on its own,
// dev reloads re-evaluate it) shares one cache: a token revoked through /api/graphql is forgotten
// for /api/models and /api/events too.
const globalForCache = globalThis as unknown as { __circuitboardActorCache?: CacheState };
const state: CacheState = (globalForCache.__circuitboardActorCache ??= { entries: new Map(), inflight: new Map(), epoch: 0 });
const { entries, inflight } = state;

function fresh(key: string, now: number): Entry | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.expires <= now) {
    entries.delete(key);
    return undefined;
  }
  // Map order is insertion order: re-inserting marks the entry most recently used.
  entries.delete(key);
  entries.set(key, entry);
  return entry;
}

function store(key: string, tokenHash: string, found: ActorLookup, ttl: number): void {
  const expiry = found.expiresAt ? found.expiresAt.getTime() : Infinity;
  const expires = Math.min(Date.now() + ttl, expiry);
  if (expires <= Date.now()) return;
  entries.delete(key);
  entries.set(key, { actor: found.actor, tokenHash, expires });
  while (entries.size > ACTOR_CACHE_MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

/**
 * The actor for a credential: from the cache when a fresh entry exists, else from `load` (shared by
 * concurrent callers with the same key). `key` identifies the exact credential presented (e.g. the
 * sha256 of the signed cookie value); `tokenHash` is the sha256 of its secret, which `forgetToken`
 * matches. A `load` returning null is not cached.
 */
export async function cachedActor(key: string, tokenHash: string, load: () => Promise<ActorLookup | null>): Promise<Actor | null> {
  const ttl = actorCacheTtlMs();
  if (ttl === 0) return (await load())?.actor ?? null;
  const hit = fresh(key, Date.now());
  if (hit) return hit.actor;
  const pending = inflight.get(key);
  if (pending) return pending;
  const started = state.epoch;
  const run = load()
    .then((found) => {
      if (!found) return null;
      if (state.epoch === started) store(key, tokenHash, found, ttl);
      return found.actor;
    })
    .finally(() => {
      if (inflight.get(key) === run) inflight.delete(key);
    });
  inflight.set(key, run);
  return run;
}

/** Drops every cached entry of this credential (sha256 hex of the token secret or session token). */
export function forgetToken(tokenHash: string): void {
  state.epoch++;
  inflight.clear();
  for (const [key, entry] of entries) if (entry.tokenHash === tokenHash || key === tokenHash) entries.delete(key);
}

/** Drops every cached credential of this account (sign-out everywhere, password change, deletion). */
export function forgetUser(userId: string): void {
  state.epoch++;
  inflight.clear();
  for (const [key, entry] of entries) if (entry.actor.userId === userId) entries.delete(key);
}

/** Empties the cache (tests; a process that changed many accounts at once). */
export function forgetAll(): void {
  state.epoch++;
  inflight.clear();
  entries.clear();
}

/** How many credentials are cached now (tests and diagnostics). */
export function actorCacheSize(): number {
  return entries.size;
}
