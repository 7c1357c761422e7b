// lib/auth/actor-cache: TTL, bound, sharing of concurrent lookups, and forgetting (including a
// lookup that was in flight when the credential was forgotten).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ACTOR_CACHE_MAX_ENTRIES,
  ACTOR_CACHE_TTL_MS,
  actorCacheSize,
  cachedActor,
  forgetAll,
  forgetToken,
  forgetUser,
  type ActorLookup,
} from "@/lib/auth/actor-cache";
import type { Actor } from "@/lib/auth/policy";

const ada: Actor = { userId: "u-ada", email: "ada@example.org", name: "Ada", via: "token", tokenId: "t1" };
const bob: Actor = { userId: "u-bob", email: "bob@example.org", name: "Bob", via: "session" };

/** A loader that counts its calls and answers `found`. */
function loader(found: ActorLookup | null) {
  const load = vi.fn(async () => found);
  return load;
}

beforeEach(() => forgetAll());
afterEach(() => {
  vi.useRealTimers();
  delete process.env.CIRCUITBOARD_ACTOR_CACHE_TTL_MS;
});

describe("cachedActor", () => {
  it("looks a credential up once within the TTL and again after it", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const load = loader({ actor: ada });
    expect(await cachedActor("k1", "h1", load)).toEqual(ada);
    vi.setSystemTime(1_000_000 + ACTOR_CACHE_TTL_MS - 1);
    expect(await cachedActor("k1", "h1", load)).toEqual(ada);
    expect(load).toHaveBeenCalledTimes(1);
    vi.setSystemTime(1_000_000 + ACTOR_CACHE_TTL_MS);
    expect(await cachedActor("k1", "h1", load)).toEqual(ada);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never keeps an entry past the credential's own expiry", async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const load = loader({ actor: bob, expiresAt: new Date(2_000_000 + 500) });
    await cachedActor("k2", "h2", load);
    vi.setSystemTime(2_000_000 + 500);
    await cachedActor("k2", "h2", load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("does not cache a failed lookup (unknown tokens cannot fill the cache)", async () => {
    const load = loader(null);
    expect(await cachedActor("k3", "h3", load)).toBeNull();
    expect(await cachedActor("k3", "h3", load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
    expect(actorCacheSize()).toBe(0);
  });

  it("shares one lookup among concurrent requests with the same credential", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = vi.fn(async () => {
      await gate;
      return { actor: ada };
    });
    const all = Promise.all(Array.from({ length: 50 }, () => cachedActor("k4", "h4", load)));
    release();
    expect(new Set((await all).map((a) => a?.userId))).toEqual(new Set([ada.userId]));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("holds at most ACTOR_CACHE_MAX_ENTRIES, dropping the least recently used", async () => {
    const load = loader({ actor: ada });
    await cachedActor("first", "hf", load);
    for (let i = 0; i < ACTOR_CACHE_MAX_ENTRIES; i++) await cachedActor(`fill-${i}`, `h-${i}`, load);
    expect(actorCacheSize()).toBe(ACTOR_CACHE_MAX_ENTRIES);
    const before = load.mock.calls.length;
    await cachedActor("first", "hf", load);
    expect(load.mock.calls.length).toBe(before + 1);
  });

  it("is off when $CIRCUITBOARD_ACTOR_CACHE_TTL_MS is 0", async () => {
    process.env.CIRCUITBOARD_ACTOR_CACHE_TTL_MS = "0";
    const load = loader({ actor: ada });
    await cachedActor("k5", "h5", load);
    await cachedActor("k5", "h5", load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe("forgetting", () => {
  it("forgetToken drops the entries of that credential only", async () => {
    const load = loader({ actor: ada });
    await cachedActor("session:signed-1", "secret-1", load);
    await cachedActor("session:signed-2", "secret-2", load);
    forgetToken("secret-1");
    await cachedActor("session:signed-1", "secret-1", load);
    await cachedActor("session:signed-2", "secret-2", load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("forgetUser drops every credential of that account and no other", async () => {
    const adaLoad = loader({ actor: ada });
    const bobLoad = loader({ actor: bob });
    await cachedActor("a1", "ha1", adaLoad);
    await cachedActor("a2", "ha2", adaLoad);
    await cachedActor("b1", "hb1", bobLoad);
    forgetUser(ada.userId);
    await cachedActor("a1", "ha1", adaLoad);
    await cachedActor("a2", "ha2", adaLoad);
    await cachedActor("b1", "hb1", bobLoad);
    expect(adaLoad).toHaveBeenCalledTimes(4);
    expect(bobLoad).toHaveBeenCalledTimes(1);
  });

  it("a lookup in flight when its credential is forgotten is not stored, and later requests look up afresh", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stale = vi.fn(async () => {
      await gate;
      return { actor: ada };
    });
    const racing = cachedActor("k6", "h6", stale);
    forgetToken("h6");
    const revoked = loader(null);
    // A request after the revocation does not join the stale lookup.
    expect(await cachedActor("k6", "h6", revoked)).toBeNull();
    release();
    expect(await racing).toEqual(ada);
    expect(await cachedActor("k6", "h6", revoked)).toBeNull();
    expect(revoked).toHaveBeenCalledTimes(2);
    expect(actorCacheSize()).toBe(0);
  });
});

describe("one cache per process", () => {
  it("is shared by every copy of the module (Next bundles each route with its own copy)", async () => {
    const load = loader({ actor: ada });
    await cachedActor("shared", "h-shared", load);
    vi.resetModules();
    const copy = await import("@/lib/auth/actor-cache");
    expect(copy.cachedActor).not.toBe(cachedActor);
    expect(await copy.cachedActor("shared", "h-shared", load)).toEqual(ada);
    expect(load).toHaveBeenCalledTimes(1);
    // A forget through the other copy is seen here.
    copy.forgetToken("h-shared");
    await cachedActor("shared", "h-shared", load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
