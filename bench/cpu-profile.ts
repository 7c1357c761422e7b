// Reads the .cpuprofile files `node --cpu-prof` wrote and prints where the time went: the top
// functions by self time, and the share of time per package (node_modules/<pkg>, node: internals,
// the app's own code), so a profile can be named in a sentence ("Apollo's pipeline 20 %, …").
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package a script URL belongs to: "next", "@apollo/server", "node:internal", "app", "(native)". */
export function packageOf(url: string): string {
  if (!url) return "(native/gc/idle)";
  if (url.startsWith("wasm://")) return "wasm (PGlite's Postgres)";
  if (url.startsWith("node:")) return "node: internals";
  const i = url.lastIndexOf("node_modules/");
  if (i >= 0) {
    const rest = url.slice(i + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes("/.next/")) return "app (.next bundle)";
  return "app";
}

/** Self time (µs) per function and per package over every profile in `dir`. */
export function summarizeCpuProfiles(dir: string, title: string, top = 25): void {
  if (!existsSync(dir)) return;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i]);
      const dt = profile.timeDeltas[i] ?? 0;
      if (!node) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)") continue;
      const key = `${functionName || "(anonymous)"} ${url ? `${url.replace(/^.*node_modules\//, "")}:${lineNumber + 1}` : ""}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + dt);
      const pkg = functionName === "(garbage collector)" ? "(garbage collector)" : packageOf(url);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
      total += dt;
    }
  }
  if (total === 0) return;
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
  console.log(`\n${title}: ${(total / 1e6).toFixed(1)} s of CPU samples (idle excluded)`);
  console.log("by package (self time):");
  for (const [pkg, us] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${pct(us).padStart(7)}  ${pkg}`);
  console.log(`top ${top} functions (self time):`);
  for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us).padStart(7)}  ${fn}`);
}

// `tsx bench/cpu-profile.ts <dir>` summarises a directory of profiles on its own.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: tsx bench/cpu-profile.ts <dir of .cpuprofile files>");
  summarizeCpuProfiles(dir, dir);
}
