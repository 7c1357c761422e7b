// lib/http/client-address.ts and lib/http/peer-server.ts: the client address is the TCP peer,
// X-Forwarded-For counts only from a trusted proxy, and no client-sent header can choose it.
import { spawnSync } from "node:child_process";
import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressOf,
  MAX_FORWARDED_HOPS,
  MAX_TRUSTED_PROXIES,
  normalizeAddress,
  PEER_ADDRESS_HEADER,
  peerServerRunning,
  resolveClientAddress,
  trustedProxies,
  withClientAddress,
} from "@/lib/http/client-address";
import { createPeerServer, KEEP_ALIVE_TIMEOUT_MS } from "@/lib/http/peer-server";

const PROXY = "10.0.0.2";
const trusted = new Set([PROXY, "10.0.0.3"]);

describe("resolveClientAddress", () => {
  it("is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", trusted)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", new Set())).toBe("203.0.113.7");
  });

  it("from a trusted proxy, is the rightmost forwarded hop that is not a trusted proxy", () => {
    expect(resolveClientAddress(PROXY, "198.51.100.1", trusted)).toBe("198.51.100.1");
    // The client forged the left part; the proxy appended what it saw.
    expect(resolveClientAddress(PROXY, "1.2.3.4, 198.51.100.1", trusted)).toBe("198.51.100.1");
    // Two proxies in a row.
    expect(resolveClientAddress(PROXY, "1.2.3.4, 198.51.100.1, 10.0.0.3", trusted)).toBe("198.51.100.1");
  });

  it("stops at the last trusted address on a malformed hop or a chain of proxies only", () => {
    expect(resolveClientAddress(PROXY, "198.51.100.1, not-an-ip", trusted)).toBe(PROXY);
    expect(resolveClientAddress(PROXY, "not-an-ip, 10.0.0.3", trusted)).toBe("10.0.0.3");
    expect(resolveClientAddress(PROXY, "10.0.0.3", trusted)).toBe("10.0.0.3");
    expect(resolveClientAddress(PROXY, null, trusted)).toBe(PROXY);
  });

  it("reads at most MAX_FORWARDED_HOPS hops of a long chain", () => {
    const chain = [...Array(10_000).keys()].map(() => "10.0.0.3").join(", ");
    expect(resolveClientAddress(PROXY, `198.51.100.1, ${chain}`, trusted)).toBe("10.0.0.3");
    expect(MAX_FORWARDED_HOPS).toBe(32);
  });

  it("normalises IPv4-mapped IPv6 and case, and knows no address without a peer", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("localhost")).toBeNull();
    expect(resolveClientAddress("::ffff:10.0.0.2", "198.51.100.1", trusted)).toBe("198.51.100.1");
    expect(resolveClientAddress(null, "198.51.100.1", trusted)).toBeNull();
  });

  it("reads $CIRCUITBOARD_TRUSTED_PROXIES as comma-separated IPs, dropping anything else", () => {
    expect([...trustedProxies(" 10.0.0.2, ::ffff:10.0.0.3 ,garbage,,10.0.0.0/8")]).toEqual(["10.0.0.2", "10.0.0.3"]);
    expect(trustedProxies(undefined).size).toBe(0);
  });

  it("accepts MAX_TRUSTED_PROXIES entries and refuses one more, naming the variable and the bound", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `10.1.${i >> 8}.${i & 255}`).join(",");
    expect(trustedProxies(list(MAX_TRUSTED_PROXIES)).size).toBe(MAX_TRUSTED_PROXIES);
    // Blank entries (a trailing comma) do not count.
    expect(trustedProxies(`${list(MAX_TRUSTED_PROXIES)},,`).size).toBe(MAX_TRUSTED_PROXIES);
    expect(() => trustedProxies(list(MAX_TRUSTED_PROXIES + 1))).toThrow(new RangeError(`CIRCUITBOARD_TRUSTED_PROXIES: at most ${MAX_TRUSTED_PROXIES} entries (MAX_TRUSTED_PROXIES)`));
  });

  it("makes scripts/serve.ts refuse to start with MAX_TRUSTED_PROXIES + 1 entries, saying why", () => {
    const proxies = Array.from({ length: MAX_TRUSTED_PROXIES + 1 }, (_, i) => `10.2.0.${i}`).join(",");
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", "1"], {
      env: { ...process.env, CIRCUITBOARD_TRUSTED_PROXIES: proxies },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`[circuitboard] CIRCUITBOARD_TRUSTED_PROXIES: at most ${MAX_TRUSTED_PROXIES} entries (MAX_TRUSTED_PROXIES)`);
  });
});

describe("the peer address header", () => {
  it("is not believed in a process that no peer server stamps (bare next start)", () => {
    expect(peerServerRunning()).toBe(false);
    const forged = new Headers({ [PEER_ADDRESS_HEADER]: "198.51.100.99", "x-forwarded-for": "198.51.100.98" });
    expect(clientAddressOf(forged, trusted)).toBeNull();
    // …and a client's own CLIENT_ADDRESS_HEADER is removed before better-auth sees the request.
    const request = withClientAddress(new Request("http://localhost/api/auth/sign-in/email", { headers: { [CLIENT_ADDRESS_HEADER]: "198.51.100.97" } }), trusted);
    expect(request.headers.get(CLIENT_ADDRESS_HEADER)).toBeNull();
  });

  it("is overwritten by the peer server with the socket's address, whatever the client sent", async () => {
    let seen: string | string[] | undefined;
    const server = createPeerServer((req, res) => {
      seen = req.headers[PEER_ADDRESS_HEADER];
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: "/", headers: { [PEER_ADDRESS_HEADER]: "198.51.100.99" } }, (res) => {
          res.resume();
          res.on("end", resolve);
        });
        req.on("error", reject);
        req.end();
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toBe("127.0.0.1");
    expect(peerServerRunning()).toBe(true);
    const stamped = new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "198.51.100.1" });
    expect(clientAddressOf(stamped, trusted)).toBe("203.0.113.7");
    const request = withClientAddress(new Request("http://localhost/api/auth/sign-in/email", { method: "POST", headers: stamped, body: "{}" }), trusted);
    expect(request.headers.get(CLIENT_ADDRESS_HEADER)).toBe("203.0.113.7");
    expect(await request.text()).toBe("{}");
  });

  it(`keeps idle keep-alive connections for KEEP_ALIVE_TIMEOUT_MS (${KEEP_ALIVE_TIMEOUT_MS} ms), not Node's 5 s, and says so to the client`, async () => {
    const server = createPeerServer((_req, res) => res.end("ok"));
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.headersTimeout).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const agent = new Agent({ keepAlive: true });
    try {
      const { port } = server.address() as AddressInfo;
      const header = await new Promise<string | string[] | undefined>((resolve, reject) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.headers["keep-alive"]));
        });
        req.on("error", reject);
        req.end();
      });
      expect(header).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
