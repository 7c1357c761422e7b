// `npm run bench:load`: the request path under load (issue 7 item 8, issue 8 item 6). For each
// database mode and server it prepares a fresh database (bench/load-setup.ts), starts the app — the
// production build when .next holds one, else `next dev`, and says so — and fires N concurrent keep-alive
// clients at /api/graphql for `{ apiVersion }` (signed out and with an API token) and for the
// overview's cached head-report query (API token), printing req/s, p50, p99 and the server's CPU
// milliseconds per request (user + system time of the server's process tree from /proc).
// Options: --db=embedded,postgres  --server=serve,next  --clients=100  --seconds=10  --warmup=2
// --only=<scenario text>  --agent=phase|shared  --profile=<dir> (runs the server with `node --cpu-prof`, and prints its top
// self-time functions at the end). --server: `serve` is `npm start`'s entry (scripts/serve.ts, which
// answers /api/graphql before Next), `next` is bare `next start` (every request through Next).
// Not a timed test: figures for docs/PERFORMANCE-LOAD.md.
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import path from "node:path";
import { HEAD_REPORT_QUERY } from "../app/models/[id]/head-report-query";
import { nextBin } from "../scripts/next-build";
import { summarizeCpuProfiles } from "./cpu-profile";
import { prepareDb, type BenchDb, type PreparedDb } from "./load-setup";

const root = process.cwd();

function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
}

const MODES = option("db", "embedded,postgres").split(",").filter(Boolean) as BenchDb[];
type BenchServer = "serve" | "next";
const SERVERS = option("server", "serve").split(",").filter(Boolean) as BenchServer[];
for (const server of SERVERS) if (server !== "serve" && server !== "next") throw new Error(`--server: serve or next, got ${server}`);
const CLIENTS = Number(option("clients", "100"));
const SECONDS = Number(option("seconds", "10"));
const WARMUP = Number(option("warmup", "2"));
const PROFILE_DIR = option("profile", "");
/** Only the scenarios whose name contains this (e.g. --only="head report"), for a profile of one. */
const ONLY = option("only", "");
/**
 * Keep-alive connections: "shared" (default, as runs A–C) keeps one pool per server, opened during
 * the first warm-up; "phase" opens a fresh pool for each warm-up and each measured run, so no
 * socket sits idle between phases (then each measured run includes opening CLIENTS connections).
 * Connection errors are counted by code and, on a reused socket, how long it had been idle
 * ("ECONNRESET (reused socket idle 5 s)"), which tells a server closing idle keep-alive sockets
 * (its 5 s keepAliveTimeout) from a reset of a busy connection.
 */
const AGENT = option("agent", "shared");
if (AGENT !== "phase" && AGENT !== "shared") throw new Error(`--agent: phase or shared, got ${AGENT}`);
const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
for (const mode of MODES) if (mode !== "embedded" && mode !== "postgres") throw new Error(`--db: embedded or postgres, got ${mode}`);
if (!(CLIENTS >= 1 && CLIENTS <= 1000 && SECONDS > 0 && SECONDS <= 600 && WARMUP >= 0)) throw new Error("--clients 1..1000, --seconds 1..600, --warmup ≥ 0");

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** user + system CPU seconds of `pid` and every process below it. */
function treeCpuSeconds(pid: number): number {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) start at index 2 (state).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = (p: number): boolean => {
    for (let q = p, hops = 0; q > 1 && hops < 64; q = parents.get(q) ?? 0, hops++) if (q === pid) return true;
    return false;
  };
  let total = 0;
  for (const [p, t] of ticks) if (inTree(p)) total += t;
  return total / CLK_TCK;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface Target {
  port: number;
  agent: http.Agent;
}

/** When each keep-alive socket last finished a response (to name how long a reset socket sat idle). */
const lastDone = new WeakMap<object, number>();

/** A connection error, named with whether it hit a reused keep-alive socket and how long that socket had been idle. */
class PostError extends Error {
  constructor(readonly code: string, readonly idleMs: number | null) {
    super(code);
  }
  get kind(): string {
    return this.idleMs === null ? this.code : `${this.code} (reused socket idle ${(this.idleMs / 1000).toFixed(0)} s)`;
  }
}

/** One POST /api/graphql; resolves with the status (the body is read and dropped). */
function post(target: Target, body: string, token: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
    if (token) headers.authorization = `Bearer ${token}`;
    let idleMs: number | null = null;
    let socket: object | null = null;
    const fail = (error: NodeJS.ErrnoException) => reject(new PostError(error.code ?? "error", req.reusedSocket ? idleMs : null));
    const req = http.request({ host: "127.0.0.1", port: target.port, path: "/api/graphql", method: "POST", headers, agent: target.agent }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => {
        if (socket) lastDone.set(socket, performance.now());
        resolve(res.statusCode ?? 0);
      });
      res.on("error", fail);
    });
    req.on("socket", (s) => {
      socket = s;
      const done = lastDone.get(s);
      idleMs = done === undefined ? null : performance.now() - done;
    });
    req.on("error", fail);
    req.end(body);
  });
}

async function waitForServer(target: Target, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
    try {
      if ((await post(target, JSON.stringify({ query: "{ apiVersion }" }), null)) === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error("the server did not answer within 180 s");
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Scenario {
  name: string;
  body: string;
  token: string | null;
}

interface Result {
  scenario: string;
  requests: number;
  /** Non-200 answers by status or connection error, e.g. "429×3 ECONNRESET×1" ("0" when none). */
  errors: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CLIENTS loops of back-to-back requests for `seconds`; latencies in ms. */
async function fire(server: Target, scenario: Scenario, seconds: number): Promise<{ latencies: number[]; errors: Map<string, number>; elapsed: number }> {
  const target: Target = AGENT === "phase" ? { port: server.port, agent: newAgent() } : server;
  const latencies: number[] = [];
  /** Non-200 answers by status (or the connection error's code). */
  const errors = new Map<string, number>();
  const count = (kind: string) => errors.set(kind, (errors.get(kind) ?? 0) + 1);
  const start = performance.now();
  const end = start + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const status = await post(target, scenario.body, scenario.token);
        if (status !== 200) count(String(status));
      } catch (error) {
        count(error instanceof PostError ? error.kind : "error");
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (performance.now() - start) / 1000;
  if (target !== server) target.agent.destroy();
  return { latencies, errors, elapsed };
}

async function measure(target: Target, serverPid: number, scenario: Scenario): Promise<Result> {
  if (WARMUP > 0) await fire(target, scenario, WARMUP);
  const cpu0 = treeCpuSeconds(serverPid);
  const { latencies, errors, elapsed } = await fire(target, scenario, SECONDS);
  const cpu = treeCpuSeconds(serverPid) - cpu0;
  const sorted = Float64Array.from(latencies).sort();
  return {
    scenario: scenario.name,
    requests: latencies.length,
    errors: [...errors].map(([kind, n]) => `${kind}×${n}`).join(" ") || "0",
    reqPerSec: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    cpuMsPerRequest: (cpu * 1000) / Math.max(1, latencies.length),
  };
}

function startServer(prepared: PreparedDb, port: number, production: boolean, profileDir: string, server: BenchServer): ChildProcess {
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const listen = ["--port", String(port), "--hostname", "127.0.0.1"];
  const entry =
    server === "serve"
      ? ["--import", "tsx", path.join(root, "scripts", "serve.ts"), ...listen, ...(production ? [] : ["--dev"])]
      : [nextBin(root), production ? "start" : "dev", ...listen];
  return spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: root,
    env: { ...process.env, ...prepared.env, NODE_ENV: production ? "production" : "development", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Issue 7 item 8's goals: `{ apiVersion }` over 2 000 req/s, a cached head report at p99 under 50 ms. */
const GOAL_REQ_PER_SEC = 2000;
const GOAL_HEAD_REPORT_P99_MS = 50;
const CORES = 2;

/**
 * One line per scenario: the goal, the gap, and the CPU budget per request the goal implies (with
 * CLIENTS clients, p99 < 50 ms needs ≥ CLIENTS / 0.05 s answered per second — Little's law — and
 * the server gets at most CORES cores), so an unmet goal names whether CPU per request explains it.
 */
function goalLine(mode: string, r: Result): string {
  const headReport = r.scenario.includes("head report");
  const neededReqPerSec = headReport ? CLIENTS / (GOAL_HEAD_REPORT_P99_MS / 1000) : GOAL_REQ_PER_SEC;
  const met = headReport ? r.p99 < GOAL_HEAD_REPORT_P99_MS : r.reqPerSec > GOAL_REQ_PER_SEC;
  const goal = headReport ? `p99 < ${GOAL_HEAD_REPORT_P99_MS} ms` : `> ${GOAL_REQ_PER_SEC} req/s`;
  const measured = headReport ? `p99 ${r.p99.toFixed(0)} ms` : `${r.reqPerSec.toFixed(0)} req/s`;
  const budgetMs = (CORES * 1000) / neededReqPerSec;
  const cause =
    r.cpuMsPerRequest > budgetMs
      ? `server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request exceeds the ${budgetMs.toFixed(2)} ms that ${neededReqPerSec.toFixed(0)} req/s allows on ${CORES} cores: CPU per request is the cause (docs/PERFORMANCE-LOAD.md names where it goes)`
      : `server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request is within the ${budgetMs.toFixed(2)} ms budget: the gap is waiting (database round trips, the load clients sharing the cores), not server CPU`;
  // Cores the server actually got: CPU per request × requests per second. Far below CORES while the
  // load average is far above it means the machine's other work, not our path, held the rate down.
  const used = (r.cpuMsPerRequest * r.reqPerSec) / 1000;
  const share = `; the server used ${used.toFixed(2)} of ${CORES} cores at load average ${readFileSync("/proc/loadavg", "utf8").split(" ")[0]}`;
  return `- ${mode}, ${r.scenario}: goal ${goal}, measured ${measured} — ${met ? "met" : `UNMET; ${cause}${share}`}`;
}

function row(mode: string, r: Result): string {
  return `| ${mode} | ${r.scenario} | ${r.reqPerSec.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.cpuMsPerRequest.toFixed(2)} | ${r.requests} | ${r.errors} |`;
}

async function benchMode(mode: BenchDb, server: BenchServer, production: boolean): Promise<Result[]> {
  const prepared = await prepareDb(mode);
  const port = await freePort();
  const profileDir = PROFILE_DIR ? path.resolve(PROFILE_DIR, `${mode}-${server}`) : "";
  const child = startServer(prepared, port, production, profileDir, server);
  const target: Target = { port, agent: newAgent() };
  try {
    await waitForServer(target, child);
    const headReport = JSON.stringify({ query: HEAD_REPORT_QUERY.toString(), variables: { id: prepared.modelId }, operationName: "ModelHeadReport" });
    const scenarios: Scenario[] = [
      { name: "{ apiVersion } signed out", body: JSON.stringify({ query: "{ apiVersion }" }), token: null },
      { name: "{ apiVersion } API token", body: JSON.stringify({ query: "{ apiVersion }" }), token: prepared.token },
      { name: "cached head report, API token", body: headReport, token: prepared.token },
    ];
    const results: Result[] = [];
    for (const scenario of scenarios.filter((s) => s.name.includes(ONLY))) {
      const result = await measure(target, child.pid!, scenario);
      console.log(row(`${mode}, ${server}`, result));
      results.push(result);
    }
    return results;
  } finally {
    target.agent.destroy();
    await stopServer(child);
    await prepared.destroy();
  }
}

async function main(): Promise<void> {
  const production = existsSync(path.join(root, ".next", "BUILD_ID"));
  console.log(
    production
      ? `load benchmark: production build (.next), ${CLIENTS} clients, ${SECONDS} s per scenario after ${WARMUP} s warm-up, keep-alive pool per ${AGENT === "phase" ? "phase" : "server"}, node ${process.version}, load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`
      : `load benchmark: NO production build in .next (run \`npm run build\` first) — measuring \`next dev\`, whose figures are not the production ones`,
  );
  console.log("| database, server | scenario | req/s | p50 ms | p99 ms | server CPU ms/req | requests | non-200 |");
  console.log("|---|---|---|---|---|---|---|---|");
  const results: [string, Result][] = [];
  for (const mode of MODES) for (const server of SERVERS) for (const r of await benchMode(mode, server, production)) results.push([`${mode}, ${server}`, r]);
  console.log(`\nGoals (issue 7 item 8), load average now ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}:`);
  for (const [mode, r] of results) console.log(goalLine(mode, r));
  if (PROFILE_DIR) for (const mode of MODES) for (const server of SERVERS) summarizeCpuProfiles(path.resolve(PROFILE_DIR, `${mode}-${server}`), `${mode} ${server} server`);
}

main().catch((error: unknown) => {
  console.error(`bench:load failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
