// The per-account rate limit on expensive work: how many analyses (fields of graphql/cost.ts weight
// ≥ EXPENSIVE_WEIGHT that are not answered from the cache) one account — or one client address
// when signed out — may start per minute. Rules: a cached result is free (the cost limit bounds
// how many a request reads); a computation over the limit is refused before it starts with a
// RATE_LIMITED error saying when to retry; a response whose every answer was refused so is HTTP 429
// with Retry-After. The window slides (the last 60 s), per process.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphQLContext } from "./context";

/** Analyses one account may start per minute, unless $CIRCUITBOARD_EXPENSIVE_PER_MINUTE says otherwise. */
export const EXPENSIVE_PER_MINUTE = 20;
/** The sliding window. */
export const RATE_WINDOW_MS = 60_000;
/** Most accounts/addresses tracked at once (the least recently seen are dropped first). */
export const RATE_MAX_KEYS = 10_000;

export const RATE_LIMITED = "RATE_LIMITED";

/** The limit in force: $CIRCUITBOARD_EXPENSIVE_PER_MINUTE (a whole number ≥ 0), else EXPENSIVE_PER_MINUTE. */
export function expensivePerMinute(): number {
  const raw = process.env.CIRCUITBOARD_EXPENSIVE_PER_MINUTE?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : EXPENSIVE_PER_MINUTE;
}

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

/** A sliding-window log limiter: at most `limit` takes per key in any `windowMs`. */
export class SlidingWindowLimiter {
  private readonly log = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number = RATE_WINDOW_MS,
    private readonly maxKeys: number = RATE_MAX_KEYS,
  ) {}

  take(key: string, now: number = Date.now()): Take {
    const times = (this.log.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.log.delete(key);
    if (times.length >= this.limit) {
      if (times.length) this.log.set(key, times);
      return { ok: false, retryAfterMs: times.length ? times[0] + this.windowMs - now : this.windowMs };
    }
    times.push(now);
    this.log.set(key, times);
    while (this.log.size > this.maxKeys) this.log.delete(this.log.keys().next().value as string);
    return { ok: true };
  }
}

/** Whom a request's work is charged to: its account, else its client address. */
export function principalOf(context: Pick<GraphQLContext, "actor" | "clientAddress">): string {
  return context.actor ? `user:${context.actor.userId}` : `ip:${context.clientAddress ?? "unknown"}`;
}

/** The error of a refused analysis (`field` is "Type.field"). */
export function rateLimitedError(field: string, limit: number, retryAfterMs: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(`Too many analyses: at most ${limit} per minute per account (${field} needs one). Retry in ${retryAfterSeconds} s.`, {
    extensions: { code: RATE_LIMITED, retryAfterSeconds },
  });
}

/**
 * Charges one analysis of `field` to the request's principal, or throws RATE_LIMITED. Called by
 * lib/analysis (through the resolvers' `beforeCompute`) only when a result must be computed.
 */
export function chargeExpensive(context: GraphQLContext, field: string): void {
  context.quota?.(field);
}

/** The `beforeCompute` option lib/analysis takes, charging a computation of `field` ("Type.field"). */
export const charge = (context: GraphQLContext, field: string) => ({ beforeCompute: () => chargeExpensive(context, field) });

/** Whether a response value holds any answer: a non-null leaf somewhere (objects and lists searched). */
function holdsAnswer(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.some(holdsAnswer);
  if (typeof value === "object") return Object.values(value).some(holdsAnswer);
  return true;
}

/** Seconds to wait when every error is RATE_LIMITED and the data holds no answer; else undefined. */
function wholeRequestRefused(data: Record<string, unknown> | null | undefined, errors: readonly GraphQLError[] | undefined): number | undefined {
  if (!errors?.length || !errors.every((e) => e.extensions?.code === RATE_LIMITED)) return undefined;
  if (holdsAnswer(data)) return undefined;
  return Math.max(...errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 1));
}

/** Installs the per-request `quota` in the context and answers 429 when the limit refused everything. */
export function rateLimitPlugin(limiter: SlidingWindowLimiter = new SlidingWindowLimiter(expensivePerMinute())): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ contextValue }) {
      const principal = principalOf(contextValue);
      contextValue.quota = (field: string) => {
        const taken = limiter.take(principal);
        if (!taken.ok) throw rateLimitedError(field, limiter.limit, taken.retryAfterMs);
      };
      return {
        async willSendResponse({ response, errors }) {
          if (response.body.kind !== "single") return;
          const retryAfter = wholeRequestRefused(response.body.singleResult.data, errors);
          if (retryAfter === undefined) return;
          response.http.status = 429;
          response.http.headers.set("retry-after", String(retryAfter));
        },
      };
    },
  };
}
