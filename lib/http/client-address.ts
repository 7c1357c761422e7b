// The address of the client behind a request, for rate limits: the TCP peer, and X-Forwarded-For
// only when that peer is a proxy listed in $CIRCUITBOARD_TRUSTED_PROXIES (comma-separated IPs).
// Rules: the peer comes from PEER_ADDRESS_HEADER, which lib/http/peer-server.ts overwrites on every
// request with the socket's remote address — it is believed only in a process where that server
// runs (a flag on globalThis), so under bare `next start` a client cannot forge it; the forwarded
// chain is walked from the right, skipping trusted proxies, and the first other hop is the client;
// a malformed hop stops the walk at the last trusted address (never a client-chosen value).
import { isIP } from "node:net";

/** Set by lib/http/peer-server.ts to the socket's remote address, replacing any client value. */
export const PEER_ADDRESS_HEADER = "x-circuitboard-peer-address";
/** Set by the auth route to the resolved client address for better-auth (advanced.ipAddress). */
export const CLIENT_ADDRESS_HEADER = "x-circuitboard-client-address";
/** Most X-Forwarded-For hops read (a longer chain is cut from the left, the client's end). */
export const MAX_FORWARDED_HOPS = 32;
/** Most entries $CIRCUITBOARD_TRUSTED_PROXIES may list; more is a configuration error (the server refuses to start). */
export const MAX_TRUSTED_PROXIES = 64;

const globalForPeer = globalThis as unknown as { __circuitboardPeerServer?: boolean };

/** Marks this process as served by lib/http/peer-server.ts, so PEER_ADDRESS_HEADER is believed. */
export function markPeerServer(): void {
  globalForPeer.__circuitboardPeerServer = true;
}

/** Whether this process runs behind lib/http/peer-server.ts. */
export function peerServerRunning(): boolean {
  return globalForPeer.__circuitboardPeerServer === true;
}

/** `address` in one canonical form: IPv4-mapped IPv6 as IPv4, IPv6 lower-cased; null when it is no IP. */
export function normalizeAddress(address: string): string | null {
  let a = address.trim();
  if (a.startsWith("[") && a.endsWith("]")) a = a.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  const kind = isIP(a);
  if (kind === 4) return a;
  if (kind === 6) return a.toLowerCase();
  return null;
}

/**
 * The proxies whose X-Forwarded-For is believed: $CIRCUITBOARD_TRUSTED_PROXIES, invalid entries
 * dropped; a RangeError naming the variable and the bound when it lists more than MAX_TRUSTED_PROXIES.
 */
export function trustedProxies(raw: string | undefined = process.env.CIRCUITBOARD_TRUSTED_PROXIES): Set<string> {
  // An operator's variable (the environment bounds its size); blank entries do not count.
  const entries = (raw ?? "").split(",").filter((e) => e.trim() !== "");
  if (entries.length > MAX_TRUSTED_PROXIES) {
    throw new RangeError(`CIRCUITBOARD_TRUSTED_PROXIES: at most ${MAX_TRUSTED_PROXIES} entries (MAX_TRUSTED_PROXIES)`);
  }
  return new Set(entries.map(normalizeAddress).filter((a): a is string => a !== null));
}

/**
 * The client's address given the TCP peer and the X-Forwarded-For header: the peer itself unless it
 * is a trusted proxy, else the rightmost forwarded hop that is not a trusted proxy.
 */
export function resolveClientAddress(peer: string | null, forwardedFor: string | null, trusted: ReadonlySet<string>): string | null {
  const from = peer ? normalizeAddress(peer) : null;
  if (!from || !trusted.has(from) || !forwardedFor) return from;
  const hops = forwardedFor.split(",").slice(-MAX_FORWARDED_HOPS);
  let last = from;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) return last;
    if (!trusted.has(hop)) return hop;
    last = hop;
  }
  return last;
}

/** The peer address our server stamped on these headers, or null when no peer server runs here. */
export function peerAddressOf(headers: Headers): string | null {
  return peerServerRunning() ? headers.get(PEER_ADDRESS_HEADER) : null;
}

/** The client address of a request, by the rules above (null when no peer address is known). */
export function clientAddressOf(headers: Headers, trusted: ReadonlySet<string> = trustedProxies()): string | null {
  return resolveClientAddress(peerAddressOf(headers), headers.get("x-forwarded-for"), trusted);
}

/**
 * A copy of `request` whose CLIENT_ADDRESS_HEADER holds its resolved client address (removed when
 * none is known), whatever the client sent under that name.
 */
export function withClientAddress(request: Request, trusted?: ReadonlySet<string>): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddressOf(request.headers, trusted);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
  return new Request(request.url, { method: request.method, headers, body: hasBody ? request.body : undefined, signal: request.signal, ...(hasBody ? { duplex: "half" } : {}) } as RequestInit);
}
