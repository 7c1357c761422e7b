/**
 * Peak memory of an ARENA-shape upload on the embedded database (issue 8 target: peak RSS under
 * 1.5 GB for the upload and for its head-report job). Starts the production build as the browser
 * tests do (fresh PGlite), signs up, writes the random ARENA-shape model as F16 (bench/arena-f16-file,
 * 167 MB) with its 50 278-token vocabulary, uploads it through POST /api/models and waits for the
 * head report the upload enqueued. Prints:
 *   server, upload   — VmHWM of the server process when the upload has answered (reset through
 *                      clear_refs after sign-up, so the start-up's migration peak is left out);
 *   server, job      — the server's peak while the job runs (VmHWM reset through clear_refs after
 *                      the upload, else sampled VmRSS): it reads the stored tensors for the child;
 *   head-report job  — the job's child process (lib/analysis/job-worker), its VmHWM sampled every
 *                      SAMPLE_MS until it exits.
 * With HEAD_PAGE=1 it then asks for what a head page asks (OV/QK top entries, spectra, composition
 * partners of one head) and prints the server's and the children's peaks for those jobs too.
 * Run: npm run bench:rss (builds the app first if it is stale). Linux only (/proc).
 */
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTeamInBrowser, openBrowserSession, signUpInBrowser } from "@/tests/helpers/browser";
import { writeArenaF16File, writeArenaTokenizer } from "./arena-f16-file";

const SAMPLE_MS = 100;
const TARGET_BYTES = 1.5e9;
const JOB_TIMEOUT_MS = 20 * 60 * 1000;

/** A `kB` field of /proc/<pid>/status in bytes, or 0 when the process is gone. */
function statusBytes(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resets the peak (VmHWM) of `pid` to its current RSS; false where the kernel refuses. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** The live child processes of `pid`. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(entry));
    } catch { /* gone */ }
  }
  return out;
}

/** Samples the server's RSS and every child's VmHWM until stopped: the peaks seen. */
function sampler(serverPid: number) {
  let server = 0;
  const children = new Map<number, number>();
  const timer = setInterval(() => {
    server = Math.max(server, statusBytes(serverPid, "VmRSS"));
    for (const c of childrenOf(serverPid)) children.set(c, Math.max(children.get(c) ?? 0, statusBytes(c, "VmHWM")));
  }, SAMPLE_MS);
  return { stop: () => { clearInterval(timer); return { server: Math.max(server, statusBytes(serverPid, "VmHWM")), children }; } };
}

const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB`;
const verdict = (b: number) => (b < TARGET_BYTES ? "under 1.5 GB" : "OVER 1.5 GB");

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "circuitboard-arena-rss-"));
  const modelPath = path.join(dir, "attn_only_2L.safetensors");
  const bytes = await writeArenaF16File(modelPath);
  const tokenizerPath = await writeArenaTokenizer(path.join(dir, "tokenizer.json"));
  const session = await openBrowserSession("bench-arena-rss");
  const { page, server } = session;
  try {
    if (!server.pid) throw new Error("the server has no pid");
    await signUpInBrowser(page, server.url, { name: "Rss Bench", email: `rss-${Date.now()}@example.test`, password: "purple elephants dance" });
    await createTeamInBrowser(page, "Rss Lab");
    const teams = await page.request.post(`${server.url}/api/graphql`, { data: { query: "{ teams { id } }" } });
    const team = ((await teams.json()) as { data: { teams: { id: string }[] } }).data.teams[0].id;
    console.log(`model ${(bytes / 1e6).toFixed(1)} MB F16; server pid ${server.pid}; start-up VmHWM ${gb(statusBytes(server.pid, "VmHWM"))}, VmRSS now ${gb(statusBytes(server.pid, "VmRSS"))}`);
    // The start-up peak (migrations through the schema engine and a shadow PGlite) is not the upload's.
    const uploadReset = resetPeak(server.pid);

    let t = Date.now();
    const res = await page.request.post(`${server.url}/api/models`, {
      multipart: {
        name: "arena-rss", team,
        tokenizer: { name: "tokenizer.json", mimeType: "application/json", buffer: readFileSync(tokenizerPath) },
        file: createReadStream(modelPath) as unknown as { name: string; mimeType: string; buffer: Buffer },
      },
      timeout: 600_000,
    });
    const uploadPeak = statusBytes(server.pid, "VmHWM");
    if (res.status() !== 201) throw new Error(`upload answered ${res.status()}: ${await res.text()}`);
    const id = ((await res.json()) as { id: string }).id;
    console.log(`upload: ${((Date.now() - t) / 1000).toFixed(1)} s; server VmHWM ${gb(uploadPeak)}${uploadReset ? "" : " (not reset: since start)"} (${verdict(uploadPeak)})`);

    const reset = resetPeak(server.pid);
    const job = sampler(server.pid);
    t = Date.now();
    for (; process.env.SKIP_REPORT !== "1";) {
      const r = await page.request.post(`${server.url}/api/graphql`, { data: { query: "query($id: ID!) { model(id: $id) { headReport { status message progress { fraction stage } } } }", variables: { id } } });
      const report = ((await r.json()) as { data: { model: { headReport: { status: string; message: string | null } } } }).data.model.headReport;
      if (!["QUEUED", "RUNNING"].includes(report.status)) {
        if (report.status !== "READY") throw new Error(`head report ${report.status}: ${report.message}`);
        break;
      }
      if (Date.now() - t > JOB_TIMEOUT_MS) throw new Error("the head report did not finish in 20 minutes");
      await new Promise((r) => setTimeout(r, 1000));
    }
    const peaks = job.stop();
    const child = Math.max(0, ...peaks.children.values());
    console.log(`head-report job: ${((Date.now() - t) / 1000).toFixed(1)} s; server peak ${gb(peaks.server)}${reset ? "" : " (VmHWM not reset: since start)"} (${verdict(peaks.server)}); job process VmHWM ${gb(child)} (${verdict(child)}) over ${peaks.children.size} child process(es)`);

    if (process.env.HEAD_PAGE === "1") {
      resetPeak(server.pid);
      const head = sampler(server.pid);
      t = Date.now();
      const q = `query($id: ID!) { model(id: $id) { head(name: "1.11") {
        ov(topK: 10, bottomK: 5) { state } qk(topK: 10) { state } eigenvalues(circuit: OV) { state } singularValues(circuit: OV) { state } composesWith(kind: K) { state } } } }`;
      for (;;) {
        // A request reset while the server stalls on a model read (docs/PERFORMANCE-ANALYZE.md) is asked again.
        const r = await page.request.post(`${server.url}/api/graphql`, { data: { query: q, variables: { id } }, timeout: 120_000 }).catch((e: unknown) => {
          if (String(e).includes("ECONNRESET")) return null;
          throw e;
        });
        if (!r) continue;
        const h = ((await r.json()) as { data: { model: { head: Record<string, { state: string }> } } }).data.model.head;
        const states = Object.values(h).map((e) => e.state);
        if (states.every((s) => s !== "QUEUED" && s !== "RUNNING")) { console.log(`head-page analyses: ${states.join(" ")}`); break; }
        if (Date.now() - t > JOB_TIMEOUT_MS) { console.log(`head-page analyses still ${states.join(" ")} after 20 minutes`); break; }
        await new Promise((r) => setTimeout(r, 2000));
      }
      const p = head.stop();
      console.log(`head-page jobs: ${((Date.now() - t) / 1000).toFixed(1)} s; server peak ${gb(p.server)}; largest child VmHWM ${gb(Math.max(0, ...p.children.values()))} over ${p.children.size} child process(es)`);
    }
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
